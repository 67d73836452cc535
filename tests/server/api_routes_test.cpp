// Routing answers of the API: an endpoint's path with another method is 405 with Allow, any
// other path 404 no_such_endpoint; bad path parameters and bad tenant names are 400 with their
// own codes (docs/api/openapi.yaml).
#include <set>
#include <string>

#include "api_fixture.hpp"

namespace verimeter::server::testing {
namespace {

// A concrete path for a route template.
std::string concrete(std::string path) {
  for (const auto& [param, value] : {std::pair<std::string, std::string>{"{receipt_id}", "rcpt_00"},
                                     {"{tariff_id}", "default"},
                                     {"{version}", "1"}}) {
    if (auto at = path.find(param); at != std::string::npos) path.replace(at, param.size(), value);
  }
  return path;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

TEST(AllowedMethods, NamesTheMethodsOfTheRouteAConcretePathFits) {
  EXPECT_EQ(allowed_methods("/v1/attest"), "POST");
  EXPECT_EQ(allowed_methods("/healthz"), "GET, HEAD");
  EXPECT_EQ(allowed_methods("/v1/tariffs/default/1"), "GET, HEAD");
  EXPECT_EQ(allowed_methods("/v1/receipts/rcpt_00"), "GET, HEAD");
  for (const char* none : {"/", "/nope", "/healthz/", "/v1/tariffs/default", "/v1/receipts/",
                           "/v1/tariffs/default/1/x", "/v1/admin/other"})
    EXPECT_EQ(allowed_methods(none), "") << none;
}

using ApiRoutes = ApiFixture;

TEST_F(ApiRoutes, AnEndpointsPathWithAnotherMethodIs405WithAllow) {
  const http::verb methods[] = {http::verb::get, http::verb::post, http::verb::put,
                                http::verb::delete_, http::verb::patch};
  for (const auto& [method, route] : kApiRoutes) {
    const std::string path = concrete(route);
    for (const http::verb verb : methods) {
      const std::string name(http::to_string(verb));
      if (name == upper(method)) continue;
      const Response res = call(verb, path, "", admin_key_);
      EXPECT_EQ(res.result(), http::status::method_not_allowed) << name << " " << path;
      EXPECT_EQ(code_of(res), "method_not_allowed") << name << " " << path;
      const std::string allow = upper(method) + (upper(method) == "GET" ? ", HEAD" : "");
      EXPECT_EQ(res[http::field::allow], allow) << name << " " << path;
      EXPECT_EQ(res[http::field::content_type], "application/problem+json");
    }
  }
  // The cases of the audit, without credentials.
  EXPECT_EQ(call(http::verb::get, "/v1/attest")[http::field::allow], "POST");
  EXPECT_EQ(call(http::verb::delete_, "/healthz")[http::field::allow], "GET, HEAD");
}

// HEAD is answered wherever GET is, with GET's status and headers (the server drops the body).
TEST_F(ApiRoutes, HeadIsRoutedAsGet) {
  const Response get = call(http::verb::get, "/healthz");
  const Response head = call(http::verb::head, "/healthz");
  EXPECT_EQ(head.result(), http::status::ok);
  EXPECT_EQ(head[http::field::content_type], get[http::field::content_type]);
  EXPECT_EQ(call(http::verb::head, "/v1/attest").result(), http::status::method_not_allowed);
}

TEST_F(ApiRoutes, AnyOtherPathIs404NoSuchEndpoint) {
  for (const char* path : {"/nope", "/v1/attest/batch/x", "/v1/admin/other", "/healthz/"}) {
    for (const http::verb verb : {http::verb::get, http::verb::post}) {
      const Response res = call(verb, path, "{}", admin_key_);
      EXPECT_EQ(res.result(), http::status::not_found) << path;
      EXPECT_EQ(code_of(res), "no_such_endpoint") << path;
      EXPECT_EQ(res.find(http::field::allow), res.end()) << path;
    }
  }
}

TEST_F(ApiRoutes, TariffVersionZeroIsABadPathParameterLikeAnyNonVersion) {
  for (const char* version : {"0", "00", "x", "-1", "1.5"}) {
    const Response res = call(http::verb::get, std::string("/v1/tariffs/default/") + version);
    EXPECT_EQ(res.result(), http::status::bad_request) << version;
    EXPECT_EQ(code_of(res), "bad_request") << version;
  }
  EXPECT_EQ(call(http::verb::get, "/v1/tariffs/default/1").result(), http::status::ok);
  EXPECT_EQ(call(http::verb::get, "/v1/tariffs/default/99").result(), http::status::not_found);
}

TEST(TenantName, IsOneTo128OfTheAllowedCharacters) {
  for (const char* good : {"acme", "a", "A.b_c-9"}) EXPECT_TRUE(check_tenant_name(good).ok());
  EXPECT_TRUE(check_tenant_name(std::string(128, 'x')).ok());
  for (const std::string& bad : {std::string(), std::string("bad name"), std::string("a/b"),
                                 std::string(129, 'x'), std::string("caf\xc3\xa9")}) {
    const Status st = check_tenant_name(bad);
    ASSERT_FALSE(st.ok()) << bad;
    EXPECT_EQ(st.error().code, "tenant_invalid") << bad;
  }
}

TEST_F(ApiRoutes, ABadTenantNameIs400TenantInvalid) {
  for (const char* body : {R"({"name":"bad name"})", R"({"name":""})", R"({"name":7})", "{}"}) {
    const Response res = call(http::verb::post, "/v1/admin/tenants", body, admin_key_);
    EXPECT_EQ(res.result(), http::status::bad_request) << body;
    EXPECT_EQ(code_of(res), "tenant_invalid") << body;
  }
  const Response ok =
      call(http::verb::post, "/v1/admin/tenants", R"({"name":"globex"})", admin_key_);
  EXPECT_EQ(ok.result(), http::status::created) << ok.body();
}

}  // namespace
}  // namespace verimeter::server::testing

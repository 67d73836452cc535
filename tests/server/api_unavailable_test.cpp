// Every 503 the API sends carries Retry-After, whatever made it unavailable: a busy store on a
// read, a commit refused as store_busy, the store unreadable for /healthz, a refusal before the
// handler (connection cap). The overload 503 always had it; the others did not.
#include "api_fixture.hpp"

namespace verimeter::server::testing {
namespace {

using ApiUnavailable = ApiFixture;

void expect_retryable_503(const Response& res, const std::string& code, const std::string& what) {
  EXPECT_EQ(res.result(), http::status::service_unavailable) << what << ": " << res.body();
  EXPECT_EQ(code_of(res), code) << what;
  EXPECT_EQ(res[http::field::retry_after], "1") << what;
}

TEST_F(ApiUnavailable, ABusyStoreOnAReadIs503WithRetryAfter) {
  store_->reads_busy = true;
  expect_retryable_503(call(http::verb::get, "/v1/receipts/rcpt_00", "", tenant_key_), "store_busy",
                       "GET /v1/receipts");
  expect_retryable_503(call(http::verb::get, "/v1/tariffs"), "store_busy", "GET /v1/tariffs");
  expect_retryable_503(call(http::verb::get, "/v1/tariffs/default/1"), "store_busy",
                       "GET /v1/tariffs/default/1");
  expect_retryable_503(call(http::verb::get, "/healthz"), "store_unavailable", "GET /healthz");
}

TEST_F(ApiUnavailable, ACommitRefusedAsStoreBusyIs503WithRetryAfter) {
  store_->commits_busy = true;
  expect_retryable_503(call(http::verb::post, "/v1/attest", example_event(), tenant_key_),
                       "store_busy", "POST /v1/attest");
  store_->commits_busy = false;
  EXPECT_EQ(call(http::verb::post, "/v1/attest", example_event(), tenant_key_).result(),
            http::status::created);
}

TEST_F(ApiUnavailable, ARefusalBeforeTheHandlerIs503WithRetryAfter) {
  expect_retryable_503(api_->refuse(http::status::service_unavailable, 11, "too_many_connections",
                                    "connection limit reached"),
                       "too_many_connections", "refuse");
}

TEST_F(ApiUnavailable, OtherAnswersHaveNoRetryAfter) {
  const Response ok = call(http::verb::get, "/healthz");
  EXPECT_EQ(ok.result(), http::status::ok);
  EXPECT_EQ(ok.find(http::field::retry_after), ok.end());
}

}  // namespace
}  // namespace verimeter::server::testing

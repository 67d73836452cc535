// problem+json answers: every error code maps to its documented status, and a detail that quotes
// the client's bytes (invalid UTF-8 included) still yields a well-formed 4xx, never a 500.
#include "server/problem.hpp"

#include <gtest/gtest.h>

#include "core/json.hpp"

namespace verimeter::server {
namespace {

TEST(Problem, CodesMapToTheirStatus) {
  const std::pair<const char*, http::status> cases[] = {
      {"json_syntax", http::status::bad_request},
      {"attest_invalid", http::status::bad_request},
      {"tenant_invalid", http::status::bad_request},
      {"unauthorized", http::status::unauthorized},
      {"event_conflict", http::status::conflict},
      {"usage_bad_field", http::status::unprocessable_entity},
      {"model_mismatch", http::status::unprocessable_entity},
      {"tariff_no_match", http::status::unprocessable_entity},
      {"jcs_number_out_of_range", http::status::unprocessable_entity},
      {"jcs_invalid_utf8", http::status::unprocessable_entity},
      {"overloaded", http::status::service_unavailable},
      {"store_busy", http::status::service_unavailable},
      {"store_io", http::status::internal_server_error},
  };
  for (const auto& [code, status] : cases) {
    EXPECT_EQ(status_for_error(make_error(code, "x")), status) << code;
  }
}

TEST(Problem, ADetailWithInvalidUtf8IsStillAWellFormedAnswer) {
  const Response res = problem_response(make_error("json_syntax", "bad byte \xff\xfe here"));
  EXPECT_EQ(res.result(), http::status::bad_request);
  EXPECT_EQ(res[http::field::content_type], "application/problem+json");
  const auto body = parse_json(res.body());
  ASSERT_TRUE(body.ok()) << res.body();
  EXPECT_EQ((*body)["code"], "json_syntax");
  EXPECT_EQ((*body)["detail"], "bad byte \xEF\xBF\xBD\xEF\xBF\xBD here");  // U+FFFD each
}

TEST(Problem, InternalErrorsKeepTheirDetailOutOfTheAnswer) {
  const Response res = problem_response(make_error("store_io", "disk /secret/path failed"));
  EXPECT_EQ(res.result(), http::status::internal_server_error);
  EXPECT_EQ(res.body().find("/secret/path"), std::string::npos);
  EXPECT_EQ((*parse_json(res.body()))["code"], "internal_error");
}

}  // namespace
}  // namespace verimeter::server

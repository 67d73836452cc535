#include "server/problem.hpp"

#include <spdlog/spdlog.h>

#include "core/json.hpp"

namespace verimeter::server {

namespace {

bool starts_with(const std::string& s, const char* p) {
  return s.rfind(p, 0) == 0;
}

}  // namespace

Response problem_response(http::status status, const std::string& code, const std::string& detail) {
  Json body = {{"type", "urn:verimeter:problem:" + code},
               {"title", std::string(http::obsolete_reason(status))},
               {"status", static_cast<int>(status)},
               {"code", code},
               {"detail", detail}};
  Response res{status, 11};
  res.set(http::field::content_type, "application/problem+json");
  // The detail may quote the client's bytes (a parse error's context): never let invalid UTF-8
  // turn a 4xx into an exception; it is written as U+FFFD.
  res.body() = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return res;
}

http::status status_for_error(const Error& e) {
  const std::string& c = e.code;
  if (starts_with(c, "json_") || c == "attest_invalid" || c == "tenant_invalid" ||
      c == "bad_request")
    return http::status::bad_request;
  if (c == "unauthorized") return http::status::unauthorized;
  if (c == "forbidden") return http::status::forbidden;
  if (c == "not_found" || c == "tariff_not_found") return http::status::not_found;
  if (c == "event_conflict" || c == "tariff_version_exists" || c == "tenant_exists")
    return http::status::conflict;
  if (c == "overloaded" || c == "shutting_down" || c == "store_busy")
    return http::status::service_unavailable;
  // Well-formed JSON the attest cannot use: bad usage, no price, or a value that has no
  // canonical form (jcs_: an integer beyond 2^53 - 1, invalid UTF-8 inside a string).
  if (starts_with(c, "usage_") || starts_with(c, "tariff_") || starts_with(c, "charge_") ||
      starts_with(c, "jcs_") || c == "unknown_provider" || c == "model_mismatch")
    return http::status::unprocessable_entity;
  return http::status::internal_server_error;
}

Response problem_response(const Error& e) {
  const auto st = status_for_error(e);
  // Internal errors keep their detail in the server log, not in the response.
  if (st == http::status::internal_server_error) {
    spdlog::error("internal error answered as 500: {}: {}", e.code, e.message);
    return problem_response(st, "internal_error", "internal error; see the server log");
  }
  return problem_response(st, e.code, e.message);
}

Response json_response(http::status status, std::string body) {
  Response res{status, 11};
  res.set(http::field::content_type, "application/json");
  res.body() = std::move(body);
  return res;
}

}  // namespace verimeter::server

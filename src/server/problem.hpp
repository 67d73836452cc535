// RFC 9457 problem details: every error response is application/problem+json with a stable
// `code` (the same lower_snake_case codes as Result errors) and the HTTP status it maps to.
#pragma once

#include <string>

#include "core/result.hpp"
#include "server/http_server.hpp"

namespace verimeter::server {

Response problem_response(http::status status, const std::string& code, const std::string& detail);
// Maps an Error from the attest pipeline, store or parser to its HTTP status.
http::status status_for_error(const Error& e);
Response problem_response(const Error& e);
Response json_response(http::status status, std::string body);

}  // namespace verimeter::server

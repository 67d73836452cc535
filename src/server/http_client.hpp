// The one HTTP client of the project (CLI, load driver, end-to-end tests): synchronous,
// HTTP/1.1 keep-alive over one connection, reconnecting once when a kept-alive connection was
// closed by the server. Plain http:// URLs only (TLS terminates in front of the server).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace verimeter::server {

struct Url {
  std::string host;
  std::string port;
  std::string base_path;  // without trailing '/'
};

// Errors: bad_url.
Result<Url> parse_url(std::string_view url);

struct HttpResult {
  int status = 0;
  std::string body;
  std::string content_type;
  std::string retry_after;
};

class HttpClient {
 public:
  explicit HttpClient(Url url, std::chrono::seconds timeout = std::chrono::seconds(30));
  ~HttpClient();
  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;

  // method: "GET", "POST", ... target is appended to the base path. Errors: http_connect,
  // http_io.
  Result<HttpResult> request(std::string_view method, std::string_view target,
                             std::string_view body = {},
                             const std::map<std::string, std::string>& headers = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace verimeter::server

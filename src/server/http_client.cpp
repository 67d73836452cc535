#include "server/http_client.hpp"

#include <optional>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace verimeter::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

Result<Url> parse_url(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  if (url.substr(0, kScheme.size()) != kScheme)
    return make_error("bad_url", "URL must start with http:// (got \"" + std::string(url) + "\")");
  url.remove_prefix(kScheme.size());
  const auto slash = url.find('/');
  std::string_view hostport = url.substr(0, slash);
  std::string path = slash == std::string_view::npos ? "" : std::string(url.substr(slash));
  while (!path.empty() && path.back() == '/') path.pop_back();
  Url out;
  const auto colon = hostport.rfind(':');
  if (colon == std::string_view::npos) {
    out.host = std::string(hostport);
    out.port = "80";
  } else {
    out.host = std::string(hostport.substr(0, colon));
    out.port = std::string(hostport.substr(colon + 1));
  }
  if (out.host.empty() || out.port.empty() ||
      out.port.find_first_not_of("0123456789") != std::string::npos)
    return make_error("bad_url", "URL needs a host and a numeric port");
  out.base_path = std::move(path);
  return out;
}

namespace {
constexpr std::size_t kReadBufferBytes = 64 * 1024;
}

struct HttpClient::Impl {
  Url url;
  std::chrono::seconds timeout;
  net::io_context ioc;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;

  Status connect() {
    stream.reset();
    buffer.clear();
    // Beast reads max(512, free capacity) at a time and the parser drains the buffer into the
    // body, so without a reserve a 15 KB bundle arrives in 30 reads instead of one.
    buffer.reserve(kReadBufferBytes);
    beast::error_code ec;
    tcp::resolver resolver(ioc);
    auto results = resolver.resolve(url.host, url.port, ec);
    if (ec) return make_error("http_connect", "cannot resolve " + url.host + ": " + ec.message());
    stream.emplace(ioc);
    stream->expires_after(timeout);
    stream->connect(results, ec);
    if (ec) {
      stream.reset();
      return make_error("http_connect",
                        "cannot connect to " + url.host + ":" + url.port + ": " + ec.message());
    }
    stream->socket().set_option(tcp::no_delay(true), ec);
    return {};
  }

  Result<HttpResult> once(const http::request<http::string_body>& req) {
    beast::error_code ec;
    stream->expires_after(timeout);
    http::write(*stream, req, ec);
    const beast::error_code write_ec = ec;
    // Even when the write failed, the server may have answered early (e.g. 413): read it.
    http::response_parser<http::string_body> parser;
    parser.body_limit(256u << 20);
    http::read(*stream, buffer, parser, ec);
    if (ec && write_ec) return make_error("http_io", "write failed: " + write_ec.message());
    if (ec) return make_error("http_io", "read failed: " + ec.message());
    auto res = parser.release();
    HttpResult out;
    out.status = static_cast<int>(res.result_int());
    out.content_type = std::string(res[http::field::content_type]);
    out.retry_after = std::string(res[http::field::retry_after]);
    out.body = std::move(res.body());
    if (!res.keep_alive()) stream.reset();
    return out;
  }
};

HttpClient::HttpClient(Url url, std::chrono::seconds timeout) : impl_(std::make_unique<Impl>()) {
  impl_->url = std::move(url);
  impl_->timeout = timeout;
}
HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

Result<HttpResult> HttpClient::request(std::string_view method, std::string_view target,
                                       std::string_view body,
                                       const std::map<std::string, std::string>& headers) {
  http::request<http::string_body> req;
  req.method(http::string_to_verb(method));
  req.target(impl_->url.base_path + std::string(target));
  req.version(11);
  req.set(http::field::host, impl_->url.host + ":" + impl_->url.port);
  req.set(http::field::user_agent, "verimeter/0.1");
  for (const auto& [k, v] : headers) req.set(k, v);
  if (!body.empty() || method == "POST" || method == "PUT") {
    if (req[http::field::content_type].empty())
      req.set(http::field::content_type, "application/json");
    req.body() = std::string(body);
  }
  req.keep_alive(true);
  req.prepare_payload();
  const bool reused = impl_->stream.has_value();
  if (!reused) VM_CHECK(impl_->connect());
  auto res = impl_->once(req);
  if (!res.ok() && reused) {  // the server may have closed an idle keep-alive connection
    VM_CHECK(impl_->connect());
    res = impl_->once(req);
  }
  if (!res.ok()) impl_->stream.reset();
  return res;
}

}  // namespace verimeter::server

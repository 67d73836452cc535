// A small asynchronous HTTP/1.1 server on Boost.Beast: keep-alive, per-route body limits
// decided from the request header (oversized bodies are refused with 413 before they are
// read), a body read timeout (answered 408, then closed), an idle timeout (closed without an
// answer), a connection cap, and "Expect: 100-continue". Responses may
// be produced on any thread: a Reply posts back to the connection's strand, so a handler can
// hand work to another thread (e.g. the group-commit writer) without blocking I/O, and that
// thread can hand the making of the answer back to the I/O threads (Reply::post).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http.hpp>

#include "core/result.hpp"

namespace verimeter::server {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// How a handler answers one request: `answer` exactly once, from any thread. `post` runs a job
// on one of the server's I/O threads: a thread that must not be held (the durable writer) uses
// it to leave the building of a response to them. Both are cheap to copy.
struct Reply {
  std::function<void(Response)> answer;
  std::function<void(std::function<void()>)> post;
  void operator()(Response res) const { answer(std::move(res)); }
};

class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  // Largest body accepted for this request (0 = no body allowed).
  virtual std::size_t body_limit(const http::request_header<>& header) const = 0;
  virtual void handle(Request request, Reply reply) = 0;
  // Called for requests refused before the handler saw them (408, 413, 431, 503).
  virtual Response refuse(http::status status, unsigned version, const std::string& code,
                          const std::string& detail) = 0;
};

struct HttpServerOptions {
  std::string host = "127.0.0.1";  // an address, or a host name (bound to its first address)
  std::uint16_t port = 8080;       // 0 = pick a free port
  int threads = 2;
  // From the end of a request's header to the end of its body (408 request_timeout when
  // exceeded); also the deadline for writing an answer.
  std::chrono::milliseconds read_timeout{30000};
  // Waiting for the next request's header on a kept-alive connection (closed, no answer).
  std::chrono::seconds idle_timeout{75};
  std::size_t max_connections = 4096;
  std::uint32_t header_limit = 16 * 1024;
};

class HttpServer {
 public:
  HttpServer(HttpServerOptions options, HttpHandler& handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Resolves the host, binds and starts the I/O threads. Errors: listen_failed.
  Status start();
  std::uint16_t port() const { return bound_port_; }
  void stop();  // idempotent; joins the I/O threads
  std::size_t open_connections() const { return connections_->load(); }

 private:
  Result<std::vector<boost::asio::ip::tcp::endpoint>> listen_endpoints();
  boost::beast::error_code listen_on(const boost::asio::ip::tcp::endpoint& endpoint);
  void accept();

  HttpServerOptions options_;
  HttpHandler& handler_;
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::vector<std::thread> threads_;
  std::shared_ptr<std::atomic<std::size_t>> connections_;
  std::uint16_t bound_port_ = 0;
  bool stopped_ = false;
};

}  // namespace verimeter::server

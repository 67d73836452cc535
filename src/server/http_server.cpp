#include "server/http_server.hpp"

#include <limits>
#include <optional>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>

namespace verimeter::server {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr std::size_t kReadBufferBytes = 16 * 1024;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, net::io_context::executor_type pool,
          const HttpServerOptions& options, HttpHandler& handler,
          std::shared_ptr<std::atomic<std::size_t>> connections)
      : stream_(std::move(socket)),
        pool_(pool),
        options_(options),
        handler_(handler),
        connections_(std::move(connections)) {
    // Beast sizes each read as max(512, free capacity), and the parser moves the body out of
    // the buffer as it goes, so an unreserved buffer never grows past a few hundred bytes and
    // a 1 KB request takes three reads. Reserved once, most requests arrive in one read.
    buffer_.reserve(kReadBufferBytes);
  }

  ~Session() { connections_->fetch_sub(1); }

  void start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_header(); });
  }

  // Used when the connection cap is reached: answer 503 once and close.
  void refuse_and_close(http::status status, std::string code, std::string detail) {
    net::dispatch(stream_.get_executor(), [self = shared_from_this(), status,
                                           code = std::move(code), detail = std::move(detail)] {
      self->keep_alive_ = false;
      self->write(self->handler_.refuse(status, 11, code, detail));
    });
  }

 private:
  void read_header() {
    parser_.emplace();
    parser_->header_limit(options_.header_limit);
    // Beast checks Content-Length against the body limit while parsing the header; the real
    // per-route limit is applied in on_header, once the route is known.
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    stream_.expires_after(options_.idle_timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    if (ec == http::error::header_limit) {
      return fail_request(
          http::status::request_header_fields_too_large, "header_too_large",
          "request header exceeds " + std::to_string(options_.header_limit) + " bytes");
    }
    if (ec) return close();  // EOF, timeout, reset: nothing to answer
    const auto& header = parser_->get();
    keep_alive_ = header.keep_alive();
    version_ = header.version();
    const std::size_t limit = handler_.body_limit(header);
    const auto len = parser_->content_length();
    if (len && *len > limit) {
      return fail_request(http::status::payload_too_large, "body_too_large",
                          "request body of " + std::to_string(*len) +
                              " bytes exceeds the limit of " + std::to_string(limit));
    }
    parser_->body_limit(limit);
    if (beast::iequals(header[http::field::expect], "100-continue")) {
      auto cont =
          std::make_shared<http::response<http::empty_body>>(http::status::continue_, version_);
      return http::async_write(
          stream_, *cont, [self = shared_from_this(), cont](beast::error_code wec, std::size_t) {
            if (wec) return self->close();
            self->read_body();
          });
    }
    read_body();
  }

  void read_body() {
    stream_.expires_after(options_.read_timeout);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_body(ec); });
  }

  void on_body(beast::error_code ec) {
    if (ec == http::error::body_limit) {
      return fail_request(http::status::payload_too_large, "body_too_large",
                          "request body exceeds the limit for this endpoint");
    }
    if (ec == beast::error::timeout) {
      return fail_request(http::status::request_timeout, "request_timeout",
                          "request not received in time");
    }
    if (ec) return close();
    stream_.expires_never();  // the handler may take a while (group commit)
    auto self = shared_from_this();
    // dispatch, not post: an answer made on an I/O thread (after a commit, say) is written at
    // once when the connection's strand is free, without another trip through the queue.
    auto answer = [self](Response res) {
      net::dispatch(self->stream_.get_executor(),
                    [self, res = std::move(res)]() mutable { self->write(std::move(res)); });
    };
    // Jobs go to the whole pool, not this connection's strand: a batch's answers are built in
    // parallel.
    auto post = [pool = pool_](std::function<void()> job) { net::post(pool, std::move(job)); };
    handler_.handle(parser_->release(), Reply{std::move(answer), std::move(post)});
  }

  void fail_request(http::status status, const std::string& code, const std::string& detail) {
    keep_alive_ = false;  // the stream position is unknown: close after answering
    write(handler_.refuse(status, version_, code, detail));
  }

  void write(Response res) {
    res.version(version_);
    res.keep_alive(keep_alive_);
    res.prepare_payload();
    auto sp = std::make_shared<Response>(std::move(res));
    stream_.expires_after(options_.read_timeout);
    http::async_write(stream_, *sp,
                      [self = shared_from_this(), sp](beast::error_code ec, std::size_t) {
                        if (ec) return self->close();
                        if (!self->keep_alive_) return self->linger();
                        self->read_header();
                      });
  }

  // Lingering close: after refusing a request whose body is still arriving (e.g. 413), stop
  // sending and discard what the client still sends for a moment, so the client reads our
  // answer instead of a connection reset.
  void linger() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(std::chrono::seconds(2));
    discard_.resize(64 * 1024);
    drain();
  }

  void drain() {
    stream_.async_read_some(net::buffer(discard_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->close();
                              self->drain();
                            });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  net::io_context::executor_type pool_;  // all I/O threads (the stream runs on a strand of it)
  beast::flat_buffer buffer_;
  std::vector<char> discard_;
  std::optional<http::request_parser<http::string_body>> parser_;
  const HttpServerOptions& options_;
  HttpHandler& handler_;
  std::shared_ptr<std::atomic<std::size_t>> connections_;
  bool keep_alive_ = true;
  unsigned version_ = 11;
};

}  // namespace

HttpServer::HttpServer(HttpServerOptions options, HttpHandler& handler)
    : options_(std::move(options)),
      handler_(handler),
      ioc_(options_.threads),
      acceptor_(ioc_),
      connections_(std::make_shared<std::atomic<std::size_t>>(0)) {}

HttpServer::~HttpServer() {
  stop();
}

Status HttpServer::start() {
  beast::error_code ec;
  const auto addr = net::ip::make_address(options_.host, ec);
  if (ec) return make_error("listen_failed", "bad listen address " + options_.host);
  const tcp::endpoint ep{addr, options_.port};
  acceptor_.open(ep.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(ep, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return make_error("listen_failed", "cannot listen on " + options_.host + ":" +
                                           std::to_string(options_.port) + ": " + ec.message());
  }
  bound_port_ = acceptor_.local_endpoint().port();
  accept();
  for (int i = 0; i < options_.threads; ++i) threads_.emplace_back([this] { ioc_.run(); });
  return {};
}

void HttpServer::accept() {
  acceptor_.async_accept(net::make_strand(ioc_), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == net::error::operation_aborted) return;
    } else {
      const std::size_t open = connections_->fetch_add(1) + 1;
      auto session = std::make_shared<Session>(std::move(socket), ioc_.get_executor(), options_,
                                               handler_, connections_);
      if (open > options_.max_connections) {
        session->refuse_and_close(http::status::service_unavailable, "too_many_connections",
                                  "connection limit reached; retry later");
      } else {
        session->start();
      }
    }
    accept();
  });
}

void HttpServer::stop() {
  if (stopped_) return;
  stopped_ = true;
  net::post(ioc_, [this] {
    beast::error_code ec;
    acceptor_.close(ec);
  });
  ioc_.stop();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
}

}  // namespace verimeter::server

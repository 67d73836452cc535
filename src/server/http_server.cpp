#include "server/http_server.hpp"

#include <limits>
#include <optional>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>

namespace verimeter::server {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr std::size_t kReadBufferBytes = 16 * 1024;
// Deadline for writing the 408 to a client that stopped sending: short, it may not be reading.
constexpr std::chrono::seconds kTimeoutAnswerDeadline{5};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, net::io_context::executor_type pool,
          const HttpServerOptions& options, HttpHandler& handler,
          std::shared_ptr<std::atomic<std::size_t>> connections)
      : stream_(std::move(socket)),
        body_timer_(stream_.get_executor()),
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
    head_ = false;  // until this request's header says otherwise
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
    head_ = header.method() == http::verb::head;
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

  // The body read is timed by the connection's own timer, not by the stream's expiry: an expiry
  // closes the socket, after which no 408 can be sent. When the timer fires first it cancels
  // the read, and on_body answers 408 on the still open connection.
  void read_body() {
    stream_.expires_never();
    reading_body_ = true;
    body_timed_out_ = false;
    body_timer_.expires_after(options_.read_timeout);
    body_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec || !self->reading_body_) return;  // cancelled, or the body arrived meanwhile
      self->body_timed_out_ = true;
      self->stream_.cancel();
    });
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_body(ec); });
  }

  void on_body(beast::error_code ec) {
    reading_body_ = false;
    body_timer_.cancel();
    if (ec == http::error::body_limit) {
      return fail_request(http::status::payload_too_large, "body_too_large",
                          "request body exceeds the limit for this endpoint");
    }
    if (ec == net::error::operation_aborted && body_timed_out_) {
      return fail_request(http::status::request_timeout, "request_timeout",
                          "request body not received within " +
                              std::to_string(options_.read_timeout.count()) + " ms",
                          kTimeoutAnswerDeadline);
    }
    if (ec) return close();
    // (the handler may take a while: group commit; the stream has no expiry until the answer)
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

  void fail_request(http::status status, const std::string& code, const std::string& detail,
                    std::chrono::milliseconds deadline = std::chrono::milliseconds::max()) {
    keep_alive_ = false;  // the stream position is unknown: close after answering
    write(handler_.refuse(status, version_, code, detail), deadline);
  }

  // Writes an answer within min(deadline, read_timeout), then reads the next request or closes.
  void write(Response res, std::chrono::milliseconds deadline = std::chrono::milliseconds::max()) {
    res.version(version_);
    res.keep_alive(keep_alive_);
    res.prepare_payload();
    if (head_) {  // the headers a GET would get, Content-Length included, and no body
      const auto length = res.body().size();
      res.body().clear();
      res.content_length(length);
    }
    auto sp = std::make_shared<Response>(std::move(res));
    stream_.expires_after(std::min(deadline, options_.read_timeout));
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
  net::steady_timer body_timer_;         // times the body read (on the connection's strand)
  net::io_context::executor_type pool_;  // all I/O threads (the stream runs on a strand of it)
  beast::flat_buffer buffer_;
  std::vector<char> discard_;
  std::optional<http::request_parser<http::string_body>> parser_;
  const HttpServerOptions& options_;
  HttpHandler& handler_;
  std::shared_ptr<std::atomic<std::size_t>> connections_;
  bool keep_alive_ = true;
  bool head_ = false;  // the request being answered is HEAD: send no body
  bool reading_body_ = false;
  bool body_timed_out_ = false;
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

// The endpoints to try, in order: the address itself, or what the host name resolves to.
Result<std::vector<tcp::endpoint>> HttpServer::listen_endpoints() {
  beast::error_code ec;
  const auto addr = net::ip::make_address(options_.host, ec);
  if (!ec) return std::vector<tcp::endpoint>{tcp::endpoint{addr, options_.port}};
  tcp::resolver resolver(ioc_);
  const auto results =
      resolver.resolve(options_.host, std::to_string(options_.port),
                       tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || results.empty()) {
    return make_error("listen_failed", "cannot resolve listen host " + options_.host + ": " +
                                           (ec ? ec.message() : "no address"));
  }
  std::vector<tcp::endpoint> out;
  for (const auto& r : results) out.push_back(r.endpoint());
  return out;
}

// Opens, binds and listens on one endpoint; the acceptor is closed again on failure.
beast::error_code HttpServer::listen_on(const tcp::endpoint& ep) {
  beast::error_code ec;
  acceptor_.open(ep.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(ep, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    beast::error_code ignored;
    acceptor_.close(ignored);
  }
  return ec;
}

Status HttpServer::start() {
  VM_TRY(endpoints, listen_endpoints());
  beast::error_code ec;
  for (const auto& ep : endpoints) {
    if (!(ec = listen_on(ep))) break;
  }
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

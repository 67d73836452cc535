// HttpServer and HttpClient on loopback, with a handler that answers the way the attest path
// does: the request is handed to another thread, which hands the making of the answer back to
// an I/O thread (Reply::post), whose answer is dispatched onto the connection. Checked: every
// answer reaches its own connection, in order; bodies trickled byte by byte or pipelined behind
// another request are read whole; large answers arrive whole; oversized bodies get 413; a body
// that stops arriving gets 408 before the connection closes, while a slow handler or an idle
// kept-alive connection is not cut off by the read timeout; a host name is resolved to listen.
#include "server/http_server.hpp"

#include <cctype>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <random>
#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>

#include "server/http_client.hpp"

namespace verimeter::server {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

constexpr std::size_t kBodyLimit = 64 * 1024;

// One background thread that runs jobs in order, standing in for the group-commit writer.
class Worker {
 public:
  Worker() : thread_([this] { run(); }) {}
  ~Worker() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }
  void push(std::function<void()> job) {
    {
      std::lock_guard lock(mu_);
      jobs_.push_back(std::move(job));
    }
    cv_.notify_one();
  }

 private:
  void run() {
    std::unique_lock lock(mu_);
    for (;;) {
      cv_.wait(lock, [&] { return stop_ || !jobs_.empty(); });
      if (jobs_.empty()) return;
      auto job = std::move(jobs_.front());
      jobs_.pop_front();
      lock.unlock();
      job();
      lock.lock();
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  bool stop_ = false;
  std::thread thread_;
};

// Answers "<target> <body>" through the worker and an I/O thread; GET /big answers `big_size`
// bytes of a known pattern at once.
class EchoHandler : public HttpHandler {
 public:
  std::size_t big_size = 0;
  std::atomic<int> answer_delay_ms{0};  // how long the worker takes over each answer

  std::size_t body_limit(const http::request_header<>& header) const override {
    return header.method() == http::verb::post ? kBodyLimit : 0;
  }

  void handle(Request request, Reply reply) override {
    if (request.target() == "/big") return reply(text(http::status::ok, pattern(big_size)));
    std::string text_body = std::string(request.target()) + " " + request.body();
    worker_.push([this, reply, text_body = std::move(text_body)] {
      std::this_thread::sleep_for(std::chrono::milliseconds(answer_delay_ms.load()));
      reply.post([reply, text_body] { reply(text(http::status::created, text_body)); });
    });
  }

  Response refuse(http::status status, unsigned version, const std::string& code,
                  const std::string&) override {
    Response res = text(status, code);
    res.version(version);
    return res;
  }

  static std::string pattern(std::size_t n) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + (i * 7 + i / 251) % 26);
    return s;
  }

 private:
  static Response text(http::status status, std::string body) {
    Response res{status, 11};
    res.set(http::field::content_type, "text/plain");
    res.body() = std::move(body);
    return res;
  }

  Worker worker_;
};

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override { restart(HttpServerOptions{}); }
  void TearDown() override { server_->stop(); }

  // (Re)starts the server with `options` on a free port.
  void restart(HttpServerOptions options) {
    if (server_) server_->stop();
    options.port = 0;
    server_ = std::make_unique<HttpServer>(options, handler_);
    const Status started = server_->start();
    ASSERT_TRUE(started.ok()) << started.error().message;
    url_ = Url{"127.0.0.1", std::to_string(server_->port()), ""};
  }

  // A raw connection, for writing bytes exactly as a test wants them on the wire.
  tcp::socket connect_raw() {
    tcp::socket s(ioc_);
    s.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), server_->port()));
    s.set_option(tcp::no_delay(true));
    return s;
  }

  // Reads one response's header off a raw connection, up to the blank line, lower-cased; the
  // bytes after it stay in `pending`. Parsed by hand: these tests check the bytes the server
  // sends, not Beast's reader.
  static std::string read_head(tcp::socket& s, std::string& pending) {
    std::size_t end;
    while ((end = pending.find("\r\n\r\n")) == std::string::npos) {
      char chunk[4096];
      pending.append(chunk, s.read_some(net::buffer(chunk)));
    }
    std::string head = pending.substr(0, end);
    pending.erase(0, end + 4);
    for (char& ch : head) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return head;
  }

  // Reads one response: its header, then Content-Length bytes of body; bytes after it stay in
  // `pending` for the next response.
  static std::pair<unsigned, std::string> read_response(tcp::socket& s, std::string& pending) {
    const std::string head = read_head(s, pending);
    const auto status = static_cast<unsigned>(std::stoul(head.substr(9, 3)));
    const auto field = head.find("\r\ncontent-length:");
    const std::size_t length = field == std::string::npos ? 0 : std::stoul(head.substr(field + 17));
    while (pending.size() < length) {
      char chunk[4096];
      pending.append(chunk, s.read_some(net::buffer(chunk)));
    }
    std::string body = pending.substr(0, length);
    pending.erase(0, length);
    return {status, body};
  }

  static std::string post_text(const std::string& target, const std::string& body) {
    return "POST " + target +
           " HTTP/1.1\r\nHost: t\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
           body;
  }

  EchoHandler handler_;
  std::unique_ptr<HttpServer> server_;
  Url url_;
  net::io_context ioc_;
};

TEST_F(HttpServerTest, AnswersMadeOnOtherThreadsReachTheirOwnConnectionInOrder) {
  constexpr int kClients = 8;
  constexpr int kRequests = 60;
  std::vector<std::thread> clients;
  std::vector<std::string> failures(kClients);
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      HttpClient client(url_);
      std::mt19937 rng(static_cast<unsigned>(c));
      for (int i = 0; i < kRequests; ++i) {
        // Sizes straddle the read buffer so some bodies take several reads.
        const std::string body(rng() % 40000, static_cast<char>('A' + c));
        const std::string target = "/c" + std::to_string(c) + "/r" + std::to_string(i);
        auto res = client.request("POST", target, body);
        if (!res.ok() || res->status != 201 || res->body != target + " " + body) {
          failures[c] = target + ": " + (res.ok() ? res->body.substr(0, 40) : res.error().message);
          return;
        }
      }
    });
  }
  for (auto& t : clients) t.join();
  for (const auto& f : failures) EXPECT_EQ(f, "");
}

TEST_F(HttpServerTest, BodyTrickledByteByByteIsReadWhole) {
  auto s = connect_raw();
  const std::string body = EchoHandler::pattern(3000);
  const std::string wire = post_text("/slow", body);
  for (char ch : wire) net::write(s, net::buffer(&ch, 1));
  std::string pending;
  const auto [status, text] = read_response(s, pending);
  EXPECT_EQ(status, 201u);
  EXPECT_EQ(text, "/slow " + body);
}

TEST_F(HttpServerTest, PipelinedRequestsAreAnsweredInOrder) {
  auto s = connect_raw();
  // Both requests in one write: the second arrives in the read that brings the first.
  const std::string wire = post_text("/first", "one") +
                           post_text("/second", std::string(5000, 'x')) + post_text("/third", "");
  net::write(s, net::buffer(wire));
  std::string pending;
  const std::vector<std::string> expected = {"/first one", "/second " + std::string(5000, 'x'),
                                             "/third "};
  for (const auto& expect : expected) {
    const auto [status, text] = read_response(s, pending);
    EXPECT_EQ(status, 201u);
    EXPECT_EQ(text, expect);
  }
}

// A HEAD answer carries GET's Content-Length and no body, so the next answer on the same
// connection starts right after its header (a body there would be read as the next answer).
TEST_F(HttpServerTest, HeadAnswersHaveNoBodyOnAKeptAliveConnection) {
  handler_.big_size = 1000;
  auto s = connect_raw();
  const std::string wire =
      "HEAD /big HTTP/1.1\r\nHost: t\r\n\r\nGET /big HTTP/1.1\r\nHost: t\r\n\r\n";
  net::write(s, net::buffer(wire));
  std::string pending;
  const std::string head = read_head(s, pending);
  EXPECT_EQ(head.substr(0, 12), "http/1.1 200");
  EXPECT_NE(head.find("\r\ncontent-length: 1000"), std::string::npos) << head;
  const auto [status, body] = read_response(s, pending);  // the GET's answer, next on the wire
  EXPECT_EQ(status, 200u);
  EXPECT_EQ(body, EchoHandler::pattern(1000));
}

TEST_F(HttpServerTest, ClientReadsLargeAnswersWhole) {
  HttpClient client(url_);
  for (std::size_t n : {0u, 1u, 511u, 512u, 65536u, 65537u, 3u << 20}) {
    handler_.big_size = n;
    auto res = client.request("GET", "/big");
    ASSERT_TRUE(res.ok()) << res.error().message;
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->body.size(), n);
    EXPECT_TRUE(res->body == EchoHandler::pattern(n)) << "answer of " << n << " bytes differs";
  }
}

TEST_F(HttpServerTest, OversizedBodyIsRefusedWith413) {
  HttpClient client(url_);
  auto res = client.request("POST", "/x", std::string(kBodyLimit + 1, 'z'));
  ASSERT_TRUE(res.ok()) << res.error().message;
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(res->body, "body_too_large");
  // The client reconnects after the server closed; the next request is served normally.
  auto next = client.request("POST", "/y", "ok");
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(next->status, 201);
  EXPECT_EQ(next->body, "/y ok");
}

TEST_F(HttpServerTest, BodyNotReceivedInTimeIsAnswered408ThenClosed) {
  HttpServerOptions options;
  options.read_timeout = 300ms;
  restart(options);
  auto s = connect_raw();
  const auto start = SteadyClock::now();
  // Content-Length promises 100 bytes; 5 arrive, then the client waits.
  net::write(s, net::buffer(std::string(
                    "POST /stalled HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nhello")));
  std::string pending;
  const auto [status, text] = read_response(s, pending);
  const auto waited = SteadyClock::now() - start;
  EXPECT_EQ(status, 408u);
  EXPECT_EQ(text, "request_timeout");
  EXPECT_GE(waited, 250ms);
  EXPECT_LT(waited, 5s);
  // Then the server closes: the stream position is unknown.
  char byte;
  boost::system::error_code ec;
  s.read_some(net::buffer(&byte, 1), ec);
  EXPECT_EQ(ec, net::error::eof);
}

TEST_F(HttpServerTest, ReadTimeoutCutsNeitherASlowHandlerNorAnIdleKeptAliveConnection) {
  HttpServerOptions options;
  options.read_timeout = 300ms;
  restart(options);
  auto s = connect_raw();
  std::string pending;
  // The body arrives in two parts, within the timeout.
  const std::string wire = post_text("/parts", "0123456789");
  net::write(s, net::buffer(wire.substr(0, wire.size() - 5)));
  std::this_thread::sleep_for(100ms);
  net::write(s, net::buffer(wire.substr(wire.size() - 5)));
  EXPECT_EQ(read_response(s, pending), std::make_pair(201u, std::string("/parts 0123456789")));
  // The handler takes twice the read timeout over its answer.
  handler_.answer_delay_ms = 600;
  net::write(s, net::buffer(post_text("/slow-answer", "x")));
  EXPECT_EQ(read_response(s, pending), std::make_pair(201u, std::string("/slow-answer x")));
  handler_.answer_delay_ms = 0;
  // Idle longer than the read timeout between requests, on the same connection.
  std::this_thread::sleep_for(600ms);
  net::write(s, net::buffer(post_text("/after-idle", "y")));
  EXPECT_EQ(read_response(s, pending), std::make_pair(201u, std::string("/after-idle y")));
}

TEST_F(HttpServerTest, ListensOnAHostName) {
  HttpServerOptions options;
  options.host = "localhost";
  restart(options);
  HttpClient client(Url{"localhost", std::to_string(server_->port()), ""});
  auto res = client.request("POST", "/by-name", "hi");
  ASSERT_TRUE(res.ok()) << res.error().message;
  EXPECT_EQ(res->status, 201);
  EXPECT_EQ(res->body, "/by-name hi");
}

}  // namespace
}  // namespace verimeter::server

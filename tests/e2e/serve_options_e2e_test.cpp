// `verimeter serve` end to end, on options the main suite leaves at their defaults: --listen
// with a host name, --read-timeout (a body that stops arriving is answered 408 problem+json over
// a raw socket, then closed), and the tenant command its banner prints, run as printed under
// umask 022 (the key file must come out 0600, which `verimeter attest` requires).
#include <netdb.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "core/file.hpp"
#include "core/json.hpp"
#include "server/http_client.hpp"
#include "server_process.hpp"

namespace verimeter::testing {
namespace {

// Sends `bytes` on a fresh connection and returns all it receives until the server closes (or
// `timeout` passes without data). Plain sockets: these tests check the bytes on the wire.
std::string exchange_raw(const server::Url& url, const std::string& bytes,
                         std::chrono::seconds timeout) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (::getaddrinfo(url.host.c_str(), url.port.c_str(), &hints, &found) != 0) return "";
  int fd = -1;
  for (addrinfo* a = found; a && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (fd >= 0 && ::connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(found);
  if (fd < 0) return "";
  timeval tv{static_cast<time_t>(timeout.count()), 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string received;
  if (::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size())) {
    char buf[4096];
    for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;)
      received.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return received;
}

class ServeOptionsE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(make_temp_dir("vm-e2e-serve") + "/data");
    // The harness listens on 127.0.0.1:0; the last --listen wins.
    server_ = new ServerProcess(*dir_, {"--listen", "localhost:0", "--read-timeout", "1"});
    ASSERT_FALSE(server_->url().empty());
  }
  static void TearDownTestSuite() {
    if (server_) {
      EXPECT_EQ(server_->stop(), 0);
    }
    delete server_;
    delete dir_;
  }

  static inline std::string* dir_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
};

TEST_F(ServeOptionsE2E, ListensOnAHostName) {
  EXPECT_EQ(server_->url().rfind("http://localhost:", 0), 0u) << server_->url();
  server::HttpClient client(*server::parse_url(server_->url()));
  auto res = client.request("GET", "/healthz");
  ASSERT_TRUE(res.ok()) << res.error().message;
  EXPECT_EQ(res->status, 200);
}

TEST_F(ServeOptionsE2E, ABodyThatStopsArrivingIsAnswered408ThenClosed) {
  const auto start = std::chrono::steady_clock::now();
  const std::string wire =
      exchange_raw(*server::parse_url(server_->url()),
                   "POST /v1/verify HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nhello",
                   std::chrono::seconds(20));
  const auto waited = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(wire.rfind("HTTP/1.1 408 ", 0), 0u) << "got: " << wire;
  EXPECT_NE(wire.find("Content-Type: application/problem+json\r\n"), std::string::npos) << wire;
  EXPECT_NE(wire.find("Connection: close\r\n"), std::string::npos) << wire;
  const auto body = parse_json(wire.substr(wire.find("\r\n\r\n") + 4));
  ASSERT_TRUE(body.ok()) << wire;
  EXPECT_EQ((*body)["code"], "request_timeout");
  EXPECT_EQ((*body)["status"], 408);
  EXPECT_GE(waited, std::chrono::milliseconds(900));
  EXPECT_LT(waited, std::chrono::seconds(10));
}

TEST_F(ServeOptionsE2E, TheBannersTenantCommandWritesAKeyFileAttestAccepts) {
  const std::string banner = *read_file(*dir_ + ".serve.out");
  const std::string label = "Create a tenant:";
  const auto at = banner.find(label);
  ASSERT_NE(at, std::string::npos) << banner;
  std::string command = banner.substr(at + label.size(), banner.find('\n', at) - at - label.size());
  command = command.substr(command.find_first_not_of(' '));
  const std::string want =
      "(umask 077; verimeter tenant add --data " + *dir_ + " NAME | tail -n1 > NAME.key)";
  ASSERT_EQ(command, want);
  // Run as printed, from a scratch directory, with the binary under test and a permissive umask.
  const std::string work = make_temp_dir("vm-e2e-banner");
  std::string script = command;
  script.replace(script.find("verimeter "), 10, std::string(VERIMETER_BINARY) + " ");
  for (std::size_t p; (p = script.find("NAME")) != std::string::npos;) script.replace(p, 4, "acme");
  const auto ran = run_command("/bin/sh", {"-c", "umask 022; cd " + work + " && " + script});
  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  struct stat st {};
  ASSERT_EQ(::stat((work + "/acme.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  // The banner's next line: attest with that key file.
  const auto attest =
      run_verimeter({"attest", "--server", server_->url(), "--api-key-file", work + "/acme.key",
                     std::string(VERIMETER_SOURCE_DIR) + "/examples/events/openai-chat.json"});
  EXPECT_EQ(attest.exit_code, 0) << attest.err;
  EXPECT_NE(attest.out.find("\"receipt_id\""), std::string::npos) << attest.out;
}

}  // namespace
}  // namespace verimeter::testing

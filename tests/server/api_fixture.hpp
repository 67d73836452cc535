// The HTTP API in-process: an Api over a fresh data directory (tenant "acme" added), its store
// wrapped in a BusyStore, a real group-commit writer. call() hands a request straight to
// Api::handle and returns the Response object the connection would have written, so the tests
// read status, headers and body without parsing HTTP.
#pragma once

#include <chrono>
#include <future>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "busy_store.hpp"
#include "core/file.hpp"
#include "core/json.hpp"
#include "crypto/key_file.hpp"
#include "server/api.hpp"
#include "server/api_keys.hpp"
#include "server/data_dir.hpp"
#include "store/group_commit.hpp"
#include "store/temp_dir.hpp"
#include "verify/trust.hpp"

namespace verimeter::server::testing {

// The problem code of an answer ("" when the body is no problem).
inline std::string code_of(const Response& res) {
  auto body = parse_json(res.body());
  if (!body || !body->is_object() || !body->contains("code")) return "";
  return (*body)["code"].get<std::string>();
}

class ApiFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path = tmp_.file("data");
    ASSERT_TRUE(init_data_dir(path, InitOptions{"api-test.verimeter.test/log"}).ok());
    auto dir = open_data_dir(path);
    ASSERT_TRUE(dir.ok()) << dir.error().message;
    dir_ = std::make_unique<OpenedDataDir>(std::move(*dir));
    auto busy = std::make_unique<BusyStore>(std::move(dir_->store));
    store_ = busy.get();
    dir_->store = std::move(busy);
    auto tenant = create_tenant(*dir_->store, "acme");
    ASSERT_TRUE(tenant.ok());
    tenant_key_ = tenant->api_key;
    auto admin = crypto::read_secret_file(dir_->paths.admin_key);
    ASSERT_TRUE(admin.ok());
    admin_key_ = *admin;
    auto trust = verify::parse_trust(*read_file(dir_->paths.trust));
    ASSERT_TRUE(trust.ok());
    writer_ = std::make_unique<store::GroupCommitWriter>(*dir_->store);
    api_ = std::make_unique<Api>(*dir_, *writer_, std::move(*trust), nullptr);
  }

  void TearDown() override {
    api_.reset();
    if (writer_) writer_->stop();
    writer_.reset();
    dir_.reset();
  }

  // One request through Api::handle; `key` goes in "Authorization: Bearer". Jobs the answer
  // posts run inline, on the thread that posts them.
  Response call(http::verb method, const std::string& target, const std::string& body = "",
                const std::string& key = "") {
    Request req{method, target, 11};
    if (!key.empty()) req.set(http::field::authorization, "Bearer " + key);
    req.body() = body;
    req.prepare_payload();
    auto answered = std::make_shared<std::promise<Response>>();
    auto future = answered->get_future();
    api_->handle(std::move(req),
                 Reply{[answered](Response res) { answered->set_value(std::move(res)); },
                       [](std::function<void()> job) { job(); }});
    if (future.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
      ADD_FAILURE() << target << ": no answer within 30 s";
      return Response{http::status::internal_server_error, 11};
    }
    return future.get();
  }

  static std::string example_event() {
    auto text = read_file(std::string(VERIMETER_SOURCE_DIR) + "/examples/events/openai-chat.json");
    EXPECT_TRUE(text.ok());
    return text.ok() ? *text : std::string();
  }

  store::testing::TempDir tmp_;
  std::unique_ptr<OpenedDataDir> dir_;
  BusyStore* store_ = nullptr;
  std::unique_ptr<store::GroupCommitWriter> writer_;
  std::unique_ptr<Api> api_;
  std::string tenant_key_;
  std::string admin_key_;
};

}  // namespace verimeter::server::testing

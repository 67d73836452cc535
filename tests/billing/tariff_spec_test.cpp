// Checks the test vectors of docs/spec/tariff.md §8 against the implementation, so the
// specification and the code cannot drift apart: every ```json vector block is recomputed and
// compared with its expected charge object (or error), every hash vector is recomputed.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "billing/charge.hpp"
#include "core/jcs.hpp"
#include "tariff_test_fixture.hpp"

namespace verimeter::billing {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The bodies of the fenced blocks whose info string is exactly "```<info>".
std::vector<std::string> fenced_blocks(const std::string& md, const std::string& info) {
  std::vector<std::string> out;
  const std::string open = "```" + info + "\n";
  for (auto pos = md.find(open); pos != std::string::npos; pos = md.find(open, pos)) {
    pos += open.size();
    const auto end = md.find("\n```", pos);
    if (end == std::string::npos) break;
    out.push_back(md.substr(pos, end - pos));
  }
  return out;
}

Result<TariffSnapshot> load_tariff(const std::string& rel) {
  const std::string text = read_file(testing::source_path(rel));
  return rel.ends_with(".toml") ? parse_tariff_toml(text) : parse_tariff_json(text);
}

UsageBuckets buckets_from(const Json& j) {
  UsageBuckets b;
  std::uint64_t* fields[] = {&b.input_uncached,
                             &b.input_cache_read,
                             &b.input_cache_write_5m,
                             &b.input_cache_write_1h,
                             &b.output_visible,
                             &b.output_reasoning,
                             &b.audio_in,
                             &b.audio_out};
  EXPECT_EQ(j.size(), kBucketCount);
  for (std::size_t i = 0; i < kBucketCount; ++i)
    *fields[i] = j.at(kBucketNames[i]).get<std::uint64_t>();
  return b;
}

const std::string& spec() {
  static const std::string text = read_file(testing::source_path("docs/spec/tariff.md"));
  return text;
}

TEST(TariffSpec, ContentHashVectors) {
  const auto blocks = fenced_blocks(spec(), "json hash-vectors");
  ASSERT_EQ(blocks.size(), 1u);
  const Json vectors = *parse_json(blocks[0]);
  ASSERT_GE(vectors.size(), 3u);
  for (const auto& v : vectors) {
    auto t = load_tariff(v["tariff"].get<std::string>());
    ASSERT_TRUE(t.ok()) << v["tariff"] << ": " << t.error().message;
    EXPECT_EQ(tariff_content_hash(*t), v["content_hash"].get<std::string>()) << v["tariff"];
  }
}

TEST(TariffSpec, ChargeVectors) {
  const auto blocks = fenced_blocks(spec(), "json vector");
  ASSERT_GE(blocks.size(), 9u);
  int errors = 0;
  for (const auto& block : blocks) {
    auto parsed = parse_json(block);
    ASSERT_TRUE(parsed.ok()) << block;
    const Json& v = *parsed;
    SCOPED_TRACE(v["name"].get<std::string>());
    auto t = load_tariff(v["tariff"].get<std::string>());
    ASSERT_TRUE(t.ok()) << t.error().message;
    std::vector<RequestCount> requests;
    for (const auto& r : v["requests"]) {
      requests.push_back({r["name"].get<std::string>(), r["count"].get<std::uint64_t>()});
    }
    auto c =
        compute_charge(*t, v["model"].get<std::string>(), buckets_from(v["buckets"]), requests);
    if (v.contains("expected_error")) {
      ASSERT_FALSE(c.ok());
      EXPECT_EQ(c.error().code, v["expected_error"].get<std::string>());
      ++errors;
      continue;
    }
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(*jcs_canonicalize(charge_to_json(*c)), *jcs_canonicalize(v["expected"]));
    auto back = charge_from_json(v["expected"]);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, *c);
  }
  EXPECT_GE(errors, 2);
}

}  // namespace
}  // namespace verimeter::billing

#include "billing/tariff.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "core/jcs.hpp"
#include "tariff_test_fixture.hpp"

namespace verimeter::billing {
namespace {

using testing::source_path;
using testing::test_tariff;
using testing::test_tariff_json;

std::string code_of(const Json& j) {
  auto r = tariff_from_json(j);
  return r.ok() ? "ok" : r.error().code;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(Tariff, ParsesEveryField) {
  const TariffSnapshot t = test_tariff();
  EXPECT_EQ(t.tariff_id, "test-usd");
  EXPECT_EQ(t.version, 3u);
  EXPECT_EQ(format_rfc3339_millis(t.effective_from), "2025-07-01T00:00:00.000Z");
  EXPECT_EQ(t.currency, "USD");
  EXPECT_EQ(t.exponent, 6u);
  EXPECT_EQ(t.rounding, RoundingRule::kHalfEven);
  EXPECT_EQ(t.minimum_charge, 0u);
  EXPECT_FALSE(t.maximum_charge.has_value());
  ASSERT_EQ(t.models.size(), 3u);
  EXPECT_EQ(t.models[0].per_million[4], 10000000u);  // output_visible
  EXPECT_EQ(t.models[0].request_fees.at("web_search_requests"), 10000u);
  const auto& tiers = t.models[1].tiers.at("input_uncached");
  ASSERT_EQ(tiers.size(), 3u);
  EXPECT_EQ(tiers[1].up_to, std::optional<std::uint64_t>(5000));
  EXPECT_FALSE(tiers[2].up_to.has_value());
}

TEST(Tariff, CanonicalJsonRoundTripsAndHashIsStable) {
  const TariffSnapshot t = test_tariff();
  const std::string bytes = tariff_canonical_bytes(t);
  EXPECT_EQ(bytes, *jcs_canonicalize(test_tariff_json()));  // input had every field already
  auto again = parse_tariff_json(bytes);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(*again, t);
  EXPECT_EQ(tariff_content_hash(*again), tariff_content_hash(t));
  EXPECT_EQ(tariff_content_hash(t).size(), 64u);
}

TEST(Tariff, InvalidSnapshotsStillGetStableDistinctBytes) {
  TariffSnapshot t = test_tariff();
  t.tariff_id = "bad\xff";  // fails validation and is not UTF-8
  const std::string bytes = tariff_canonical_bytes(t);
  EXPECT_EQ(bytes, tariff_canonical_bytes(t));
  EXPECT_NE(bytes, tariff_canonical_bytes(test_tariff()));
  EXPECT_FALSE(parse_tariff_json(bytes).ok());
}

TEST(Tariff, PinnedTariffCarriesTheSameIdentity) {
  const TariffSnapshot t = test_tariff();
  const PinnedTariff p = pin_tariff(t);
  EXPECT_EQ(p.snapshot, t);
  EXPECT_EQ(p.canonical, tariff_canonical_bytes(t));
  EXPECT_EQ(p.content_hash, tariff_content_hash(t));
}

TEST(Tariff, EveryFieldChangesTheHash) {
  const std::string base = tariff_content_hash(test_tariff());
  std::vector<std::function<void(TariffSnapshot&)>> edits = {
      [](TariffSnapshot& t) { t.tariff_id = "test-usd2"; },
      [](TariffSnapshot& t) { t.version = 4; },
      [](TariffSnapshot& t) { t.effective_from += 1; },
      [](TariffSnapshot& t) { t.currency = "EUR"; },
      [](TariffSnapshot& t) { t.exponent = 2; },
      [](TariffSnapshot& t) { t.rounding = RoundingRule::kHalfUp; },
      [](TariffSnapshot& t) { t.minimum_charge = 1; },
      [](TariffSnapshot& t) { t.maximum_charge = 0; },
      [](TariffSnapshot& t) { t.models[0].match = "model-b"; },
      [](TariffSnapshot& t) { t.models[0].per_million[7] += 1; },
      [](TariffSnapshot& t) { t.models[1].tiers["input_uncached"][1].up_to = 5001; },
      [](TariffSnapshot& t) { t.models[1].tiers["input_uncached"][2].per_million = 0; },
      [](TariffSnapshot& t) { t.models[0].request_fees["web_search_requests"] = 1; },
      [](TariffSnapshot& t) { t.models[2].request_fees["x"] = 0; },
      [](TariffSnapshot& t) { std::swap(t.models[0], t.models[1]); },
  };
  std::set<std::string> seen{base};
  for (std::size_t i = 0; i < edits.size(); ++i) {
    TariffSnapshot t = test_tariff();
    edits[i](t);
    EXPECT_TRUE(seen.insert(tariff_content_hash(t)).second) << "edit " << i;
  }
}

TEST(Tariff, RejectsFloatsAnywhere) {
  Json j = test_tariff_json();
  j["models"][0]["per_million"]["audio_in"] = 1.5;
  EXPECT_EQ(code_of(j), "tariff_float_not_allowed");
  j = test_tariff_json();
  j["models"][1]["tiers"]["input_uncached"][0]["up_to"] = 1000.0;
  EXPECT_EQ(code_of(j), "tariff_float_not_allowed");
  EXPECT_EQ(parse_tariff_json(R"({"schema":"verimeter.tariff.v1","version":1e0})").error().code,
            "tariff_float_not_allowed");
}

TEST(Tariff, RejectsBadIntegers) {
  Json j = test_tariff_json();
  j["minimum_charge"] = -1;
  EXPECT_EQ(code_of(j), "tariff_bad_field");
  j = test_tariff_json();
  j["models"][0]["per_million"]["input_uncached"] = std::uint64_t{1} << 53;
  EXPECT_EQ(code_of(j), "tariff_bad_field");
  j["models"][0]["per_million"]["input_uncached"] = (std::uint64_t{1} << 53) - 1;
  EXPECT_EQ(code_of(j), "ok");
  j["models"][0]["per_million"]["input_uncached"] = "5";
  EXPECT_EQ(code_of(j), "tariff_bad_field");
  j = test_tariff_json();
  j["version"] = 0;
  EXPECT_EQ(code_of(j), "tariff_invalid");
  j["version"] = true;
  EXPECT_EQ(code_of(j), "tariff_bad_field");
}

TEST(Tariff, RejectsUnknownAndMissingFieldsAtEveryLevel) {
  Json j = test_tariff_json();
  j["note"] = "x";
  EXPECT_EQ(code_of(j), "tariff_unknown_field");
  j = test_tariff_json();
  j["models"][0]["comment"] = "x";
  EXPECT_EQ(code_of(j), "tariff_unknown_field");
  j = test_tariff_json();
  j["models"][0]["per_million"]["video_in"] = 1;
  EXPECT_EQ(code_of(j), "tariff_unknown_field");
  j = test_tariff_json();
  j["models"][1]["tiers"]["input_uncached"][0]["from"] = 1;
  EXPECT_EQ(code_of(j), "tariff_unknown_field");
  for (const char* key : {"tariff_id", "version", "effective_from", "currency", "exponent",
                          "rounding", "minimum_charge", "maximum_charge", "models"}) {
    j = test_tariff_json();
    j.erase(key);
    EXPECT_EQ(code_of(j), "tariff_missing_field") << key;
  }
  for (const char* key : {"match", "per_million", "tiers", "request_fees"}) {
    j = test_tariff_json();
    j["models"][0].erase(key);
    EXPECT_EQ(code_of(j), "tariff_missing_field") << key;
  }
  j = test_tariff_json();
  j["models"][0]["per_million"].erase("audio_out");
  EXPECT_EQ(code_of(j), "tariff_missing_field");
  j = test_tariff_json();
  j["models"][1]["tiers"]["input_uncached"][2].erase("up_to");
  EXPECT_EQ(code_of(j), "tariff_missing_field");
}

TEST(Tariff, SchemaSelectsTheFieldSet) {
  Json j = test_tariff_json();
  j.erase("schema");
  EXPECT_EQ(code_of(j), "tariff_missing_field");
  j["schema"] = "verimeter.tariff.v2";
  EXPECT_EQ(code_of(j), "tariff_bad_schema");
  j["schema"] = 1;
  EXPECT_EQ(code_of(j), "tariff_bad_schema");
  EXPECT_EQ(code_of(Json::array()), "tariff_bad_field");
}

TEST(Tariff, RejectsBadHeaderValues) {
  auto with = [](const char* key, Json v) {
    Json j = test_tariff_json();
    j[key] = std::move(v);
    return code_of(j);
  };
  EXPECT_EQ(with("effective_from", "2025-07-01T00:00:00Z"), "tariff_bad_field");  // not canonical
  EXPECT_EQ(with("effective_from", "2025-07-01T02:00:00.000+02:00"), "tariff_bad_field");
  EXPECT_EQ(with("effective_from", "yesterday"), "tariff_bad_field");
  EXPECT_EQ(with("currency", "usd"), "tariff_invalid");
  EXPECT_EQ(with("currency", "USDT"), "tariff_invalid");
  EXPECT_EQ(with("exponent", 19), "tariff_bad_field");
  EXPECT_EQ(with("rounding", "nearest"), "tariff_bad_field");
  EXPECT_EQ(with("tariff_id", "Test"), "tariff_invalid");
  EXPECT_EQ(with("tariff_id", ""), "tariff_invalid");
  EXPECT_EQ(with("models", Json::array()), "tariff_invalid");
  EXPECT_EQ(with("maximum_charge", 5), "ok");
  Json j = test_tariff_json();
  j["minimum_charge"] = 6;
  j["maximum_charge"] = 5;
  EXPECT_EQ(code_of(j), "tariff_invalid");
  for (const auto& name : {"half_up", "half_down", "half_even", "up", "down"}) {
    EXPECT_EQ(with("rounding", name), "ok") << name;
  }
}

TEST(Tariff, RejectsBadPatternsAndFeeNames) {
  auto with_match = [](const char* match) {
    Json j = test_tariff_json();
    j["models"][0]["match"] = match;
    return code_of(j);
  };
  EXPECT_EQ(with_match(""), "tariff_invalid");
  EXPECT_EQ(with_match("gpt-*-mini"), "tariff_invalid");
  EXPECT_EQ(with_match("has space"), "tariff_invalid");
  EXPECT_EQ(with_match("**"), "tariff_invalid");
  EXPECT_EQ(with_match(std::string(129, 'a').c_str()), "tariff_invalid");
  Json j = test_tariff_json();
  j["models"][0]["request_fees"]["Web-Search"] = 1;
  EXPECT_EQ(code_of(j), "tariff_invalid");
}

TEST(Tariff, RejectsEntriesThatCanNeverMatch) {
  Json j = test_tariff_json();
  j["models"][1]["match"] = "model-a";  // duplicate exact entry
  EXPECT_EQ(code_of(j), "tariff_unreachable_entry");
  j = test_tariff_json();
  j["models"][0]["match"] = "tiered*";
  j["models"][1]["match"] = "tiered-x";  // every name it matches starts with "tiered"
  EXPECT_EQ(code_of(j), "tariff_unreachable_entry");
  j["models"][1]["match"] = "tiered-x*";
  EXPECT_EQ(code_of(j), "tariff_unreachable_entry");
  j["models"][1]["match"] = "tiere";  // shorter than the prefix: reachable
  EXPECT_EQ(code_of(j), "ok");
  j = test_tariff_json();
  std::swap(j["models"][0], j["models"][2]);  // "*" first hides everything
  EXPECT_EQ(code_of(j), "tariff_unreachable_entry");
}

TEST(Tariff, ValidatesTiers) {
  auto with_tiers = [](Json tiers) {
    Json j = test_tariff_json();
    j["models"][1]["tiers"]["input_uncached"] = std::move(tiers);
    return code_of(j);
  };
  EXPECT_EQ(with_tiers(Json::array()), "tariff_invalid");
  EXPECT_EQ(with_tiers(R"([{"up_to":null,"per_million":3}])"_json), "ok");
  EXPECT_EQ(with_tiers(R"([{"up_to":null,"per_million":4}])"_json), "tariff_invalid");  // != base
  EXPECT_EQ(with_tiers(R"([{"up_to":10,"per_million":3}])"_json),
            "tariff_invalid");  // last bounded
  EXPECT_EQ(with_tiers(R"([{"up_to":null,"per_million":3},{"up_to":null,"per_million":1}])"_json),
            "tariff_invalid");
  EXPECT_EQ(with_tiers(R"([{"up_to":10,"per_million":3},{"up_to":10,"per_million":1},
                           {"up_to":null,"per_million":1}])"_json),
            "tariff_invalid");  // not increasing
  EXPECT_EQ(with_tiers(R"([{"up_to":0,"per_million":3},{"up_to":null,"per_million":1}])"_json),
            "tariff_invalid");  // empty first tier
  EXPECT_EQ(with_tiers(R"([{"up_to":10,"per_million":3},{"up_to":null,"per_million":9}])"_json),
            "ok");  // later tiers may cost more
  Json j = test_tariff_json();
  j["models"][1]["tiers"]["video"] = R"([{"up_to":null,"per_million":1}])"_json;
  EXPECT_EQ(code_of(j), "tariff_invalid");
}

TEST(Tariff, StrictTextParsing) {
  EXPECT_EQ(parse_tariff_json("{").error().code, "json_syntax");
  std::string dup = testing::kTestTariffJson;
  dup.insert(dup.find("\"tariff_id\""), "\"version\": 3, ");
  EXPECT_EQ(parse_tariff_json(dup).error().code, "json_duplicate_key");
  EXPECT_EQ(parse_tariff_json(std::string(kMaxTariffBytes + 1, ' ')).error().code,
            "json_too_large");
}

TEST(TariffMatch, FirstMatchWinsExactAndPrefix) {
  const TariffSnapshot t = test_tariff();
  EXPECT_EQ(find_model_price(t, "model-a")->match, "model-a");
  EXPECT_EQ(find_model_price(t, "model-a2")->match, "*");
  EXPECT_EQ(find_model_price(t, "Model-A")->match, "*");  // case-sensitive
  EXPECT_EQ(find_model_price(t, "tiered-")->match, "tiered-*");
  EXPECT_EQ(find_model_price(t, "tiered-x-2025")->match, "tiered-*");
  EXPECT_EQ(find_model_price(t, "")->match, "*");
  TariffSnapshot no_catch_all = t;
  no_catch_all.models.pop_back();
  EXPECT_EQ(find_model_price(no_catch_all, "other"), nullptr);
  EXPECT_TRUE(pattern_matches("a*", "a"));
  EXPECT_FALSE(pattern_matches("ab*", "a"));
  EXPECT_FALSE(pattern_matches("a", "a*"));
}

TEST(TariffToml, SameSnapshotAsJson) {
  const char* toml = R"(
schema = "verimeter.tariff.v1"
tariff_id = "test-usd"
version = 3
effective_from = 2025-07-01T02:00:00+02:00
currency = "USD"
exponent = 6
rounding = "half_even"
minimum_charge = 0

[[models]]
match = "model-a"
per_million = { input_uncached = 2_500_000, input_cache_read = 1_250_000, input_cache_write_5m = 3_125_000, input_cache_write_1h = 5_000_000, output_visible = 10_000_000, output_reasoning = 10_000_000, audio_in = 40_000_000, audio_out = 80_000_000 }
tiers = {}
request_fees = { web_search_requests = 10_000 }

[[models]]
match = "tiered-*"
per_million = { input_uncached = 3, input_cache_read = 1, input_cache_write_5m = 1, input_cache_write_1h = 1, output_visible = 1, output_reasoning = 1, audio_in = 1, audio_out = 1 }
request_fees = {}
[[models.tiers.input_uncached]]
up_to = 1000
per_million = 3
[[models.tiers.input_uncached]]
up_to = 5000
per_million = 2
[[models.tiers.input_uncached]]
per_million = 1

[[models]]
match = "*"
per_million = { input_uncached = 0, input_cache_read = 0, input_cache_write_5m = 0, input_cache_write_1h = 0, output_visible = 0, output_reasoning = 0, audio_in = 0, audio_out = 0 }
tiers = {}
request_fees = {}
)";
  auto t = parse_tariff_toml(toml);
  ASSERT_TRUE(t.ok()) << t.error().code << ": " << t.error().message;
  EXPECT_EQ(*t, test_tariff());
  EXPECT_EQ(tariff_content_hash(*t), tariff_content_hash(test_tariff()));
}

TEST(TariffToml, RejectsWhatJsonRejectsAndTomlSpecifics) {
  const std::string head =
      "schema = \"verimeter.tariff.v1\"\ntariff_id = \"t\"\nversion = 1\n"
      "currency = \"USD\"\nexponent = 6\nrounding = \"up\"\nminimum_charge = 0\n";
  const std::string model =
      "[[models]]\nmatch = \"*\"\ntiers = {}\nrequest_fees = {}\n"
      "per_million = { input_uncached = 1, input_cache_read = 1, input_cache_write_5m = 1, "
      "input_cache_write_1h = 1, output_visible = 1, output_reasoning = 1, audio_in = 1, "
      "audio_out = 1 }\n";
  auto code = [](const std::string& text) {
    auto r = parse_tariff_toml(text);
    return r.ok() ? std::string("ok") : r.error().code;
  };
  EXPECT_EQ(code(head + "effective_from = 2025-01-01T00:00:00Z\n" + model), "ok");
  EXPECT_EQ(code(head + "effective_from = \"2025-01-01T00:00:00.000Z\"\n" + model), "ok");
  EXPECT_EQ(code(head + "effective_from = 2025-01-01T00:00:00\n" + model), "tariff_bad_field");
  EXPECT_EQ(code(head + "effective_from = 2025-01-01\n" + model), "tariff_bad_field");
  EXPECT_EQ(code(head + "effective_from = 2025-01-01T00:00:00.0001Z\n" + model),
            "tariff_bad_field");
  EXPECT_EQ(code(head + "effective_from = 2025-01-01T00:00:00Z\nmaximum_charge = 1.0\n" + model),
            "tariff_float_not_allowed");
  EXPECT_EQ(code(head + "effective_from = 2025-01-01T00:00:00Z\nextra = 1\n" + model),
            "tariff_unknown_field");
  EXPECT_EQ(code(head + "effective_from = 2025-01-01T00:00:00Z\nversion = 2\n" + model),
            "tariff_toml_syntax");  // duplicate key
  EXPECT_EQ(code("schema = "), "tariff_toml_syntax");
  EXPECT_EQ(code(std::string(kMaxTariffBytes + 1, '#')), "tariff_too_large");
  auto t = parse_tariff_toml(head + "effective_from = 2025-01-01T00:00:00Z\n" + model);
  ASSERT_TRUE(t.ok());
  EXPECT_FALSE(t->maximum_charge.has_value());
}

TEST(TariffExamples, EveryExampleParses) {
  int count = 0;
  for (const auto& e : std::filesystem::directory_iterator(source_path("examples/tariffs"))) {
    const std::string text = read_file(e.path().string());
    const auto ext = e.path().extension().string();
    if (ext != ".json" && ext != ".toml") continue;
    auto t = ext == ".json" ? parse_tariff_json(text) : parse_tariff_toml(text);
    EXPECT_TRUE(t.ok()) << e.path() << ": " << t.error().code << " " << t.error().message;
    ++count;
  }
  EXPECT_GE(count, 3);
}

}  // namespace
}  // namespace verimeter::billing

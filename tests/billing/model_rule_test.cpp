// The priced model: the request's `model` must be the model the provider reported or a prefix of
// it, and must select the same tariff entry as the reported model. A prefix may drop a date
// ("gpt-4o" for "gpt-4o-2024-08-06"), never a tier: "gpt-5" for a "gpt-5-pro" response, or "gpt"
// (caught by the "*" entry) for an audio model, would price the call as a cheaper model.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adapters_test_util.hpp"
#include "billing/attest.hpp"
#include "billing/default_tariff.hpp"
#include "crypto/note_key.hpp"

namespace verimeter::billing {
namespace {

using testing::read_fixture;

// The default tariff's "gpt-4o*" prices as one exact-name entry "gpt-4o" (as example-usd.json
// has "gpt-4o-mini"), the only entry; empty models if the default has no "gpt-4o*".
TariffSnapshot exact_gpt4o_tariff() {
  TariffSnapshot t = default_tariff();
  const auto gpt4o = std::find_if(t.models.begin(), t.models.end(),
                                  [](const ModelPrice& m) { return m.match == "gpt-4o*"; });
  std::vector<ModelPrice> only;
  if (gpt4o != t.models.end()) {
    only.push_back(*gpt4o);
    only.back().match = "gpt-4o";
  }
  t.models = std::move(only);
  return t;
}

class ModelRule : public ::testing::Test {
 protected:
  // Attests the fixture `response` (an OpenAI chat body) with its "model" set to `reported` and
  // the request's model `asked`, under `tariff` (the default tariff unless given).
  Result<AttestOutput> attest_as(const std::string& asked, const std::string& reported,
                                 const TariffSnapshot& tariff = default_tariff()) {
    Json response = Json::parse(read_fixture("openai/chat_basic.json"));
    response["model"] = reported;
    const Json body = {{"event_id", "ev-1"},
                       {"provider", "openai"},
                       {"model", asked},
                       {"response_body", response}};
    auto req = parse_attest_request(body);
    EXPECT_TRUE(req.ok());
    if (!req.ok()) return req.error();
    return attest(*req, pin_tariff(tariff), ctx_);
  }

  crypto::SigningKey key_ = crypto::SigningKey::generate();
  crypto::NoteSigner signer_{
      "test.verimeter.example",
      crypto::compute_key_id("test.verimeter.example", crypto::NoteKeyType::kEd25519,
                             key_.public_key()),
      crypto::NoteKeyType::kEd25519, key_};
  AttestContext ctx_{"t_model", &signer_, "log.example/x", 1000, 1767225600123, nullptr, {}, false};
};

TEST_F(ModelRule, TheReportedModelOrADatelessPrefixOfItIsPriced) {
  EXPECT_TRUE(attest_as("gpt-5-pro-2025-10-06", "gpt-5-pro-2025-10-06").ok());
  EXPECT_TRUE(attest_as("gpt-5-pro", "gpt-5-pro-2025-10-06").ok());
  EXPECT_TRUE(attest_as("gpt-4o", "gpt-4o-2024-08-06").ok());
  EXPECT_TRUE(attest_as("gpt-4o-audio-preview", "gpt-4o-audio-preview-2024-12-17").ok());
}

TEST_F(ModelRule, APrefixThatSelectsAnotherTariffEntryIsRefused) {
  const std::pair<const char*, const char*> cheaper_or_dearer[] = {
      {"gpt-5", "gpt-5-pro-2025-10-06"},              // gpt-5* instead of gpt-5-pro*
      {"gpt-4o", "gpt-4o-mini-2024-07-18"},           // gpt-4o* instead of gpt-4o-mini*
      {"gpt", "gpt-4o-audio-preview-2024-12-17"},     // * instead of gpt-4o-audio-preview*
      {"claude-opus-4", "claude-opus-4-5-20251101"},  // claude-opus-4* instead of -4-5*
  };
  for (const auto& [asked, reported] : cheaper_or_dearer) {
    SCOPED_TRACE(std::string(asked) + " for " + reported);
    auto out = attest_as(asked, reported);
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.error().code, "model_mismatch");
    EXPECT_NE(out.error().message.find(reported), std::string::npos) << out.error().message;
  }
}

TEST_F(ModelRule, AModelThatIsNotAPrefixIsRefused) {
  auto out = attest_as("gpt-4", "gpt-4o-2024-08-06");  // "gpt-4" then "o": not a prefix boundary
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code, "model_mismatch");
}

// An exact-name entry ("gpt-4o" alone, as example-usd.json has "gpt-4o-mini") keeps pricing the
// dated releases the provider reports, since only the release stamp differs; a longer name it
// does not price is refused.
TEST_F(ModelRule, AnExactEntryPricesDatedReleasesButNotOtherModels) {
  const TariffSnapshot t = exact_gpt4o_tariff();
  ASSERT_EQ(t.models.size(), 1u);
  EXPECT_TRUE(attest_as("gpt-4o", "gpt-4o", t).ok());
  for (const char* dated :
       {"gpt-4o-2024-08-06", "gpt-4o-20240806", "gpt-4o@20240806", "gpt-4o-0806"}) {
    EXPECT_TRUE(attest_as("gpt-4o", dated, t).ok()) << dated;
  }
  auto out = attest_as("gpt-4o", "gpt-4o-mini-2024-07-18", t);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code, "tariff_no_match");
  EXPECT_NE(out.error().message.find("gpt-4o-mini-2024-07-18"), std::string::npos);
}

// Only a whole release stamp is dropped as a date: under an exact "gpt-4o" entry, "-2024-08",
// "-123" or "-2024-08-06x" after the name are other models, which nothing prices. And "gpt-5"
// for "gpt-5-pro-2025-10-06" ends in a date but drops "-pro" too: refused.
TEST_F(ModelRule, OnlyAWholeReleaseStampCountsAsADate) {
  const TariffSnapshot t = exact_gpt4o_tariff();
  ASSERT_EQ(t.models.size(), 1u);
  for (const char* other : {"gpt-4o-2024-08", "gpt-4o-123", "gpt-4o-2024-08-06x", "gpt-4o:0806"}) {
    auto out = attest_as("gpt-4o", other, t);
    ASSERT_FALSE(out.ok()) << other;
    EXPECT_EQ(out.error().code, "tariff_no_match") << other;
  }
  auto out = attest_as("gpt-5", "gpt-5-pro-2025-10-06");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code, "model_mismatch");
}

}  // namespace
}  // namespace verimeter::billing

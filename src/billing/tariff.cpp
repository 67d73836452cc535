// Tariff validation, model matching and content identity (docs/spec/tariff.md §2–3).
#include "billing/tariff.hpp"

#include "crypto/sha256.hpp"

namespace verimeter::billing {

namespace {

Error invalid(const std::string& message) {
  return make_error("tariff_invalid", message);
}

constexpr UnixMillis kMaxEffectiveFrom = 253402300799999;  // 9999-12-31T23:59:59.999Z

bool is_lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool valid_tariff_id(std::string_view s) {
  if (s.empty() || s.size() > 64 || !is_lower_alnum(s[0])) return false;
  for (char c : s) {
    if (!is_lower_alnum(c) && c != '.' && c != '_' && c != '-') return false;
  }
  return true;
}

bool valid_currency(std::string_view s) {
  if (s.size() != 3) return false;
  for (char c : s) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

bool valid_fee_name(std::string_view s) {
  if (s.empty() || s.size() > 64 || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  for (char c : s) {
    if (!is_lower_alnum(c) && c != '_') return false;
  }
  return true;
}

bool valid_pattern(std::string_view s) {
  if (s.empty() || s.size() > 128) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c < 0x21 || c > 0x7e) return false;
    if (c == '*' && i + 1 != s.size()) return false;
  }
  return true;
}

bool is_prefix_pattern(std::string_view p) {
  return !p.empty() && p.back() == '*';
}

// True when every model `later` matches is already matched by `earlier`.
bool shadows(std::string_view earlier, std::string_view later) {
  if (!is_prefix_pattern(earlier)) return earlier == later;
  const auto prefix = earlier.substr(0, earlier.size() - 1);
  return later.substr(0, prefix.size()) == prefix;
}

Status validate_tiers(const std::string& where, std::uint64_t base,
                      const std::vector<Tier>& tiers) {
  if (tiers.empty() || tiers.size() > kMaxTiersPerBucket) {
    return invalid(where + ": between 1 and " + std::to_string(kMaxTiersPerBucket) + " tiers");
  }
  if (tiers.front().per_million != base) {
    return invalid(where + ": the first tier's per_million must equal the bucket's per_million");
  }
  std::uint64_t previous = 0;
  for (std::size_t i = 0; i < tiers.size(); ++i) {
    const bool last = i + 1 == tiers.size();
    if (tiers[i].per_million > kMaxJsonInteger) return invalid(where + ": price >= 2^53");
    if (last != !tiers[i].up_to) {
      return invalid(where + ": only the last tier has up_to null, and it must");
    }
    if (last) break;
    if (*tiers[i].up_to <= previous || *tiers[i].up_to > kMaxJsonInteger) {
      return invalid(where + ": up_to must increase strictly, starting above 0, below 2^53");
    }
    previous = *tiers[i].up_to;
  }
  return {};
}

Status validate_model(const ModelPrice& m, const std::string& where) {
  if (!valid_pattern(m.match)) {
    return invalid(where + ".match must be 1-128 printable ASCII characters, '*' only at the end");
  }
  for (std::size_t b = 0; b < kBucketCount; ++b) {
    if (m.per_million[b] > kMaxJsonInteger) return invalid(where + ": price >= 2^53");
  }
  for (const auto& [bucket, tiers] : m.tiers) {
    std::size_t b = 0;
    while (b < kBucketCount && bucket != kBucketNames[b]) ++b;
    if (b == kBucketCount) return invalid(where + ".tiers: unknown bucket \"" + bucket + "\"");
    VM_CHECK(validate_tiers(where + ".tiers." + bucket, m.per_million[b], tiers));
  }
  if (m.request_fees.size() > kMaxRequestFees) return invalid(where + ": too many request fees");
  for (const auto& [name, unit] : m.request_fees) {
    if (!valid_fee_name(name)) {
      return invalid(where + ".request_fees: bad name \"" + name + "\" (lower_snake_case)");
    }
    if (unit > kMaxJsonInteger) return invalid(where + ".request_fees." + name + " >= 2^53");
  }
  return {};
}

Status validate_header(const TariffSnapshot& t) {
  if (!valid_tariff_id(t.tariff_id)) {
    return invalid("tariff_id must be 1-64 characters of [a-z0-9._-], starting with [a-z0-9]");
  }
  if (t.version < 1 || t.version > kMaxJsonInteger) return invalid("version must be >= 1");
  if (t.effective_from < 0 || t.effective_from > kMaxEffectiveFrom) {
    return invalid("effective_from must lie in 1970..9999");
  }
  if (!valid_currency(t.currency)) return invalid("currency must be an ISO 4217 code like USD");
  if (t.exponent > 18) return invalid("exponent must be at most 18");
  if (t.minimum_charge > kMaxJsonInteger) return invalid("minimum_charge >= 2^53");
  if (t.maximum_charge) {
    if (*t.maximum_charge > kMaxJsonInteger) return invalid("maximum_charge >= 2^53");
    if (*t.maximum_charge < t.minimum_charge) {
      return invalid("maximum_charge must not be below minimum_charge");
    }
  }
  if (t.models.empty() || t.models.size() > kMaxModelEntries) {
    return invalid("models must hold 1 to " + std::to_string(kMaxModelEntries) + " entries");
  }
  return {};
}

}  // namespace

Status validate_tariff(const TariffSnapshot& t) {
  VM_CHECK(validate_header(t));
  for (std::size_t j = 0; j < t.models.size(); ++j) {
    const std::string where = "models[" + std::to_string(j) + "]";
    VM_CHECK(validate_model(t.models[j], where));
    for (std::size_t i = 0; i < j; ++i) {
      if (shadows(t.models[i].match, t.models[j].match)) {
        return make_error("tariff_unreachable_entry",
                          where + " (\"" + t.models[j].match + "\") can never match: models[" +
                              std::to_string(i) + "] (\"" + t.models[i].match +
                              "\") comes first; put the more specific entry first");
      }
    }
  }
  return {};
}

bool pattern_matches(std::string_view pattern, std::string_view model) {
  if (!is_prefix_pattern(pattern)) return pattern == model;
  const auto prefix = pattern.substr(0, pattern.size() - 1);
  return model.substr(0, prefix.size()) == prefix;
}

const ModelPrice* find_model_price(const TariffSnapshot& t, std::string_view model) {
  for (const auto& m : t.models) {
    if (pattern_matches(m.match, model)) return &m;
  }
  return nullptr;
}

std::string tariff_content_hash(const TariffSnapshot& t) {
  return crypto::sha256_hex(tariff_canonical_bytes(t));
}

PinnedTariff pin_tariff(TariffSnapshot t) {
  PinnedTariff p{std::move(t), {}, {}};
  p.canonical = tariff_canonical_bytes(p.snapshot);
  p.content_hash = crypto::sha256_hex(p.canonical);
  return p;
}

Result<TariffSnapshot> parse_tariff_json(std::string_view text) {
  VM_TRY(j, parse_json(text, JsonLimits{kMaxTariffBytes, 16}));
  return tariff_from_json(j);
}

}  // namespace verimeter::billing

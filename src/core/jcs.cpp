#include "core/jcs.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "core/utf8.hpp"

namespace verimeter {

namespace {

constexpr std::int64_t kMaxSafeInteger = (std::int64_t{1} << 53) - 1;

bool is_ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool ascii_keys(const Json& object) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (!is_ascii(it.key())) return false;
  }
  return true;
}

void write_escape(unsigned char c, std::string& out) {
  switch (c) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    default: {
      static constexpr char kHex[] = "0123456789abcdef";
      const char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
      out.append(u, 6);
    }
  }
}

// True when none of the 8 bytes in `w` needs a look of its own: no control character, '"',
// '\\' or byte above 0x7F (the classic SWAR tests: a byte below n, a byte equal to b).
bool plain_ascii_word(std::uint64_t w) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  const auto has_zero = [](std::uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  const std::uint64_t control = (w - kOnes * 0x20) & ~w & kHigh;
  return ((w & kHigh) | control | has_zero(w ^ (kOnes * '"')) | has_zero(w ^ (kOnes * '\\'))) == 0;
}

// Appends runs of bytes that need no escape in one piece, stepping over plain ASCII eight bytes
// at a time; UTF-8 is validated only when a byte above 0x7F was seen (ASCII, the common case,
// needs no decoding).
Status write_string(std::string_view s, std::string& out) {
  out.push_back('"');
  const char* run = s.data();
  const char* const end = s.data() + s.size();
  bool ascii = true;
  for (const char* p = run; p < end; ++p) {
    std::uint64_t w;
    while (end - p >= 8 && (std::memcpy(&w, p, 8), plain_ascii_word(w))) p += 8;
    if (p == end) break;
    const auto c = static_cast<unsigned char>(*p);
    if (c >= 0x20 && c != '"' && c != '\\') {
      ascii &= c < 0x80;
      continue;
    }
    out.append(run, static_cast<std::size_t>(p - run));
    write_escape(c, out);
    run = p + 1;
  }
  out.append(run, static_cast<std::size_t>(end - run));
  out.push_back('"');
  if (!ascii && !is_valid_utf8(s))
    return make_error("jcs_invalid_utf8", "string is not valid UTF-8");
  return {};
}

template <typename Int>
void write_integer(Int v, std::string& out) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

// ECMAScript Number::toString for finite doubles (RFC 8785 §3.2.2.3), using the shortest
// round-trip digits that std::to_chars produces.
Status write_double(double d, std::string& out) {
  if (!std::isfinite(d)) return make_error("jcs_not_finite", "NaN or Infinity in JSON");
  if (d == 0) {
    out.push_back('0');
    return {};
  }
  if (d < 0) {
    out.push_back('-');
    d = -d;
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  const auto epos = sci.find('e');
  std::string digits = sci.substr(0, epos);
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  const int exp10 = std::stoi(sci.substr(epos + 1));
  const int k = static_cast<int>(digits.size());
  const int n = exp10 + 1;
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<size_t>(n));
    out.push_back('.');
    out += digits.substr(static_cast<size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-n), '0');
    out += digits;
  } else {
    out.push_back(digits[0]);
    if (k > 1) {
      out.push_back('.');
      out += digits.substr(1);
    }
    out.push_back('e');
    out.push_back(n - 1 >= 0 ? '+' : '-');
    out += std::to_string(std::abs(n - 1));
  }
  return {};
}

Status write_value(const Json& v, std::string& out) {
  switch (v.type()) {
    case Json::value_t::null:
      out += "null";
      return {};
    case Json::value_t::boolean:
      out += v.get<bool>() ? "true" : "false";
      return {};
    case Json::value_t::number_integer: {
      const auto i = v.get<std::int64_t>();
      if (i > kMaxSafeInteger || i < -kMaxSafeInteger)
        return make_error("jcs_number_out_of_range", "integer outside ±(2^53−1)");
      write_integer(i, out);
      return {};
    }
    case Json::value_t::number_unsigned: {
      const auto u = v.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(kMaxSafeInteger))
        return make_error("jcs_number_out_of_range", "integer above 2^53−1");
      write_integer(u, out);
      return {};
    }
    case Json::value_t::number_float:
      return write_double(v.get<double>(), out);
    case Json::value_t::string:
      return write_string(v.get_ref<const std::string&>(), out);
    case Json::value_t::array: {
      out.push_back('[');
      bool first = true;
      for (const auto& e : v) {
        if (!first) out.push_back(',');
        first = false;
        VM_CHECK(write_value(e, out));
      }
      out.push_back(']');
      return {};
    }
    case Json::value_t::object: {
      // The object's own (bytewise) key order is the UTF-16 order when every key is ASCII.
      if (ascii_keys(v)) {
        out.push_back('{');
        for (auto it = v.begin(); it != v.end(); ++it) {
          if (it != v.begin()) out.push_back(',');
          VM_CHECK(write_string(it.key(), out));
          out.push_back(':');
          VM_CHECK(write_value(it.value(), out));
        }
        out.push_back('}');
        return {};
      }
      std::vector<std::pair<std::u16string, const std::string*>> keys;
      keys.reserve(v.size());
      for (auto it = v.begin(); it != v.end(); ++it) {
        std::u16string k16;
        if (!utf8_to_utf16(it.key(), k16))
          return make_error("jcs_invalid_utf8", "object key is not valid UTF-8");
        keys.emplace_back(std::move(k16), &it.key());
      }
      std::sort(keys.begin(), keys.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      out.push_back('{');
      bool first = true;
      for (const auto& [k16, key] : keys) {
        if (!first) out.push_back(',');
        first = false;
        VM_CHECK(write_string(*key, out));
        out.push_back(':');
        VM_CHECK(write_value(v.at(*key), out));
      }
      out.push_back('}');
      return {};
    }
    case Json::value_t::binary:
    case Json::value_t::discarded:
      break;
  }
  return make_error("jcs_unsupported", "value cannot be represented in JSON");
}

}  // namespace

Result<std::string> jcs_canonicalize(const Json& value) {
  std::string out;
  out.reserve(256);
  VM_CHECK(write_value(value, out));
  return out;
}

void JcsObject::fail(Error e) {
  if (!error_) error_ = std::move(e);
}

bool JcsObject::key(std::string_view k) {
  if (error_) return false;
  if (!std::all_of(k.begin(), k.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    fail(make_error("jcs_key_order", "JcsObject keys must be ASCII: " + std::string(k)));
  else if (!first_ && !(std::string_view(last_key_) < k))
    fail(make_error("jcs_key_order",
                    "key \"" + std::string(k) + "\" does not follow \"" + last_key_ + "\""));
  if (error_) return false;
  if (!first_) out_.push_back(',');
  first_ = false;
  last_key_.assign(k);
  (void)write_string(k, out_);  // ASCII (checked above): cannot fail; escapes what needs it
  out_.push_back(':');
  return true;
}

JcsObject& JcsObject::string(std::string_view k, std::string_view value) {
  if (key(k)) {
    Status s = write_string(value, out_);
    if (!s) fail(s.error());
  }
  return *this;
}

JcsObject& JcsObject::integer(std::string_view k, std::int64_t value) {
  if (value > kMaxSafeInteger || value < -kMaxSafeInteger) {
    fail(make_error("jcs_number_out_of_range",
                    "integer beyond 2^53 - 1 at \"" + std::string(k) + "\""));
  } else if (key(k)) {
    write_integer(value, out_);
  }
  return *this;
}

// Within range the signed form writes the same digits; beyond it, the same refusal.
JcsObject& JcsObject::integer(std::string_view k, std::uint64_t value) {
  const auto max = static_cast<std::uint64_t>(kMaxSafeInteger);
  return integer(k, value > max ? kMaxSafeInteger + 1 : static_cast<std::int64_t>(value));
}

JcsObject& JcsObject::boolean(std::string_view k, bool value) {
  if (key(k)) out_.append(value ? "true" : "false");
  return *this;
}

JcsObject& JcsObject::null(std::string_view k) {
  if (key(k)) out_.append("null");
  return *this;
}

JcsObject& JcsObject::raw(std::string_view k, std::string_view canonical_json) {
  if (key(k)) out_.append(canonical_json);
  return *this;
}

Result<std::string> JcsObject::finish() {
  if (error_) return *error_;
  out_.push_back('}');
  return std::move(out_);
}

bool json_has_no_floats(const Json& value) {
  if (value.is_number_float()) return false;
  if (value.is_structured()) {
    for (const auto& e : value) {
      if (!json_has_no_floats(e)) return false;
    }
  }
  return true;
}

}  // namespace verimeter

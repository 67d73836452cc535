#include "core/jcs.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace verimeter {

namespace {

constexpr std::int64_t kMaxSafeInteger = (std::int64_t{1} << 53) - 1;

// Decodes UTF-8 into UTF-16 code units; false on malformed input (overlong, surrogates, >
// U+10FFFF).
bool utf8_to_utf16(const std::string& s, std::u16string& out) {
  out.clear();
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp = 0;
    size_t len = 0;
    if (c < 0x80) {
      cp = c;
      len = 1;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F;
      len = 2;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F;
      len = 3;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07;
      len = 4;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
    i += len;
  }
  return true;
}

bool is_ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Well-formed UTF-8; ASCII (the common case) is checked without decoding.
bool valid_utf8(const std::string& s) {
  std::u16string check;
  return is_ascii(s) || utf8_to_utf16(s, check);
}

bool ascii_keys(const Json& object) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (!is_ascii(it.key())) return false;
  }
  return true;
}

Status write_string(const std::string& s, std::string& out) {
  if (!valid_utf8(s)) return make_error("jcs_invalid_utf8", "string is not valid UTF-8");
  out.push_back('"');
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
  return {};
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
      out += std::to_string(i);
      return {};
    }
    case Json::value_t::number_unsigned: {
      const auto u = v.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(kMaxSafeInteger))
        return make_error("jcs_number_out_of_range", "integer above 2^53−1");
      out += std::to_string(u);
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
  VM_CHECK(write_value(value, out));
  return out;
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

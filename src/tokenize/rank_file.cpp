#include "tokenize/rank_file.hpp"

#include <sodium.h>

#include <charconv>
#include <fstream>

#include "core/bytes.hpp"

namespace verimeter::tokenize {
namespace {

constexpr std::size_t kMaxRankFileBytes = 16u << 20;

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("tokenizer_data_missing", "cannot open rank file " + path);
  std::string data;
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::streamoff>(in.tellg());
  if (size < 0 || static_cast<std::size_t>(size) > kMaxRankFileBytes)
    return make_error("tokenizer_data_invalid", "rank file too large or unreadable: " + path);
  data.resize(static_cast<std::size_t>(size));
  in.seekg(0);
  in.read(data.data(), size);
  if (!in) return make_error("tokenizer_data_missing", "cannot read rank file " + path);
  return data;
}

Error line_error(std::size_t line, const std::string& what) {
  return make_error("tokenizer_data_invalid",
                    "rank file line " + std::to_string(line + 1) + ": " + what);
}

}  // namespace

std::string sha256_hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return to_hex(ByteView(digest, sizeof digest));
}

Result<RankTable> parse_rank_file(std::string_view contents) {
  RankTable::Builder builder;
  std::size_t line = 0;
  while (!contents.empty()) {
    const std::size_t nl = contents.find('\n');
    if (nl == std::string_view::npos) return line_error(line, "missing final newline");
    const std::string_view text = contents.substr(0, nl);
    contents.remove_prefix(nl + 1);
    const std::size_t sp = text.find(' ');
    if (sp == std::string_view::npos) return line_error(line, "expected '<base64> <rank>'");
    auto bytes = from_base64(text.substr(0, sp));
    if (!bytes.ok() || bytes->empty()) return line_error(line, "bad base64 token");
    const std::string_view num = text.substr(sp + 1);
    Rank rank = 0;
    const auto [end, ec] = std::from_chars(num.data(), num.data() + num.size(), rank);
    if (ec != std::errc() || end != num.data() + num.size() || rank != line)
      return line_error(line, "rank must equal the line index");
    builder.add(as_string(*bytes), rank);
    ++line;
  }
  if (line < 256) return make_error("tokenizer_data_invalid", "rank file has too few tokens");
  RankTable table = std::move(builder).build();
  for (Rank r = 0; r < line; ++r) {  // no duplicate token bytes
    if (table.find(*table.bytes_of(r)) != r)
      return make_error("tokenizer_data_invalid",
                        "duplicate token bytes for rank " + std::to_string(r));
  }
  return table;
}

Result<RankTable> load_rank_file(const std::string& path, std::string_view expected_sha256_hex) {
  VM_TRY(data, read_file(path));
  const std::string actual = sha256_hex(data);
  if (!constant_time_equal(as_bytes(actual), as_bytes(expected_sha256_hex)))
    return make_error("tokenizer_data_hash_mismatch", "rank file " + path + " has SHA-256 " +
                                                          actual + ", expected " +
                                                          std::string(expected_sha256_hex));
  return parse_rank_file(data);
}

}  // namespace verimeter::tokenize

// The iden3 binary container shared by .r1cs, .wtns, .zkey and .ptau files: a 4-byte ASCII magic,
// u32 version, u32 section count, then sections {u32 type, u64 length, payload}. Everything is
// little-endian and sections may appear in any order (circom writes r1cs constraints before the
// header), so readers index sections first and then look them up by type.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.hpp"
#include "core/result.hpp"
#include "zk/ff/limbs.hpp"

namespace verimeter::zk::format {

// Largest file the readers accept (a zkey for ~2^20 constraints is well below this).
inline constexpr std::size_t kMaxBinFileSize = std::size_t{1} << 31;

class BinFile {
 public:
  // Parses the container: checks the magic, the section table and that every section lies
  // inside the file with nothing left over. Error code: "zk_format_invalid".
  static Result<BinFile> parse(Bytes bytes, std::string_view magic);

  std::uint32_t version() const { return version_; }
  // The payload of the one section of this type; an error when absent or duplicated.
  Result<ByteView> section(std::uint32_t type) const;
  bool has_section(std::uint32_t type) const;

 private:
  struct Entry {
    std::uint32_t type;
    std::size_t offset;
    std::size_t size;
  };
  Bytes bytes_;
  std::uint32_t version_ = 0;
  std::vector<Entry> sections_;
};

// Builds a container in memory; sections are written in the order they are added.
class BinFileWriter {
 public:
  BinFileWriter(std::string_view magic, std::uint32_t version);
  void add_section(std::uint32_t type, const Bytes& payload);
  Bytes finish() const;

 private:
  Bytes head_;
  Bytes body_;
  std::uint32_t count_ = 0;
};

// Sequential little-endian reader over one section payload with bounds checks.
class ByteCursor {
 public:
  explicit ByteCursor(ByteView data) : data_(data) {}
  Result<std::uint32_t> u32();
  Result<std::uint64_t> u64();
  Result<ByteView> take(std::size_t n);
  // 32 little-endian bytes as four limbs (no range check).
  Result<Limbs> limbs();
  std::size_t remaining() const { return data_.size() - pos_; }
  bool at_end() const { return pos_ == data_.size(); }

 private:
  ByteView data_;
  std::size_t pos_ = 0;
};

void put_u32(Bytes& out, std::uint32_t v);
void put_u64(Bytes& out, std::uint64_t v);
void put_limbs(Bytes& out, const Limbs& v);
Limbs limbs_from_le(ByteView b32);

Error format_error(std::string message);

// Whole-file helpers (binary, size-limited).
Result<Bytes> read_file(const std::string& path, std::size_t max_size = kMaxBinFileSize);
Status write_file(const std::string& path, const Bytes& data);

}  // namespace verimeter::zk::format

#include "zk/format/binfile.hpp"

#include <cstdio>
#include <fstream>
#include <memory>

namespace verimeter::zk::format {

Error format_error(std::string message) {
  return make_error("zk_format_invalid", std::move(message));
}

Result<std::uint32_t> ByteCursor::u32() {
  VM_TRY(b, take(4));
  return static_cast<std::uint32_t>(b[0]) | (static_cast<std::uint32_t>(b[1]) << 8) |
         (static_cast<std::uint32_t>(b[2]) << 16) | (static_cast<std::uint32_t>(b[3]) << 24);
}

Result<std::uint64_t> ByteCursor::u64() {
  VM_TRY(lo, u32());
  VM_TRY(hi, u32());
  return static_cast<std::uint64_t>(lo) | (static_cast<std::uint64_t>(hi) << 32);
}

Result<ByteView> ByteCursor::take(std::size_t n) {
  if (n > remaining()) return format_error("unexpected end of section");
  ByteView out = data_.subspan(pos_, n);
  pos_ += n;
  return out;
}

Result<Limbs> ByteCursor::limbs() {
  VM_TRY(b, take(32));
  return limbs_from_le(b);
}

Limbs limbs_from_le(ByteView b) {
  Limbs out{};
  for (int i = 0; i < 4; ++i) {
    u64 w = 0;
    for (int j = 7; j >= 0; --j) w = (w << 8) | b[static_cast<std::size_t>(8 * i + j)];
    out[static_cast<std::size_t>(i)] = w;
  }
  return out;
}

void put_u32(Bytes& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

void put_u64(Bytes& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

void put_limbs(Bytes& out, const Limbs& v) {
  for (u64 w : v) put_u64(out, w);
}

Result<BinFile> BinFile::parse(Bytes bytes, std::string_view magic) {
  BinFile f;
  f.bytes_ = std::move(bytes);
  ByteCursor cur(f.bytes_);
  VM_TRY(m, cur.take(4));
  if (as_string(m) != magic)
    return format_error("bad magic, expected '" + std::string(magic) + "'");
  VM_TRY(version, cur.u32());
  VM_TRY(count, cur.u32());
  f.version_ = version;
  for (std::uint32_t i = 0; i < count; ++i) {
    VM_TRY(type, cur.u32());
    VM_TRY(size, cur.u64());
    if (size > cur.remaining()) return format_error("section extends past end of file");
    const std::size_t offset = f.bytes_.size() - cur.remaining();
    f.sections_.push_back({type, offset, static_cast<std::size_t>(size)});
    VM_TRY(skipped, cur.take(static_cast<std::size_t>(size)));
    (void)skipped;
  }
  if (!cur.at_end()) return format_error("trailing bytes after the last section");
  return f;
}

Result<ByteView> BinFile::section(std::uint32_t type) const {
  const Entry* found = nullptr;
  for (const Entry& e : sections_) {
    if (e.type != type) continue;
    if (found) return format_error("duplicate section " + std::to_string(type));
    found = &e;
  }
  if (!found) return format_error("missing section " + std::to_string(type));
  return ByteView(bytes_).subspan(found->offset, found->size);
}

bool BinFile::has_section(std::uint32_t type) const {
  for (const Entry& e : sections_) {
    if (e.type == type) return true;
  }
  return false;
}

BinFileWriter::BinFileWriter(std::string_view magic, std::uint32_t version) {
  head_.assign(magic.begin(), magic.end());
  put_u32(head_, version);
}

void BinFileWriter::add_section(std::uint32_t type, const Bytes& payload) {
  put_u32(body_, type);
  put_u64(body_, payload.size());
  body_.insert(body_.end(), payload.begin(), payload.end());
  ++count_;
}

Bytes BinFileWriter::finish() const {
  Bytes out = head_;
  put_u32(out, count_);
  out.insert(out.end(), body_.begin(), body_.end());
  return out;
}

Result<Bytes> read_file(const std::string& path, std::size_t max_size) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return make_error("zk_file_unreadable", "cannot open " + path);
  const std::streamoff size = in.tellg();
  if (size < 0) return make_error("zk_file_unreadable", "cannot size " + path);
  if (static_cast<std::uint64_t>(size) > max_size) {
    return make_error("zk_file_too_large", path + " exceeds the size limit");
  }
  Bytes data(static_cast<std::size_t>(size));
  in.seekg(0);
  if (!in.read(reinterpret_cast<char*>(data.data()), size)) {
    return make_error("zk_file_unreadable", "short read on " + path);
  }
  return data;
}

Status write_file(const std::string& path, const Bytes& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return make_error("zk_file_unwritable", "cannot create " + path);
  out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
  out.flush();
  if (!out) return make_error("zk_file_unwritable", "write failed on " + path);
  return {};
}

}  // namespace verimeter::zk::format

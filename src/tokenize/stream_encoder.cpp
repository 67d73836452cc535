#include "tokenize/stream_encoder.hpp"

namespace verimeter::tokenize {
namespace {

constexpr std::size_t kMinBatch = 1u << 20;  // encode in batches of at least 1 MiB

bool ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

StreamEncoder::StreamEncoder(const Encoding& enc, Sink sink, std::set<std::string> allowed)
    : enc_(enc), sink_(std::move(sink)), specials_(std::move(allowed)) {}

std::size_t StreamEncoder::last_safe_cut(std::string_view text, std::size_t from) {
  for (std::size_t i = text.size(); i > from && i >= 2; --i) {
    if (text[i - 2] == '\n' && ascii_letter(text[i - 1])) return i - 1;
  }
  return 0;
}

void StreamEncoder::feed(std::string_view chunk) {
  buffer_.append(chunk);
  if (buffer_.size() < kMinBatch) return;
  const std::size_t cut = last_safe_cut(buffer_, scanned_);
  scanned_ = buffer_.size() > 0 ? buffer_.size() - 1 : 0;
  if (cut == 0) return;
  emit(std::string_view(buffer_).substr(0, cut));
  buffer_.erase(0, cut);
  scanned_ = buffer_.size() > 0 ? buffer_.size() - 1 : 0;
}

void StreamEncoder::finish() {
  emit(buffer_);
  buffer_.clear();
  scanned_ = 0;
}

void StreamEncoder::emit(std::string_view text) {
  ids_.clear();
  if (specials_.empty()) {
    ids_ = enc_.encode(text);
  } else {
    auto r = enc_.encode_with_specials(text, specials_);
    if (r.ok()) ids_ = std::move(*r);
  }
  tokens_ += ids_.size();
  if (!ids_.empty()) sink_(ids_);
}

}  // namespace verimeter::tokenize

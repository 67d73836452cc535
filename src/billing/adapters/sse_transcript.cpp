#include "billing/adapters/sse_transcript.hpp"

namespace verimeter::billing::adapters {

namespace {

// Next line of `text` from `pos` (without its terminator); advances `pos` past the terminator.
std::string_view next_line(std::string_view text, std::size_t& pos) {
  const std::size_t start = pos;
  while (pos < text.size() && text[pos] != '\n' && text[pos] != '\r') ++pos;
  const std::string_view line = text.substr(start, pos - start);
  if (pos < text.size()) {
    if (text[pos] == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ++pos;
    ++pos;
  }
  return line;
}

struct Pending {
  std::string event;
  std::string data;
  bool has_data = false;

  void field(std::string_view name, std::string_view value) {
    if (name == "event") {
      event = std::string(value);
    } else if (name == "data") {
      if (has_data) data += '\n';
      data += value;
      has_data = true;
    }
  }
  void dispatch(std::vector<SseEvent>& out) {
    if (has_data) out.push_back(SseEvent{event, data});
    *this = Pending{};
  }
};

}  // namespace

Result<std::vector<SseEvent>> parse_sse(std::string_view text) {
  if (text.size() > kMaxTranscriptBytes) {
    return make_error("usage_too_large", "stream transcript of " + std::to_string(text.size()) +
                                             " bytes exceeds the limit of " +
                                             std::to_string(kMaxTranscriptBytes));
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<SseEvent> out;
  Pending pending;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::string_view line = next_line(text, pos);
    if (line.empty()) {
      pending.dispatch(out);
      continue;
    }
    if (line.front() == ':') continue;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      pending.field(line, "");
      continue;
    }
    std::string_view value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    pending.field(line.substr(0, colon), value);
  }
  pending.dispatch(out);
  return out;
}

bool looks_like_sse(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::string_view line = next_line(text, pos);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    return line.starts_with("data:") || line.starts_with("event:") || line.starts_with("id:") ||
           line.starts_with("retry:") || line.starts_with(":");
  }
  return false;
}

std::vector<std::string_view> ndjson_lines(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::string_view line = next_line(text, pos);
    if (line.find_first_not_of(" \t") != std::string_view::npos) out.push_back(line);
  }
  return out;
}

}  // namespace verimeter::billing::adapters

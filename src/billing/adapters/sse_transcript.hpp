// Server-Sent Events transcripts (the text/event-stream body of a streamed provider response),
// split into events as the WHATWG EventSource algorithm does: lines end in CRLF, LF or CR; a blank
// line dispatches; "field: value" drops one space after the colon; several data lines join with
// LF; comment lines (":…") and id/retry fields are ignored. One deliberate difference: a final
// event that is not followed by a blank line is still dispatched, because captured transcripts
// often lose their trailing newline (a truncated JSON payload still fails to parse later).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace verimeter::billing::adapters {

struct SseEvent {
  std::string event;  // "" when the stream gave no event: field ("message" in browsers)
  std::string data;
  bool operator==(const SseEvent&) const = default;
};

inline constexpr std::size_t kMaxTranscriptBytes = 16 * 1024 * 1024;

// usage_too_large beyond kMaxTranscriptBytes.
Result<std::vector<SseEvent>> parse_sse(std::string_view text);

// True when the text looks like an SSE stream rather than a JSON document: its first
// non-blank line starts with "data:", "event:", "id:", "retry:" or ":".
bool looks_like_sse(std::string_view text);

// Non-empty lines of an NDJSON stream (Ollama); CRLF tolerated.
std::vector<std::string_view> ndjson_lines(std::string_view text);

}  // namespace verimeter::billing::adapters

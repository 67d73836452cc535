// Streamed OpenAI responses given as their raw SSE transcript (research/metering.md §2.2, §2.3).
// Chat Completions: with stream_options.include_usage the last chunk before `data: [DONE]` has
// `choices: []` and the usage totals (some servers put them on the chunk with the last
// finish_reason instead); every other chunk has `usage: null`, except with vLLM
// continuous_usage_stats, whose running counts on earlier chunks are never billed. Only a completed
// stream is billed, from its last chunk: the stream must end with `data: [DONE]`, the chunk just
// before it must carry usage, and every choice must have had a finish_reason. Usage on any earlier
// chunk (a cut stream) is not known to be final. Responses: usage is read only from the full
// response object of the terminal event (response.completed, response.incomplete or
// response.failed). A stream that did not complete — interrupted, or streamed without include_usage
// — is usage_missing, never zero. A data event after `data: [DONE]` is usage_unknown_format.
#pragma once

#include <string_view>

#include "billing/adapters/openai_chat.hpp"
#include "billing/usage.hpp"
#include "core/result.hpp"

namespace verimeter::billing::adapters {

// Detects chat-completion chunks vs Responses events from the first data event.
Result<NormalizedUsage> normalize_openai_stream(std::string_view transcript, ChatDialect dialect);

}  // namespace verimeter::billing::adapters

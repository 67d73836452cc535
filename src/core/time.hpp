// Instants as integer milliseconds since the Unix epoch (UTC), written in signed objects as
// RFC 3339 strings in one fixed form: "YYYY-MM-DDTHH:MM:SS.mmmZ".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace verimeter {

using UnixMillis = std::int64_t;

UnixMillis now_millis();
std::string format_rfc3339_millis(UnixMillis t);
// Accepts RFC 3339 date-times with any fraction (truncated to ms) and a Z or ±HH:MM offset;
// years 1970..9999. Error code: bad_time.
Result<UnixMillis> parse_rfc3339(std::string_view s);

}  // namespace verimeter

// Files: bounded reads and durable writes. A durable write goes to a temporary file in the
// same directory, is fsync'ed, renamed over the target, and the directory is fsync'ed, so a
// crash leaves either the old or the new content, never a torn file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <sys/types.h>

#include "core/result.hpp"

namespace verimeter {

// Errors: file_not_found, file_too_large, file_io.
Result<std::string> read_file(const std::string& path, std::size_t max_bytes = 64u << 20);
Status write_file_durable(const std::string& path, std::string_view data, mode_t mode = 0644);
// Creates the directory (and parents) with the given mode if missing.
Status ensure_directory(const std::string& path, mode_t mode = 0700);
bool file_exists(const std::string& path);

}  // namespace verimeter

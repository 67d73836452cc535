// The one reader and writer of secret key files. Secret files are created with mode 0600 and
// refused when group or others can read them; they are never overwritten.
#pragma once

#include <string>

#include "core/result.hpp"
#include "crypto/note_key.hpp"

namespace verimeter::crypto {

// Errors: file_not_found, key_file_permissions, bad_private_key, ...
Result<NoteSigner> read_private_key_file(const std::string& path);
// Errors: key_file_exists, file_io.
Status write_private_key_file(const std::string& path, const NoteSigner& signer);

// Any secret text (API keys): same mode rules. Trailing newline is stripped on read.
Result<std::string> read_secret_file(const std::string& path);
Status write_secret_file(const std::string& path, const std::string& secret);

}  // namespace verimeter::crypto

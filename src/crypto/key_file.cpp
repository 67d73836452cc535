#include "crypto/key_file.hpp"

#include <sys/stat.h>

#include <sodium.h>

#include "core/file.hpp"

namespace verimeter::crypto {

Result<std::string> read_secret_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return make_error("file_not_found", "no such file: " + path);
  if ((st.st_mode & 077) != 0) {
    return make_error("key_file_permissions",
                      path + " is readable by group or others; run: chmod 600 " + path);
  }
  VM_TRY(text, read_file(path, 64 * 1024));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

Status write_secret_file(const std::string& path, const std::string& secret) {
  if (file_exists(path))
    return make_error("key_file_exists", path + " already exists; not overwriting");
  return write_file_durable(path, secret + "\n", 0600);
}

Result<NoteSigner> read_private_key_file(const std::string& path) {
  VM_TRY(text, read_secret_file(path));
  auto signer = parse_private_key(text);
  sodium_memzero(text.data(), text.size());
  return signer;
}

Status write_private_key_file(const std::string& path, const NoteSigner& signer) {
  std::string text = signer.to_private_string();
  auto st = write_secret_file(path, text);
  sodium_memzero(text.data(), text.size());
  return st;
}

}  // namespace verimeter::crypto

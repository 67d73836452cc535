#include "tokenize/data_dir.hpp"

#include <cstdlib>
#include <filesystem>
#include <vector>

#ifndef VERIMETER_TOKENIZER_DATA_DIR
#define VERIMETER_TOKENIZER_DATA_DIR ""
#endif

namespace verimeter::tokenize {

Result<std::string> find_data_dir(std::string_view explicit_dir, std::string_view probe_file) {
  namespace fs = std::filesystem;
  std::vector<std::string> candidates;
  if (!explicit_dir.empty()) {
    candidates.emplace_back(explicit_dir);  // an explicit choice is never second-guessed
  } else {
    if (const char* env = std::getenv(std::string(kDataDirEnv).c_str()); env && *env) {
      candidates.emplace_back(env);
    } else {
      if (*VERIMETER_TOKENIZER_DATA_DIR) candidates.emplace_back(VERIMETER_TOKENIZER_DATA_DIR);
      std::error_code ec;
      const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
      if (!ec) {
        candidates.push_back((exe.parent_path() / "data/tokenize").string());
        candidates.push_back((exe.parent_path().parent_path() / "data/tokenize").string());
        candidates.push_back((exe.parent_path() / "../share/verimeter/tokenize").string());
      }
    }
  }
  std::string tried;
  for (const auto& dir : candidates) {
    std::error_code ec;
    if (fs::is_regular_file(fs::path(dir) / probe_file, ec)) return dir;
    tried += (tried.empty() ? "" : ", ") + dir;
  }
  return make_error("tokenizer_data_missing", "no tokenizer data directory with " +
                                                  std::string(probe_file) + " (tried: " + tried +
                                                  "; set " + std::string(kDataDirEnv) + ")");
}

}  // namespace verimeter::tokenize

// Where the rank files live at run time. Order: an explicit directory (parameter or CLI flag),
// then $VERIMETER_TOKENIZER_DIR, then the directory compiled in (the source tree's
// data/tokenize), then data/tokenize next to or one level above the running executable.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace verimeter::tokenize {

inline constexpr std::string_view kDataDirEnv = "VERIMETER_TOKENIZER_DIR";

// The first candidate directory that contains `probe_file`, or an error listing the candidates.
Result<std::string> find_data_dir(std::string_view explicit_dir,
                                  std::string_view probe_file = "o200k_base.tiktoken");

}  // namespace verimeter::tokenize

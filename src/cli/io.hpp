// Small helpers shared by the CLI commands: reading an input file or stdin ("-") with a size
// limit, and reporting an Error on stderr.
#pragma once

#include <cstddef>
#include <string>

#include "core/result.hpp"

namespace verimeter::cli {

Result<std::string> read_input(const std::string& path_or_dash, std::size_t max_bytes = 64u << 20);
// Prints "verimeter: <code>: <message>" to stderr and returns `exit_code`.
int report(const Error& e, int exit_code = 2);

}  // namespace verimeter::cli

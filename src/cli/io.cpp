#include "cli/io.hpp"

#include <cstdio>
#include <iostream>
#include <iterator>

#include "core/file.hpp"

namespace verimeter::cli {

Result<std::string> read_input(const std::string& path_or_dash, std::size_t max_bytes) {
  if (path_or_dash != "-") return read_file(path_or_dash, max_bytes);
  std::string out;
  char buf[1 << 16];
  while (std::cin.read(buf, sizeof buf) || std::cin.gcount() > 0) {
    out.append(buf, static_cast<std::size_t>(std::cin.gcount()));
    if (out.size() > max_bytes)
      return make_error("file_too_large",
                        "standard input exceeds " + std::to_string(max_bytes) + " bytes");
  }
  return out;
}

int report(const Error& e, int exit_code) {
  std::fprintf(stderr, "verimeter: %s: %s\n", e.code.c_str(), e.message.c_str());
  return exit_code;
}

}  // namespace verimeter::cli

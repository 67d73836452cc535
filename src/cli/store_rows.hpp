// `verimeter tenant list` and `tariff list`: open the data directory, fetch rows from its
// store, print one line per row; errors reported on stderr with exit code 2.
#pragma once

#include <string>

#include "cli/io.hpp"
#include "server/data_dir.hpp"

namespace verimeter::cli {

// `fetch(store)` returns Result<std::vector<Row>>; `print(row)` writes one line. The exit code.
template <typename Fetch, typename Print>
int print_store_rows(const std::string& data_dir, Fetch fetch, Print print) {
  auto dir = server::open_data_dir(data_dir);
  if (!dir) return report(dir.error());
  auto rows = fetch(*dir->store);
  if (!rows) return report(rows.error());
  for (const auto& row : *rows) print(row);
  return 0;
}

}  // namespace verimeter::cli

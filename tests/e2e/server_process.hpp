// The end-to-end tests' view of tests/support/child_process: the verimeter binary under test
// (VERIMETER_BINARY), and a server whose failure to start fails the test.
#pragma once

#include <string>
#include <vector>

#include "support/child_process.hpp"

namespace verimeter::testing {

// Runs the verimeter binary under test with `args` (stdin from `input`).
CommandResult run_verimeter(const std::vector<std::string>& args, const std::string& input = "");

// `verimeter serve` on a free loopback port; ADD_FAILURE (and an empty url) if it does not start
// within 30 s.
class ServerProcess : public ServeProcess {
 public:
  explicit ServerProcess(const std::string& data_dir, const std::vector<std::string>& extra = {});
};

}  // namespace verimeter::testing

#include "server_process.hpp"

#include <gtest/gtest.h>

namespace verimeter::testing {

CommandResult run_verimeter(const std::vector<std::string>& args, const std::string& input) {
  return run_command(VERIMETER_BINARY, args, input);
}

ServerProcess::ServerProcess(const std::string& data_dir, const std::vector<std::string>& extra)
    : ServeProcess(VERIMETER_BINARY, data_dir, extra) {
  if (url().empty()) ADD_FAILURE() << "server did not start; stdout: " << startup_output();
}

}  // namespace verimeter::testing

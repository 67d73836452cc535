// A `verimeter`-compatible binary with only the `zk` command group, so the snarkjs interop tests
// exercise src/cli/zk_command.cpp while linking nothing but the zk module.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"verimeter (zk commands only, for tests)"};
  app.require_subcommand(1);
  int exit_code = 0;
  verimeter::cli::register_zk_commands(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return exit_code;
}

// verimeter: one binary, subcommands per capability (see `verimeter --help`).
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"verimeter: verifiable metering — signed receipts, deterministic charges, "
               "transparency log, offline verification"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "verimeter 0.1.0");
  int exit_code = 0;
  // command groups (one line each)
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return exit_code;
}

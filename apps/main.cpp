// verimeter: one binary, subcommands per capability (see `verimeter --help`).
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/usage_error.hpp"

int main(int argc, char** argv) {
  CLI::App app{
      "verimeter: verifiable metering — signed receipts, deterministic charges, "
      "transparency log, offline verification"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "verimeter 0.1.0");
  // Logs go to stderr; stdout carries results only.
  spdlog::set_default_logger(spdlog::stderr_color_mt("verimeter"));
  int exit_code = 0;
  // command groups (one line each)
  verimeter::cli::register_init_commands(app, exit_code);
  verimeter::cli::register_tenant_commands(app, exit_code);
  verimeter::cli::register_serve_command(app, exit_code);
  verimeter::cli::register_client_commands(app, exit_code);
  verimeter::cli::register_verify_command(app, exit_code);
  verimeter::cli::register_tariff_commands(app, exit_code);
  verimeter::cli::register_zk_commands(app, exit_code);
  verimeter::cli::register_tokens_commands(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return verimeter::cli::report_parse_error(app, e);  // 2: usage error (0 for --help)
  }
  return exit_code;
}

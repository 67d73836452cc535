// One registration function per command group; apps/main.cpp calls each.
#pragma once

#include <CLI/CLI.hpp>

namespace verimeter::cli {

// Conventions for every command: exit 0 = success, 1 = verification failed or the server
// refused, 2 = unusable input, usage error or an unreachable server. Results go to stdout
// (JSON where structured), diagnostics to stderr. Each function sets `exit_code` when its
// command runs.
void register_init_commands(CLI::App& app, int& exit_code);    // init, keygen
void register_tenant_commands(CLI::App& app, int& exit_code);  // tenant add|list
void register_serve_command(CLI::App& app, int& exit_code);    // serve
void register_client_commands(CLI::App& app, int& exit_code);  // attest, fetch
void register_verify_command(CLI::App& app, int& exit_code);   // verify
void register_tariff_commands(CLI::App& app, int& exit_code);  // tariff check|publish|list
void register_tokens_commands(CLI::App& app, int& exit_code);
void register_zk_commands(CLI::App& app, int& exit_code);

}  // namespace verimeter::cli

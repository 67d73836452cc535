// One registration function per command group; apps/main.cpp calls each.
#pragma once

#include <CLI/CLI.hpp>

namespace verimeter::cli {

// Each returns nothing; commands set their exit status through the shared `int& exit_code`.
// Conventions for every command: 0 = success, 1 = verification failed, 2 = unusable input or
// usage error. Results go to stdout (JSON where structured), diagnostics to stderr.
void register_tokens_commands(CLI::App& app, int& exit_code);
void register_zk_commands(CLI::App& app, int& exit_code);

}  // namespace verimeter::cli

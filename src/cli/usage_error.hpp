// Reporting a command line that CLI11 could not parse. A word where a command was expected and
// that names none ("verimeter bogus", "verimeter tenant bogus") is reported as an unknown command
// with the commands valid there; a missing command lists them too. Any other error is CLI11's
// own message. Returns the exit code: 0 for --help and --version, 2 otherwise (usage error).
#pragma once

#include <CLI/CLI.hpp>

namespace verimeter::cli {

int report_parse_error(const CLI::App& app, const CLI::ParseError& error);

}  // namespace verimeter::cli

#include "cli/usage_error.hpp"

#include <cstdio>
#include <string>
#include <vector>

namespace verimeter::cli {

namespace {

// The commands an app takes (option groups, which CLI11 keeps as nameless apps, left out).
std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub :
       app.get_subcommands([](const CLI::App* s) { return !s->get_name().empty(); }))
    names.push_back(sub->get_name());
  return names;
}

std::string joined(const std::vector<std::string>& words, const char* separator) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : separator) + w;
  return out;
}

}  // namespace

int report_parse_error(const CLI::App& app, const CLI::ParseError& error) {
  // The deepest command given ("verimeter tenant" for "verimeter tenant bogus").
  const CLI::App* at = &app;
  std::vector<std::string> path{"verimeter"};
  while (!at->get_subcommands().empty()) {
    at = at->get_subcommands().front();
    path.push_back(at->get_name());
  }
  const std::vector<std::string> commands = command_names(*at);
  const std::vector<std::string> left = at->remaining(false);
  const bool word = !left.empty() && !left.front().empty() && left.front().front() != '-';
  if (commands.empty() || !(word || left.empty()) || error.get_exit_code() == 0)
    return app.exit(error) == 0 ? 0 : 2;
  const std::string where = joined(path, " ");
  if (word) {
    std::fprintf(stderr, "%s: unknown command \"%s\"; the commands are: %s\n", where.c_str(),
                 left.front().c_str(), joined(commands, ", ").c_str());
  } else {
    std::fprintf(stderr, "%s: a command is required; the commands are: %s\n", where.c_str(),
                 joined(commands, ", ").c_str());
  }
  std::fprintf(stderr, "Run with --help for more information.\n");
  return 2;
}

}  // namespace verimeter::cli

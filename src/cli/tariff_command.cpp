// `verimeter tariff check|publish|list`.
#include <cstdio>

#include "billing/tariff.hpp"
#include "cli/commands.hpp"
#include "cli/io.hpp"
#include "cli/store_rows.hpp"
#include "core/time.hpp"
#include "server/data_dir.hpp"

namespace verimeter::cli {

namespace {

Result<billing::TariffSnapshot> load_tariff(const std::string& path) {
  VM_TRY(text, read_input(path, 1 << 20));
  const bool toml = path.size() > 5 && path.compare(path.size() - 5, 5, ".toml") == 0;
  return toml ? billing::parse_tariff_toml(text) : billing::parse_tariff_json(text);
}

}  // namespace

void register_tariff_commands(CLI::App& app, int& exit_code) {
  auto* tariff = app.add_subcommand("tariff", "Check, publish and list tariff snapshots");
  tariff->require_subcommand(1);
  tariff->footer("Format: docs/spec/tariff.md. Examples: examples/tariffs/.");
  auto file = std::make_shared<std::string>();
  auto data = std::make_shared<std::string>("./verimeter-data");

  auto* check = tariff->add_subcommand(
      "check", "Validate a tariff file (JSON or .toml); print its canonical form and hash");
  check->add_option("file", *file, "tariff file")->required();
  check->callback([&exit_code, file] {
    auto t = load_tariff(*file);
    if (!t) {
      exit_code = report(t.error());
      return;
    }
    std::printf("%s\nsha256 %s\n", billing::tariff_canonical_bytes(*t).c_str(),
                billing::tariff_content_hash(*t).c_str());
    exit_code = 0;
  });

  auto* publish = tariff->add_subcommand(
      "publish", "Publish a tariff version into a data directory (immutable)");
  publish->footer(
      "A running server on the same data directory uses it within a second, for events at or\n"
      "after its effective_from (publishing through POST /v1/admin/tariffs takes effect at once).\n"
      "Example:\n  verimeter tariff publish --data ./verimeter-data "
      "examples/tariffs/example-usd.json");
  publish->add_option("--data", *data, "data directory")->capture_default_str();
  publish->add_option("file", *file, "tariff file")->required();
  publish->callback([&exit_code, file, data] {
    auto t = load_tariff(*file);
    if (!t) {
      exit_code = report(t.error());
      return;
    }
    auto dir = server::open_data_dir(*data);
    if (!dir) {
      exit_code = report(dir.error());
      return;
    }
    const std::string hash = billing::tariff_content_hash(*t);
    auto st = dir->store->put_tariff(store::TariffRecord{t->tariff_id, t->version, hash,
                                                         billing::tariff_canonical_bytes(*t),
                                                         t->effective_from, now_millis()});
    if (!st) {
      exit_code = report(st.error(), 1);
      return;
    }
    std::printf("published %s version %llu sha256 %s\n", t->tariff_id.c_str(),
                static_cast<unsigned long long>(t->version), hash.c_str());
    exit_code = 0;
  });

  auto* list = tariff->add_subcommand("list", "List published tariff versions");
  list->add_option("--data", *data, "data directory")->capture_default_str();
  list->callback([&exit_code, data] {
    exit_code = print_store_rows(
        *data, [](store::Store& s) { return s.tariffs(); },
        [](const store::TariffRecord& t) {
          std::printf("%s\t%llu\t%s\t%s\n", t.tariff_id.c_str(),
                      static_cast<unsigned long long>(t.version),
                      format_rfc3339_millis(t.effective_from_ms).c_str(), t.content_hash.c_str());
        });
  });
}

}  // namespace verimeter::cli

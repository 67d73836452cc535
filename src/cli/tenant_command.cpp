// `verimeter tenant add|list`: tenant management directly on a data directory.
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/io.hpp"
#include "cli/store_rows.hpp"
#include "core/time.hpp"
#include "server/api_keys.hpp"
#include "server/data_dir.hpp"

namespace verimeter::cli {

void register_tenant_commands(CLI::App& app, int& exit_code) {
  auto* tenant = app.add_subcommand("tenant", "Manage tenants (API callers) of a data directory");
  tenant->require_subcommand(1);
  auto data = std::make_shared<std::string>("./verimeter-data");

  auto* add =
      tenant->add_subcommand("add", "Create a tenant and print its API key (last line of stdout)");
  add->footer(
      "The key is shown once and stored only as a SHA-256 hash. Save it with mode 0600:\n"
      "  (umask 077; verimeter tenant add --data ./verimeter-data acme | tail -n1 > acme.key)");
  auto name = std::make_shared<std::string>();
  add->add_option("--data", *data, "data directory")->capture_default_str();
  add->add_option("name", *name, "tenant name: 1..128 of [A-Za-z0-9._-]")->required();
  add->callback([&exit_code, data, name] {
    if (auto ok = server::check_tenant_name(*name); !ok.ok()) {
      exit_code = report(ok.error());
      return;
    }
    auto dir = server::open_data_dir(*data);
    if (!dir) {
      exit_code = report(dir.error());
      return;
    }
    auto t = server::create_tenant(*dir->store, *name);
    if (!t) {
      exit_code = report(t.error());
      return;
    }
    std::fprintf(stderr, "created tenant %s (%s); its API key follows on stdout\n", name->c_str(),
                 t->record.tenant_id.c_str());
    std::printf("%s\n", t->api_key.c_str());
    exit_code = 0;
  });

  auto* list = tenant->add_subcommand("list", "List tenants (id, name, created)");
  list->add_option("--data", *data, "data directory")->capture_default_str();
  list->callback([&exit_code, data] {
    exit_code = print_store_rows(
        *data, [](store::Store& s) { return s.tenants(); },
        [](const store::TenantRecord& t) {
          std::printf("%s\t%s\t%s\n", t.tenant_id.c_str(), t.name.c_str(),
                      format_rfc3339_millis(t.created_ms).c_str());
        });
  });
}

}  // namespace verimeter::cli

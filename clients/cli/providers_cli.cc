#include "clients/cli/providers_cli.h"

#include <fstream>
#include <memory>

#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "clients/cli/lookup.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"

namespace ozjt::cli {
namespace {

namespace reg = ::ozjt::registry::v1;

// Dutch words for the values people read in tables.
std::string Dutch(reg::Tier t) {
  return t == reg::TIER_STRATEGIC ? "strategisch" : t == reg::TIER_LOCAL ? "lokaal" : "";
}
std::string Dutch(reg::ProviderStatus s) {
  switch (s) {
    case reg::PROVIDER_STATUS_APPLICANT:
      return "aanvrager";
    case reg::PROVIDER_STATUS_CONTRACTED:
      return "gecontracteerd";
    case reg::PROVIDER_STATUS_SUSPENDED:
      return "opgeschort";
    case reg::PROVIDER_STATUS_ENDED:
      return "beeindigd";
    default:
      return "";
  }
}

// The municipalities' names; "alle 14 gemeenten" when the list holds every one of Twente.
std::string MunicipalityNames(Lookup& lookup,
                              const google::protobuf::RepeatedPtrField<std::string>& codes) {
  if (codes.size() == 14) return "alle 14 gemeenten";
  std::vector<std::string> names;
  for (const auto& c : codes) names.push_back(lookup.MunicipalityName(c));
  std::sort(names.begin(), names.end());
  return absl::StrJoin(names, ", ");
}

void PrintProviders(const std::vector<reg::Provider>& providers, Lookup& lookup) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(providers.size());
  for (const auto& p : providers) {
    rows.push_back({p.name().substr(10), p.kvk_number(), p.display_name(), Dutch(p.tier()),
                    Dutch(p.status()), MunicipalityNames(lookup, p.municipality_codes()),
                    std::to_string(p.version())});
  }
  PrintTable({"ID", "KVK", "NAAM", "NIVEAU", "STATUS", "GEMEENTEN", "VERSIE"}, rows);
}

void PrintProvider(const reg::Provider& p, Lookup& lookup) {
  std::cout << "id:          " << p.name().substr(10) << "\n"
            << "naam:        " << p.display_name() << "\n"
            << "kvk:         " << p.kvk_number() << "\n"
            << "rechtsvorm:  "
            << EnumShort(reg::LegalForm_descriptor(), p.legal_form(), "LEGAL_FORM_") << "\n"
            << "agb:         " << absl::StrJoin(p.agb_codes(), ", ") << "\n";
  std::vector<std::string> laws;
  for (int l : p.laws()) laws.push_back(EnumShort(reg::Law_descriptor(), l, "LAW_"));
  std::cout << "wetten:      " << absl::StrJoin(laws, ", ") << "\n"
            << "gemeenten:   " << MunicipalityNames(lookup, p.municipality_codes()) << "\n"
            << "niveau:      " << Dutch(p.tier()) << "\n"
            << "status:      " << Dutch(p.status()) << "\n"
            << "versie:      " << p.version() << "\n";
  for (const auto& e : p.establishments()) {
    std::cout << "vestiging:   " << e.establishment_number() << " " << e.name() << " ("
              << lookup.MunicipalityName(e.municipality_code()) << ")\n";
  }
  for (const auto& t : p.turnover()) {
    std::cout << "omzet " << t.year() << ":  " << Euros(t.total_cents());
    for (const auto& r : t.per_region()) {
      std::cout << "  (" << r.region_code() << " " << Euros(r.amount_cents()) << ")";
    }
    std::cout << "\n";
  }
}

// Flags shared by list and export.
struct FilterFlags {
  std::string name, kvk, agb, municipality, tier, status;
  void Add(CLI::App* cmd) {
    cmd->add_option("--name", name, "deel van de naam");
    cmd->add_option("--kvk", kvk, "KvK-nummer");
    cmd->add_option("--agb", agb, "AGB-code");
    cmd->add_option("--municipality", municipality, "gemeente: naam of CBS-code");
    cmd->add_option("--tier", tier, "niveau: strategic|local (of strategisch|lokaal)");
    cmd->add_option("--status", status,
                    "status: applicant|contracted|suspended|ended (of "
                    "aanvrager|gecontracteerd|opgeschort|beeindigd)");
  }
  // The server's field paths of the filter -> these flags.
  static const FlagTable& Flags() {
    static const FlagTable kFlags = {{"filter.display_name_contains", "--name"},
                                     {"filter.kvk_number", "--kvk"},
                                     {"filter.agb_code", "--agb"},
                                     {"filter.municipality_code", "--municipality"},
                                     {"filter.tier", "--tier"},
                                     {"filter.status", "--status"},
                                     {"page_size", "--page-size"},
                                     {"page_token", "--page-token"}};
    return kFlags;
  }
  // Fills `f`; prints the Dutch usage error and returns 2 for a value that cannot be.
  int Fill(Lookup& lookup, reg::ProviderFilter* f) const {
    f->set_display_name_contains(name);
    f->set_kvk_number(kvk);
    f->set_agb_code(agb);
    if (!municipality.empty()) {
      std::string code;
      if (int rc = lookup.MunicipalityCode(municipality, &code)) return rc;
      f->set_municipality_code(code);
    }
    reg::Tier t;
    if (!tier.empty()) {
      if (!ParseEnum(reg::Tier_descriptor(), "TIER_", tier, &t)) {
        return UsageError("--tier: '" + tier + "' kan niet; kies strategisch of lokaal.");
      }
      f->set_tier(t);
    }
    reg::ProviderStatus s;
    if (!status.empty()) {
      if (!ParseEnum(reg::ProviderStatus_descriptor(), "PROVIDER_STATUS_", status, &s)) {
        return UsageError("--status: '" + status +
                          "' kan niet; kies aanvrager, gecontracteerd, opgeschort of beeindigd.");
      }
      f->set_status(s);
    }
    return 0;
  }
};

// Fields settable by create and update; `mask` collects the ones given.
struct ProviderFlags {
  std::string name, kvk, legal_form, tier, status;
  std::vector<std::string> laws, municipalities, agb;
  void Add(CLI::App* cmd) {
    cmd->add_option("--name", name, "statutaire naam");
    cmd->add_option("--kvk", kvk, "KvK-nummer (8 cijfers)");
    cmd->add_option("--legal-form", legal_form,
                    "rechtsvorm: stichting|bv|nv|vereniging|cooperatie|...");
    cmd->add_option("--law", laws, "wet: jeugdwet en/of wmo (herhaalbaar)");
    cmd->add_option("--municipality", municipalities, "CBS-code van een gemeente (herhaalbaar)");
    cmd->add_option("--agb", agb, "AGB-code (herhaalbaar)");
    cmd->add_option("--tier", tier, "niveau: strategic|local (of strategisch|lokaal)");
    cmd->add_option("--status", status,
                    "status: applicant|contracted|suspended|ended (of "
                    "aanvrager|gecontracteerd|opgeschort|beeindigd)");
  }
  // The server's field paths of a provider -> these flags (create and update).
  static const FlagTable& Flags() {
    static const FlagTable kFlags = {{"provider.display_name", "--name"},
                                     {"provider.kvk_number", "--kvk"},
                                     {"provider.legal_form", "--legal-form"},
                                     {"provider.laws", "--law"},
                                     {"provider.municipality_codes", "--municipality"},
                                     {"provider.agb_codes", "--agb"},
                                     {"provider.tier", "--tier"},
                                     {"provider.status", "--status"},
                                     {"provider.version", "--version"},
                                     {"provider.name", "id"}};
    return kFlags;
  }
  // Fills `p`; returns the Dutch error text for a value that cannot be (an unknown
  // municipality is printed by `lookup` and returns "-").
  std::string Fill(CLI::App* cmd, Lookup& lookup, reg::Provider* p,
                   std::vector<std::string>* mask) const {
    std::string err = FillIdentity(cmd, p, mask);
    return err.empty() ? FillScope(cmd, lookup, p, mask) : err;
  }

 private:
  // Name, KvK number, legal form and laws.
  std::string FillIdentity(CLI::App* cmd, reg::Provider* p, std::vector<std::string>* mask) const {
    auto given = [&](const char* flag) { return cmd->count(flag) > 0; };
    if (given("--name")) {
      p->set_display_name(name);
      mask->push_back("display_name");
    }
    if (given("--kvk")) {
      p->set_kvk_number(kvk);
      mask->push_back("kvk_number");
    }
    if (given("--legal-form")) {
      reg::LegalForm lf;
      if (!ParseEnum(reg::LegalForm_descriptor(), "LEGAL_FORM_", legal_form, &lf)) {
        return "--legal-form: '" + legal_form + "' kan niet; kies stichting, bv, ...";
      }
      p->set_legal_form(lf);
      mask->push_back("legal_form");
    }
    if (given("--law")) {
      for (const auto& l : laws) {
        reg::Law law;
        if (!ParseEnum(reg::Law_descriptor(), "LAW_", l, &law)) {
          return "--law: '" + l + "' kan niet; kies jeugdwet of wmo.";
        }
        p->add_laws(law);
      }
      mask->push_back("laws");
    }
    return "";
  }
  // Municipalities, AGB codes, tier and status.
  std::string FillScope(CLI::App* cmd, Lookup& lookup, reg::Provider* p,
                        std::vector<std::string>* mask) const {
    auto given = [&](const char* flag) { return cmd->count(flag) > 0; };
    if (given("--municipality")) {
      for (const auto& m : municipalities) {
        std::string code;
        if (lookup.MunicipalityCode(m, &code) != 0) return "-";  // printed already
        p->add_municipality_codes(code);
      }
      mask->push_back("municipality_codes");
    }
    if (given("--agb")) {
      for (const auto& a : agb) p->add_agb_codes(a);
      mask->push_back("agb_codes");
    }
    if (given("--tier")) {
      reg::Tier t;
      if (!ParseEnum(reg::Tier_descriptor(), "TIER_", tier, &t)) {
        return "--tier: '" + tier + "' kan niet; kies strategisch of lokaal.";
      }
      p->set_tier(t);
      mask->push_back("tier");
    }
    if (given("--status")) {
      reg::ProviderStatus s;
      if (!ParseEnum(reg::ProviderStatus_descriptor(), "PROVIDER_STATUS_", status, &s)) {
        return "--status: '" + status +
               "' kan niet; kies aanvrager, gecontracteerd, opgeschort of beeindigd.";
      }
      p->set_status(s);
      mask->push_back("status");
    }
    return "";
  }
};

// Flags of get and history: the provider argument.
const FlagTable& ProviderArgFlags() {
  static const FlagTable kFlags = {{"name", "provider"}};
  return kFlags;
}

// The provider argument of get, history and update.
void AddProviderArg(CLI::App* cmd, std::string* id) {
  cmd->add_option("provider", *id, "id, KvK-nummer, AGB-code of deel van de naam")->required();
}

int ListProviders(const Options& o, Client& client, const FilterFlags& list_filter, int page_size,
                  const std::string& page_token, bool all) {
  auto stub = reg::ProviderRegistry::NewStub(client.channel());
  Lookup lookup(o);
  reg::ListProvidersRequest req;
  if (int rc = list_filter.Fill(lookup, req.mutable_filter())) return rc;
  req.set_page_size(page_size);
  req.set_page_token(page_token);
  std::vector<reg::Provider> found;
  reg::ListProvidersResponse last;
  do {
    auto ctx = client.Context();
    grpc::Status s = stub->ListProviders(ctx.get(), req, &last);
    if (!s.ok()) return PrintError(s, ctx.get(), FilterFlags::Flags());
    for (const auto& p : last.providers()) found.push_back(p);
    req.set_page_token(last.next_page_token());
  } while (all && !req.page_token().empty());
  if (o.json) {
    reg::ListProvidersResponse out;
    for (const auto& p : found) *out.add_providers() = p;
    out.set_next_page_token(last.next_page_token());
    PrintJson(out);
    return 0;
  }
  PrintProviders(found, lookup);
  if (!last.next_page_token().empty()) {
    std::cerr << "(meer: --all, of --page-token " << last.next_page_token() << ")\n";
  }
  return 0;
}

void AddProvidersList(CLI::App* providers, const Options& o, int& exit_code) {
  auto list_filter = std::make_shared<FilterFlags>();
  auto page_size = std::make_shared<int>(0);
  auto page_token = std::make_shared<std::string>();
  auto all = std::make_shared<bool>(false);
  auto* p_list = providers->add_subcommand("list", "aanbieders opzoeken");
  list_filter->Add(p_list);
  p_list->add_option("--page-size", *page_size, "aantal per pagina (standaard 50, hoogstens 500)");
  p_list->add_option("--page-token", *page_token, "ga verder na een eerdere pagina");
  p_list->add_flag("--all", *all, "alle pagina's");
  p_list->callback([&, list_filter, page_size, page_token, all] {
    Run(o, exit_code, [&](Client& client) {
      return ListProviders(o, client, *list_filter, *page_size, *page_token, *all);
    });
  });
}

int GetProvider(const Options& o, Client& client, const std::string& id) {
  auto stub = reg::ProviderRegistry::NewStub(client.channel());
  Lookup lookup(o);
  reg::GetProviderRequest req;
  if (int rc = lookup.Provider(id, req.mutable_name())) return rc;
  reg::Provider p;
  auto ctx = client.Context();
  grpc::Status s = stub->GetProvider(ctx.get(), req, &p);
  if (!s.ok()) return PrintError(s, ctx.get(), ProviderArgFlags());
  if (o.json) {
    PrintJson(p);
  } else {
    PrintProvider(p, lookup);
  }
  return 0;
}

void AddProvidersGet(CLI::App* providers, const Options& o, int& exit_code) {
  auto id = std::make_shared<std::string>();
  auto* p_get = providers->add_subcommand("get", "één aanbieder bekijken");
  AddProviderArg(p_get, id.get());
  p_get->callback(
      [&, id] { Run(o, exit_code, [&](Client& client) { return GetProvider(o, client, *id); }); });
}

int ProviderHistory(const Options& o, Client& client, const std::string& id) {
  auto stub = reg::ProviderRegistry::NewStub(client.channel());
  Lookup lookup(o);
  reg::ListProviderHistoryRequest req;
  if (int rc = lookup.Provider(id, req.mutable_name())) return rc;
  req.set_page_size(500);
  reg::ListProviderHistoryResponse resp;
  auto ctx = client.Context();
  grpc::Status s = stub->ListProviderHistory(ctx.get(), req, &resp);
  if (!s.ok()) return PrintError(s, ctx.get(), ProviderArgFlags());
  if (o.json) {
    PrintJson(resp);
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& v : resp.versions()) {
    rows.push_back(
        {std::to_string(v.provider().version()),
         absl::FormatTime("%Y-%m-%d %H:%M:%S", absl::FromUnixSeconds(v.change_time().seconds()),
                          absl::LocalTimeZone()),
         v.actor(), v.method().substr(v.method().rfind('/') + 1), v.provider().display_name(),
         Dutch(v.provider().status())});
  }
  PrintTable({"VERSIE", "TIJD", "WIE", "ACTIE", "NAAM", "STATUS"}, rows);
  return 0;
}

void AddProvidersHistory(CLI::App* providers, const Options& o, int& exit_code) {
  auto id = std::make_shared<std::string>();
  auto* p_history = providers->add_subcommand("history", "de versies van een aanbieder");
  AddProviderArg(p_history, id.get());
  p_history->callback([&, id] {
    Run(o, exit_code, [&](Client& client) { return ProviderHistory(o, client, *id); });
  });
}

// create (`update` null) or update (`update` the flags of its command, `id` and `version`).
int SaveProvider(const Options& o, Client& client, CLI::App* p_create, CLI::App* p_update,
                 const ProviderFlags& flags, const std::string& id, long long version) {
  auto stub = reg::ProviderRegistry::NewStub(client.channel());
  Lookup lookup(o);
  reg::Provider p;
  std::vector<std::string> mask;
  std::string err = p_create != nullptr ? flags.Fill(p_create, lookup, &p, &mask)
                                        : flags.Fill(p_update, lookup, &p, &mask);
  if (err == "-") return 2;
  if (!err.empty()) return UsageError(err);
  reg::Provider out;
  auto ctx = client.Context();
  grpc::Status s;
  if (p_create != nullptr) {
    reg::CreateProviderRequest req;
    *req.mutable_provider() = p;
    s = stub->CreateProvider(ctx.get(), req, &out);
  } else {
    reg::UpdateProviderRequest req;
    if (int rc = lookup.Provider(id, p.mutable_name())) return rc;
    p.set_version(version);
    *req.mutable_provider() = p;
    for (const auto& m : mask) req.mutable_update_mask()->add_paths(m);
    s = stub->UpdateProvider(ctx.get(), req, &out);
  }
  if (!s.ok()) return PrintError(s, ctx.get(), ProviderFlags::Flags());
  if (o.json) {
    PrintJson(out);
  } else {
    PrintProvider(out, lookup);
  }
  return 0;
}

void AddProvidersCreate(CLI::App* providers, const Options& o, int& exit_code) {
  auto create_flags = std::make_shared<ProviderFlags>();
  auto* p_create = providers->add_subcommand("create", "een aanbieder registreren");
  create_flags->Add(p_create);
  p_create->callback([&, p_create, create_flags] {
    Run(o, exit_code, [&](Client& client) {
      return SaveProvider(o, client, p_create, nullptr, *create_flags, "", 0);
    });
  });
}

void AddProvidersUpdate(CLI::App* providers, const Options& o, int& exit_code) {
  auto id = std::make_shared<std::string>();
  auto version = std::make_shared<long long>(0);
  auto update_flags = std::make_shared<ProviderFlags>();
  auto* p_update = providers->add_subcommand("update", "de opgegeven velden wijzigen");
  AddProviderArg(p_update, id.get());
  p_update->add_option("--version", *version, "de versie die u las")->required();
  update_flags->Add(p_update);
  p_update->callback([&, p_update, update_flags, id, version] {
    Run(o, exit_code, [&](Client& client) {
      return SaveProvider(o, client, nullptr, p_update, *update_flags, *id, *version);
    });
  });
}

int ImportProviders(Client& client, const Options& o, const std::string& file, bool partial,
                    bool dry_run) {
  auto stub = reg::ProviderRegistry::NewStub(client.channel());
  std::string csv;
  if (!ReadTextFile(file, &csv)) return 2;
  reg::ImportProvidersRequest req;
  req.set_csv(csv);
  req.set_allow_partial(partial);
  req.set_validate_only(dry_run);
  reg::ImportProvidersResponse resp;
  auto ctx = client.Context();
  grpc::Status s = stub->ImportProviders(ctx.get(), req, &resp);
  if (!s.ok()) return PrintError(s, ctx.get());
  if (o.json) {
    PrintJson(resp);
    return resp.errors().empty() ? 0 : 1;
  }
  for (const auto& e : resp.errors()) {
    std::cerr << file << ": " << ImportErrorText(e) << "\n";
  }
  std::cout << (resp.committed() ? "ingelezen" : "niets vastgelegd") << ": " << resp.created()
            << " nieuw, " << resp.updated() << " gewijzigd, " << resp.unchanged()
            << " ongewijzigd, " << resp.errors_size() << " regels met fouten\n";
  return resp.errors().empty() ? 0 : 1;
}

void AddProvidersImport(CLI::App* providers, const Options& o, int& exit_code) {
  auto file = std::make_shared<std::string>();
  auto partial = std::make_shared<bool>(false);
  auto dry_run = std::make_shared<bool>(false);
  auto* p_import = providers->add_subcommand("import", "een CSV-bestand inlezen");
  p_import->add_option("file", *file, "CSV-bestand (gescheiden door ;, UTF-8)")->required();
  p_import->add_flag("--partial", *partial,
                     "lees de goede regels in, ook als er foute regels zijn");
  p_import->add_flag("--dry-run", *dry_run, "alleen controleren, niets vastleggen");
  p_import->callback([&, file, partial, dry_run] {
    Run(o, exit_code,
        [&](Client& client) { return ImportProviders(client, o, *file, *partial, *dry_run); });
  });
}

int ExportProviders(const Options& o, Client& client, const FilterFlags& export_filter,
                    const std::string& file) {
  auto stub = reg::ProviderRegistry::NewStub(client.channel());
  Lookup lookup(o);
  reg::ExportProvidersRequest req;
  if (int rc = export_filter.Fill(lookup, req.mutable_filter())) return rc;
  reg::ExportProvidersResponse resp;
  auto ctx = client.Context();
  grpc::Status s = stub->ExportProviders(ctx.get(), req, &resp);
  if (!s.ok()) return PrintError(s, ctx.get(), FilterFlags::Flags());
  if (file.empty()) {
    std::cout << resp.csv();
  } else {
    std::ofstream out(file, std::ios::binary);
    out << resp.csv();
    std::cerr << resp.count() << " aanbieders geschreven naar " << file << "\n";
  }
  return 0;
}

void AddProvidersExport(CLI::App* providers, const Options& o, int& exit_code) {
  auto export_filter = std::make_shared<FilterFlags>();
  auto file = std::make_shared<std::string>();
  auto* p_export = providers->add_subcommand("export", "aanbieders uitvoeren als CSV");
  export_filter->Add(p_export);
  p_export->add_option("--out", *file, "bestand (standaard: het scherm)");
  p_export->callback([&, export_filter, file] {
    Run(o, exit_code,
        [&](Client& client) { return ExportProviders(o, client, *export_filter, *file); });
  });
}

}  // namespace

void AddProviderCommands(CLI::App& app, const Options& o, int& exit_code) {
  auto* providers = app.add_subcommand("providers", "het register van aanbieders");
  providers->require_subcommand(1);
  AddProvidersList(providers, o, exit_code);
  AddProvidersGet(providers, o, exit_code);
  AddProvidersHistory(providers, o, exit_code);
  AddProvidersCreate(providers, o, exit_code);
  AddProvidersUpdate(providers, o, exit_code);
  AddProvidersImport(providers, o, exit_code);
  AddProvidersExport(providers, o, exit_code);
}

}  // namespace ozjt::cli

// ozjt: the command-line client for every role. See README "CLI".
//
//   export OZJT_TOKEN=$(ozjt-admin token --key .keys/signing.key --role ozjt_contract_manager)
//   ozjt providers list --municipality 0153
//   ozjt providers update 12 --version 3 --status suspended
//   ozjt providers import providers.csv --dry-run
//   ozjt audit list --entity-type provider --entity-id 12
//   ozjt health; ozjt services
//
// Errors are printed in Dutch as "fout: ..." followed by one line per field violation naming
// the flag, and the code and request id; the exit code is 1 for a failed call and 2 for bad
// usage (a mistyped command names the nearest ones: "bedoelde u: contracts?").
#include <google/protobuf/util/json_util.h>
#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "clients/cli/accountregion_cli.h"
#include "clients/cli/cli_common.h"
#include "clients/cli/contracts_cli.h"
#include "clients/cli/jzplus_cli.h"
#include "clients/cli/lookup.h"
#include "clients/cli/screening_cli.h"
#include "clients/cli/supervision_cli.h"
#include "clients/cli/usage.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "ozjt/audit/v1/audit.grpc.pb.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"

namespace {

using namespace ozjt::cli;
namespace reg = ::ozjt::registry::v1;
namespace aud = ::ozjt::audit::v1;

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
      if (!ParseEnum(reg::LegalForm_descriptor(), "LEGAL_FORM_", legal_form, &lf))
        return "--legal-form: '" + legal_form + "' kan niet; kies stichting, bv, ...";
      p->set_legal_form(lf);
      mask->push_back("legal_form");
    }
    if (given("--law")) {
      for (const auto& l : laws) {
        reg::Law law;
        if (!ParseEnum(reg::Law_descriptor(), "LAW_", l, &law))
          return "--law: '" + l + "' kan niet; kies jeugdwet of wmo.";
        p->add_laws(law);
      }
      mask->push_back("laws");
    }
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
      if (!ParseEnum(reg::Tier_descriptor(), "TIER_", tier, &t))
        return "--tier: '" + tier + "' kan niet; kies strategisch of lokaal.";
      p->set_tier(t);
      mask->push_back("tier");
    }
    if (given("--status")) {
      reg::ProviderStatus s;
      if (!ParseEnum(reg::ProviderStatus_descriptor(), "PROVIDER_STATUS_", status, &s))
        return "--status: '" + status +
               "' kan niet; kies aanvrager, gecontracteerd, opgeschort of beeindigd.";
      p->set_status(s);
      mask->push_back("status");
    }
    return "";
  }
};

// The service names the server lists through reflection.
grpc::Status ListServices(const Client& client, std::vector<std::string>* names) {
  auto refl = grpc::reflection::v1alpha::ServerReflection::NewStub(client.channel());
  auto ctx = client.Context();
  auto stream = refl->ServerReflectionInfo(ctx.get());
  grpc::reflection::v1alpha::ServerReflectionRequest req;
  req.set_list_services("");
  stream->Write(req);
  stream->WritesDone();
  grpc::reflection::v1alpha::ServerReflectionResponse resp;
  while (stream->Read(&resp)) {
    for (const auto& s : resp.list_services_response().service()) names->push_back(s.name());
  }
  return stream->Finish();
}

bool ParseTime(const std::string& text, google::protobuf::Timestamp* out) {
  absl::Time t;
  std::string err;
  if (!absl::ParseTime(absl::RFC3339_full, text, &t, &err)) {
    // A day (dd-mm-jjjj or jjjj-mm-dd) starts at midnight in the Netherlands.
    google::type::Date d;
    if (!ParseDate(text, &d)) return false;
    absl::TimeZone amsterdam;
    if (!absl::LoadTimeZone("Europe/Amsterdam", &amsterdam)) amsterdam = absl::FixedTimeZone(3600);
    t = absl::FromCivil(absl::CivilDay(d.year(), d.month(), d.day()), amsterdam);
  }
  out->set_seconds(absl::ToUnixSeconds(t));
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  o.addr = Env("OZJT_ADDR").empty() ? o.addr : Env("OZJT_ADDR");
  o.token = Env("OZJT_TOKEN");
  o.tls_ca = Env("OZJT_TLS_CA");
  CLI::App app("ozjt: de opdrachtregel voor het contractbeheer van OZJT");
  app.require_subcommand(1);
  app.add_option("--addr", o.addr, "adres van de server (omgevingsvariabele OZJT_ADDR)");
  app.add_option("--token", o.token, "toegangstoken (omgevingsvariabele OZJT_TOKEN)");
  app.add_option("--tls-ca", o.tls_ca,
                 "CA-certificaat: verbind via TLS (omgevingsvariabele OZJT_TLS_CA)");
  app.add_option("--timeout", o.timeout_s, "seconden per aanroep naar de server")
      ->check(CLI::Range(1, 3600).description("1 t/m 3600"));
  app.add_flag("--json", o.json, "toon JSON in plaats van een tabel");

  auto* providers = app.add_subcommand("providers", "het register van aanbieders");
  providers->require_subcommand(1);
  FilterFlags list_filter, export_filter;
  int page_size = 0;
  std::string page_token;
  bool all = false;
  auto* p_list = providers->add_subcommand("list", "aanbieders opzoeken");
  list_filter.Add(p_list);
  p_list->add_option("--page-size", page_size, "aantal per pagina (standaard 50, hoogstens 500)");
  p_list->add_option("--page-token", page_token, "ga verder na een eerdere pagina");
  p_list->add_flag("--all", all, "alle pagina's");
  std::string id;
  auto* p_get = providers->add_subcommand("get", "één aanbieder bekijken");
  p_get->add_option("provider", id, "id, KvK-nummer, AGB-code of deel van de naam")->required();
  auto* p_history = providers->add_subcommand("history", "de versies van een aanbieder");
  p_history->add_option("provider", id, "id, KvK-nummer, AGB-code of deel van de naam")->required();
  ProviderFlags create_flags, update_flags;
  auto* p_create = providers->add_subcommand("create", "een aanbieder registreren");
  create_flags.Add(p_create);
  auto* p_update = providers->add_subcommand("update", "de opgegeven velden wijzigen");
  p_update->add_option("provider", id, "id, KvK-nummer, AGB-code of deel van de naam")->required();
  long long version = 0;
  p_update->add_option("--version", version, "de versie die u las")->required();
  update_flags.Add(p_update);
  std::string file;
  bool partial = false, dry_run = false;
  auto* p_import = providers->add_subcommand("import", "een CSV-bestand inlezen");
  p_import->add_option("file", file, "CSV-bestand (gescheiden door ;, UTF-8)")->required();
  p_import->add_flag("--partial", partial, "lees de goede regels in, ook als er foute regels zijn");
  p_import->add_flag("--dry-run", dry_run, "alleen controleren, niets vastleggen");
  auto* p_export = providers->add_subcommand("export", "aanbieders uitvoeren als CSV");
  export_filter.Add(p_export);
  p_export->add_option("--out", file, "bestand (standaard: het scherm)");

  auto* audit = app.add_subcommand("audit", "het auditlog (auditor, beheerder)");
  audit->require_subcommand(1);
  auto* a_list = audit->add_subcommand("list", "auditregels, nieuwste eerst");
  std::string entity_type, entity_id, actor, since, until;
  a_list->add_option("--entity-type", entity_type, "soort object, bijv. provider");
  a_list->add_option("--entity-id", entity_id, "id van het object, bijv. 12");
  a_list->add_option("--actor", actor, "wie het deed (subject van het token)");
  a_list->add_option("--since", since, "vanaf: tijdstip (RFC 3339) of dag (dd-mm-jjjj)");
  a_list->add_option("--until", until, "tot (niet t/m): tijdstip (RFC 3339) of dag (dd-mm-jjjj)");
  a_list->add_option("--page-size", page_size, "aantal per pagina (standaard 100)");
  a_list->add_flag("--all", all, "alle pagina's");

  auto* reference = app.add_subcommand("reference", "referentiegegevens");
  std::string what;
  reference
      ->add_option("what", what,
                   "welke lijst: municipalities (gemeenten), regions (regio's), categories "
                   "(productcategorieën), units (eenheden) of tasks (gezamenlijke taken)")
      ->required()
      ->check(CLI::IsMember({"municipalities", "regions", "categories", "units", "tasks"}));

  auto* health = app.add_subcommand("health", "de staat van de server en van elke dienst");
  auto* services = app.add_subcommand("services", "de diensten van de server (reflectie)");

  int exit_code = 0;
  AddContractCommands(app, o, exit_code);
  AddAccountRegionCommands(app, o, exit_code);
  AddScreeningCommands(app, o, exit_code);
  AddSupervisionCommands(app, o, exit_code);
  AddJzplusCommands(app, o, exit_code);
  DutchHelp(app);
  if (int rc = ParseCommandLine(app, argc, argv); rc >= 0) return rc;
  for (const char* handled :
       {"contracts", "agenda", "notes", "legal", "tariffs", "kpi", "region", "finance", "signals",
        "warnings", "cases", "turnover", "screening", "supervision", "jzplus"}) {
    if (app.got_subcommand(handled)) return exit_code;
  }
  Client client(o);

  if (*health) {
    auto stub = grpc::health::v1::Health::NewStub(client.channel());
    // The server ("") and each of our services; health itself needs no token.
    std::vector<std::string> listed, names = {""};
    if (grpc::Status s = ListServices(client, &listed); !s.ok()) return PrintError(s);
    for (const auto& n : listed) {
      if (n.rfind("ozjt.", 0) == 0) names.push_back(n);
    }
    int bad = 0;
    for (const auto& name : names) {
      grpc::health::v1::HealthCheckRequest req;
      req.set_service(name);
      grpc::health::v1::HealthCheckResponse resp;
      auto ctx = client.Context();
      grpc::Status s = stub->Check(ctx.get(), req, &resp);
      if (!s.ok()) return PrintError(s, ctx.get());
      const std::string state =
          grpc::health::v1::HealthCheckResponse::ServingStatus_Name(resp.status());
      std::cout << (name.empty() ? "(server)" : name) << " " << state << "\n";
      bad += resp.status() != grpc::health::v1::HealthCheckResponse::SERVING;
    }
    return bad == 0 ? 0 : 1;
  }

  if (*services) {
    std::vector<std::string> names;
    if (grpc::Status s = ListServices(client, &names); !s.ok()) return PrintError(s);
    for (const auto& n : names) std::cout << n << "\n";
    return 0;
  }

  if (*reference) {
    auto stub = reg::ReferenceData::NewStub(client.channel());
    auto ctx = client.Context();
    grpc::Status s;
    if (what == "municipalities") {
      reg::ListMunicipalitiesResponse resp;
      s = stub->ListMunicipalities(ctx.get(), {}, &resp);
      if (!s.ok()) return PrintError(s, ctx.get());
      if (o.json) {
        PrintJson(resp);
        return 0;
      }
      std::vector<std::vector<std::string>> rows;
      for (const auto& m : resp.municipalities())
        rows.push_back({m.cbs_code(), m.display_name(), m.region_code()});
      PrintTable({"CBS", "GEMEENTE", "REGIO"}, rows);
    } else if (what == "regions") {
      reg::ListRegionsResponse resp;
      s = stub->ListRegions(ctx.get(), {}, &resp);
      if (!s.ok()) return PrintError(s, ctx.get());
      if (o.json) {
        PrintJson(resp);
        return 0;
      }
      std::vector<std::vector<std::string>> rows;
      for (const auto& r : resp.regions()) rows.push_back({r.code(), r.display_name()});
      PrintTable({"CODE", "REGIO"}, rows);
    } else if (what == "categories") {
      reg::ListProductCategoriesResponse resp;
      s = stub->ListProductCategories(ctx.get(), {}, &resp);
      if (!s.ok()) return PrintError(s, ctx.get());
      if (o.json) {
        PrintJson(resp);
        return 0;
      }
      std::vector<std::vector<std::string>> rows;
      for (const auto& c : resp.categories()) {
        rows.push_back({EnumShort(reg::Law_descriptor(), c.law(), "LAW_"), c.code(),
                        c.display_name(), c.legacy() ? "oud" : ""});
      }
      PrintTable({"WET", "CODE", "CATEGORIE", ""}, rows);
    } else if (what == "units") {
      reg::ListUnitsResponse resp;
      s = stub->ListUnits(ctx.get(), {}, &resp);
      if (!s.ok()) return PrintError(s, ctx.get());
      if (o.json) {
        PrintJson(resp);
        return 0;
      }
      std::vector<std::vector<std::string>> rows;
      for (const auto& u : resp.units()) rows.push_back({u.code(), u.display_name()});
      PrintTable({"CODE", "EENHEID"}, rows);
    } else {
      reg::ListJointTasksResponse resp;
      s = stub->ListJointTasks(ctx.get(), {}, &resp);
      if (!s.ok()) return PrintError(s, ctx.get());
      if (o.json) {
        PrintJson(resp);
        return 0;
      }
      std::vector<std::vector<std::string>> rows;
      Lookup lookup(o);
      for (const auto& t : resp.tasks()) {
        std::vector<std::string> codes;
        for (const auto& p : t.participations()) {
          const std::string name = lookup.MunicipalityName(p.municipality_code());
          codes.push_back(p.has_valid_to() ? absl::StrCat(name, " (tot ", p.valid_to().year(), ")")
                                           : name);
        }
        rows.push_back({t.code(), t.display_name(), std::to_string(t.participations_size()),
                        absl::StrJoin(codes, ", ")});
      }
      PrintTable({"CODE", "TAAK", "AANTAL", "GEMEENTEN"}, rows);
    }
    return 0;
  }

  if (*audit) {
    auto stub = aud::AuditLog::NewStub(client.channel());
    aud::ListAuditRecordsRequest req;
    req.set_entity_type(entity_type);
    req.set_entity_id(entity_id);
    req.set_actor(actor);
    req.set_page_size(page_size);
    if (!since.empty() && !ParseTime(since, req.mutable_start_time())) {
      return UsageError("--since: '" + since +
                        "' is geen geldige datum; schrijf dd-mm-jjjj, jjjj-mm-dd of RFC 3339.");
    }
    if (!until.empty() && !ParseTime(until, req.mutable_end_time())) {
      return UsageError("--until: '" + until +
                        "' is geen geldige datum; schrijf dd-mm-jjjj, jjjj-mm-dd of RFC 3339.");
    }
    // The server's field paths of this request -> the flags.
    const FlagTable audit_flags = {
        {"start_time", "--since"},    {"end_time", "--until"}, {"entity_type", "--entity-type"},
        {"entity_id", "--entity-id"}, {"actor", "--actor"},    {"page_size", "--page-size"}};
    aud::ListAuditRecordsResponse all_records;
    do {
      aud::ListAuditRecordsResponse resp;
      auto ctx = client.Context();
      grpc::Status s = stub->ListAuditRecords(ctx.get(), req, &resp);
      if (!s.ok()) return PrintError(s, ctx.get(), audit_flags);
      for (const auto& r : resp.records()) *all_records.add_records() = r;
      all_records.set_next_page_token(resp.next_page_token());
      req.set_page_token(resp.next_page_token());
    } while (all && !req.page_token().empty());
    if (o.json) {
      PrintJson(all_records);
      return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : all_records.records()) {
      rows.push_back(
          {std::to_string(r.id()),
           absl::FormatTime("%Y-%m-%d %H:%M:%S", absl::FromUnixSeconds(r.time().seconds()),
                            absl::LocalTimeZone()),
           r.actor(), r.role(), r.method().substr(r.method().rfind('/') + 1),
           r.entity_type() + "/" + r.entity_id(), r.request_id()});
    }
    PrintTable({"ID", "TIJD", "WIE", "ROL", "ACTIE", "OBJECT", "VERZOEK"}, rows);
    if (!all_records.next_page_token().empty()) {
      std::cerr << "(meer: --all, of --page-token " << all_records.next_page_token() << ")\n";
    }
    return 0;
  }

  // providers ...
  auto stub = reg::ProviderRegistry::NewStub(client.channel());
  Lookup lookup(o);
  if (*p_list) {
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
  // Flags of get and history: the provider argument.
  const FlagTable provider_flags = {{"name", "provider"}};
  if (*p_get) {
    reg::GetProviderRequest req;
    if (int rc = lookup.Provider(id, req.mutable_name())) return rc;
    reg::Provider p;
    auto ctx = client.Context();
    grpc::Status s = stub->GetProvider(ctx.get(), req, &p);
    if (!s.ok()) return PrintError(s, ctx.get(), provider_flags);
    if (o.json)
      PrintJson(p);
    else
      PrintProvider(p, lookup);
    return 0;
  }
  if (*p_history) {
    reg::ListProviderHistoryRequest req;
    if (int rc = lookup.Provider(id, req.mutable_name())) return rc;
    req.set_page_size(500);
    reg::ListProviderHistoryResponse resp;
    auto ctx = client.Context();
    grpc::Status s = stub->ListProviderHistory(ctx.get(), req, &resp);
    if (!s.ok()) return PrintError(s, ctx.get(), provider_flags);
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
  if (*p_create || *p_update) {
    reg::Provider p;
    std::vector<std::string> mask;
    std::string err = *p_create ? create_flags.Fill(p_create, lookup, &p, &mask)
                                : update_flags.Fill(p_update, lookup, &p, &mask);
    if (err == "-") return 2;
    if (!err.empty()) return UsageError(err);
    reg::Provider out;
    auto ctx = client.Context();
    grpc::Status s;
    if (*p_create) {
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
    if (o.json)
      PrintJson(out);
    else
      PrintProvider(out, lookup);
    return 0;
  }
  if (*p_import) {
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
  if (*p_export) {
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
  return 2;
}

// ozjt-datagen: the benchmarks' dataset, deterministic from a seed, written as one COPY text
// file per table (the format `ozjt-admin import-dataset` reads), and psql-copy.sql, which loads
// the same files with psql's \copy in one transaction.
//
//   ozjt-datagen --scale national --seed 1 --out /tmp/national --id-base 1000000
//
// Scales: tiny (the test command's smoke run), twente (14 municipalities, 400 providers, 2,000
// contracts) and national (42 regions, 340 municipalities, 5,000 providers, 50,000 contracts,
// 500,000 tariff lines, 10 years of Jeugdzorg Plus inflow, 50,000 findings). The migrations'
// 39 regions and Twente's 14 municipalities are used as they are; the national scale adds 3
// regions and 326 municipalities, all marked fictitious. Ids start after --id-base so the data
// can sit next to the demo data. One contract per dataset (reference TWENTE-IDX-2023) has the
// scale's indexed tariff lines (1,000; 100 in tiny), shaped like the demo's HO-2023, for the
// indexation preview. Contract and investigation bodies are the domain's own JSON (ToJson), an
// investigation's findings rows of supervision.finding (FindingToJson).
#include <CLI/CLI.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "clients/admin/dataset.h"
#include "services/contracts/contract.h"
#include "services/contracts/tariff.h"
#include "services/insight/traffic.h"
#include "services/platform/calendar.h"
#include "services/registry/demo_data.h"
#include "services/registry/provider.h"
#include "services/screening/screening.h"
#include "services/supervision/supervision.h"

namespace ozjt {
namespace {

using contracts::Day;

struct Scale {
  int extra_regions;
  int municipalities;  // in all, the 14 of Twente included
  int providers;
  int contracts;
  int tariff_lines;  // in all, the indexed contract's included
  int indexed_lines;
  int inflow_years;
  int findings;  // 4 per investigation
};

const std::map<std::string, Scale>& Scales() {
  static const std::map<std::string, Scale> kScales = {
      {"tiny", {0, 14, 40, 60, 600, 100, 2, 200}},
      {"twente", {0, 14, 400, 2000, 20000, 1000, 10, 2000}},
      {"national", {3, 340, 5000, 50000, 500000, 1000, 10, 50000}},
  };
  return kScales;
}

// The regions of migration 0003 other than Twente.
const std::vector<std::string>& OtherRegions() {
  static const std::vector<std::string> kRegions = {"ACHTERHOEK",
                                                    "AMSTERDAM",
                                                    "CENTRAAL-GELDERLAND",
                                                    "DRENTHE",
                                                    "EEMLAND",
                                                    "FLEVOLAND",
                                                    "FOOD-VALLEY",
                                                    "FRIESLAND",
                                                    "GELDERLAND-ZUID",
                                                    "GOOI-VECHTSTREEK",
                                                    "GRONINGEN",
                                                    "HAAGLANDEN",
                                                    "HART-VAN-BRABANT",
                                                    "HOLLAND-RIJNLAND",
                                                    "IJMOND",
                                                    "IJSSELLAND",
                                                    "KENNEMERLAND",
                                                    "LEKSTROOM",
                                                    "MIDDEN-HOLLAND",
                                                    "MIDDEN-IJSSEL-OOST-VELUWE",
                                                    "MIDDEN-LIMBURG-OOST",
                                                    "MIDDEN-LIMBURG-WEST",
                                                    "NOORD-HOLLAND-NOORD",
                                                    "NOORD-LIMBURG",
                                                    "NOORD-VELUWE",
                                                    "NOORDOOST-BRABANT",
                                                    "RIJNMOND",
                                                    "RIVIERENLAND",
                                                    "UTRECHT-STAD",
                                                    "UTRECHT-WEST",
                                                    "WEST-BRABANT-OOST",
                                                    "WEST-BRABANT-WEST",
                                                    "ZAANSTREEK-WATERLAND",
                                                    "ZEELAND",
                                                    "ZUID-HOLLAND-ZUID",
                                                    "ZUID-LIMBURG",
                                                    "ZUIDOOST-BRABANT",
                                                    "ZUIDOOST-UTRECHT"};
  return kRegions;
}

// splitmix64: the same numbers from the same seed on every machine and compiler.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<uint64_t>(n)); }
  int Between(int lo, int hi) { return lo + Below(hi - lo + 1); }
  bool Chance(int percent) { return Below(100) < percent; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Below(static_cast<int>(v.size()))];
  }

 private:
  uint64_t state_;
};

std::string Array(const std::vector<std::string>& items) {
  return absl::StrCat("{", absl::StrJoin(items, ","), "}");
}

class Writer {
 public:
  explicit Writer(const std::filesystem::path& dir) : dir_(dir) {}
  void Row(const std::string& table, const std::vector<std::string>& fields) {
    auto& out = files_[table];
    if (!out.is_open()) out.open(dir_ / (table + ".copy"), std::ios::trunc);
    std::vector<std::string> escaped;
    escaped.reserve(fields.size());
    for (const auto& f : fields) escaped.push_back(f == kNull ? f : admin::CopyField(f));
    out << admin::CopyRow(escaped);
    ++counts_[table];
  }
  bool Close() {
    bool ok = true;
    for (auto& [_, f] : files_) {
      f.close();
      ok = ok && f.good();
    }
    return ok;
  }
  const std::map<std::string, int64_t>& counts() const { return counts_; }
  static constexpr const char* kNull = "\\N";

 private:
  std::filesystem::path dir_;
  std::map<std::string, std::ofstream> files_;
  std::map<std::string, int64_t> counts_;
};

struct Region {
  std::string code;
  std::vector<std::string> municipalities;
  std::vector<int64_t> providers;
};

const Day kToday(2026, 11, 25);

// Synthetic iJw/iWmo traffic (insight/traffic.h) as message files: DIR/jw301/0153-G30100000001.xml
// and so on, allocations from 01-01-2026, nothing dated after 25-11-2026. Twente's clients
// (10,000; 100 tiny) in Twente's municipalities with the demo providers' AGB codes; the national
// scale (10x) adds 90,000 clients in the national dataset's other municipalities (CBS 2001-2326)
// with its providers' AGB codes (70000001-70005000), their identifications starting with N.
// --clients sets the Twente part. The test range holds about 9,100 BSNs: beyond that clients
// share a BSN (and so a pseudonym), mostly in other municipalities.
int WriteMessages(const std::string& scale, uint64_t seed, int clients, const std::string& dir) {
  int64_t bytes = 0, n = 0;
  const auto write = [&](const std::string& name, const std::string& xml) {
    const std::filesystem::path path = std::filesystem::path(dir) / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << xml;
    bytes += static_cast<int64_t>(xml.size());
  };
  insight::TrafficOptions twente;
  twente.municipalities = registry::TwenteMunicipalities();
  for (int i = 0; i < registry::kDemoProviderCount; ++i) {
    twente.agb_codes.push_back(absl::StrFormat("%08d", 98000000 + i * 131));
  }
  twente.clients = clients > 0 ? clients : scale == "tiny" ? 100 : 10000;
  twente.seed = seed;
  n += insight::GenerateTraffic(twente, write);
  int all = twente.clients;
  if (scale == "national") {
    const Scale& s = Scales().at("national");
    insight::TrafficOptions country = twente;
    country.municipalities.clear();
    country.agb_codes.clear();
    for (int m = 0; m < s.municipalities - 14; ++m) {
      country.municipalities.push_back(absl::StrFormat("%04d", 2001 + m));
    }
    for (int i = 1; i <= s.providers; ++i) {
      country.agb_codes.push_back(absl::StrFormat("%08d", 70000000 + i));
    }
    country.clients = twente.clients * 9;
    country.seed = seed + 1;
    country.id_letter = 'N';
    n += insight::GenerateTraffic(country, write);
    all += country.clients;
  }
  std::cout << "messages: " << n << " (" << bytes / (1 << 20) << " MiB) of " << all
            << " clients in " << dir << std::endl;
  return 0;
}

int GenerateDataset(int argc, char** argv) {
  CLI::App app{"ozjt-datagen: the benchmarks' dataset as COPY files"};
  std::string scale_name = "twente", out_dir;
  uint64_t seed = 1;
  int64_t id_base = 1000000;
  app.add_option("--scale", scale_name, "tiny, twente or national");
  app.add_option("--seed", seed, "same seed, same data");
  app.add_option("--out", out_dir, "directory to write <schema>.<table>.copy files to");
  app.add_option("--id-base", id_base, "generated ids start after this");
  std::string messages_dir;
  int clients = 0;
  app.add_option("--messages", messages_dir,
                 "instead: write synthetic iJw/iWmo message files (one per message) to this "
                 "directory: Twente's traffic, at --scale national also the rest of the country's");
  app.add_option("--clients", clients,
                 "with --messages: Twente's clients (default 100 tiny, else 10,000; national adds "
                 "9 times as many elsewhere)");
  CLI11_PARSE(app, argc, argv);
  if (!messages_dir.empty()) return WriteMessages(scale_name, seed, clients, messages_dir);
  if (out_dir.empty()) {
    std::cerr << "ozjt-datagen: --out (or --messages) is required" << std::endl;
    return 2;
  }
  auto scale_it = Scales().find(scale_name);
  if (scale_it == Scales().end()) {
    std::cerr << "ozjt-datagen: --scale must be tiny, twente or national" << std::endl;
    return 2;
  }
  const Scale& s = scale_it->second;
  std::filesystem::create_directories(out_dir);
  Writer w(out_dir);
  Random rng(seed);

  // Regions and municipalities: Twente as it is; the national scale spreads 326 fictitious
  // municipalities over the other 38 regions and 3 fictitious ones.
  std::vector<Region> regions = {{"TWENTE", registry::TwenteMunicipalities(), {}}};
  if (s.municipalities > 14) {
    for (const auto& code : OtherRegions()) regions.push_back({code, {}, {}});
    for (int r = 1; r <= s.extra_regions; ++r) {
      const std::string code = absl::StrFormat("FICTIEF-%02d", r);
      w.Row("registry.region", {code, absl::StrFormat("Regio fictief %02d", r)});
      regions.push_back({code, {}, {}});
    }
    for (int m = 0; m < s.municipalities - 14; ++m) {
      Region& region = regions[1 + m % (regions.size() - 1)];
      const std::string cbs = absl::StrFormat("%04d", 2001 + m);
      w.Row("registry.municipality",
            {cbs, absl::StrCat("Gemeente ", cbs, " (fictief)"), region.code});
      region.municipalities.push_back(cbs);
    }
  }
  contracts::ContractRefs refs;
  for (const auto& r : regions) {
    refs.municipalities.insert(r.municipalities.begin(), r.municipalities.end());
  }

  // Providers, each at home in one region and active in 1-6 of its municipalities.
  const std::vector<std::string> kinds = {"Zorggroep",   "Jeugdhulp",     "Stichting", "Thuiszorg",
                                          "Begeleiding", "Ambulant Team", "Gezinshuis"};
  const std::vector<std::string> words = {"De Linde", "Het Anker", "Horizon",      "De Brug",
                                          "Kompas",   "De Esch",   "Noorderlicht", "Sterk",
                                          "Samen",    "De Vonder"};
  const std::vector<registry::LegalForm> forms = {
      registry::LegalForm::kStichting, registry::LegalForm::kBv, registry::LegalForm::kVof,
      registry::LegalForm::kEenmanszaak};
  for (int i = 1; i <= s.providers; ++i) {
    const int64_t id = id_base + i;
    Region& region = regions[i % regions.size()];
    region.providers.push_back(id);
    const int law = rng.Below(3);
    const std::string laws = law == 0 ? "{jeugdwet}" : law == 1 ? "{wmo}" : "{jeugdwet,wmo}";
    const int st = rng.Below(100);
    const std::string status = st < 90   ? "contracted"
                               : st < 95 ? "applicant"
                               : st < 98 ? "suspended"
                                         : "ended";
    w.Row("registry.provider",
          {std::to_string(id), absl::StrFormat("%08d", 70000000 + i),
           absl::StrCat(rng.Pick(kinds), " ", rng.Pick(words), " ", i),
           registry::Code(rng.Pick(forms)), laws, rng.Chance(10) ? "strategic" : "local", status});
    std::vector<std::string> active = region.municipalities;
    const int n = std::min<int>(static_cast<int>(active.size()), rng.Between(1, 6));
    for (int k = 0; k < n; ++k) {  // the first n of a shuffle
      std::swap(active[k], active[k + rng.Below(static_cast<int>(active.size()) - k)]);
      w.Row("registry.provider_municipality", {std::to_string(id), active[k]});
    }
  }

  // Contracts, spread over the regions; the first is the indexed one (in Twente).
  const std::vector<std::string> jw_categories = {"40", "41", "43", "44", "45", "46", "50", "54"};
  const std::vector<std::string> wmo_categories = {"01", "02", "03", "04", "05", "06", "07", "09"};
  const std::vector<std::string> units = {"01", "04", "14"};
  const int other_lines = s.tariff_lines - s.indexed_lines;
  int64_t line_id = id_base;
  for (int j = 1; j <= s.contracts; ++j) {
    const bool indexed = j == 1;
    const int64_t id = id_base + j;
    const Region& region = indexed ? regions[0] : regions[j % regions.size()];
    contracts::Contract c;
    c.id = id;
    c.version = 1;
    const int start_year = indexed ? 2023 : rng.Between(2017, 2027);
    c.start_date = indexed ? Day(2023, 1, 1) : Day(start_year, rng.Between(1, 12), 1);
    c.end_date = indexed ? Day(2028, 12, 31)
                         : Day(start_year + rng.Between(2, 4), c.start_date.month(), 1) - 1;
    const int dom = indexed ? 1 : rng.Below(5);
    c.domain = dom < 2   ? (dom == 0 ? contracts::ContractDomain::kJeugdwet
                                     : contracts::ContractDomain::kWmo)
               : dom < 4 ? contracts::ContractDomain::kJeugdwet
                         : contracts::ContractDomain::kBoth;
    c.kind = indexed || rng.Chance(30) ? contracts::ContractKind::kFramework
             : rng.Chance(80)          ? contracts::ContractKind::kSingle
                                       : contracts::ContractKind::kSubsidy;
    c.family = contracts::ContractFamily::kGeneral;
    c.reference =
        indexed ? "TWENTE-IDX-2023" : absl::StrFormat("%s-%d-%06d", region.code, start_year, j);
    c.title = indexed
                  ? "Huishoudelijke ondersteuning, 1.000 tarieven (benchmark)"
                  : absl::StrCat(c.domain == contracts::ContractDomain::kWmo ? "Wmo-ondersteuning "
                                                                             : "Jeugdhulp ",
                                 region.code, " ", j);
    if (indexed) c.index_base_year = 2022;
    const int np = std::min<int>(static_cast<int>(region.providers.size()), rng.Between(1, 4));
    for (int k = 0; k < np; ++k) {
      const int64_t p = rng.Pick(region.providers);
      if (std::find(c.provider_ids.begin(), c.provider_ids.end(), p) == c.provider_ids.end()) {
        c.provider_ids.push_back(p);
      }
    }
    std::vector<std::string> taking = region.municipalities;
    if (!indexed && rng.Chance(50)) {
      taking.resize(std::min<size_t>(taking.size(), rng.Between(1, 3)));
    }
    for (const auto& m : taking) c.participations.push_back({m, c.start_date, std::nullopt});
    c.value_cents = int64_t{100} * rng.Between(100'000, 50'000'000);
    const int options = indexed ? 2 : rng.Below(3);
    for (int o = 1; o <= options; ++o) {
      c.options.push_back({o, rng.Chance(50) ? 12 : 24, true, 0, std::nullopt, std::nullopt});
    }
    c.status = rng.Chance(2)           ? contracts::ContractStatus::kDraft
               : c.start_date > kToday ? contracts::ContractStatus::kAwarded
                                       : contracts::ContractStatus::kActive;
    if (absl::Status st = contracts::Prepare(c, refs, ""); !st.ok()) {
      std::cerr << "ozjt-datagen: generated contract " << c.reference << ": " << st << std::endl;
      return 1;
    }
    std::vector<std::string> provider_ids;
    for (int64_t p : c.provider_ids) provider_ids.push_back(std::to_string(p));
    w.Row("contracts.contract",
          {std::to_string(id), c.reference, c.title, contracts::Code(c.kind), Writer::kNull,
           contracts::Code(c.family), contracts::Code(c.status), contracts::FormatDay(c.start_date),
           contracts::FormatDay(c.end_date), Array(provider_ids), Array(c.MunicipalityCodes()),
           contracts::ToJson(c)});

    const int lines =
        indexed ? s.indexed_lines
                : other_lines / (s.contracts - 1) + (j - 2 < other_lines % (s.contracts - 1));
    for (int l = 0; l < lines; ++l) {
      const bool wmo = c.domain == contracts::ContractDomain::kWmo ||
                       (c.domain == contracts::ContractDomain::kBoth && l % 2 == 1);
      const std::string category = rng.Pick(wmo ? wmo_categories : jw_categories);
      const std::string code = indexed
                                   ? absl::StrFormat("H%04d", l + 1)
                                   : absl::StrFormat("%s%c%02d", category, 'A' + l % 26, l % 100);
      const int index_year = indexed ? 2023 : static_cast<int>(c.start_date.year());
      w.Row("contracts.tariff_line",
            {std::to_string(++line_id), std::to_string(id), wmo ? "wmo" : "jeugdwet",
             "inspanningsgericht", category, code, absl::StrCat("Product ", code),
             indexed ? "04" : rng.Pick(units), std::to_string(rng.Between(500, 15000)), "{}",
             contracts::FormatDay(indexed ? Day(2023, 1, 1) : c.start_date), Writer::kNull,
             std::to_string(index_year), Writer::kNull, "import"});
    }
  }

  // Jeugdzorg Plus inflow: per quarter and municipality, 1-2 of the region's first providers,
  // regular authorisations always, emergency and conditional ones now and then.
  for (int year = 2026 - s.inflow_years; year <= 2025; ++year) {
    for (int quarter = 1; quarter <= 4; ++quarter) {
      for (const Region& region : regions) {
        for (const auto& m : region.municipalities) {
          const int np =
              std::min<int>(static_cast<int>(region.providers.size()), rng.Between(1, 2));
          for (int k = 0; k < np; ++k) {
            for (const char* auth : {"regular", "emergency", "conditional"}) {
              if (auth[0] == 'e' && !rng.Chance(50)) continue;
              if (auth[0] == 'c' && !rng.Chance(20)) continue;
              const int placements = rng.Between(0, 6);
              w.Row("jzplus.inflow",
                    {std::to_string(year), std::to_string(quarter), m,
                     std::to_string(region.providers[k]), auth, std::to_string(placements),
                     std::to_string(rng.Between(0, placements)), "import"});
            }
          }
        }
      }
    }
  }

  // Investigations with 4 findings each: 70% concluded (plans closed, findings resolved),
  // 20% in progress with an open plan whose actions fall due in the coming months, 10% planned.
  const std::vector<supervision::Kind> inv_kinds = {
      supervision::Kind::kProactive, supervision::Kind::kProactive, supervision::Kind::kSignal,
      supervision::Kind::kIncident, supervision::Kind::kCalamity};
  for (int k = 1; k <= s.findings / 4; ++k) {
    supervision::Investigation i;
    i.id = id_base + k;
    i.version = 1;
    i.provider_id = id_base + rng.Between(1, s.providers);
    i.kind = rng.Pick(inv_kinds);
    i.subject = absl::StrCat("Toezicht op kwaliteit en veiligheid ", k);
    const int p = rng.Below(100);
    i.status = p < 70   ? supervision::Status::kConcluded
               : p < 90 ? supervision::Status::kInProgress
                        : supervision::Status::kPlanned;
    i.opened = i.status == supervision::Status::kConcluded ? Day(2019, 1, 1) + rng.Below(2500)
                                                           : kToday - rng.Between(10, 200);
    i.supervisors = {absl::StrCat("toezichthouder-", rng.Between(1, 40))};
    if (i.status != supervision::Status::kPlanned) i.started = i.opened + 7;
    for (int f = 1; f <= 4; ++f) {
      supervision::Finding finding;
      finding.number = f;
      finding.requirement_kind = supervision::RequirementKind::kLegalNorm;
      finding.requirement_reference = "Jeugdwet 4.1.1";
      finding.requirement_text = "Verantwoorde hulp";
      finding.observed = absl::StrCat("Bevinding ", f, " van onderzoek ", k);
      finding.severity = rng.Chance(3)    ? supervision::Severity::kCritical
                         : rng.Chance(30) ? supervision::Severity::kMajor
                                          : supervision::Severity::kMinor;
      finding.date = i.opened + 7;
      finding.supervisor = i.supervisors[0];
      finding.resolved = i.status == supervision::Status::kConcluded;
      i.findings.push_back(finding);
    }
    if (i.status != supervision::Status::kPlanned) {
      supervision::Plan plan;
      plan.number = 1;
      plan.findings = {1, 2, 3, 4};
      for (int a = 1; a <= 2; ++a) {
        plan.actions.push_back({a, absl::StrCat("Verbetermaatregel ", a), "aanbieder",
                                i.status == supervision::Status::kConcluded
                                    ? i.opened + int64_t{30} * a
                                    : kToday + rng.Between(-30, 150),
                                std::nullopt});
      }
      if (i.status == supervision::Status::kConcluded) {
        plan.closed = true;
        plan.closed_on = i.opened + 90;
        plan.verdict = supervision::Verdict::kEffective;
        plan.verdict_text = "Maatregelen doeltreffend";
        for (auto& action : plan.actions) action.done = action.due;
        i.concluded = i.opened + 90;
        i.conclusion = "Verbeteringen doorgevoerd";
        i.conclusion_summary = "Onderzoek afgerond";
        i.report_reference = absl::StrCat("dms://toezicht/", k);
      }
      i.plans.push_back(plan);
    }
    // The findings as rows of their own, the body without them (migration 0019).
    for (const auto& f : i.findings) {
      w.Row("supervision.finding",
            {std::to_string(i.id), std::to_string(f.number), supervision::Code(f.severity),
             contracts::FormatDay(f.date), f.resolved ? "t" : "f", supervision::FindingToJson(f)});
    }
    i.findings.clear();
    w.Row("supervision.investigation",
          {std::to_string(i.id), std::to_string(i.provider_id), supervision::Code(i.kind),
           supervision::Code(i.status), "", Writer::kNull, Writer::kNull,
           contracts::FormatDay(i.opened), supervision::ToJson(i)});
  }

  // KIT screening cases (framework 2 of migration 0006, the KIT of 2024, with 11 items), one
  // for every fourth provider: 85% decided (all items evidenced and assessed by one officer,
  // decided by another: admitted, 15% with conditions, 5% refused), 12% open with part of the
  // evidence in and the rest requested, 3% referred to Bibob.
  constexpr int64_t kKitFramework = 2;
  const std::vector<std::string> kit_items = {"I1", "I2", "I3", "I4", "I5", "I6",
                                              "I7", "Q1", "Q2", "R1", "R2"};
  for (int k = 1; k <= s.providers / 4; ++k) {
    screening::ScreeningCase c;
    c.id = id_base + k;
    c.version = 1;
    c.provider_id = id_base + int64_t{4} * k - rng.Below(4);
    c.framework_id = kKitFramework;
    c.occasion =
        rng.Chance(70) ? screening::Occasion::kProcurementRound : screening::Occasion::kNewEntrant;
    c.reference = absl::StrCat("Inkoop ", rng.Between(2019, 2026));
    const int p = rng.Below(100);
    c.status = p < 85   ? screening::CaseStatus::kDecided
               : p < 97 ? screening::CaseStatus::kOpen
                        : screening::CaseStatus::kReferredToBibob;
    const bool decided = c.status == screening::CaseStatus::kDecided;
    c.opened = decided ? Day(2019, 1, 1) + rng.Below(2400) : kToday - rng.Between(35, 60);
    c.opened_by = absl::StrCat("screening-", rng.Between(1, 4));
    const int evidenced = decided ? 11 : rng.Between(3, 11);
    for (int n = 0; n < 11; ++n) {
      screening::EvidenceRequest request{kit_items[n], c.opened + 1,
                                         c.opened + 1 + screening::kEvidenceDays, std::nullopt,
                                         c.opened_by};
      if (n < evidenced) {
        screening::Evidence e{kit_items[n], c.opened - rng.Between(0, 120),
                              c.opened + rng.Between(2, 14),
                              absl::StrCat("dms://kit/", c.id, "/", kit_items[n]), c.opened_by};
        request.fulfilled = e.received;
        if (decided || rng.Chance(50)) {
          c.assessments.push_back(
              {kit_items[n], screening::AssessmentResult::kMeets, "", c.opened_by, e.received + 1});
        }
        c.evidence.push_back(std::move(e));
      }
      c.requests.push_back(std::move(request));
    }
    const std::string decider = absl::StrCat("screening-", rng.Between(5, 8));
    if (c.status == screening::CaseStatus::kReferredToBibob) {
      c.bibob = screening::BibobReferral();
      c.bibob->referred = c.opened + 20;
      c.bibob->reference = absl::StrCat("LBB-", c.id);
      c.decisions.push_back({screening::Outcome::kReferredToBibob,
                             c.opened + 20,
                             "Twijfel over de herkomst van middelen",
                             {},
                             decider,
                             std::nullopt});
    } else if (decided) {
      const int q = rng.Below(100);
      screening::Decision d;
      d.outcome = q < 80   ? screening::Outcome::kAdmitted
                  : q < 95 ? screening::Outcome::kAdmittedWithConditions
                           : screening::Outcome::kRefused;
      d.date = c.opened + 30;
      d.reasons = "Getoetst aan het KIT";
      if (d.outcome == screening::Outcome::kAdmittedWithConditions) {
        d.conditions = {"Jaarlijks de jaarrekening aanleveren"};
      }
      d.decided_by = decider;
      if (d.outcome != screening::Outcome::kRefused) {
        d.valid_until = platform::AddMonths(d.date, 24);
      }
      c.decisions.push_back(std::move(d));
    }
    const screening::FinalColumns final = screening::FinalColumnsOf(c);
    w.Row("screening.screening_case",
          {std::to_string(c.id), std::to_string(c.provider_id), std::to_string(c.framework_id),
           screening::Code(c.occasion), screening::Code(c.status),
           final.outcome.value_or(Writer::kNull), final.decided_on.value_or(Writer::kNull),
           final.valid_until.value_or(Writer::kNull), screening::ToJson(c)});
  }

  if (!w.Close()) {
    std::cerr << "ozjt-datagen: cannot write to " << out_dir << std::endl;
    return 1;
  }
  // The same files for psql, as the benchmark's raw COPY floor: one transaction, load order.
  {
    std::ofstream psql(std::filesystem::path(out_dir) / "psql-copy.sql", std::ios::trunc);
    psql << "BEGIN;\n";
    for (const admin::DatasetTable& t : admin::DatasetTables()) {
      if (w.counts().count(t.name) == 0) continue;
      const auto file =
          std::filesystem::absolute(std::filesystem::path(out_dir) / (t.name + ".copy"));
      psql << "\\copy " << t.name << " (" << absl::StrJoin(t.columns, ", ") << ") FROM '"
           << file.string() << "'\n";
    }
    psql << "COMMIT;\n";
  }
  nlohmann::json summary = {{"scale", scale_name}, {"seed", seed}, {"id_base", id_base}};
  int64_t total = 0;
  for (const auto& [table, n] : w.counts()) {
    summary["rows"][table] = n;
    total += n;
  }
  summary["total_rows"] = total;
  std::cout << summary.dump() << std::endl;
  return 0;
}

}  // namespace
}  // namespace ozjt

int main(int argc, char** argv) {
  try {
    return ozjt::GenerateDataset(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "ozjt-datagen: " << e.what() << std::endl;
    return 1;
  }
}

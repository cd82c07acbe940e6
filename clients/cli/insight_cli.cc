#include "clients/cli/insight_cli.h"

#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include "clients/cli/lookup.h"
#include "ozjt/insight/v1/insight.grpc.pb.h"

namespace ozjt::cli {
namespace {

namespace in = ::ozjt::insight::v1;
namespace fs = std::filesystem;
using Stub = in::InsightService::Stub;

// Bytes per chunk of the import stream: a large file goes in many chunks, so no message of
// the stream comes near gRPC's limit and memory stays flat on both sides.
constexpr size_t kChunkBytes = 1u << 20;

bool IsXml(const std::string& name) {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  return lower.size() > 4 && lower.compare(lower.size() - 4, 4, ".xml") == 0;
}
bool IsZip(const std::string& name) {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  return lower.size() > 4 && lower.compare(lower.size() - 4, 4, ".zip") == 0;
}

// Streams files: small ones whole, many to a request (up to kChunkBytes), a large one in
// chunks; stops at the first write the server no longer takes.
class Sender {
 public:
  Sender(grpc::ClientWriter<in::ImportMessagesRequest>* writer, bool dry)
      : writer_(writer), dry_(dry) {}
  // Sends `read` (called until it returns 0 bytes) as the file `name`.
  template <typename Read>
  bool File(const std::string& name, Read read) {
    if (buffer_.empty()) buffer_.resize(kChunkBytes);  // once: a fresh MiB per file costs more
    size_t n = read(buffer_.data(), buffer_.size());   // than the file
    if (n < buffer_.size()) {                          // the whole file: packed with others
      if (packed_bytes_ + n > kChunkBytes && !Flush()) return false;
      auto* file = pending_.add_files();
      file->set_file_name(name);
      file->set_data(buffer_.data(), n);
      packed_bytes_ += n;
      ++files_;
      return true;
    }
    if (!Flush()) return false;  // a large file: in chunks, after what is packed
    do {
      in::ImportMessagesRequest chunk;
      chunk.set_file_name(name);
      chunk.set_data(buffer_.data(), n);
      chunk.set_validate_only(dry_);
      if (!writer_->Write(chunk)) return false;
    } while ((n = read(buffer_.data(), buffer_.size())) > 0);
    ++files_;
    return true;
  }
  // Sends what is packed.
  bool Flush() {
    if (pending_.files_size() == 0) return true;
    pending_.set_validate_only(dry_);
    const bool ok = writer_->Write(pending_);
    pending_.Clear();
    packed_bytes_ = 0;
    return ok;
  }
  int files() const { return files_; }

 private:
  grpc::ClientWriter<in::ImportMessagesRequest>* writer_;
  bool dry_;
  int files_ = 0;
  std::string buffer_;
  in::ImportMessagesRequest pending_;
  size_t packed_bytes_ = 0;
};

bool SendPlainFile(Sender& s, const fs::path& path, const std::string& name) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    std::cerr << "fout: " << path.string() << " kan niet worden gelezen.\n";
    return false;
  }
  return s.File(name, [&](char* buf, size_t size) {
    file.read(buf, static_cast<std::streamsize>(size));
    return static_cast<size_t>(file.gcount());
  });
}

// Every .xml file of the zip, in the zip's order; named "zip/entry".
bool SendZip(Sender& s, const fs::path& path) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (archive == nullptr) {
    std::cerr << "fout: " << path.string() << " is geen leesbaar zip-bestand.\n";
    return false;
  }
  bool ok = true;
  const zip_int64_t n = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; ok && i < n; ++i) {
    const char* entry = zip_get_name(archive, static_cast<zip_uint64_t>(i), 0);
    if (entry == nullptr || !IsXml(entry)) continue;
    zip_file_t* f = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    if (f == nullptr) {
      std::cerr << "fout: " << entry << " in " << path.string() << " kan niet worden gelezen.\n";
      ok = false;
      break;
    }
    ok = s.File(path.filename().string() + "/" + entry, [&](char* buf, size_t size) {
      const zip_int64_t got = zip_fread(f, buf, size);
      return got > 0 ? static_cast<size_t>(got) : size_t{0};
    });
    zip_fclose(f);
  }
  zip_close(archive);
  return ok;
}

// A file, a directory (every .xml and .zip below it, sorted) or a zip.
bool SendPath(Sender& s, const std::string& given) {
  const fs::path path(given);
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<fs::path> found;
    for (const auto& e : fs::recursive_directory_iterator(path, ec)) {
      if (e.is_regular_file() && (IsXml(e.path().string()) || IsZip(e.path().string()))) {
        found.push_back(e.path());
      }
    }
    std::sort(found.begin(), found.end());
    for (const auto& f : found) {
      if (!(IsZip(f.string()) ? SendZip(s, f) : SendPlainFile(s, f, f.string()))) return false;
    }
    return true;
  }
  if (!fs::exists(path, ec)) {
    std::cerr << "fout: " << given << " bestaat niet.\n";
    return false;
  }
  return IsZip(given) ? SendZip(s, path) : SendPlainFile(s, path, given);
}

const char* OutcomeText(in::Outcome o) {
  switch (o) {
    case in::OUTCOME_IMPORTED:
      return "ingelezen";
    case in::OUTCOME_ALREADY_IMPORTED:
      return "al eerder ingelezen";
    case in::OUTCOME_REFUSED:
      return "geweigerd";
    case in::OUTCOME_VALID:
      return "in orde";
    default:
      return "?";
  }
}

void AddInsightImport(CLI::App* insight, const Options& o, int& exit_code) {
  auto* importer = insight->add_subcommand(
      "import",
      "iJw/iWmo-berichten inlezen (301, 305, 307, 315, 317, 323, 325): bestanden, "
      "mappen of zip-bestanden; elk bericht geheel of niet, een bericht dat er al is "
      "telt één keer");
  auto paths = std::make_shared<std::vector<std::string>>();
  auto dry = std::make_shared<bool>(false);
  auto verbose = std::make_shared<bool>(false);
  importer->add_option("paths", *paths, "bestanden (.xml), mappen of zip-bestanden")->required();
  importer->add_flag("--dry-run", *dry, "alleen controleren, niets vastleggen");
  importer->add_flag(
      "--verbose", *verbose,
      "de uitkomst van elk bestand tonen (bij meer dan 1.000 bestanden alleen de geweigerde)");
  importer->callback([&, paths, dry, verbose] {
    Client client(o);
    Stub stub(client.channel());
    auto ctx = client.Context();
    // A batch may take long: the deadline is per import, not per file.
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::hours(6));
    in::ImportMessagesResponse resp;
    auto writer = stub.ImportMessages(ctx.get(), &resp);
    Sender sender(writer.get(), *dry);
    bool sent = true;
    for (const auto& p : *paths) {
      if (!(sent = SendPath(sender, p))) break;
    }
    if (sent) sent = sender.Flush();
    writer->WritesDone();
    grpc::Status status = writer->Finish();
    if (!status.ok()) {
      exit_code = PrintError(status, ctx.get(), {{"file_name", "paths"}});
      return;
    }
    if (!sent) {
      exit_code = 2;
      return;
    }
    if (o.json) {
      PrintJson(resp);
    } else {
      for (const auto& f : resp.files()) {
        if (f.outcome() == in::OUTCOME_REFUSED) {
          std::cerr << f.file_name() << ": " << (f.path().empty() ? "" : f.path() + ": ")
                    << f.dutch() << "\n";
        } else if (*verbose) {
          std::cout << f.file_name() << ": " << OutcomeText(f.outcome()) << " (" << f.message_type()
                    << " " << f.sender() << " " << f.identification() << ")\n";
        }
      }
      if (*dry) {
        std::cout << "gecontroleerd: " << resp.file_count() << " bestanden, " << resp.valid()
                  << " in orde, " << resp.refused() << " geweigerd; niets vastgelegd\n";
      } else {
        std::cout << "ingelezen: " << resp.imported()
                  << ", al eerder ingelezen: " << resp.already_imported()
                  << ", geweigerd: " << resp.refused() << "\n";
      }
    }
    exit_code = resp.refused() > 0 ? 1 : 0;
  });
}

std::string Count(const in::Count& c) { return c.shown().empty() ? "0" : c.shown(); }

std::string Volumes(const in::FigureRow& r) {
  std::string out;
  for (const auto& v : r.volumes()) {
    char allocated[32];
    std::snprintf(allocated, sizeof allocated, "%.1f", v.allocated());
    out += (out.empty() ? "" : "; ") + std::string(allocated) + " / " +
           std::to_string(v.delivered()) + " " + v.unit_name();
  }
  return out;
}

std::vector<std::string> RowCells(const in::FigureRow& r, const std::string& who) {
  if (r.suppressed()) {
    return {who,
            Count(r.clients_allocated()),
            Count(r.allocations()),
            Count(r.not_started()),
            "x",
            "x",
            "x",
            "x",
            "x",
            "x",
            "x"};
  }
  return {who,
          Count(r.clients_allocated()),
          Count(r.allocations()),
          Count(r.not_started()),
          Volumes(r),
          Euros(r.declared_cents()),
          Euros(r.granted_cents()),
          Euros(r.rejected_cents()),
          Euros(r.pending_cents()),
          r.starts() == 0 ? "-"
                          : std::to_string(r.wait_median_days()) + " / " +
                                std::to_string(r.wait_p80_days()) + " d",
          r.starts() == 0 ? "-"
                          : std::to_string(r.within_norm()) + " van " + std::to_string(r.starts()) +
                                " (norm " + std::to_string(r.norm_days()) + " d)"};
}

void PrintDeviations(const in::QuarterFigures& r) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& d : r.deviations()) {
    rows.push_back({d.contract_reference(),
                    d.provider_name().empty() ? "AGB " + d.agb_code() : d.provider_name(),
                    d.claim_number() + " / " + d.reference(),
                    d.law() + " " + d.product_category() + " " + d.product_code(),
                    d.period_from() + " - " + d.period_to(),
                    std::to_string(d.volume()) + " x " + Euros(d.tariff_cents()),
                    Euros(d.contract_tariff_cents()), Euros(d.effect_cents()),
                    d.rejected() ? "ja" : "nee"});
  }
  PrintTable({"CONTRACT", "AANBIEDER", "DECLARATIE / REGEL", "PRODUCT", "PERIODE", "GEDECLAREERD",
              "CONTRACTTARIEF", "EFFECT", "AFGEWEZEN"},
             rows);
  if (r.deviations_total() > r.deviations_size()) {
    std::cout << "(de eerste " << r.deviations_size() << " van " << r.deviations_total() << ")\n";
  }
}

void AddInsightQuarter(CLI::App* insight, const Options& o, int& exit_code) {
  auto* quarter =
      insight->add_subcommand("quarter",
                              "de cijfers van een kwartaal per aanbieder en product: cliënten, "
                              "toewijzingen, volume, declaraties en wachttijden");
  auto municipality = std::make_shared<std::string>();
  auto q = std::make_shared<std::string>();
  auto deviations = std::make_shared<bool>(false);
  quarter->add_option("--quarter", *q, "het kwartaal, bijvoorbeeld 2026-K1")->required();
  quarter->add_flag("--deviations", *deviations,
                    "ook elke declaratieregel met een ander tarief dan het contract");
  quarter->add_option("--municipality", *municipality,
                      "gemeente: naam of CBS-code (standaard: de hele regio)");
  quarter->callback([&, municipality, q, deviations] {
    in::GetQuarterFiguresRequest req;
    if (!municipality->empty() &&
        (exit_code = Lookup(o).MunicipalityCode(*municipality, req.mutable_municipality_code()))) {
      return;
    }
    req.set_quarter(*q);
    exit_code = Send(
        o, &Stub::GetQuarterFigures, req,
        [&](const in::QuarterFigures& r) {
          std::cout << "Contractmanagementinformatie " << r.municipality_name() << ", "
                    << r.quarter()
                    << (r.suppressed() ? " (kleine aantallen afgeschermd: <5 en x)" : "") << "\n";
          std::vector<std::vector<std::string>> rows;
          for (const auto& row : r.rows()) {
            const std::string who =
                (row.contract_reference().empty() ? std::string("geen contract")
                                                  : row.contract_reference()) +
                " · " +
                (row.provider_name().empty() ? "AGB " + row.agb_code() : row.provider_name()) +
                " · " + row.law() + " " + row.product_category() +
                (row.product_code().empty() ? "" : " " + row.product_code());
            rows.push_back(RowCells(row, who));
          }
          rows.push_back(RowCells(r.total(), "Totaal"));
          PrintTable({"CONTRACT · AANBIEDER · PRODUCT", "CLIËNTEN", "TOEWIJZINGEN", "NIET GESTART",
                      "VOLUME TOEGEWEZEN / GELEVERD", "GEDECLAREERD", "TOEGEKEND", "AFGEWEZEN",
                      "NOG OPEN", "WACHTTIJD MEDIAAN / P80", "BINNEN NORM"},
                     rows);
          if (!r.suppressed()) {
            std::cout << "Afwijkende tarieven: " << r.total().tariff_deviations()
                      << " declaratieregels, effect " << Euros(r.total().deviation_cents())
                      << (*deviations || r.deviations_total() == 0 ? "" : " (--deviations)")
                      << "\n";
          }
          if (*deviations) PrintDeviations(r);
        },
        {{"quarter", "--quarter"}, {"municipality_code", "--municipality"}});
  });
}

// "2027-04-01" from a date flag as people type it (31-12-2026 or 2026-12-31); false after the
// Dutch usage error.
bool DayFlag(const std::string& flag, const std::string& text, std::string* out) {
  google::type::Date d;
  if (!ParseDateFlag(flag, text, &d)) return false;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year(), d.month(), d.day());
  *out = buf;
  return true;
}

std::string DutchDayText(const std::string& iso) {
  if (iso.size() != 10) return iso;
  return iso.substr(8, 2) + "-" + iso.substr(5, 2) + "-" + iso.substr(0, 4);
}

void PrintCeiling(const in::SpendingCeiling& c) {
  const std::string id = c.name().substr(c.name().find('/') + 1);
  std::cout << "Bestedingsruimte " << id << ": " << c.contract_reference() << " · "
            << c.provider_name() << " · " << c.municipality_name() << " · " << c.year()
            << " (vanaf " << DutchDayText(c.starts_on()) << ")\n"
            << "  Ruimte " << Euros(c.amount_cents()) << ", besteed " << Euros(c.spent_cents())
            << " (" << c.used_percent() << "%), prognose " << Euros(c.forecast_cents()) << "\n";
  if (c.seventy_percent()) std::cout << "  Signaal: 70% van de ruimte is besteed (art. 1.5.7)\n";
  if (c.forecast_overrun()) std::cout << "  Signaal: de prognose overschrijdt de ruimte\n";
  for (const auto& clock : c.clocks()) {
    std::cout << "  " << DutchDayText(clock.due()) << "  " << clock.summary() << "\n";
  }
}

void AddCeilingSet(CLI::App* ceiling, const Options& o, int& exit_code) {
  auto* set = ceiling->add_subcommand(
      "set", "de bestedingsruimte van een contract, aanbieder, gemeente en jaar vastleggen");
  auto contract = std::make_shared<std::string>();
  auto provider = std::make_shared<std::string>();
  auto municipality = std::make_shared<std::string>();
  auto year = std::make_shared<int>(0);
  auto amount = std::make_shared<std::string>();
  auto starts = std::make_shared<std::string>();
  set->add_option("--contract", *contract, "het contract: kenmerk of nummer")->required();
  set->add_option("--provider", *provider, "de aanbieder: naam, AGB-code of nummer")->required();
  set->add_option("--municipality", *municipality, "de gemeente: naam of CBS-code")->required();
  set->add_option("--year", *year, "het jaar, bijvoorbeeld 2027")->required();
  set->add_option("--amount", *amount, "het bedrag in euro, bijvoorbeeld 250.000,00")->required();
  set->add_option("--starts", *starts, "de ingangsdatum (standaard 1 januari)");
  set->callback([&, contract, provider, municipality, year, amount, starts] {
    in::SetSpendingCeilingRequest req;
    Lookup lookup(o);
    if ((exit_code = lookup.Contract(*contract, req.mutable_contract())) ||
        (exit_code = lookup.Provider(*provider, req.mutable_provider())) ||
        (exit_code = lookup.MunicipalityCode(*municipality, req.mutable_municipality_code()))) {
      return;
    }
    int64_t cents = 0;
    if (!ParseAmountCents(*amount, &cents)) {
      exit_code = UsageError("--amount: '" + *amount +
                             "' is geen bedrag; schrijf bijvoorbeeld 250.000,00 of 250000.");
      return;
    }
    if (!starts->empty() && !DayFlag("--starts", *starts, req.mutable_starts_on())) {
      exit_code = 2;
      return;
    }
    req.set_year(*year);
    req.set_amount_cents(cents);
    exit_code = Send(o, &Stub::SetSpendingCeiling, req, PrintCeiling,
                     {{"year", "--year"},
                      {"starts_on", "--starts"},
                      {"amount_cents", "--amount"},
                      {"municipality_code", "--municipality"}});
  });
}

void AddCeilingStep(CLI::App* ceiling, const Options& o, int& exit_code) {
  auto* step = ceiling->add_subcommand(
      "step", "een stap van art. 1.5.7 vastleggen: melding, overleg of besluit");
  auto id = std::make_shared<int64_t>(0);
  auto what = std::make_shared<std::string>();
  auto date = std::make_shared<std::string>();
  step->add_option("--id", *id, "het nummer van de bestedingsruimte (ozjt insight ceilings)")
      ->required();
  step->add_option("--step", *what, "melding, overleg of besluit")->required();
  step->add_option("--date", *date, "de datum, bijvoorbeeld 14-09-2027")->required();
  step->callback([&, id, what, date] {
    static const std::map<std::string, in::CeilingStep> kSteps = {
        {"melding", in::CEILING_STEP_NOTIFIED},
        {"overleg", in::CEILING_STEP_CONSULTED},
        {"besluit", in::CEILING_STEP_DECIDED}};
    auto s = kSteps.find(*what);
    if (s == kSteps.end()) {
      exit_code = UsageError("--step: '" + *what + "' kan niet; kies melding, overleg of besluit.");
      return;
    }
    in::RecordCeilingStepRequest req;
    req.set_name("spendingCeilings/" + std::to_string(*id));
    req.set_step(s->second);
    if (!DayFlag("--date", *date, req.mutable_day())) {
      exit_code = 2;
      return;
    }
    exit_code = Send(o, &Stub::RecordCeilingStep, req, PrintCeiling,
                     {{"name", "--id"}, {"day", "--date"}, {"step", "--step"}});
  });
}

void AddCeilingList(CLI::App* insight, const Options& o, int& exit_code) {
  auto* list = insight->add_subcommand(
      "ceilings", "de bestedingsruimtes van een jaar: besteed, prognose, signalen en termijnen");
  auto year = std::make_shared<int>(0);
  auto municipality = std::make_shared<std::string>();
  list->add_option("--year", *year, "het jaar, bijvoorbeeld 2027")->required();
  list->add_option("--municipality", *municipality, "gemeente: naam of CBS-code (standaard: alle)");
  list->callback([&, year, municipality] {
    in::ListSpendingCeilingsRequest req;
    if (!municipality->empty() &&
        (exit_code = Lookup(o).MunicipalityCode(*municipality, req.mutable_municipality_code()))) {
      return;
    }
    req.set_year(*year);
    exit_code =
        Send(o, &Stub::ListSpendingCeilings, req,
             [](const in::ListSpendingCeilingsResponse& r) {
               std::vector<std::vector<std::string>> rows;
               for (const auto& c : r.ceilings()) {
                 std::string signal = c.seventy_percent() ? "70% besteed" : "";
                 if (c.forecast_overrun()) {
                   signal += signal.empty() ? "prognose te hoog" : ", prognose te hoog";
                 }
                 rows.push_back({c.name().substr(c.name().find('/') + 1), c.municipality_name(),
                                 c.contract_reference(), c.provider_name(), Euros(c.amount_cents()),
                                 Euros(c.spent_cents()), std::to_string(c.used_percent()) + "%",
                                 Euros(c.forecast_cents()), signal.empty() ? "-" : signal});
               }
               PrintTable({"NR", "GEMEENTE", "CONTRACT", "AANBIEDER", "RUIMTE", "BESTEED",
                           "GEBRUIKT", "PROGNOSE", "SIGNAAL"},
                          rows);
             },
             {{"year", "--year"}, {"municipality_code", "--municipality"}});
  });
}

void AddInsightReport(CLI::App* insight, const Options& o, int& exit_code) {
  auto* report = insight->add_subcommand(
      "report", "de rapportage van een kwartaal of halfjaar als PDF, CSV of SVG (een bestand)");
  auto period = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("pdf");
  auto municipality = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  auto external = std::make_shared<bool>(false);
  report->add_option("--period", *period, "kwartaal (2026-K3) of halfjaar (2026-H1)")->required();
  report->add_option("--format", *format, "pdf (standaard), csv of svg");
  report->add_option("--municipality", *municipality,
                     "gemeente: naam of CBS-code (standaard: de hele regio)");
  report->add_flag("--external", *external, "voor extern gebruik: kleine aantallen afgeschermd");
  report->add_option("--output", *output, "het bestand (standaard de naam die de server geeft)");
  report->callback([&, period, format, municipality, output, external] {
    static const std::map<std::string, in::ReportFormat> kFormats = {
        {"pdf", in::REPORT_FORMAT_PDF},
        {"csv", in::REPORT_FORMAT_CSV},
        {"svg", in::REPORT_FORMAT_SVG}};
    auto f = kFormats.find(*format);
    if (f == kFormats.end()) {
      exit_code = UsageError("--format: '" + *format + "' kan niet; kies pdf, csv of svg.");
      return;
    }
    in::GetReportRequest req;
    if (!municipality->empty() &&
        (exit_code = Lookup(o).MunicipalityCode(*municipality, req.mutable_municipality_code()))) {
      return;
    }
    req.set_period(*period);
    req.set_format(f->second);
    req.set_external(*external);
    bool written = true;
    exit_code = Send(
        o, &Stub::GetReport, req,
        [&](const in::ReportFile& r) {
          const std::string path = output->empty() ? r.file_name() : *output;
          std::ofstream file(path, std::ios::binary);
          file << r.content();
          if (!file.flush()) {
            std::cerr << "fout: kan " << path << " niet schrijven.\n";
            written = false;
            return;
          }
          std::cout << "geschreven: " << path
                    << (r.suppressed() ? " (kleine aantallen afgeschermd)" : "") << "\n";
        },
        {{"period", "--period"}, {"municipality_code", "--municipality"}, {"format", "--format"}});
    if (exit_code == 0 && !written) exit_code = 1;
  });
}

}  // namespace

void AddInsightCommands(CLI::App& app, const Options& o, int& exit_code) {
  auto* insight = app.add_subcommand(
      "insight", "contractmanagementinformatie uit het iJw/iWmo-berichtenverkeer");
  insight->require_subcommand(1);
  AddInsightImport(insight, o, exit_code);
  AddInsightQuarter(insight, o, exit_code);
  AddInsightReport(insight, o, exit_code);
  auto* ceiling = insight->add_subcommand(
      "ceiling", "een bestedingsruimte (Contractstandaard art. 1.5) vastleggen of bijwerken");
  ceiling->require_subcommand(1);
  AddCeilingSet(ceiling, o, exit_code);
  AddCeilingStep(ceiling, o, exit_code);
  AddCeilingList(insight, o, exit_code);
}

}  // namespace ozjt::cli

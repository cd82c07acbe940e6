#include "clients/cli/audit_cli.h"

#include <memory>

#include "absl/time/time.h"
#include "ozjt/audit/v1/audit.grpc.pb.h"

namespace ozjt::cli {
namespace {

namespace aud = ::ozjt::audit::v1;

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

// The INHOUD column: whether the record's before and after are there to read (with --json),
// or withheld because the caller's role may not read the confidential entity.
std::string Content(const aud::AuditRecord& r) {
  if (r.content_withheld()) return "inhoud afgeschermd: vertrouwelijk";
  if (r.before_json().empty() && r.after_json().empty()) return "";
  return "zie --json";
}

// The flags of `audit list`.
struct AuditFlags {
  std::string entity_type, entity_id, actor, since, until;
  int page_size = 0;
  bool all = false;
};

int ListAudit(const Options& o, Client& client, const AuditFlags& f) {
  const std::string &entity_type = f.entity_type, &entity_id = f.entity_id, &actor = f.actor,
                    &since = f.since, &until = f.until;
  const int page_size = f.page_size;
  const bool all = f.all;
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
    rows.push_back({std::to_string(r.id()),
                    absl::FormatTime("%Y-%m-%d %H:%M:%S", absl::FromUnixSeconds(r.time().seconds()),
                                     absl::LocalTimeZone()),
                    r.actor(), r.role(), r.method().substr(r.method().rfind('/') + 1),
                    r.entity_type() + "/" + r.entity_id(), r.request_id(), Content(r)});
  }
  PrintTable({"ID", "TIJD", "WIE", "ROL", "ACTIE", "OBJECT", "VERZOEK", "INHOUD"}, rows);
  if (!all_records.next_page_token().empty()) {
    std::cerr << "(meer: --all, of --page-token " << all_records.next_page_token() << ")\n";
  }
  return 0;
}

// `audit verify`: the hash chain checked by the service; exit code 1 when it is broken.
int VerifyAudit(const Options& o) {
  return Send(
      o, &aud::AuditLog::Stub::VerifyAuditChain, aud::VerifyAuditChainRequest(),
      [](const aud::AuditChainReport& r) {
        if (!r.intact()) {
          std::cout << "De auditketen is VERBROKEN op positie " << r.broken_at_position()
                    << (r.broken_at_record() != 0
                            ? " (auditregel " + std::to_string(r.broken_at_record()) + ")"
                            : "")
                    << ": " << r.reason() << "\nDe " << r.records()
                    << " regels ervoor zijn ongeschonden." << std::endl;
          return 1;
        }
        std::cout << "De auditketen is ongeschonden: " << r.records()
                  << " regels gecontroleerd.\nLaatste hash: " << r.head_hash()
                  << "\n(Noteer deze hash buiten het systeem; een latere controle die bij dezelfde "
                     "regel op dezelfde hash uitkomt, bewijst dat er daarvoor niets is "
                     "veranderd.)"
                  << std::endl;
        if (r.unchained_records() > 0) {
          std::cout << r.unchained_records()
                    << " recente regels staan nog niet in de keten (de server voegt ze binnen een "
                       "seconde toe; controleer later opnieuw om ze mee te nemen)."
                    << std::endl;
        }
        return 0;
      });
}

}  // namespace

void AddAuditCommands(CLI::App& app, const Options& o, int& exit_code) {
  auto* audit = app.add_subcommand("audit", "het auditlog (auditor, beheerder)");
  audit->require_subcommand(1);
  auto f = std::make_shared<AuditFlags>();
  auto* a_list = audit->add_subcommand("list", "auditregels, nieuwste eerst");
  a_list->add_option("--entity-type", f->entity_type, "soort object, bijv. provider");
  a_list->add_option("--entity-id", f->entity_id, "id van het object, bijv. 12");
  a_list->add_option("--actor", f->actor, "wie het deed (subject van het token)");
  a_list->add_option("--since", f->since, "vanaf: tijdstip (RFC 3339) of dag (dd-mm-jjjj)");
  a_list->add_option("--until", f->until,
                     "tot (niet t/m): tijdstip (RFC 3339) of dag (dd-mm-jjjj)");
  a_list->add_option("--page-size", f->page_size, "aantal per pagina (standaard 100)");
  a_list->add_flag("--all", f->all, "alle pagina's");
  a_list->callback(
      [&, f] { Run(o, exit_code, [&](Client& client) { return ListAudit(o, client, *f); }); });
  auto* a_verify = audit->add_subcommand(
      "verify", "de hashketen van het auditlog controleren (zonder toegang tot de database)");
  a_verify->callback([&] { exit_code = VerifyAudit(o); });
}

}  // namespace ozjt::cli

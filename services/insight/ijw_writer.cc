#include "services/insight/ijw_writer.h"

#include <map>

#include "absl/strings/str_cat.h"

namespace ozjt::insight {
namespace {

std::string Day(absl::CivilDay d) { return absl::FormatCivilTime(d); }

struct Codes {
  const char* jw;
  const char* wmo;
};
Codes BerichtCode(MessageType t) {
  switch (t) {
    case 301:
      return {"436", "414"};
    case 305:
      return {"438", "418"};
    case 307:
      return {"440", "420"};
    case 315:
      return {"446", "444"};
    case 317:
      return {"486", "480"};
    case 323:
      return {"490", "484"};
    default:
      return {"491", "485"};
  }
}

// Builds one message: the root with both namespaces, elements prefixed "m:" (the message's)
// and "b:" (the basisschema's).
class Doc {
 public:
  explicit Doc(const Header& h) : h_(h) {
    const std::string base = h.law == Law::kJw ? "http://www.istandaarden.nl/ijw/3_2/"
                                               : "http://www.istandaarden.nl/iwmo/3_2/";
    absl::StrAppend(&out_, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<m:Bericht xmlns:b=\"",
                    base, "basisschema/schema\" xmlns:m=\"", base, h.law == Law::kJw ? "jw" : "wmo",
                    h.type, "/schema\">");
  }
  void Open(const char* name) { absl::StrAppend(&out_, "<m:", name, ">"); }
  void Close(const char* name) { absl::StrAppend(&out_, "</m:", name, ">"); }
  void Leaf(const char* name, const std::string& v) {
    absl::StrAppend(&out_, "<m:", name, ">", v, "</m:", name, ">");
  }
  void Base(const char* name, const std::string& v) {
    absl::StrAppend(&out_, "<b:", name, ">", v, "</b:", name, ">");
  }
  void OpenBase(const char* name) { absl::StrAppend(&out_, "<b:", name, ">"); }
  void CloseBase(const char* name) { absl::StrAppend(&out_, "</b:", name, ">"); }

  void Header(bool end = true) {
    Open("Header");
    const Codes c = BerichtCode(h_.type);
    Leaf("BerichtCode", h_.law == Law::kJw ? c.jw : c.wmo);
    Leaf("BerichtVersie", "3");
    Leaf("BerichtSubversie", "2");
    Leaf("Afzender", h_.sender);
    Leaf("Ontvanger", h_.receiver);
    Open("BerichtIdentificatie");
    Base("Identificatie", h_.identification);
    Base("Dagtekening", Day(h_.dated));
    Close("BerichtIdentificatie");
    Versions("XsdVersie");
    if (end) Close("Header");
  }
  void Versions(const char* name) {
    Open(name);
    Base("BasisschemaXsdVersie", "1.0.0");
    Base("BerichtXsdVersie", "1.0.0");
    Close(name);
  }
  // Bsn, birth date, sex and name: required by the schema; the reader keeps the BSN's
  // pseudonym only.
  void Person(const std::string& bsn) {
    Leaf("Bsn", bsn);
    Open("Geboortedatum");
    Base("Datum", "2014-05-01");
    Close("Geboortedatum");
    Leaf("Geslacht", "0");
    Open("Naam");
    OpenBase("Geslachtsnaam");
    Base("Achternaam", "Test");
    CloseBase("Geslachtsnaam");
    if (h_.type == 301) Base("NaamGebruik", "1");  // 305/307/315 name without it
    Close("Naam");
  }
  void ProductOf(const Product& p) {
    if (p.category.empty()) return;
    Open("Product");
    Base("Categorie", p.category);
    if (!p.code.empty()) Base("Code", p.code);
    Close("Product");
  }
  void Amount(const char* name, int64_t signed_cents, const char* amount = "Bedrag") {
    Open(name);
    Base(amount, std::to_string(signed_cents < 0 ? -signed_cents : signed_cents));
    Base("DebetCredit", signed_cents < 0 ? "C" : "D");
    Close(name);
  }
  void ClaimLineOf(const ClaimLine& l) {
    Open("ProductReferentie");
    Base("ReferentieNummer", l.reference);
    if (!l.previous_reference.empty()) Base("VorigReferentieNummer", l.previous_reference);
    Close("ProductReferentie");
    Leaf("ToewijzingNummer", std::to_string(l.number));
    Leaf("ProductCategorie", l.product.category);
    Leaf("ProductCode", l.product.code);
    Open("ProductPeriode");
    Base("Begindatum", Day(l.from));
    Base("Einddatum", Day(l.to));
    Close("ProductPeriode");
    Leaf("GeleverdVolume", std::to_string(l.volume < 0 ? -l.volume : l.volume));
    Leaf("Eenheid", l.unit);
    if (l.tariff_cents) Leaf("ProductTarief", std::to_string(*l.tariff_cents));
    Amount("IngediendBedrag", l.amount_cents);
  }
  std::string Done() && {
    out_ += "</m:Bericht>\n";
    return std::move(out_);
  }

 private:
  const insight::Header& h_;
  std::string out_;
};

// The claim's lines per client (BSN), in order of first appearance.
std::vector<std::pair<std::string, std::vector<const ClaimLine*>>> ByClient(
    const std::vector<ClaimLine>& lines) {
  std::vector<std::pair<std::string, std::vector<const ClaimLine*>>> out;
  std::map<std::string, size_t> index;
  for (const auto& l : lines) {
    auto [it, fresh] = index.try_emplace(l.client, out.size());
    if (fresh) out.push_back({l.client, {}});
    out[it->second].second.push_back(&l);
  }
  return out;
}

}  // namespace

std::string WriteAllocations(const Header& h, const std::string& bsn,
                             const std::vector<Allocation>& allocations) {
  Doc d(h);
  d.Header();
  d.Open("Client");
  d.Person(bsn);
  d.Open("Contactgegevens");
  d.Open("Contact");
  d.Leaf("Soort", "01");
  d.Close("Contact");
  d.Close("Contactgegevens");
  d.Open("ToegewezenProducten");
  for (const Allocation& a : allocations) {
    d.Open("ToegewezenProduct");
    d.Leaf("ToewijzingNummer", std::to_string(a.number));
    if (!a.reference.empty()) d.Leaf("ReferentieAanbieder", a.reference);
    d.ProductOf(a.product);
    d.Leaf("Toewijzingsdatum", Day(a.allocated_on));
    d.Leaf("Toewijzingstijd", a.allocated_at.empty() ? "09:00:00" : a.allocated_at);
    d.Leaf("Ingangsdatum", Day(a.starts_on));
    if (a.ends_on) d.Leaf("Einddatum", Day(*a.ends_on));
    if (!a.change_reason.empty()) d.Leaf("RedenWijziging", a.change_reason);
    if (a.volume) {
      d.Open("Omvang");
      d.Base("Volume", std::to_string(*a.volume));
      d.Base("Eenheid", a.unit);
      d.Base("Frequentie", a.frequency);
      d.Close("Omvang");
    }
    if (a.budget_cents) d.Leaf("Budget", std::to_string(*a.budget_cents));
    d.Close("ToegewezenProduct");
  }
  d.Close("ToegewezenProducten");
  d.Close("Client");
  return std::move(d).Done();
}

std::string WriteCareLines(const Header& h, const std::string& bsn,
                           const std::vector<CareLine>& lines) {
  const bool start = h.type == 305;
  Doc d(h);
  d.Header();
  d.Open("Client");
  d.Person(bsn);
  d.Open(start ? "StartProducten" : "StopProducten");
  for (const CareLine& l : lines) {
    d.Open(start ? "StartProduct" : "StopProduct");
    if (l.number != 0) d.Leaf("ToewijzingNummer", std::to_string(l.number));
    d.ProductOf(l.product);
    d.Leaf("Begindatum", Day(l.begins_on));
    if (!start) {
      d.Leaf("RedenBeeindiging", l.end_reason);
      d.Leaf("Einddatum", Day(l.ends_on.value_or(l.begins_on)));
    }
    d.Leaf("StatusAanlevering", std::to_string(l.status));
    d.Close(start ? "StartProduct" : "StopProduct");
  }
  d.Close(start ? "StartProducten" : "StopProducten");
  d.Close("Client");
  return std::move(d).Done();
}

std::string WriteRequests(const Header& h, const std::string& bsn,
                          const std::vector<Request>& requests) {
  Doc d(h);
  d.Header();
  d.Open("Client");
  d.Person(bsn);
  d.Open("AangevraagdeProducten");
  for (const Request& r : requests) {
    d.Open("AangevraagdProduct");
    d.Leaf("ReferentieAanbieder", r.reference);
    d.ProductOf(r.product);
    d.Leaf("ToewijzingIngangsdatum", Day(r.starts_on));
    d.Open("Verwijzer");
    d.Base("Type", "01");
    d.Close("Verwijzer");
    d.Close("AangevraagdProduct");
  }
  d.Close("AangevraagdeProducten");
  d.Close("Client");
  return std::move(d).Done();
}

std::string WriteClaim(const Header& h, const Claim& claim) {
  Doc d(h);
  d.Header();
  d.Open("Declaratie");
  d.Leaf("DeclaratieNummer", claim.number);
  d.Open("DeclaratiePeriode");
  d.Base("Begindatum", Day(claim.period_from));
  d.Base("Einddatum", Day(claim.period_to));
  d.Close("DeclaratiePeriode");
  d.Leaf("DeclaratieDagtekening", Day(h.dated));
  d.Amount("TotaalIngediendBedrag", claim.total_cents, "TotaalBedrag");
  d.Open("Clienten");
  for (const auto& [bsn, lines] : ByClient(claim.lines)) {
    d.Open("Client");
    d.Leaf("Bsn", bsn);
    d.Open("Prestaties");
    for (const ClaimLine* l : lines) {
      d.Open("Prestatie");
      d.ClaimLineOf(*l);
      d.Close("Prestatie");
    }
    d.Close("Prestaties");
    d.Close("Client");
  }
  d.Close("Clienten");
  d.Close("Declaratie");
  return std::move(d).Done();
}

std::string WriteClaimAnswer(const Header& h, const Header& claim_header, const Claim& claim,
                             const std::vector<std::pair<std::string, std::string>>& rejected) {
  std::map<std::string, std::string> codes(rejected.begin(), rejected.end());
  std::vector<ClaimLine> lines;
  int64_t rejected_cents = 0;
  for (const ClaimLine& l : claim.lines) {
    if (codes.count(l.reference)) {
      lines.push_back(l);
      rejected_cents += l.amount_cents;
    }
  }
  Doc d(h);
  d.Header(false);
  d.Open("DeclaratieIdentificatie");
  d.Base("Identificatie", claim_header.identification);
  d.Base("Dagtekening", Day(claim_header.dated));
  d.Close("DeclaratieIdentificatie");
  d.Versions("XsdVersieDeclaratie");
  d.Open("RetourCodes");
  d.Leaf("RetourCode", "0200");
  d.Close("RetourCodes");
  d.Close("Header");
  d.Open("DeclaratieAntwoord");
  d.Leaf("DeclaratieNummer", claim.number);
  d.Amount("TotaalIngediendBedrag", claim.total_cents, "TotaalBedrag");
  d.Amount("TotaalToegekendBedrag", claim.total_cents - rejected_cents, "TotaalBedrag");
  if (!lines.empty()) {
    d.Open("Clienten");
    for (const auto& [bsn, client_lines] : ByClient(lines)) {
      d.Open("Client");
      d.Leaf("Bsn", bsn);
      d.Open("Prestaties");
      for (const ClaimLine* l : client_lines) {
        d.Open("Prestatie");
        d.ClaimLineOf(*l);
        d.Open("RetourCodes");
        d.Leaf("RetourCode", codes[l->reference]);
        d.Close("RetourCodes");
        d.Close("Prestatie");
      }
      d.Close("Prestaties");
      d.Open("RetourCodes");
      d.Leaf("RetourCode", "0200");
      d.Close("RetourCodes");
      d.Close("Client");
    }
    d.Close("Clienten");
  }
  d.Open("RetourCodes");
  d.Leaf("RetourCode", "0200");
  d.Close("RetourCodes");
  d.Close("DeclaratieAntwoord");
  return std::move(d).Done();
}

}  // namespace ozjt::insight

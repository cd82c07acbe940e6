#include "services/insight/ijw.h"

#include <libxml/xmlreader.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace ozjt::insight {
namespace {

constexpr absl::string_view kJwBase = "http://www.istandaarden.nl/ijw/3_2/";
constexpr absl::string_view kWmoBase = "http://www.istandaarden.nl/iwmo/3_2/";

struct TypeCodes {
  MessageType type;
  const char* jw;
  const char* wmo;
  bool from_municipality;  // the sender is the municipality (301, 319, 325)
};
constexpr TypeCodes kTypes[] = {
    {301, "436", "414", true},  {305, "438", "418", false}, {307, "440", "420", false},
    {315, "446", "444", false}, {317, "486", "480", false}, {323, "490", "484", false},
    {325, "491", "485", true},
};

const TypeCodes* TypeOf(MessageType type) {
  for (const auto& t : kTypes) {
    if (t.type == type) return &t;
  }
  return nullptr;
}

const std::set<std::string>& Units() {
  static const std::set<std::string> k = {"01", "04", "14", "16", "82", "83", "84"};
  return k;
}
const std::set<std::string>& Frequencies() {
  static const std::set<std::string> k = {"1", "2", "4", "6"};
  return k;
}
const std::set<std::string>& Categories(Law law) {
  static const std::set<std::string> jw = {"31", "32", "33", "34", "35", "36", "37", "38",
                                           "40", "41", "42", "43", "44", "45", "46", "47",
                                           "48", "49", "50", "51", "52", "53", "54", "55"};
  static const std::set<std::string> wmo = {"01", "02", "03", "04", "05", "06", "07", "08", "09",
                                            "10", "11", "12", "13", "14", "15", "16", "17", "18"};
  return law == Law::kJw ? jw : wmo;
}
const std::set<std::string>& EndReasons(Law law) {
  static const std::set<std::string> jw = {"02", "20", "31", "32", "33", "34",
                                           "35", "36", "37", "38", "39"};
  static const std::set<std::string> wmo = {"02", "19", "20", "21", "22", "23",
                                            "31", "36", "37", "38", "39"};
  return law == Law::kJw ? jw : wmo;
}
const std::set<std::string>& ChangeReasons() {
  static const std::set<std::string> k = {"01", "02", "03", "04", "05", "06", "07",
                                          "08", "09", "10", "11", "12", "13", "14"};
  return k;
}

bool AllDigits(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Thrown inside the parse and caught in ParseMessage: the first broken rule ends the message.
struct Broken {
  Violation v;
};

[[noreturn]] void Fail(const std::string& path, std::string rule, std::string dutch) {
  throw Broken{{path, std::move(rule), std::move(dutch)}};
}

// Collects the message while the reader walks it: Open and Close for every element (the path
// from Bericht, "Client/Bsn"), Leaf for an element's text when it closes.
class Builder {
 public:
  Builder(Law law, MessageType type, const Pseudonymise& pseudonymise)
      : pseudonymise_(pseudonymise) {
    m_.header.law = law;
    m_.header.type = type;
  }

  void Open(const std::string& p) {
    const MessageType t = m_.header.type;
    if (t == 301 && p == "Client/ToegewezenProducten/ToegewezenProduct") {
      m_.allocations.push_back({});
      m_.allocations.back().client = client_;
      seen_.clear();
    } else if ((t == 305 && p == "Client/StartProducten/StartProduct") ||
               (t == 307 && p == "Client/StopProducten/StopProduct")) {
      Lines().push_back({});
      Lines().back().client = client_;
      seen_.clear();
    } else if (t == 315 && p == "Client/AangevraagdeProducten/AangevraagdProduct") {
      m_.requests.push_back({});
      m_.requests.back().client = client_;
      seen_.clear();
    } else if (t == 323 && p == "Declaratie") {
      m_.claim.emplace();
    } else if (t == 323 && p == "Declaratie/Clienten/Client/Prestaties/Prestatie") {
      m_.claim->lines.push_back({});
      m_.claim->lines.back().client = client_;
      seen_.clear();
      debit_ = true;
    } else if (t == 325 && p == "DeclaratieAntwoord") {
      m_.answer.emplace();
    } else if (t == 325 && p == "DeclaratieAntwoord/Clienten/Client/Prestaties/Prestatie") {
      m_.answer->rejected.push_back({});
      seen_.clear();
    }
  }

  void Leaf(const std::string& p, const std::string& text) {
    if (absl::StartsWith(p, "Header/")) return HeaderLeaf(p, text);
    if (absl::EndsWith(p, "Client/Bsn")) {
      if (text.size() != 9 || !AllDigits(text)) {
        Fail(p, "a BSN is nine digits (LDT_BurgerServicenummer)",
             "een BSN bestaat uit negen cijfers");
      }
      if (!PassesElevenTest(text)) {
        Fail(p, "the BSN fails the 11-proef (CS002)", "het BSN voldoet niet aan de elfproef");
      }
      client_ = pseudonymise_(text);
      return;
    }
    switch (m_.header.type) {
      case 301:
        return AllocationLeaf(p, text);
      case 305:
      case 307:
        return CareLeaf(p, text);
      case 315:
        return RequestLeaf(p, text);
      case 323:
        return ClaimLeaf(p, text);
      case 325:
        return AnswerLeaf(p, text);
      default:
        return;
    }
  }

  void Close(const std::string& p) {
    const MessageType t = m_.header.type;
    if (t == 301 && p == "Client/ToegewezenProducten/ToegewezenProduct") {
      Require(p, {"ToewijzingNummer", "Toewijzingsdatum", "Toewijzingstijd", "Ingangsdatum"});
      const Allocation& a = m_.allocations.back();
      if (a.ends_on && *a.ends_on < a.starts_on) {
        Fail(p + "/Einddatum", "Einddatum is not before Ingangsdatum",
             "de einddatum ligt voor de ingangsdatum");
      }
      if (a.volume && a.frequency == "2" && !a.ends_on) {
        Fail(p + "/Einddatum", "an allocation per week has an Einddatum",
             "een toewijzing per week heeft een einddatum");
      }
    } else if ((t == 305 && p == "Client/StartProducten/StartProduct") ||
               (t == 307 && p == "Client/StopProducten/StopProduct")) {
      Require(p, t == 305 ? std::vector<std::string>{"Begindatum", "StatusAanlevering"}
                          : std::vector<std::string>{"Begindatum", "StatusAanlevering",
                                                     "RedenBeeindiging", "Einddatum"});
    } else if (t == 315 && p == "Client/AangevraagdeProducten/AangevraagdProduct") {
      Require(p, {"ReferentieAanbieder", "ToewijzingIngangsdatum"});
    } else if (t == 323 && p == "Declaratie/Clienten/Client/Prestaties/Prestatie") {
      Require(p, {"ReferentieNummer", "ToewijzingNummer", "ProductCategorie", "ProductCode",
                  "Begindatum", "Einddatum", "GeleverdVolume", "Eenheid", "Bedrag"});
      ClaimLine& l = m_.claim->lines.back();
      if (l.unit != "83" && !l.tariff_cents) {
        Fail(p + "/ProductTarief", "ProductTarief is required unless Eenheid is 83 (CD087)",
             "het producttarief ontbreekt (verplicht tenzij de eenheid 83, euro's, is)");
      }
      if (l.to < l.from || l.from.year() != l.to.year() || l.from.month() != l.to.month()) {
        Fail(p + "/ProductPeriode", "the product period lies within one calendar month (IV089)",
             "de productperiode ligt niet binnen één kalendermaand");
      }
      if (!debit_) {
        l.volume = -l.volume;
        l.amount_cents = -l.amount_cents;
      }
    } else if (t == 323 && p == "Declaratie") {
      Require(p, {"DeclaratieNummer", "TotaalBedrag"}, true);
    } else if (t == 325 && p == "DeclaratieAntwoord") {
      Require(p, {"DeclaratieNummer"}, true);
    } else if (p == "Header") {
      Require(p,
              {"BerichtCode", "BerichtVersie", "BerichtSubversie", "Afzender", "Ontvanger",
               "Identificatie", "Dagtekening"},
              true);
      header_done_ = true;
    }
  }

  Message Take() && { return std::move(m_); }
  bool header_done() const { return header_done_; }

 private:
  std::vector<CareLine>& Lines() { return m_.header.type == 305 ? m_.starts : m_.stops; }

  // `whole`: anywhere in the message so far (Header, Declaratie); else in the current record.
  void Require(const std::string& p, const std::vector<std::string>& names, bool whole = false) {
    for (const auto& n : names) {
      if (!(whole ? seen_anywhere_ : seen_).count(n)) {
        Fail(absl::StrCat(p, "/", n), absl::StrCat(n, " is required"),
             absl::StrCat(n, " ontbreekt (verplicht)"));
      }
    }
  }

  // Marks the leaf element (the last part of the path) as seen and returns its name.
  std::string Seen(const std::string& p) {
    std::string name = p.substr(p.rfind('/') + 1);
    seen_.insert(name);
    seen_anywhere_.insert(name);
    return name;
  }

  static absl::CivilDay Date(const std::string& p, const std::string& text) {
    absl::CivilDay day;
    const std::vector<absl::string_view> parts = absl::StrSplit(text, '-');
    int y = 0, m = 0, d = 0;
    if (text.size() != 10 || parts.size() != 3 || parts[0].size() != 4 || parts[1].size() != 2 ||
        !AllDigits(parts[0]) || !AllDigits(parts[1]) || !AllDigits(parts[2]) ||
        !absl::SimpleAtoi(parts[0], &y) || !absl::SimpleAtoi(parts[1], &m) ||
        !absl::SimpleAtoi(parts[2], &d)) {
      Fail(p, "a date is YYYY-MM-DD without time zone (LDT_Datum)",
           "een datum is JJJJ-MM-DD (bijvoorbeeld 2026-01-31)");
    }
    day = absl::CivilDay(y, m, d);
    if (day.year() != y || day.month() != m || day.day() != d) {
      Fail(p, "the date does not exist", "deze datum bestaat niet");
    }
    return day;
  }

  static int64_t Number(const std::string& p, const std::string& text, int64_t max) {
    int64_t v = 0;
    if (!AllDigits(text) || text.size() > 15 || !absl::SimpleAtoi(text, &v) || v > max) {
      Fail(p, absl::StrCat("a whole number from 0 to ", max),
           absl::StrCat("een geheel getal van 0 tot en met ", max));
    }
    return v;
  }

  static std::string Text(const std::string& p, const std::string& text, size_t max) {
    if (text.empty() || text.size() > max) {
      Fail(p, absl::StrCat("1 to ", max, " characters"),
           absl::StrCat("1 tot en met ", max, " tekens"));
    }
    return text;
  }

  static std::string OneOf(const std::string& p, const std::string& text,
                           const std::set<std::string>& codes, const char* list) {
    if (!codes.count(text)) {
      Fail(p, absl::StrCat("a code of ", list), absl::StrCat("geen code uit de lijst ", list));
    }
    return text;
  }

  std::string Category(const std::string& p, const std::string& text) const {
    return OneOf(p, text, Categories(m_.header.law),
                 m_.header.law == Law::kJw ? "JZ020" : "WMO020");
  }

  bool Debit(const std::string& p, const std::string& text) {
    OneOf(p, text, {"D", "C"}, "COD043 (D or C)");
    return text == "D";
  }

  void HeaderLeaf(const std::string& p, const std::string& text) {
    const std::string name = Seen(p);
    Header& h = m_.header;
    const TypeCodes* t = TypeOf(h.type);
    if (name == "BerichtCode") {
      const char* want = h.law == Law::kJw ? t->jw : t->wmo;
      if (text != want) {
        Fail(p, absl::StrCat("BerichtCode of this message is ", want),
             absl::StrCat("de berichtcode van dit bericht is ", want));
      }
    } else if (name == "BerichtVersie" && text != "3") {
      Fail(p, "BerichtVersie is 3 (release 3.2)", "de berichtversie is 3 (release 3.2)");
    } else if (name == "BerichtSubversie" && text != "2") {
      Fail(p, "BerichtSubversie is 2 (release 3.2)", "de berichtsubversie is 2 (release 3.2)");
    } else if (name == "Afzender" || name == "Ontvanger") {
      const bool municipality = (name == "Afzender") == t->from_municipality;
      if (municipality ? (text.size() != 4 || !AllDigits(text))
                       : (text.size() != 8 || !AllDigits(text))) {
        Fail(p,
             municipality ? "a municipality's CBS code of four digits (LDT_Gemeente)"
                          : "an AGB code of eight digits (LDT_AgbCode)",
             municipality ? "de CBS-code van een gemeente (vier cijfers)"
                          : "een AGB-code (acht cijfers)");
      }
      (name == "Afzender" ? h.sender : h.receiver) = text;
    } else if (name == "Identificatie" && absl::StrContains(p, "BerichtIdentificatie")) {
      h.identification = Text(p, text, 12);
    } else if (name == "Dagtekening" && absl::StrContains(p, "BerichtIdentificatie")) {
      h.dated = Date(p, text);
    }
  }

  void ReadProduct(const std::string& p, const std::string& name, const std::string& text,
                   Product& product) {
    if (name == "Categorie") product.category = Category(p, text);
    if (name == "Code") product.code = Text(p, text, 5);
  }

  void AllocationLeaf(const std::string& p, const std::string& text) {
    if (!absl::StartsWith(p, "Client/ToegewezenProducten/ToegewezenProduct/")) return;
    const std::string name = Seen(p);
    Allocation& a = m_.allocations.back();
    ReadProduct(p, name, text, a.product);
    if (name == "ToewijzingNummer") a.number = Number(p, text, 999999999);
    if (name == "ReferentieAanbieder") a.reference = Text(p, text, 36);
    if (name == "Toewijzingsdatum") a.allocated_on = Date(p, text);
    if (name == "Toewijzingstijd") a.allocated_at = Text(p, text, 20);
    if (name == "Ingangsdatum") a.starts_on = Date(p, text);
    if (name == "Einddatum") a.ends_on = Date(p, text);
    if (name == "RedenWijziging") a.change_reason = OneOf(p, text, ChangeReasons(), "JZ002");
    if (name == "Volume") a.volume = Number(p, text, 99999999);
    if (name == "Eenheid") a.unit = OneOf(p, text, Units(), "WJ756");
    if (name == "Frequentie") a.frequency = OneOf(p, text, Frequencies(), "WMO757");
    if (name == "Budget") a.budget_cents = Number(p, text, 99999999);
  }

  void CareLeaf(const std::string& p, const std::string& text) {
    if (!absl::StartsWith(p, "Client/StartProducten/StartProduct/") &&
        !absl::StartsWith(p, "Client/StopProducten/StopProduct/")) {
      return;
    }
    const std::string name = Seen(p);
    CareLine& l = Lines().back();
    ReadProduct(p, name, text, l.product);
    if (name == "ToewijzingNummer") l.number = Number(p, text, 999999999);
    if (name == "Begindatum") l.begins_on = Date(p, text);
    if (name == "Einddatum") l.ends_on = Date(p, text);
    if (name == "RedenBeeindiging") {
      l.end_reason =
          OneOf(p, text, EndReasons(m_.header.law), m_.header.law == Law::kJw ? "JZ588" : "WMO588");
    }
    if (name == "StatusAanlevering") {
      l.status = OneOf(p, text, {"1", "3"}, "COD467 (1 or 3; CS058)") == "1" ? 1 : 3;
    }
  }

  void RequestLeaf(const std::string& p, const std::string& text) {
    if (!absl::StartsWith(p, "Client/AangevraagdeProducten/AangevraagdProduct/")) return;
    const std::string name = Seen(p);
    Request& r = m_.requests.back();
    ReadProduct(p, name, text, r.product);
    if (name == "ReferentieAanbieder") r.reference = Text(p, text, 36);
    if (name == "ToewijzingIngangsdatum") r.starts_on = Date(p, text);
  }

  void ClaimLeaf(const std::string& p, const std::string& text) {
    Claim& c = *m_.claim;
    if (absl::StartsWith(p, "Declaratie/Clienten/Client/Prestaties/Prestatie/")) {
      const std::string name = Seen(p);
      ClaimLine& l = c.lines.back();
      if (name == "ReferentieNummer") l.reference = Text(p, text, 20);
      if (name == "VorigReferentieNummer") l.previous_reference = Text(p, text, 20);
      if (name == "ToewijzingNummer") l.number = Number(p, text, 999999999);
      if (name == "ProductCategorie") l.product.category = Category(p, text);
      if (name == "ProductCode") l.product.code = Text(p, text, 5);
      if (name == "Begindatum") l.from = Date(p, text);
      if (name == "Einddatum") l.to = Date(p, text);
      if (name == "GeleverdVolume") l.volume = Number(p, text, 99999999);
      if (name == "Eenheid") l.unit = OneOf(p, text, Units(), "WJ756");
      if (name == "ProductTarief") l.tariff_cents = Number(p, text, 99999999);
      if (name == "Bedrag") l.amount_cents = Number(p, text, 99999999);
      if (name == "DebetCredit") debit_ = Debit(p, text);
      return;
    }
    const std::string name = Seen(p);
    if (p == "Declaratie/DeclaratieNummer") c.number = Text(p, text, 12);
    if (p == "Declaratie/DeclaratiePeriode/Begindatum") c.period_from = Date(p, text);
    if (p == "Declaratie/DeclaratiePeriode/Einddatum") c.period_to = Date(p, text);
    if (p == "Declaratie/TotaalIngediendBedrag/TotaalBedrag") {
      c.total_cents = Number(p, text, 999999999999);
    }
    if (p == "Declaratie/TotaalIngediendBedrag/DebetCredit" && !Debit(p, text)) {
      c.total_cents = -c.total_cents;
    }
  }

  void AnswerLeaf(const std::string& p, const std::string& text) {
    ClaimAnswer& a = *m_.answer;
    if (absl::StartsWith(p, "DeclaratieAntwoord/Clienten/Client/Prestaties/Prestatie/")) {
      const std::string name = Seen(p);
      auto& r = a.rejected.back();
      if (name == "ReferentieNummer") r.reference = Text(p, text, 20);
      if (name == "RetourCode") {
        if (text.size() != 4 || !std::all_of(text.begin(), text.end(), [](char c) {
              return absl::ascii_isalnum(static_cast<unsigned char>(c));
            })) {
          Fail(p, "a return code is four letters or digits (LDT_RetourCode)",
               "een retourcode bestaat uit vier letters of cijfers");
        }
        r.codes.push_back(text);
      }
      return;
    }
    Seen(p);
    if (p == "DeclaratieAntwoord/DeclaratieNummer") a.number = Text(p, text, 12);
    if (p == "DeclaratieAntwoord/TotaalIngediendBedrag/TotaalBedrag") {
      a.declared_cents = Number(p, text, 999999999999);
    }
    if (p == "DeclaratieAntwoord/TotaalToegekendBedrag/TotaalBedrag") {
      a.granted_cents = Number(p, text, 999999999999);
    }
    if (p == "DeclaratieAntwoord/TotaalIngediendBedrag/DebetCredit" && !Debit(p, text)) {
      a.declared_cents = -a.declared_cents;
    }
    if (p == "DeclaratieAntwoord/TotaalToegekendBedrag/DebetCredit" && !Debit(p, text)) {
      a.granted_cents = -a.granted_cents;
    }
  }

  const Pseudonymise& pseudonymise_;
  Message m_;
  std::string client_;
  std::set<std::string> seen_, seen_anywhere_;
  bool debit_ = true;
  bool header_done_ = false;
};

// The law and message number of a root namespace ("…/ijw/3_2/jw301/schema"); 0 if unknown.
std::pair<Law, MessageType> RootOf(absl::string_view ns) {
  Law law = Law::kJw;
  absl::string_view rest;
  if (absl::StartsWith(ns, kJwBase)) {
    rest = ns.substr(kJwBase.size());
    if (!absl::ConsumePrefix(&rest, "jw")) return {law, 0};
  } else if (absl::StartsWith(ns, kWmoBase)) {
    law = Law::kWmo;
    rest = ns.substr(kWmoBase.size());
    if (!absl::ConsumePrefix(&rest, "wmo")) return {law, 0};
  } else {
    return {law, 0};
  }
  int type = 0;
  if (!absl::ConsumeSuffix(&rest, "/schema") || rest.size() != 3 || !AllDigits(rest) ||
      !absl::SimpleAtoi(rest, &type) || TypeOf(type) == nullptr) {
    return {law, 0};
  }
  return {law, type};
}

std::string Str(const xmlChar* s) { return s ? reinterpret_cast<const char*>(s) : ""; }

struct ReaderErrors {
  std::string first;
};

void OnReaderError(void* arg, const char* msg, xmlParserSeverities severity,
                   xmlTextReaderLocatorPtr locator) {
  auto* errors = static_cast<ReaderErrors*>(arg);
  if (errors->first.empty() &&
      (severity == XML_PARSER_SEVERITY_ERROR || severity == XML_PARSER_SEVERITY_VALIDITY_ERROR)) {
    errors->first = absl::StrCat("line ", xmlTextReaderLocatorLineNumber(locator), ": ",
                                 absl::StripAsciiWhitespace(msg ? msg : ""));
  }
}

// Walks the reader's nodes and hands them to a Builder: the root decides the message type, every
// element below it is checked for its namespace, and a broken rule's path is prefixed with
// "Bericht/". Throws Broken.
class Walk {
 public:
  Walk(xmlTextReaderPtr reader, const Pseudonymise& pseudonymise)
      : reader_(reader), pseudonymise_(pseudonymise) {
    xmlTextReaderSetErrorHandler(reader_, OnReaderError, &errors_);
  }

  ParseResult Run() {
    int ret;
    while ((ret = xmlTextReaderRead(reader_)) == 1) {
      const int type = xmlTextReaderNodeType(reader_);
      if (type == XML_READER_TYPE_ELEMENT) {
        if (!Element()) break;
      } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA) {
        text_ += Str(xmlTextReaderConstValue(reader_));
      } else if (type == XML_READER_TYPE_END_ELEMENT && !path_.empty()) {
        EndElement();
      }
    }
    if (ret != 0 || !errors_.first.empty()) {
      return {std::nullopt,
              Violation{"", absl::StrCat("not well-formed XML: ", errors_.first),
                        absl::StrCat("het bestand is geen geldige XML (", errors_.first, ")")}};
    }
    if (!builder_) return {std::nullopt, Violation{"", "not XML", "het bestand is geen XML"}};
    if (!builder_->header_done()) {
      Fail("Bericht/Header", "Header is required", "de header ontbreekt");
    }
    return {std::move(*builder_).Take(), std::nullopt};
  }

 private:
  // An element opens; false when the walk is over (an empty root).
  bool Element() {
    const std::string name = Str(xmlTextReaderConstLocalName(reader_));
    const std::string ns = Str(xmlTextReaderConstNamespaceUri(reader_));
    const bool empty = xmlTextReaderIsEmptyElement(reader_) == 1;
    if (!builder_) {
      const auto [law, type] = RootOf(ns);
      if (name != "Bericht" || type == 0) {
        Fail(name,
             "the root is Bericht of an iJw or iWmo 3.2 message (301, 305, 307, 315, 317, 323, "
             "325) in its namespace",
             "dit is geen iJw- of iWmo-bericht van release 3.2 (301, 305, 307, 315, 317, 323 of "
             "325): het hoofdelement of de namespace klopt niet");
      }
      builder_ = std::make_unique<Builder>(law, type, pseudonymise_);
      message_ns_ = ns;
      base_ns_ = absl::StrCat(law == Law::kJw ? kJwBase : kWmoBase, "basisschema/schema");
      return !empty;
    }
    path_.push_back(name);
    const std::string p = absl::StrJoin(path_, "/");
    if (ns != message_ns_ && ns != base_ns_) {
      Fail("Bericht/" + p, "an element of the message's own or the basisschema namespace",
           "dit element hoort niet bij dit bericht (verkeerde namespace)");
    }
    text_.clear();
    builder_->Open(p);
    if (empty) {
      Prefixed([&] { builder_->Close(p); });
      path_.pop_back();
    }
    return true;
  }

  void EndElement() {
    const std::string p = absl::StrJoin(path_, "/");
    Prefixed([&] {
      if (!text_.empty()) builder_->Leaf(p, std::string(absl::StripAsciiWhitespace(text_)));
      builder_->Close(p);
    });
    text_.clear();
    path_.pop_back();
  }

  // Runs `fn`; a rule it breaks gets the path from the root.
  template <typename Fn>
  static void Prefixed(Fn fn) {
    try {
      fn();
    } catch (Broken& b) {
      b.v.path = "Bericht/" + b.v.path;
      throw;
    }
  }

  xmlTextReaderPtr reader_;
  const Pseudonymise& pseudonymise_;
  ReaderErrors errors_;
  std::unique_ptr<Builder> builder_;
  std::vector<std::string> path_;  // element names below Bericht
  std::string text_, message_ns_, base_ns_;
};

}  // namespace

const char* Code(Law law) { return law == Law::kJw ? "jw" : "wmo"; }

const std::string& Header::Municipality() const {
  return TypeOf(type) && TypeOf(type)->from_municipality ? sender : receiver;
}
const std::string& Header::Agb() const {
  return TypeOf(type) && TypeOf(type)->from_municipality ? receiver : sender;
}

bool PassesElevenTest(absl::string_view bsn) {
  if (bsn.size() != 9 || !AllDigits(bsn) || bsn == "000000000") return false;
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += (9 - i) * (bsn[i] - '0');
  sum -= bsn[8] - '0';
  return sum % 11 == 0;
}

ParseResult ParseMessage(absl::string_view xml, const Pseudonymise& pseudonymise) {
  // No network, no entity expansion (XXE), no DTD loading: the defaults without NOENT/DTDLOAD.
  std::unique_ptr<xmlTextReader, void (*)(xmlTextReaderPtr)> reader(
      xmlReaderForMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr,
                         XML_PARSE_NONET | XML_PARSE_NOBLANKS),
      xmlFreeTextReader);
  if (!reader) {
    return {std::nullopt, Violation{"", "not XML", "het bestand is geen XML"}};
  }
  try {
    return Walk(reader.get(), pseudonymise).Run();
  } catch (const Broken& b) {
    return {std::nullopt, b.v};
  }
}

}  // namespace ozjt::insight

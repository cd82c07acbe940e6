// The message parser per message type, with the writer's messages and hand-written bad ones.
#include "services/insight/ijw.h"

#include <gtest/gtest.h>

#include "absl/strings/str_replace.h"
#include "services/insight/ijw_writer.h"
#include "services/insight/pseudonym.h"

namespace ozjt::insight {
namespace {

const Pseudonymiser kKey(std::string(32, 'k'), 1);

ParseResult Parse(const std::string& xml) {
  return ParseMessage(xml, [](absl::string_view bsn) { return kKey.Of(bsn); });
}

Header HeaderOf(Law law, MessageType type, const std::string& id, absl::CivilDay dated) {
  Header h;
  h.law = law;
  h.type = type;
  const bool from_municipality = type == 301 || type == 325;
  h.sender = from_municipality ? "0153" : "99000001";
  h.receiver = from_municipality ? "99000001" : "0153";
  h.identification = id;
  h.dated = dated;
  return h;
}

// The worked example of the allocation in docs (ijw.md section 12).
Allocation ExampleAllocation() {
  Allocation a;
  a.number = 100001;
  a.product = {"45", "45A03"};
  a.allocated_on = absl::CivilDay(2026, 1, 12);
  a.allocated_at = "10:15:00";
  a.starts_on = absl::CivilDay(2026, 1, 19);
  a.ends_on = absl::CivilDay(2026, 7, 19);
  a.volume = 3;
  a.unit = "04";
  a.frequency = "2";
  return a;
}

std::string Example301() {
  return WriteAllocations(HeaderOf(Law::kJw, 301, "T301000001", absl::CivilDay(2026, 1, 12)),
                          "999900006", {ExampleAllocation()});
}

Claim ExampleClaim() {
  Claim c;
  c.number = "D202602001";
  c.period_from = absl::CivilDay(2026, 2, 1);
  c.period_to = absl::CivilDay(2026, 2, 28);
  ClaimLine l;
  l.client = "999900006";
  l.reference = "P2026020001";
  l.number = 100001;
  l.product = {"45", "45A03"};
  l.from = c.period_from;
  l.to = c.period_to;
  l.volume = 11;
  l.unit = "04";
  l.tariff_cents = 8950;
  l.amount_cents = 98450;
  c.lines.push_back(l);
  ClaimLine credit = l;
  credit.reference = "P2026020002";
  credit.previous_reference = "P2026010001";
  credit.volume = -2;
  credit.amount_cents = -17900;
  c.lines.push_back(credit);
  c.total_cents = 98450 - 17900;
  return c;
}

TEST(PassesElevenTest, TestRangeNumbersPassOthersFail) {
  EXPECT_TRUE(PassesElevenTest("999900006"));
  EXPECT_TRUE(PassesElevenTest("999900018"));
  EXPECT_TRUE(PassesElevenTest("999900031"));
  EXPECT_FALSE(PassesElevenTest("999900007"));
  EXPECT_FALSE(PassesElevenTest("000000000"));
  EXPECT_FALSE(PassesElevenTest("99990000"));
}

TEST(ParseMessage, AllocationOfTheWorkedExample) {
  ParseResult r = Parse(Example301());
  ASSERT_FALSE(r.violation) << r.violation->path << ": " << r.violation->rule;
  const Message& m = *r.message;
  EXPECT_EQ(m.header.type, 301);
  EXPECT_EQ(m.header.law, Law::kJw);
  EXPECT_EQ(m.header.Municipality(), "0153");
  EXPECT_EQ(m.header.Agb(), "99000001");
  EXPECT_EQ(m.header.identification, "T301000001");
  EXPECT_EQ(m.header.dated, absl::CivilDay(2026, 1, 12));
  ASSERT_EQ(m.allocations.size(), 1u);
  const Allocation& a = m.allocations[0];
  EXPECT_EQ(a.number, 100001);
  EXPECT_EQ(a.product.category, "45");
  EXPECT_EQ(a.product.code, "45A03");
  EXPECT_EQ(a.allocated_on, absl::CivilDay(2026, 1, 12));
  EXPECT_EQ(a.allocated_at, "10:15:00");
  EXPECT_EQ(a.starts_on, absl::CivilDay(2026, 1, 19));
  EXPECT_EQ(a.ends_on, absl::CivilDay(2026, 7, 19));
  EXPECT_EQ(a.volume, 3);
  EXPECT_EQ(a.unit, "04");
  EXPECT_EQ(a.frequency, "2");
  // The BSN is gone: only its keyed pseudonym is kept.
  EXPECT_EQ(a.client, kKey.Of("999900006"));
  EXPECT_EQ(a.client.find("999900006"), std::string::npos);
  EXPECT_NE(a.client, Pseudonymiser(std::string(32, 'x'), 2).Of("999900006"));
}

TEST(ParseMessage, TheHandWrittenExampleOfTheDocsParsesAlike) {
  // Prefixes as in docs ijw.md section 12 (ijw:, jw301:), whitespace between elements.
  const std::string xml =
      R"(<jw301:Bericht xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema" xmlns:jw301="http://www.istandaarden.nl/ijw/3_2/jw301/schema">
  <jw301:Header><jw301:BerichtCode>436</jw301:BerichtCode><jw301:BerichtVersie>3</jw301:BerichtVersie><jw301:BerichtSubversie>2</jw301:BerichtSubversie>
    <jw301:Afzender>0153</jw301:Afzender><jw301:Ontvanger>99000001</jw301:Ontvanger>
    <jw301:BerichtIdentificatie><ijw:Identificatie>T301000001</ijw:Identificatie><ijw:Dagtekening>2026-01-12</ijw:Dagtekening></jw301:BerichtIdentificatie>
    <jw301:XsdVersie><ijw:BasisschemaXsdVersie>1.0.0</ijw:BasisschemaXsdVersie><ijw:BerichtXsdVersie>1.0.0</ijw:BerichtXsdVersie></jw301:XsdVersie></jw301:Header>
  <jw301:Client><jw301:Bsn>999900006</jw301:Bsn><jw301:Geboortedatum><ijw:Datum>2014-05-01</ijw:Datum></jw301:Geboortedatum><jw301:Geslacht>0</jw301:Geslacht>
    <jw301:Naam><ijw:Geslachtsnaam><ijw:Achternaam>Test</ijw:Achternaam></ijw:Geslachtsnaam><ijw:NaamGebruik>1</ijw:NaamGebruik></jw301:Naam>
    <jw301:Contactgegevens><jw301:Contact><jw301:Soort>01</jw301:Soort></jw301:Contact></jw301:Contactgegevens>
    <jw301:ToegewezenProducten><jw301:ToegewezenProduct>
      <jw301:ToewijzingNummer>100001</jw301:ToewijzingNummer>
      <jw301:Product><ijw:Categorie>45</ijw:Categorie><ijw:Code>45A03</ijw:Code></jw301:Product>
      <jw301:Toewijzingsdatum>2026-01-12</jw301:Toewijzingsdatum><jw301:Toewijzingstijd>10:15:00</jw301:Toewijzingstijd>
      <jw301:Ingangsdatum>2026-01-19</jw301:Ingangsdatum><jw301:Einddatum>2026-07-19</jw301:Einddatum>
      <jw301:Omvang><ijw:Volume>3</ijw:Volume><ijw:Eenheid>04</ijw:Eenheid><ijw:Frequentie>2</ijw:Frequentie></jw301:Omvang>
    </jw301:ToegewezenProduct></jw301:ToegewezenProducten></jw301:Client>
</jw301:Bericht>)";
  ParseResult r = Parse(xml);
  ASSERT_FALSE(r.violation) << r.violation->path << ": " << r.violation->rule;
  ASSERT_EQ(r.message->allocations.size(), 1u);
  EXPECT_EQ(r.message->allocations[0].volume, 3);
  EXPECT_EQ(r.message->allocations[0].client, kKey.Of("999900006"));
}

TEST(ParseMessage, StartAndStopOfCare) {
  CareLine start;
  start.number = 100001;
  start.product = {"45", "45A03"};
  start.begins_on = absl::CivilDay(2026, 2, 2);
  ParseResult r = Parse(WriteCareLines(
      HeaderOf(Law::kJw, 305, "T305000001", absl::CivilDay(2026, 2, 4)), "999900006", {start}));
  ASSERT_FALSE(r.violation) << r.violation->path << ": " << r.violation->rule;
  ASSERT_EQ(r.message->starts.size(), 1u);
  EXPECT_EQ(r.message->header.Municipality(), "0153");
  EXPECT_EQ(r.message->header.Agb(), "99000001");
  EXPECT_EQ(r.message->starts[0].begins_on, absl::CivilDay(2026, 2, 2));
  EXPECT_EQ(r.message->starts[0].status, 1);

  CareLine stop = start;
  stop.ends_on = absl::CivilDay(2026, 7, 19);
  stop.end_reason = "31";
  stop.status = 3;
  r = Parse(WriteCareLines(HeaderOf(Law::kJw, 307, "T307000001", absl::CivilDay(2026, 7, 20)),
                           "999900006", {stop}));
  ASSERT_FALSE(r.violation) << r.violation->path << ": " << r.violation->rule;
  ASSERT_EQ(r.message->stops.size(), 1u);
  EXPECT_EQ(r.message->stops[0].ends_on, absl::CivilDay(2026, 7, 19));
  EXPECT_EQ(r.message->stops[0].end_reason, "31");
  EXPECT_EQ(r.message->stops[0].status, 3);
}

TEST(ParseMessage, RequestForAllocation) {
  Request q;
  q.reference = "REQ-1";
  q.product = {"45", "45A03"};
  q.starts_on = absl::CivilDay(2026, 1, 19);
  ParseResult r = Parse(WriteRequests(
      HeaderOf(Law::kJw, 315, "T315000001", absl::CivilDay(2026, 1, 5)), "999900006", {q}));
  ASSERT_FALSE(r.violation) << r.violation->path << ": " << r.violation->rule;
  ASSERT_EQ(r.message->requests.size(), 1u);
  EXPECT_EQ(r.message->requests[0].reference, "REQ-1");
  EXPECT_EQ(r.message->requests[0].starts_on, absl::CivilDay(2026, 1, 19));
}

TEST(ParseMessage, ClaimWithACreditLine) {
  ParseResult r = Parse(WriteClaim(
      HeaderOf(Law::kJw, 323, "T323000001", absl::CivilDay(2026, 3, 5)), ExampleClaim()));
  ASSERT_FALSE(r.violation) << r.violation->path << ": " << r.violation->rule;
  const Claim& c = *r.message->claim;
  EXPECT_EQ(c.number, "D202602001");
  EXPECT_EQ(c.total_cents, 80550);
  ASSERT_EQ(c.lines.size(), 2u);
  EXPECT_EQ(c.lines[0].amount_cents, 98450);
  EXPECT_EQ(c.lines[0].volume, 11);
  EXPECT_EQ(c.lines[0].tariff_cents, 8950);
  EXPECT_EQ(c.lines[0].client, kKey.Of("999900006"));
  EXPECT_EQ(c.lines[1].amount_cents, -17900);
  EXPECT_EQ(c.lines[1].volume, -2);
  EXPECT_EQ(c.lines[1].previous_reference, "P2026010001");
}

TEST(ParseMessage, ClaimAnswerListsTheRejectedLines) {
  const Header claim_header = HeaderOf(Law::kJw, 323, "T323000001", absl::CivilDay(2026, 3, 5));
  ParseResult r =
      Parse(WriteClaimAnswer(HeaderOf(Law::kJw, 325, "T325000001", absl::CivilDay(2026, 3, 12)),
                             claim_header, ExampleClaim(), {{"P2026020001", "0611"}}));
  ASSERT_FALSE(r.violation) << r.violation->path << ": " << r.violation->rule;
  const ClaimAnswer& a = *r.message->answer;
  EXPECT_EQ(a.number, "D202602001");
  EXPECT_EQ(a.declared_cents, 80550);
  EXPECT_EQ(a.granted_cents, 80550 - 98450);  // a credit: the credit line is granted
  ASSERT_EQ(a.rejected.size(), 1u);
  EXPECT_EQ(a.rejected[0].reference, "P2026020001");
  EXPECT_EQ(a.rejected[0].codes, std::vector<std::string>{"0611"});
}

TEST(ParseMessage, WmoMessagesUseTheirOwnNamespaceCodesAndLists) {
  Allocation a = ExampleAllocation();
  a.product = {"02", "02A01"};
  ParseResult r = Parse(WriteAllocations(
      HeaderOf(Law::kWmo, 301, "W301000001", absl::CivilDay(2026, 1, 12)), "999900018", {a}));
  ASSERT_FALSE(r.violation) << r.violation->path << ": " << r.violation->rule;
  EXPECT_EQ(r.message->header.law, Law::kWmo);
  // A youth-care category is not a Wmo category.
  a.product = {"45", "45A03"};
  r = Parse(WriteAllocations(HeaderOf(Law::kWmo, 301, "W301000002", absl::CivilDay(2026, 1, 12)),
                             "999900018", {a}));
  ASSERT_TRUE(r.violation);
  EXPECT_EQ(r.violation->path,
            "Bericht/Client/ToegewezenProducten/ToegewezenProduct/Product/Categorie");
  EXPECT_EQ(r.violation->rule, "a code of WMO020");
}

struct BadCase {
  const char* name;
  std::string xml;
  std::string path;
  std::string rule_part;
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

std::vector<BadCase> BadCases() {
  const std::string ok = Example301();
  auto with = [&](const std::string& from, const std::string& to) {
    return absl::StrReplaceAll(ok, {{from, to}});
  };
  Claim claim = ExampleClaim();
  claim.lines[0].tariff_cents.reset();
  const std::string no_tariff =
      WriteClaim(HeaderOf(Law::kJw, 323, "T323000009", absl::CivilDay(2026, 3, 5)), claim);
  claim = ExampleClaim();
  claim.lines[0].to = absl::CivilDay(2026, 3, 3);
  const std::string two_months =
      WriteClaim(HeaderOf(Law::kJw, 323, "T323000010", absl::CivilDay(2026, 3, 5)), claim);
  CareLine start;
  start.number = 1;
  start.begins_on = absl::CivilDay(2026, 2, 2);
  const std::string status2 = absl::StrReplaceAll(
      WriteCareLines(HeaderOf(Law::kJw, 305, "T305000009", absl::CivilDay(2026, 2, 4)), "999900006",
                     {start}),
      {{"<m:StatusAanlevering>1<", "<m:StatusAanlevering>2<"}});
  const std::string a = "Bericht/Client/ToegewezenProducten/ToegewezenProduct/";
  return {
      {"not_xml", "this is not xml", "", "not well-formed XML"},
      {"truncated", ok.substr(0, ok.size() / 2), "", "not well-formed XML"},
      {"other_namespace", with("3_2/jw301/schema", "3_1/jw301/schema"), "Bericht",
       "iJw or iWmo 3.2"},
      {"unknown_message", with("3_2/jw301/schema", "3_2/jw303/schema"), "Bericht",
       "iJw or iWmo 3.2"},
      {"wrong_code", with("<m:BerichtCode>436<", "<m:BerichtCode>438<"),
       "Bericht/Header/BerichtCode", "BerichtCode of this message is 436"},
      {"wrong_version", with("<m:BerichtSubversie>2<", "<m:BerichtSubversie>1<"),
       "Bericht/Header/BerichtSubversie", "release 3.2"},
      {"sender_not_municipality", with("<m:Afzender>0153<", "<m:Afzender>99000001<"),
       "Bericht/Header/Afzender", "CBS code"},
      {"bsn_eleven_test", with("<m:Bsn>999900006<", "<m:Bsn>999900007<"), "Bericht/Client/Bsn",
       "11-proef"},
      {"bsn_length", with("<m:Bsn>999900006<", "<m:Bsn>99990006<"), "Bericht/Client/Bsn",
       "nine digits"},
      {"date", with("<m:Ingangsdatum>2026-01-19<", "<m:Ingangsdatum>2026-02-30<"),
       a + "Ingangsdatum", "does not exist"},
      {"date_format", with("<m:Ingangsdatum>2026-01-19<", "<m:Ingangsdatum>19-01-2026<"),
       a + "Ingangsdatum", "YYYY-MM-DD"},
      {"end_before_start", with("<m:Einddatum>2026-07-19<", "<m:Einddatum>2026-01-01<"),
       a + "Einddatum", "not before Ingangsdatum"},
      {"unit", with("<b:Eenheid>04<", "<b:Eenheid>05<"), a + "Omvang/Eenheid", "WJ756"},
      {"number", with("<m:ToewijzingNummer>100001<", "<m:ToewijzingNummer>1x<"),
       a + "ToewijzingNummer", "whole number"},
      {"missing_required", with("<m:Toewijzingsdatum>2026-01-12</m:Toewijzingsdatum>", ""),
       a + "Toewijzingsdatum", "required"},
      {"foreign_element",
       with("<m:Geslacht>0</m:Geslacht>",
            "<m:Geslacht>0</m:Geslacht><x:Extra xmlns:x=\"urn:x\">1</x:Extra>"),
       "Bericht/Client/Extra", "namespace"},
      {"tariff_missing", no_tariff,
       "Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/ProductTarief", "CD087"},
      {"period_two_months", two_months,
       "Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/ProductPeriode", "IV089"},
      {"status_2", status2, "Bericht/Client/StartProducten/StartProduct/StatusAanlevering",
       "CS058"},
  };
}

class BadMessage : public testing::TestWithParam<BadCase> {};

TEST_P(BadMessage, IsRefusedWithPathAndRuleAndNeverEchoesTheBsn) {
  const BadCase& c = GetParam();
  ParseResult r = Parse(c.xml);
  ASSERT_TRUE(r.violation) << c.name;
  EXPECT_FALSE(r.message);
  EXPECT_EQ(r.violation->path, c.path);
  EXPECT_NE(r.violation->rule.find(c.rule_part), std::string::npos) << r.violation->rule;
  EXPECT_FALSE(r.violation->dutch.empty());
  for (const std::string& text : {r.violation->rule, r.violation->dutch, r.violation->path}) {
    EXPECT_EQ(text.find("99990000"), std::string::npos) << text;
  }
}

INSTANTIATE_TEST_SUITE_P(Rules, BadMessage, testing::ValuesIn(BadCases()),
                         [](const testing::TestParamInfo<BadCase>& i) { return i.param.name; });

}  // namespace
}  // namespace ozjt::insight

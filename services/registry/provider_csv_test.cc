#include "services/registry/provider_csv.h"

#include <gtest/gtest.h>

namespace ozjt::registry {
namespace {

ReferenceCodes Refs() { return {{"0153", "0164"}, {"TWENTE"}}; }
const char kHeader[] = "kvk_nummer;naam;rechtsvorm;agb_codes;wetten;gemeenten;niveau;status\n";

TEST(ProviderCsvTest, ParsesGoodRowsInDutch) {
  auto parsed = ParseProviderCsv(std::string(kHeader) +
                                     "90000097;Zorg "
                                     "\"Esrand\";Stichting;98000131,98000262;jeugdwet,wmo;0153,"
                                     "0164;strategisch;gecontracteerd\n"
                                     "90000194;Begeleiding Regge;bv;;wmo;0153;lokaal;\n",
                                 Refs());
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_TRUE(parsed->errors.empty());
  ASSERT_EQ(parsed->rows.size(), 2u);
  const Provider& a = parsed->rows[0].provider;
  EXPECT_EQ(a.name, "Zorg \"Esrand\"");
  EXPECT_EQ(a.agb_codes.size(), 2u);
  EXPECT_EQ(a.laws, (std::vector<Law>{Law::kJeugdwet, Law::kWmo}));
  EXPECT_EQ(a.tier, Tier::kStrategic);
  EXPECT_EQ(a.status, ProviderStatus::kContracted);
  EXPECT_TRUE(parsed->rows[0].status_given);
  EXPECT_FALSE(parsed->rows[1].status_given);
  EXPECT_EQ(parsed->rows[1].provider.status, ProviderStatus::kApplicant);
}

TEST(ProviderCsvTest, BadRowsNameLineColumnAndRule) {
  auto parsed = ParseProviderCsv(std::string(kHeader) +
                                     "1234;Zorg A;stichting;;jeugdwet;0153;lokaal;\n"
                                     "90000097;Zorg B;stichting;;jeugdwet;9999;lokaal;\n"
                                     "90000194;Zorg C;kapsalon;;jeugdwet;0153;lokaal;\n"
                                     "90000291;Zorg D;stichting;;jeugdwet;0153;lokaal;\n"
                                     "90000291;Zorg E;stichting;;jeugdwet;0153;lokaal;\n",
                                 Refs());
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed->errors.size(), 4u);
  EXPECT_EQ(parsed->errors[0].line, 2);
  EXPECT_EQ(parsed->errors[0].field, "kvk_nummer");
  EXPECT_EQ(parsed->errors[1].line, 3);
  EXPECT_EQ(parsed->errors[1].field, "gemeenten");
  EXPECT_EQ(parsed->errors[1].description, "unknown municipality 9999");
  EXPECT_EQ(parsed->errors[2].line, 4);
  EXPECT_EQ(parsed->errors[2].field, "rechtsvorm");
  EXPECT_EQ(parsed->errors[3].line, 6);
  EXPECT_EQ(parsed->errors[3].description, "KvK number 90000291 also on line 5");
  EXPECT_EQ(parsed->rows.size(), 1u);
  // What a person reads: Dutch, naming the line and the column.
  EXPECT_EQ(DutchRowError(parsed->errors[0]),
            "regel 2, kolom kvk_nummer: Het KvK-nummer moet uit precies 8 cijfers bestaan.");
  EXPECT_EQ(DutchRowError(parsed->errors[2]),
            "regel 4, kolom rechtsvorm: Onbekende rechtsvorm 'kapsalon' (bijvoorbeeld stichting, "
            "bv, nv, vereniging, cooperatie, eenmanszaak, vof, maatschap of overig).");
  EXPECT_EQ(DutchRowError(parsed->errors[3]),
            "regel 6, kolom kvk_nummer: KvK-nummer 90000291 staat ook op regel 5.");
}

TEST(ProviderCsvTest, TurnoverAboveTenBillionEuroIsARowErrorNamingTheBound) {
  const ReferenceCodes refs{{"0153"}, {"TWENTE"}};
  auto parsed = ParseTurnoverCsv(
      "kvk_nummer;jaar;regio;omzet_cent\n12345678;2025;TWENTE;9000000000000000000\n", refs);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->errors.size(), 1u);
  EXPECT_EQ(parsed->errors[0].line, 2);
  EXPECT_EQ(parsed->errors[0].field, "omzet_cent");
  EXPECT_NE(parsed->errors[0].dutch.find("€ 10.000.000.000,00"), std::string::npos);
}

TEST(ProviderCsvTest, HeaderProblemsRefuseTheFile) {
  auto missing = ParseProviderCsv("kvk_nummer;naam\n90000097;X\n", Refs());
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(missing.status().message().find("missing column 'rechtsvorm'"), std::string::npos);
  EXPECT_EQ(ParseProviderCsv("", Refs()).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ProviderCsvTest, ExportParsesBackToTheSameProviders) {
  Provider p;
  p.name = "Zorg; met puntkomma";
  p.kvk_number = "90000097";
  p.legal_form = LegalForm::kBv;
  p.agb_codes = {"98000131"};
  p.laws = {Law::kJeugdwet};
  p.municipality_codes = {"0153", "0164"};
  p.tier = Tier::kStrategic;
  p.status = ProviderStatus::kSuspended;
  auto parsed = ParseProviderCsv(ProviderCsv({p}), Refs());
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->rows.size(), 1u);
  EXPECT_TRUE(SameData(parsed->rows[0].provider, p));
}

}  // namespace
}  // namespace ozjt::registry

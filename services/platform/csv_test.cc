#include "services/platform/csv.h"

#include <gtest/gtest.h>

namespace ozjt::platform {
namespace {

using Fields = std::vector<std::string>;

TEST(CsvTest, ParsesExcelStyleSemicolonFileWithBomAndCrlf) {
  auto rows = ParseCsv("\xEF\xBB\xBFkvk;naam\r\n12345678;\"Zorg; en \"\"meer\"\"\"\r\n");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].fields, (Fields{"kvk", "naam"}));
  EXPECT_EQ((*rows)[1].fields, (Fields{"12345678", "Zorg; en \"meer\""}));
  EXPECT_EQ((*rows)[1].line, 2);
}

TEST(CsvTest, LineNumbersCountLineBreaksInsideQuotesAndSkipBlankLines) {
  auto rows = ParseCsv("a;b\n\"x\ny\";1\n\n2;3");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[1].fields, (Fields{"x\ny", "1"}));
  EXPECT_EQ((*rows)[2].line, 5);
  EXPECT_EQ((*rows)[2].fields, (Fields{"2", "3"}));
}

TEST(CsvTest, EmptyFieldsAreKept) {
  auto rows = ParseCsv(";;\n");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].fields, (Fields{"", "", ""}));
}

TEST(ControlCharacterTest, FindsNulOtherC0DelAndC1ButNotTabOrLineBreaks) {
  using namespace std::string_literals;
  EXPECT_EQ(FindControlCharacter("gewoon\ttekst\r\nmet é, € en 😀"), std::nullopt);
  auto nul = FindControlCharacter("ab\ncé\0d"s);
  ASSERT_TRUE(nul.has_value());
  EXPECT_EQ(nul->line, 2);
  EXPECT_EQ(nul->column, 3);  // characters, not bytes: é is one
  EXPECT_EQ(nul->code_point, 0u);
  EXPECT_EQ(FindControlCharacter("x\x1By")->code_point, 0x1Bu);
  EXPECT_EQ(FindControlCharacter("x\x7Fy")->code_point, 0x7Fu);
  EXPECT_EQ(FindControlCharacter("x\xC2\x85y")->code_point, 0x85u);  // NEL, a C1 control
  EXPECT_EQ(FindControlCharacter("x\xC2\xA0y"), std::nullopt);       // no-break space is text
}

TEST(ControlCharacterTest, ViolationNamesTheFieldAndTheLineInDutch) {
  using namespace std::string_literals;
  auto v = ControlCharacterViolation("a\nb\0"s, "note");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->field, "note");
  EXPECT_EQ(v->description,
            "contains control character U+0000 on line 2 at character 2; only tab and line "
            "breaks are accepted");
  EXPECT_EQ(v->dutch,
            "Deze tekst bevat op regel 2 een onzichtbaar stuurteken (NUL) op positie 2; haal het "
            "weg en probeer het opnieuw.");
  EXPECT_EQ(ControlCharacterViolation("schoon", "note"), std::nullopt);
}

TEST(CsvTest, NulByteIsRefusedNamingTheLine) {
  using namespace std::string_literals;
  auto rows = ParseCsv("a;b\n1;2\n3;\0\n"s);
  EXPECT_EQ(rows.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(rows.status().message().find("line 3"), std::string::npos) << rows.status();
  auto v = ViolationsOf(rows.status());
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].field, "csv");
  EXPECT_NE(v[0].dutch.find("regel 3"), std::string::npos) << v[0].dutch;
}

TEST(CsvTest, UnclosedQuoteNamesTheLine) {
  auto rows = ParseCsv("a;b\n\"open;1\n");
  EXPECT_EQ(rows.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(rows.status().message().find("line 2"), std::string::npos);
}

TEST(CsvTest, RefusesLatin1) {
  EXPECT_EQ(ParseCsv("naam\nCaf\xE9\n").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(ParseCsv("naam\nCaf\xC3\xA9\n").ok());
}

TEST(CsvTest, WriteThenParseRoundTrips) {
  Fields f = {"plain", "with;sep", "with \"quote\"", "two\nlines", ""};
  auto rows = ParseCsv(CsvLine(f));
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].fields, f);
}

}  // namespace
}  // namespace ozjt::platform

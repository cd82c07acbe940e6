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

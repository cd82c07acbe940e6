// The contracts service's items on the agenda (agenda.h) and their iCalendar form.
#include "services/contracts/agenda.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "services/agenda/ical.h"

namespace ozjt::contracts {
namespace {

using agenda::ToICalendar;

Contract WithOption() {
  Contract c;
  c.id = 4;
  c.reference = "JZP-2024";
  c.title = "Jeugdzorg Plus, kleinschalig";
  c.family = ContractFamily::kJeugdzorgPlus;
  c.status = ContractStatus::kActive;
  c.start_date = Day(2024, 1, 1);
  c.end_date = Day(2027, 5, 31);
  c.notice_months = 6;
  c.options = {{1, 12, true, 0, std::nullopt}};
  return c;
}

TEST(AgendaTest, NoticeDeadlineAndEndInWindow) {
  auto items = ContractAgenda(WithOption(), Day(2026, 11, 1), Day(2027, 6, 30), Day(2026, 11, 25));
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].kind, AgendaKind::kNoticeDeadline);
  EXPECT_EQ(items[0].date, Day(2026, 11, 30));
  EXPECT_EQ(items[1].kind, AgendaKind::kContractEnd);
  EXPECT_TRUE(
      ContractAgenda(WithOption(), Day(2026, 12, 1), Day(2027, 5, 30), Day(2026, 11, 25)).empty());
}

TEST(AgendaTest, ExpiredOrDraftContractsHaveNoActions) {
  Contract c = WithOption();
  EXPECT_TRUE(ContractAgenda(c, Day(2026, 11, 1), Day(2027, 6, 30), Day(2027, 6, 1)).empty());
  c.status = ContractStatus::kDraft;
  EXPECT_TRUE(ContractAgenda(c, Day(2026, 11, 1), Day(2027, 6, 30), Day(2026, 11, 25)).empty());
}

TEST(AgendaTest, RemediedDefaultLeavesTheAgenda) {
  LegalStep s;
  s.id = 2;
  s.kind = LegalStepKind::kIngebrekestelling;
  s.date = Day(2026, 11, 16);
  s.deadline = Day(2026, 12, 7);
  EXPECT_EQ(LegalAgenda(WithOption(), s, Day(2026, 12, 1), Day(2026, 12, 31)).size(), 1u);
  s.remedied = true;
  EXPECT_TRUE(LegalAgenda(WithOption(), s, Day(2026, 12, 1), Day(2026, 12, 31)).empty());
}

TEST(AgendaTest, SortedByDateThenKind) {
  auto items = ContractAgenda(WithOption(), Day(2026, 1, 1), Day(2028, 1, 1), Day(2026, 1, 1));
  LegalStep s;
  s.id = 1;
  s.kind = LegalStepKind::kHerstelsanctie;
  s.date = Day(2026, 1, 2);
  s.deadline = Day(2026, 3, 1);
  for (auto& i : LegalAgenda(WithOption(), s, Day(2026, 1, 1), Day(2028, 1, 1))) items.push_back(i);
  SortAgenda(items);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].date, Day(2026, 3, 1));
  EXPECT_EQ(items[2].kind, AgendaKind::kContractEnd);
}

TEST(ICalendarTest, AllDayEventsEscapedAndFolded) {
  auto items = ContractAgenda(WithOption(), Day(2026, 11, 1), Day(2027, 6, 30), Day(2026, 11, 25));
  items[0].contract_title = "Titel; met, tekens";
  std::string ics = ToICalendar(items, absl::FromUnixSeconds(1795600000));
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20261130\r\nDTEND;VALUE=DATE:20261201\r\n"),
            std::string::npos);
  EXPECT_NE(ics.find("Titel\\; met\\, tekens"), std::string::npos);
  EXPECT_NE(ics.find("END:VCALENDAR\r\n"), std::string::npos);
  size_t start = 0;
  while (start < ics.size()) {  // no content line over 75 octets
    size_t end = ics.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 75u) << ics.substr(start, end - start);
    start = end + 2;
  }
  EXPECT_EQ(std::count(ics.begin(), ics.end(), '\n'), std::count(ics.begin(), ics.end(), '\r'));
}

}  // namespace
}  // namespace ozjt::contracts

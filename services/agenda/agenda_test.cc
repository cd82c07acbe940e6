// The agenda's iCalendar feed (ical.h) for items of any service.
#include "services/agenda/agenda.h"

#include <gtest/gtest.h>

#include "services/agenda/ical.h"

namespace ozjt::agenda {
namespace {

// Items without a contract (supervision, continuity) name no contract: their SUMMARY says what
// part of the work before the colon, and two actions of one plan due on one day keep their own
// UID.
TEST(ICalendarTest, ItemsWithoutContractNameWhatAndWhom) {
  AgendaItem action;
  action.date = Day(2026, 12, 10);
  action.kind = AgendaKind::kSupervisionAction;
  action.contract_title = "Zorggroep Twente";
  action.provider_ids = {7};
  action.summary = "Verbeteractie 1 van plan 1 bij Zorggroep Twente";
  action.subject = "investigations/3/plans/1";
  AgendaItem second = action;
  second.summary = "Verbeteractie 2 van plan 1 bij Zorggroep Twente";
  AgendaItem recovery;
  recovery.date = Day(2026, 12, 11);
  recovery.kind = AgendaKind::kRecoveryPlanDue;
  recovery.contract_title = "Zorggroep Twente";
  recovery.summary = "Herstelplan van Zorggroep Twente moet binnen zijn";
  recovery.subject = "continuityCases/2";
  std::string ics = ToICalendar({action, second, recovery}, absl::FromUnixSeconds(1795600000));
  EXPECT_EQ(ics.find("contracts/0"), std::string::npos) << ics;
  EXPECT_EQ(ics.find("SUMMARY::"), std::string::npos);
  EXPECT_EQ(ics.find("SUMMARY: "), std::string::npos);
  EXPECT_NE(ics.find("SUMMARY:Toezicht: Verbeteractie 1 van plan 1 bij Zorggroep Twente\r\n"),
            std::string::npos)
      << ics;
  EXPECT_NE(ics.find("SUMMARY:Continuïteit: Herstelplan"), std::string::npos);
  EXPECT_NE(ics.find("UID:action-investigations/3/plans/1-20261210@ozjt-contracts\r\n"),
            std::string::npos)
      << ics;
  EXPECT_NE(ics.find("UID:action-investigations/3/plans/1-20261210-2@ozjt-contracts\r\n"),
            std::string::npos);
  EXPECT_NE(ics.find("DESCRIPTION:Zorggroep Twente\\ninvestigations/3/plans/1\r\n"),
            std::string::npos);
}

}  // namespace
}  // namespace ozjt::agenda

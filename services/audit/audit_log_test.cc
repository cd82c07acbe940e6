// The audit log's confidentiality rule, without a database: which records keep their content
// for which role, and which reads a listing must log.
#include "services/audit/audit_log.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace ozjt::audit {
namespace {

using platform::Role;

AuditRecord Record(int64_t id, const std::string& type, const std::string& entity_id) {
  AuditRecord r;
  r.id = id;
  r.actor = "ayse.screening";
  r.entity_type = type;
  r.entity_id = entity_id;
  r.before_json = R"({"reasons": "voor"})";
  r.after_json = R"({"reasons": "na"})";
  return r;
}

// Newest first, as List returns them: two records of case 7, one of investigation 3, a
// provider and a read record.
std::vector<AuditRecord> Page() {
  return {Record(50, "screening_case", "7"), Record(49, "provider", "12"),
          Record(48, "investigation", "3"), Record(47, "screening_case.read", "7"),
          Record(46, "screening_case", "7")};
}

TEST(WithholdConfidentialContentTest, AdminGetsNoContentOfCasesOrInvestigationsAndNoReads) {
  std::vector<AuditRecord> page = Page();
  EXPECT_TRUE(WithholdConfidentialContent(Role::kAdmin, ConfidentialEntities(), page).empty());
  for (int i : {0, 2, 4}) {
    EXPECT_TRUE(page[i].content_withheld) << page[i].entity_type;
    EXPECT_EQ(page[i].before_json, "");
    EXPECT_EQ(page[i].after_json, "");
    EXPECT_EQ(page[i].actor, "ayse.screening");  // the rest of the record stays
  }
  for (int i : {1, 3}) {
    EXPECT_FALSE(page[i].content_withheld) << page[i].entity_type;
    EXPECT_EQ(page[i].after_json, R"({"reasons": "na"})");
  }
}

TEST(WithholdConfidentialContentTest, AuditorsSeeBothAndEachEntityShownIsOneRead) {
  std::vector<AuditRecord> page = Page();
  std::vector<ContentRead> reads =
      WithholdConfidentialContent(Role::kAuditor, ConfidentialEntities(), page);
  for (const auto& r : page) EXPECT_FALSE(r.content_withheld) << r.entity_type;
  ASSERT_EQ(reads.size(), 2u);
  EXPECT_EQ(reads[0].read_entity_type, "screening_case.read");
  EXPECT_EQ(reads[0].entity_id, "7");
  EXPECT_EQ(reads[0].record_ids, (std::vector<int64_t>{50, 46}));
  EXPECT_EQ(reads[1].read_entity_type, "finding.read");
  EXPECT_EQ(reads[1].entity_id, "3");
  EXPECT_EQ(reads[1].record_ids, std::vector<int64_t>{48});
  EXPECT_EQ(nlohmann::json::parse(ContentReadJson(reads[0])),
            nlohmann::json::parse(R"({"read": "audit log", "audit_records": [50, 46]})"));
}

TEST(WithholdConfidentialContentTest, EachTypeFollowsItsOwnReaders) {
  // Contract managers read findings, not screening files; screening officers the reverse.
  std::vector<AuditRecord> page = Page();
  std::vector<ContentRead> reads =
      WithholdConfidentialContent(Role::kOzjtContractManager, ConfidentialEntities(), page);
  EXPECT_TRUE(page[0].content_withheld);
  EXPECT_FALSE(page[2].content_withheld);
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].read_entity_type, "finding.read");

  page = Page();
  reads = WithholdConfidentialContent(Role::kScreeningOfficer, ConfidentialEntities(), page);
  EXPECT_FALSE(page[0].content_withheld);
  EXPECT_TRUE(page[2].content_withheld);
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].read_entity_type, "screening_case.read");

  page = Page();
  reads = WithholdConfidentialContent(Role::kGemeenteContractManager, ConfidentialEntities(), page);
  EXPECT_TRUE(page[0].content_withheld);
  EXPECT_TRUE(page[2].content_withheld);
  EXPECT_TRUE(reads.empty());
}

}  // namespace
}  // namespace ozjt::audit

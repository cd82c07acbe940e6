// The audit log: one record per change in the change's transaction; append-only in the
// database; queryable by auditors and administrators.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <pqxx/pqxx>
#include <thread>

#include "ozjt/audit/v1/audit.grpc.pb.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"
#include "ozjt/screening/v1/screening.grpc.pb.h"
#include "ozjt/supervision/v1/supervision.grpc.pb.h"
#include "services/audit/chain.h"
#include "tests/testing/test_env.h"

namespace ozjt {
namespace {

namespace reg = registry::v1;
namespace aud = audit::v1;
namespace sc = screening::v1;
namespace sv = supervision::v1;
using platform::Role;
using testing::TestServer;

class AuditTest : public testing::ServerSuite {
 protected:
  reg::Provider Create(const std::string& kvk, const std::string& actor) {
    auto stub = reg::ProviderRegistry::NewStub(server_->Channel());
    reg::CreateProviderRequest req;
    auto* p = req.mutable_provider();
    p->set_display_name("Audit " + kvk + " (fictief)");
    p->set_kvk_number(kvk);
    p->set_legal_form(reg::LEGAL_FORM_STICHTING);
    p->add_laws(reg::LAW_JEUGDWET);
    p->set_tier(reg::TIER_LOCAL);
    reg::Provider out;
    auto ctx = TestServer::Context(server_->Token(Role::kOzjtContractManager, "", actor));
    ctx->AddMetadata("x-request-id", "req-" + kvk);
    EXPECT_TRUE(stub->CreateProvider(ctx.get(), req, &out).ok());
    return out;
  }

  // A screening case for `provider` with an assessed item: its audit records hold the case
  // content (the finding below). Returns the case id.
  std::string ScreeningCase(const reg::Provider& provider) {
    auto stub = sc::ScreeningService::NewStub(server_->Channel());
    const std::string officer = server_->Token(Role::kScreeningOfficer, "", "ayse.screening");
    sc::CreateCaseRequest q;
    q.set_provider(provider.name());
    q.set_occasion(sc::OCCASION_PROCUREMENT_ROUND);
    q.set_reference("Inkoop Jeugd 2027");
    sc::ScreeningCase c;
    grpc::Status s = stub->CreateCase(TestServer::Context(officer).get(), q, &c);
    EXPECT_TRUE(s.ok()) << s.error_message();
    sc::AssessItemRequest a;
    a.set_case_(c.name());
    a.mutable_assessment()->set_item_code("I2");
    a.mutable_assessment()->set_result(sc::ASSESSMENT_RESULT_DOES_NOT_MEET);
    a.mutable_assessment()->set_finding("Vertrouwelijk: antecedenten bestuurder");
    s = stub->AssessItem(TestServer::Context(officer).get(), a, &c);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return c.name().substr(std::string("screeningCases/").size());
  }

  // An investigation of `provider` with one finding; returns the investigation id.
  std::string Investigation(const reg::Provider& provider) {
    auto stub = sv::SupervisionService::NewStub(server_->Channel());
    const std::string supervisor = server_->Token(Role::kToezichthouder, "", "tom.toezicht");
    sv::CreateInvestigationRequest q;
    q.mutable_investigation()->set_provider(provider.name());
    q.mutable_investigation()->set_kind(sv::KIND_PROACTIVE);
    q.mutable_investigation()->set_subject("Inspectie dossiervoering");
    sv::Investigation i;
    grpc::Status s = stub->CreateInvestigation(TestServer::Context(supervisor).get(), q, &i);
    EXPECT_TRUE(s.ok()) << s.error_message();
    sv::CreateFindingRequest f;
    f.set_investigation(i.name());
    f.mutable_finding()->set_requirement_kind(sv::REQUIREMENT_KIND_TENDER_REQUIREMENT);
    f.mutable_finding()->set_requirement_reference("Bestek 4.2.1");
    f.mutable_finding()->set_requirement_text("Elke jeugdige heeft een actueel plan");
    f.mutable_finding()->set_observed("Vertrouwelijk: dossier jeugdige J. zonder plan");
    f.mutable_finding()->set_severity(sv::SEVERITY_MAJOR);
    *f.mutable_finding()->mutable_date() = testing::Date(2026, 11, 10);
    s = stub->CreateFinding(TestServer::Context(supervisor).get(), f, &i);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return i.name().substr(std::string("investigations/").size());
  }

  aud::ListAuditRecordsResponse List(const std::string& token, const std::string& entity_type,
                                     const std::string& entity_id) {
    auto stub = aud::AuditLog::NewStub(server_->Channel());
    aud::ListAuditRecordsRequest req;
    req.set_entity_type(entity_type);
    req.set_entity_id(entity_id);
    aud::ListAuditRecordsResponse resp;
    grpc::Status s = stub->ListAuditRecords(TestServer::Context(token).get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }

  // How many audit records of `entity_type` about `entity_id` `actor` has.
  std::string Count(const std::string& entity_type, const std::string& entity_id,
                    const std::string& actor) {
    return db_->Query("SELECT count(*) FROM audit.audit_record WHERE entity_type = '" +
                      entity_type + "' AND entity_id = '" + entity_id + "' AND actor = '" + actor +
                      "'");
  }
};

TEST_F(AuditTest, EachChangeWritesExactlyOneRecordWithBeforeAndAfter) {
  reg::Provider p = Create("50000001", "piet.ozjt");
  const std::string id = p.name().substr(10);
  const std::string where =
      " FROM audit.audit_record WHERE entity_type = 'provider' AND entity_id = '" + id + "'";
  EXPECT_EQ(db_->Query("SELECT count(*)" + where), "1");
  EXPECT_EQ(db_->Query("SELECT actor" + where), "piet.ozjt");
  EXPECT_EQ(db_->Query("SELECT role" + where), "ozjt_contract_manager");
  EXPECT_EQ(db_->Query("SELECT method" + where),
            "/ozjt.registry.v1.ProviderRegistry/CreateProvider");
  EXPECT_EQ(db_->Query("SELECT request_id" + where), "req-50000001");
  EXPECT_EQ(db_->Query("SELECT before_json IS NULL" + where), "t");
  EXPECT_EQ(db_->Query("SELECT after_json->>'kvk_number'" + where), "50000001");

  auto stub = reg::ProviderRegistry::NewStub(server_->Channel());
  reg::UpdateProviderRequest up;
  up.mutable_provider()->set_name(p.name());
  up.mutable_provider()->set_version(1);
  up.mutable_provider()->set_status(reg::PROVIDER_STATUS_CONTRACTED);
  up.mutable_update_mask()->add_paths("status");
  reg::Provider out;
  ASSERT_TRUE(
      stub->UpdateProvider(TestServer::Context(server_->Token(Role::kAdmin)).get(), up, &out).ok());
  EXPECT_EQ(db_->Query("SELECT count(*)" + where), "2");
  EXPECT_EQ(db_->Query("SELECT before_json->>'status'" + where + " ORDER BY id DESC LIMIT 1"),
            "applicant");
  EXPECT_EQ(db_->Query("SELECT after_json->>'status'" + where + " ORDER BY id DESC LIMIT 1"),
            "contracted");

  // A refused change (stale version) and a no-op change write nothing.
  ASSERT_FALSE(
      stub->UpdateProvider(TestServer::Context(server_->Token(Role::kAdmin)).get(), up, &out).ok());
  up.mutable_provider()->set_version(2);
  ASSERT_TRUE(
      stub->UpdateProvider(TestServer::Context(server_->Token(Role::kAdmin)).get(), up, &out).ok());
  EXPECT_EQ(out.version(), 2);
  EXPECT_EQ(db_->Query("SELECT count(*)" + where), "2");
}

TEST_F(AuditTest, TableRefusesUpdateAndDeleteForTheServiceRoleAndTheOwner) {
  Create("50000002", "x");
  for (const char* role : {"ozjt_app", ""}) {
    for (const char* sql : {"UPDATE audit.audit_record SET actor = 'mallory'",
                            "DELETE FROM audit.audit_record", "TRUNCATE audit.audit_record"}) {
      pqxx::connection c(db_->conninfo());
      pqxx::nontransaction tx(c);
      if (*role) tx.exec(std::string("SET ROLE ") + role);
      EXPECT_THROW(tx.exec(sql), pqxx::sql_error) << sql << " as " << (*role ? role : "owner");
    }
  }
  EXPECT_EQ(db_->Query("SELECT count(*) FROM audit.audit_record WHERE actor = 'mallory'"), "0");
  EXPECT_NE(db_->Query("SELECT count(*) FROM audit.audit_record"), "0");
}

TEST_F(AuditTest, AuditorsQueryByEntityActorAndTime) {
  reg::Provider p = Create("50000003", "kees.ozjt");
  Create("50000004", "kees.ozjt");
  auto stub = aud::AuditLog::NewStub(server_->Channel());
  const std::string auditor = server_->Token(Role::kAuditor);
  aud::ListAuditRecordsRequest req;
  req.set_entity_type("provider");
  req.set_entity_id(p.name().substr(10));
  aud::ListAuditRecordsResponse resp;
  ASSERT_TRUE(stub->ListAuditRecords(TestServer::Context(auditor).get(), req, &resp).ok());
  ASSERT_EQ(resp.records_size(), 1);
  EXPECT_EQ(resp.records(0).actor(), "kees.ozjt");
  EXPECT_NE(resp.records(0).after_json().find("50000003"), std::string::npos);

  aud::ListAuditRecordsRequest by_actor;
  by_actor.set_actor("kees.ozjt");
  by_actor.set_page_size(1);
  ASSERT_TRUE(stub->ListAuditRecords(TestServer::Context(auditor).get(), by_actor, &resp).ok());
  ASSERT_EQ(resp.records_size(), 1);
  EXPECT_EQ(resp.records(0).entity_id(),
            std::to_string(std::stoi(p.name().substr(10)) + 1));  // newest first
  const std::string first_page_token = resp.next_page_token();
  by_actor.set_page_token(first_page_token);
  ASSERT_TRUE(stub->ListAuditRecords(TestServer::Context(auditor).get(), by_actor, &resp).ok());
  ASSERT_EQ(resp.records_size(), 1);
  EXPECT_EQ(resp.records(0).entity_id(), p.name().substr(10));
  EXPECT_TRUE(resp.next_page_token().empty());

  aud::ListAuditRecordsRequest future;
  future.mutable_start_time()->set_seconds(4102444800);  // 2100-01-01
  ASSERT_TRUE(stub->ListAuditRecords(TestServer::Context(auditor).get(), future, &resp).ok());
  EXPECT_EQ(resp.records_size(), 0);
  future.mutable_end_time()->set_seconds(0);
  grpc::Status reversed = stub->ListAuditRecords(TestServer::Context(auditor).get(), future, &resp);
  EXPECT_EQ(reversed.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::ViolationFields(reversed), std::vector<std::string>{"start_time"});
  EXPECT_EQ(
      testing::ViolationDescriptions(reversed),
      std::vector<std::string>{"Het begin van de periode (--since) ligt na het einde (--until)."});
  EXPECT_EQ(testing::DutchMessage(reversed),
            "Het begin van de periode (--since) ligt na het einde (--until).");

  // A page token of this list with other filters: refused, and told so in Dutch.
  by_actor.set_actor("iemand.anders");
  by_actor.set_page_token(first_page_token);
  grpc::Status other = stub->ListAuditRecords(TestServer::Context(auditor).get(), by_actor, &resp);
  EXPECT_EQ(other.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::ViolationDescriptions(other),
            std::vector<std::string>{
                "Dit vervolgtoken hoort bij een andere lijst of andere zoekvoorwaarden. Vraag de "
                "lijst opnieuw op vanaf het begin (zonder --page-token)."});
}

// What the issue found: admin read whole screening files and investigation findings through the
// audit log, and nothing logged the read. Admin is no content reader of either.
TEST_F(AuditTest, ConfidentialContentIsWithheldFromRolesThatMayNotReadTheEntity) {
  const reg::Provider p = Create("50000005", "kees.ozjt");
  const std::string case_id = ScreeningCase(p), investigation_id = Investigation(p);
  const std::string admin = server_->Token(Role::kAdmin, "", "bea.beheer");
  for (const auto& [type, id] : {std::pair<std::string, std::string>{"screening_case", case_id},
                                 {"investigation", investigation_id}}) {
    aud::ListAuditRecordsResponse resp = List(admin, type, id);
    ASSERT_EQ(resp.records_size(), 2) << type;  // created, then the assessment / the finding
    for (const auto& r : resp.records()) {
      EXPECT_TRUE(r.content_withheld()) << type;
      EXPECT_EQ(r.before_json(), "") << type;
      EXPECT_EQ(r.after_json(), "") << type;
      // The rest of the record stays: who did what when.
      EXPECT_EQ(r.entity_type(), type);
      EXPECT_EQ(r.entity_id(), id);
      EXPECT_FALSE(r.actor().empty());
      EXPECT_FALSE(r.method().empty());
    }
  }
  // Nothing was shown, so no read is logged.
  EXPECT_EQ(Count("screening_case.read", case_id, "bea.beheer"), "0");
  EXPECT_EQ(Count("finding.read", investigation_id, "bea.beheer"), "0");
  // Unfiltered, too: no record of either type carries content for admin.
  aud::ListAuditRecordsResponse all = List(admin, "", "");
  int confidential = 0;
  for (const auto& r : all.records()) {
    if (r.entity_type() == "screening_case" || r.entity_type() == "investigation") {
      ++confidential;
      EXPECT_TRUE(r.content_withheld());
      EXPECT_EQ(r.after_json(), "");
    }
  }
  EXPECT_GE(confidential, 4);
}

TEST_F(AuditTest, ContentReadersSeeConfidentialContentAndTheReadIsLogged) {
  const reg::Provider p = Create("50000006", "kees.ozjt");
  const std::string case_id = ScreeningCase(p), investigation_id = Investigation(p);
  const std::string auditor = server_->Token(Role::kAuditor, "", "olga.audit");
  struct Case {
    std::string type, id, read_type, content;
  };
  for (const Case& c :
       {Case{"screening_case", case_id, "screening_case.read", "antecedenten bestuurder"},
        Case{"investigation", investigation_id, "finding.read", "dossier jeugdige J."}}) {
    EXPECT_EQ(Count(c.read_type, c.id, "olga.audit"), "0");
    aud::ListAuditRecordsResponse resp = List(auditor, c.type, c.id);
    ASSERT_EQ(resp.records_size(), 2) << c.type;
    for (const auto& r : resp.records()) EXPECT_FALSE(r.content_withheld()) << c.type;
    EXPECT_NE(resp.records(0).after_json().find(c.content), std::string::npos)
        << resp.records(0).after_json();
    EXPECT_NE(resp.records(0).before_json(), "") << c.type;
    // The read is logged like a direct read, naming the auditor and the records shown.
    EXPECT_EQ(Count(c.read_type, c.id, "olga.audit"), "1") << c.type;
    const std::string where = " FROM audit.audit_record WHERE entity_type = '" + c.read_type +
                              "' AND entity_id = '" + c.id + "' AND actor = 'olga.audit'";
    EXPECT_EQ(db_->Query("SELECT after_json->>'read'" + where), "audit log");
    EXPECT_EQ(db_->Query("SELECT jsonb_array_length(after_json->'audit_records')" + where), "2");
    EXPECT_EQ(db_->Query("SELECT (after_json->'audit_records'->>0)::bigint" + where),
              std::to_string(resp.records(0).id()));
    EXPECT_EQ(db_->Query("SELECT role" + where), "auditor");
    EXPECT_EQ(db_->Query("SELECT method" + where), "/ozjt.audit.v1.AuditLog/ListAuditRecords");
    // The read record is in the audit log itself, for every caller.
    aud::ListAuditRecordsResponse reads = List(auditor, c.read_type, c.id);
    ASSERT_EQ(reads.records_size(), 1);
    EXPECT_EQ(reads.records(0).actor(), "olga.audit");
    EXPECT_FALSE(reads.records(0).content_withheld());
    aud::ListAuditRecordsResponse admin_reads =
        List(server_->Token(Role::kAdmin, "", "bea.beheer"), c.read_type, c.id);
    ASSERT_EQ(admin_reads.records_size(), 1);
    EXPECT_FALSE(admin_reads.records(0).content_withheld());
    EXPECT_NE(admin_reads.records(0).after_json().find("audit log"), std::string::npos);
  }
  // Each listing that shows content logs once more.
  List(auditor, "screening_case", case_id);
  EXPECT_EQ(Count("screening_case.read", case_id, "olga.audit"), "2");
}

TEST_F(AuditTest, OtherEntitiesAreShownInFullToAuditorsAndAdminsWithoutReadRecords) {
  const reg::Provider p = Create("50000007", "kees.ozjt");
  const std::string id = p.name().substr(10);
  for (const auto& [token, actor] :
       {std::pair<std::string, std::string>{server_->Token(Role::kAuditor, "", "olga.audit"),
                                            "olga.audit"},
        {server_->Token(Role::kAdmin, "", "bea.beheer"), "bea.beheer"}}) {
    const std::string before =
        db_->Query("SELECT count(*) FROM audit.audit_record WHERE actor = '" + actor + "'");
    aud::ListAuditRecordsResponse resp = List(token, "provider", id);
    ASSERT_EQ(resp.records_size(), 1);
    EXPECT_FALSE(resp.records(0).content_withheld());
    EXPECT_NE(resp.records(0).after_json().find("50000007"), std::string::npos);
    EXPECT_EQ(db_->Query("SELECT count(*) FROM audit.audit_record WHERE actor = '" + actor + "'"),
              before);
  }
}

}  // namespace
}  // namespace ozjt

namespace ozjt {
namespace {

// Waits (up to 10 s) until the host's chainer has chained every committed audit record.
void WaitUntilChained(const testing::TestDatabase& db) {
  for (int i = 0; i < 1000; ++i) {
    if (db.Query("SELECT count(*) FROM audit.audit_record WHERE chain_seq IS NULL") == "0") return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ADD_FAILURE() << "audit records still unchained after 10 s";
}

// The hash chain, on a database of its own (the test tampers with it as the superuser). The
// server's graceful stop chains what its last calls wrote.
TEST(AuditChainTest, VerifyFindsTheFirstChangedOrDeletedRecord) {
  testing::TestDatabase db("audit_chain");
  std::vector<std::string> ids;
  {
    testing::TestServer server(db.conninfo());
    auto stub = registry::v1::ProviderRegistry::NewStub(server.Channel());
    for (int i = 0; i < 5; ++i) {
      registry::v1::CreateProviderRequest req;
      auto* p = req.mutable_provider();
      p->set_display_name("Keten " + std::to_string(i) + " (fictief)");
      p->set_kvk_number(std::to_string(51000000 + i));
      p->set_legal_form(registry::v1::LEGAL_FORM_BV);
      p->add_laws(registry::v1::LAW_WMO);
      p->set_tier(registry::v1::TIER_LOCAL);
      registry::v1::Provider out;
      ASSERT_TRUE(
          stub->CreateProvider(TestServer::Context(server.Token(platform::Role::kAdmin)).get(), req,
                               &out)
              .ok());
    }
  }
  for (int i = 0; i < 5; ++i) {
    ids.push_back(db.Query("SELECT id FROM audit.audit_record ORDER BY chain_seq OFFSET " +
                           std::to_string(i) + " LIMIT 1"));
  }
  pqxx::connection connection(db.conninfo());
  auto verify = [&] {
    pqxx::read_transaction tx(connection);
    return audit::VerifyAuditChain(tx);
  };
  audit::ChainReport intact = verify();
  EXPECT_TRUE(intact.intact) << intact.reason;
  EXPECT_EQ(intact.records, 5);
  EXPECT_EQ(intact.head_hash.size(), 64u);

  // The superuser changes the third record (switching the append-only trigger off first).
  const std::string off =
      "ALTER TABLE audit.audit_record DISABLE TRIGGER audit_record_no_update_delete";
  const std::string on =
      "ALTER TABLE audit.audit_record ENABLE TRIGGER audit_record_no_update_delete";
  const std::string original =
      db.Query("SELECT after_json::text FROM audit.audit_record WHERE id = " + ids[2]);
  db.Exec(off);
  db.Exec(
      "UPDATE audit.audit_record SET after_json = jsonb_set(after_json, '{display_name}', "
      "'\"Vervalst\"') WHERE id = " +
      ids[2]);
  audit::ChainReport changed = verify();
  EXPECT_FALSE(changed.intact);
  EXPECT_EQ(std::to_string(changed.broken_at_id), ids[2]);
  EXPECT_EQ(changed.broken_at_seq, 3);
  EXPECT_NE(changed.reason.find("changed"), std::string::npos);
  EXPECT_EQ(changed.records, 2);
  // Put back: intact again (the check depends on the content, nothing else).
  db.Exec("UPDATE audit.audit_record SET after_json = '" + original +
          "'::jsonb WHERE id = " + ids[2]);
  EXPECT_TRUE(verify().intact);
  // Deleting a record in the middle, or the last one, is found too.
  db.Exec("DELETE FROM audit.audit_record WHERE id = " + ids[4]);
  audit::ChainReport tail = verify();
  EXPECT_FALSE(tail.intact);
  EXPECT_NE(tail.reason.find("chain head"), std::string::npos);
  db.Exec("DELETE FROM audit.audit_record WHERE id = " + ids[1]);
  audit::ChainReport gap = verify();
  EXPECT_FALSE(gap.intact);
  EXPECT_EQ(gap.broken_at_seq, 2);
  EXPECT_NE(gap.reason.find("missing"), std::string::npos);
  db.Exec(on);
}

// Issue 16: the auditor checks the chain through the service (VerifyAuditChain), without
// database access: intact while providers are being created at the same moment (the check
// stops at the head it read first), broken with a Dutch reason naming the changed record.
TEST(AuditChainTest, AuditorVerifiesTheChainThroughTheServiceWhileOthersWrite) {
  testing::TestDatabase db("audit_chain_rpc");
  testing::TestServer server(db.conninfo());
  auto providers = registry::v1::ProviderRegistry::NewStub(server.Channel());
  auto audit_log = aud::AuditLog::NewStub(server.Channel());
  const std::string admin = server.Token(platform::Role::kAdmin);
  const std::string auditor = server.Token(platform::Role::kAuditor, "", "auditor.ozjt");
  auto create = [&](int i) {
    registry::v1::CreateProviderRequest req;
    *req.mutable_provider() = testing::MinimalProvider(std::to_string(52000000 + i),
                                                       "Keten " + std::to_string(i) + " (fictief)");
    registry::v1::Provider out;
    return providers->CreateProvider(TestServer::Context(admin).get(), req, &out);
  };
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(create(i).ok());
  WaitUntilChained(db);
  auto verify = [&] {
    aud::AuditChainReport report;
    grpc::Status s = audit_log->VerifyAuditChain(TestServer::Context(auditor).get(), {}, &report);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return report;
  };
  std::atomic<bool> writing{true};
  std::atomic<int> written{0};
  std::thread writer([&] {
    for (int i = 5; writing; ++i) {
      if (create(i).ok()) ++written;
    }
  });
  int checks = 0;
  while (written < 20 && checks < 200) {
    aud::AuditChainReport during = verify();
    EXPECT_TRUE(during.intact()) << during.reason();
    EXPECT_GE(during.records(), 5);
    ++checks;
  }
  writing = false;
  writer.join();
  WaitUntilChained(db);
  aud::AuditChainReport intact = verify();
  EXPECT_TRUE(intact.intact());
  EXPECT_EQ(intact.records(), 5 + written.load());
  EXPECT_EQ(intact.unchained_records(), 0);
  EXPECT_FALSE(intact.has_oldest_unchained_at());
  EXPECT_EQ(intact.head_hash().size(), 64u);
  EXPECT_TRUE(intact.reason().empty());
  EXPECT_GT(intact.verified_at().seconds(), 0);

  const std::string third =
      db.Query("SELECT id FROM audit.audit_record ORDER BY chain_seq OFFSET 2 LIMIT 1");
  db.Exec("ALTER TABLE audit.audit_record DISABLE TRIGGER audit_record_no_update_delete");
  db.Exec("UPDATE audit.audit_record SET actor = 'iemand.anders' WHERE id = " + third);
  db.Exec("ALTER TABLE audit.audit_record ENABLE TRIGGER audit_record_no_update_delete");
  aud::AuditChainReport broken = verify();
  EXPECT_FALSE(broken.intact());
  EXPECT_EQ(broken.broken_at_position(), 3);
  EXPECT_EQ(std::to_string(broken.broken_at_record()), third);
  EXPECT_EQ(broken.records(), 2);
  EXPECT_EQ(broken.reason(),
            "De inhoud van het record past niet bij zijn hash: het record is gewijzigd.");
  EXPECT_TRUE(broken.head_hash().empty());
}

// Issue 21: a writer no longer waits for the chain head. With the head locked (as a chainer
// holds it, here for as long as the test likes), a change commits at once, unchained; the
// auditor's check reports it as the unchained tail; once the lock is gone the host's chainer
// gives it its place, and the chain verifies with it.
TEST(AuditChainTest, WritersDoNotWaitForTheChainAndTheChainerCatchesUp) {
  testing::TestDatabase db("audit_chainer");
  testing::TestServer server(db.conninfo());
  auto providers = registry::v1::ProviderRegistry::NewStub(server.Channel());
  auto audit_log = aud::AuditLog::NewStub(server.Channel());
  const std::string admin = server.Token(platform::Role::kAdmin);
  const std::string auditor = server.Token(platform::Role::kAuditor, "", "auditor.ozjt");
  auto create = [&](const std::string& kvk) {
    registry::v1::CreateProviderRequest req;
    *req.mutable_provider() = testing::MinimalProvider(kvk, "Keten " + kvk + " (fictief)");
    registry::v1::Provider out;
    auto ctx = TestServer::Context(admin);
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
    return providers->CreateProvider(ctx.get(), req, &out);
  };
  auto verify = [&] {
    aud::AuditChainReport report;
    grpc::Status s = audit_log->VerifyAuditChain(TestServer::Context(auditor).get(), {}, &report);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return report;
  };
  ASSERT_TRUE(create("53000001").ok());
  WaitUntilChained(db);

  pqxx::connection holder(db.conninfo());
  auto head_lock = std::make_unique<pqxx::work>(holder);
  head_lock->exec("SELECT * FROM audit.chain_head FOR UPDATE");
  const auto started = std::chrono::steady_clock::now();
  grpc::Status written = create("53000002");
  EXPECT_TRUE(written.ok()) << written.error_message();  // the trigger of 0009 waited here
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1));
  aud::AuditChainReport waiting = verify();
  EXPECT_TRUE(waiting.intact()) << waiting.reason();
  EXPECT_EQ(waiting.records(), 1);
  EXPECT_EQ(waiting.unchained_records(), 1);
  EXPECT_TRUE(waiting.has_oldest_unchained_at());
  EXPECT_EQ(db.Query("SELECT count(*) FROM audit.audit_record WHERE chain_seq IS NULL AND "
                     "hash IS NULL AND prev_hash IS NULL AND entity_type = 'provider'"),
            "1");
  head_lock->commit();
  head_lock.reset();

  WaitUntilChained(db);
  aud::AuditChainReport chained = verify();
  EXPECT_TRUE(chained.intact()) << chained.reason();
  EXPECT_EQ(chained.records(), 2);
  EXPECT_EQ(chained.unchained_records(), 0);
  EXPECT_EQ(db.Query("SELECT max(chain_seq) FROM audit.audit_record"), "2");
  EXPECT_EQ(db.Query("SELECT last_seq FROM audit.chain_head"), "2");
}

// Giving an unchained record its place is the one change the log accepts, and only as the
// chainer makes it: content changed with it, a chained record re-chained, or the services'
// role calling UPDATE are all refused (the owner here is the superuser, as the migrations ran).
TEST(AuditChainTest, ChainingIsTheOnlyChangeAnAuditRecordAccepts) {
  testing::TestDatabase db("audit_chain_only");
  {
    testing::TestServer server(db.conninfo());
    auto providers = registry::v1::ProviderRegistry::NewStub(server.Channel());
    registry::v1::CreateProviderRequest req;
    *req.mutable_provider() = testing::MinimalProvider("53100001", "Alleen keten (fictief)");
    registry::v1::Provider out;
    ASSERT_TRUE(providers
                    ->CreateProvider(
                        TestServer::Context(server.Token(platform::Role::kAdmin)).get(), req, &out)
                    .ok());
  }
  const std::string chained = db.Query("SELECT id FROM audit.audit_record WHERE chain_seq = 1");
  ASSERT_FALSE(chained.empty());
  db.Exec(
      "INSERT INTO audit.audit_record (actor, role, method, entity_type, entity_id, request_id) "
      "VALUES ('a', 'admin', 'm', 'test', '1', 'r')");
  const std::string loose = db.Query("SELECT id FROM audit.audit_record WHERE chain_seq IS NULL");
  ASSERT_FALSE(loose.empty());
  for (const std::string& sql : {
           "UPDATE audit.audit_record SET chain_seq = 2, prev_hash = '\\x00', hash = "
           "'\\x00', actor = 'mallory' WHERE id = " +
               loose,
           "UPDATE audit.audit_record SET chain_seq = 7 WHERE id = " + chained,
           "UPDATE audit.audit_record SET chain_seq = 2 WHERE id = " + loose,  // without hashes
           "DELETE FROM audit.audit_record WHERE id = " + loose,
       }) {
    EXPECT_THROW(db.Exec(sql), std::exception) << sql;
  }
  {
    pqxx::connection c(db.conninfo());
    pqxx::nontransaction tx(c);
    tx.exec("SET ROLE ozjt_app");
    EXPECT_THROW(tx.exec("UPDATE audit.audit_record SET chain_seq = 2, prev_hash = '\\x00', "
                         "hash = '\\x00' WHERE id = " +
                         loose),
                 pqxx::sql_error);
    // What the services' role may do is call the chainer.
    EXPECT_EQ(tx.exec("SELECT audit.chain_committed(10)")[0][0].as<int>(), 1);
  }
  pqxx::connection connection(db.conninfo());
  pqxx::read_transaction tx(connection);
  const audit::ChainReport report = audit::VerifyAuditChain(tx);
  EXPECT_TRUE(report.intact) << report.reason;
  EXPECT_EQ(report.records, 2);
  EXPECT_EQ(report.unchained, 0);
}

}  // namespace
}  // namespace ozjt

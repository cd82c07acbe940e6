// Every RPC, called with every role, without a token and with a forged one: allowed roles get
// an answer, other roles PERMISSION_DENIED, no or bad token UNAUTHENTICATED.
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <set>

#include "absl/strings/str_format.h"
#include "ozjt/accountregion/v1/accountregion.grpc.pb.h"
#include "ozjt/audit/v1/audit.grpc.pb.h"
#include "ozjt/contracts/v1/contracts.grpc.pb.h"
#include "ozjt/insight/v1/insight.grpc.pb.h"
#include "ozjt/jzplus/v1/jzplus.grpc.pb.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"
#include "ozjt/screening/v1/screening.grpc.pb.h"
#include "ozjt/supervision/v1/supervision.grpc.pb.h"
#include "tests/testing/test_env.h"

namespace ozjt {
namespace {

namespace reg = registry::v1;
namespace aud = audit::v1;
namespace ar = accountregion::v1;
namespace ct = contracts::v1;
namespace sc = screening::v1;
namespace sv = supervision::v1;
namespace jz = jzplus::v1;
using platform::Role;
using testing::TestServer;

struct Rpc {
  std::string name;
  std::set<Role> allowed;
  std::function<grpc::Status(const std::string& token)> call;
};

const std::set<Role> kEveryone = {
    Role::kOzjtContractManager, Role::kToezichthouder, Role::kGemeenteContractManager,
    Role::kScreeningOfficer,    Role::kAuditor,        Role::kAdmin};
const std::set<Role> kWriters = {Role::kOzjtContractManager, Role::kAdmin};
const std::set<Role> kAuditReaders = {Role::kAuditor, Role::kAdmin};
const std::set<Role> kOzjtOnly = {Role::kOzjtContractManager, Role::kAdmin, Role::kAuditor};
const std::set<Role> kSignalReaders = {Role::kOzjtContractManager, Role::kAdmin, Role::kAuditor,
                                       Role::kToezichthouder};
const std::set<Role> kScreeningOfficers = {Role::kScreeningOfficer};
const std::set<Role> kScreeningReaders = {Role::kScreeningOfficer, Role::kAuditor};
const std::set<Role> kSupervisors = {Role::kToezichthouder};
const std::set<Role> kFindingReaders = {Role::kToezichthouder, Role::kOzjtContractManager,
                                        Role::kAuditor};
const std::set<Role> kFindingReadersAndMunicipal = {Role::kToezichthouder,
                                                    Role::kOzjtContractManager, Role::kAuditor,
                                                    Role::kGemeenteContractManager};
const std::set<Role> kLocalWriters = {Role::kOzjtContractManager, Role::kAdmin,
                                      Role::kGemeenteContractManager};

google::type::Date Day(int y, int m, int d) { return testing::Date(y, m, d); }

class AccessTest : public testing::ServerSuite {
 protected:
  static reg::Provider Sample() {
    static std::atomic<int> n{0};
    const int i = n++;
    reg::Provider p = testing::MinimalProvider(std::to_string(60000000 + i),
                                               "Toegang " + std::to_string(i) + " (fictief)");
    p.add_municipality_codes("0153");
    return p;
  }

  std::vector<Rpc> Rpcs() {
    auto providers = reg::ProviderRegistry::NewStub(server_->Channel());
    auto reference = reg::ReferenceData::NewStub(server_->Channel());
    auto audit = aud::AuditLog::NewStub(server_->Channel());
    std::shared_ptr<reg::ProviderRegistry::Stub> p(std::move(providers));
    std::shared_ptr<reg::ReferenceData::Stub> r(std::move(reference));
    std::shared_ptr<aud::AuditLog::Stub> a(std::move(audit));
    // One provider in Enschede (0153): the municipal token below is for 0153.
    reg::CreateProviderRequest create;
    *create.mutable_provider() = Sample();
    reg::Provider existing;
    EXPECT_TRUE(p->CreateProvider(TestServer::Context(server_->Token(Role::kAdmin)).get(), create,
                                  &existing)
                    .ok());
    const std::string name = existing.name();
    return {
        {"GetProvider", kEveryone,
         [=](const std::string& t) {
           reg::GetProviderRequest q;
           q.set_name(name);
           reg::Provider out;
           return p->GetProvider(TestServer::Context(t).get(), q, &out);
         }},
        {"ListProviders", kEveryone,
         [=](const std::string& t) {
           reg::ListProvidersResponse out;
           return p->ListProviders(TestServer::Context(t).get(), {}, &out);
         }},
        {"CreateProvider", kWriters,
         [=](const std::string& t) {
           reg::CreateProviderRequest q;
           *q.mutable_provider() = Sample();
           reg::Provider out;
           return p->CreateProvider(TestServer::Context(t).get(), q, &out);
         }},
        {"UpdateProvider", kWriters,
         [=](const std::string& t) {
           reg::GetProviderRequest g;
           g.set_name(name);
           reg::Provider current;
           p->GetProvider(TestServer::Context(server_->Token(Role::kAdmin)).get(), g, &current);
           reg::UpdateProviderRequest q;
           q.mutable_provider()->set_name(name);
           q.mutable_provider()->set_version(current.version());
           q.mutable_provider()->set_display_name(current.display_name() + "!");
           q.mutable_update_mask()->add_paths("display_name");
           reg::Provider out;
           return p->UpdateProvider(TestServer::Context(t).get(), q, &out);
         }},
        {"ListProviderHistory", kEveryone,
         [=](const std::string& t) {
           reg::ListProviderHistoryRequest q;
           q.set_name(name);
           reg::ListProviderHistoryResponse out;
           return p->ListProviderHistory(TestServer::Context(t).get(), q, &out);
         }},
        {"ImportProviders", kWriters,
         [=](const std::string& t) {
           reg::Provider s = Sample();
           reg::ImportProvidersRequest q;
           q.set_csv("kvk_nummer;naam;rechtsvorm;agb_codes;wetten;gemeenten;niveau;status\n" +
                     s.kvk_number() + ";" + s.display_name() + ";bv;;wmo;0153;lokaal;\n");
           reg::ImportProvidersResponse out;
           return p->ImportProviders(TestServer::Context(t).get(), q, &out);
         }},
        {"ExportProviders", kEveryone,
         [=](const std::string& t) {
           reg::ExportProvidersResponse out;
           return p->ExportProviders(TestServer::Context(t).get(), {}, &out);
         }},
        {"ListMunicipalities", kEveryone,
         [=](const std::string& t) {
           reg::ListMunicipalitiesResponse out;
           return r->ListMunicipalities(TestServer::Context(t).get(), {}, &out);
         }},
        {"ListRegions", kEveryone,
         [=](const std::string& t) {
           reg::ListRegionsResponse out;
           return r->ListRegions(TestServer::Context(t).get(), {}, &out);
         }},
        {"ListProductCategories", kEveryone,
         [=](const std::string& t) {
           reg::ListProductCategoriesResponse out;
           return r->ListProductCategories(TestServer::Context(t).get(), {}, &out);
         }},
        {"ListUnits", kEveryone,
         [=](const std::string& t) {
           reg::ListUnitsResponse out;
           return r->ListUnits(TestServer::Context(t).get(), {}, &out);
         }},
        {"ListJointTasks", kEveryone,
         [=](const std::string& t) {
           reg::ListJointTasksResponse out;
           return r->ListJointTasks(TestServer::Context(t).get(), {}, &out);
         }},
        {"ListAuditRecords", kAuditReaders,
         [=](const std::string& t) {
           aud::ListAuditRecordsResponse out;
           return a->ListAuditRecords(TestServer::Context(t).get(), {}, &out);
         }},
        {"VerifyAuditChain", kAuditReaders,
         [=](const std::string& t) {
           aud::AuditChainReport out;
           return a->VerifyAuditChain(TestServer::Context(t).get(), {}, &out);
         }},
    };
  }

  // The contracts RPCs, on a vervoer contract in Enschede (0153) with options, a tariff line,
  // a notice of default and the index figures for 2023 to 2025.
  std::vector<Rpc> ContractRpcs() {
    std::shared_ptr<ct::ContractService::Stub> c(ct::ContractService::NewStub(server_->Channel()));
    std::shared_ptr<ct::TariffService::Stub> t(ct::TariffService::NewStub(server_->Channel()));
    std::shared_ptr<ct::VervoerService::Stub> v(ct::VervoerService::NewStub(server_->Channel()));
    const std::string admin = server_->Token(Role::kAdmin);
    static std::atomic<int> n{0};
    const int round = n++;
    // The contract's provider, to whom its letters go.
    std::shared_ptr<reg::ProviderRegistry::Stub> registry(
        reg::ProviderRegistry::NewStub(server_->Channel()));
    reg::CreateProviderRequest new_provider;
    *new_provider.mutable_provider() = Sample();
    reg::Provider provider;
    EXPECT_TRUE(
        registry->CreateProvider(TestServer::Context(admin).get(), new_provider, &provider).ok());
    const std::string provider_name = provider.name();
    auto sample = [provider_name](const std::string& reference) {
      ct::Contract k;
      k.add_providers(provider_name);
      k.set_reference(reference);
      k.set_title("Toegangstest");
      k.set_kind(ct::CONTRACT_KIND_SINGLE);
      k.set_domain(ct::CONTRACT_DOMAIN_WMO);
      k.set_family(ct::CONTRACT_FAMILY_VERVOER);
      auto* p = k.add_participations();
      p->set_municipality_code("0153");
      *p->mutable_valid_from() = Day(2023, 1, 1);
      *k.mutable_start_date() = Day(2023, 1, 1);
      *k.mutable_end_date() = Day(2027, 12, 31);
      k.set_status(ct::CONTRACT_STATUS_ACTIVE);
      k.set_index_base_year(2022);
      for (int o = 1; o <= 4; ++o) {
        auto* opt = k.add_options();
        opt->set_number(o);
        opt->set_length_months(1);
        opt->set_unilateral(true);
        opt->set_notice_months(1);
      }
      return k;
    };
    ct::CreateContractRequest create;
    *create.mutable_contract() = sample("ACC-" + std::to_string(round));
    ct::Contract contract;
    EXPECT_TRUE(c->CreateContract(TestServer::Context(admin).get(), create, &contract).ok());
    const std::string name = contract.name();
    ct::CreateTariffLineRequest line;
    auto* l = line.mutable_line();
    l->set_contract(name);
    l->set_law(ct::TARIFF_LAW_WMO);
    l->set_variant(ct::VARIANT_OUTPUTGERICHT);
    l->set_product_category("08");
    l->set_product_code("08R01");
    l->set_description("Rit");
    l->set_unit("82");
    l->set_amount_cents(1860);
    *l->mutable_valid_from() = Day(2023, 1, 1);
    ct::TariffLine created_line;
    EXPECT_TRUE(t->CreateTariffLine(TestServer::Context(admin).get(), line, &created_line).ok());
    ct::CreateLegalStepRequest notice;
    notice.mutable_step()->set_contract(name);
    notice.mutable_step()->set_kind(ct::LEGAL_STEP_KIND_INGEBREKESTELLING);
    *notice.mutable_step()->mutable_date() = Day(2026, 11, 20);
    notice.mutable_step()->set_term_days(14);
    notice.mutable_step()->set_grounds("Te laat");
    ct::LegalStep step;
    EXPECT_TRUE(c->CreateLegalStep(TestServer::Context(admin).get(), notice, &step).ok());
    const char* figures[][4] = {{"OVA", "2023", "f", "4.74"}, {"OVA", "2023", "F", "6.36"},
                                {"PCC", "2023", "f", "4.87"}, {"PCC", "2023", "F", "7.02"},
                                {"OVA", "2024", "f", "4.94"}, {"OVA", "2024", "F", "6.00"},
                                {"PCC", "2024", "f", "2.51"}, {"PCC", "2024", "F", "3.10"},
                                {"OVA", "2025", "f", "4.18"}, {"PCC", "2025", "f", "1.82"}};
    for (const auto& f : figures) {
      ct::CreateIndexFigureRequest req;
      req.mutable_figure()->set_component(f[0]);
      req.mutable_figure()->set_year(std::stoi(f[1]));
      req.mutable_figure()->set_kind(f[2][0] == 'F' ? ct::FIGURE_KIND_FINAL
                                                    : ct::FIGURE_KIND_FORECAST);
      req.mutable_figure()->set_percent(f[3]);
      ct::IndexFigure out;
      (void)t->CreateIndexFigure(TestServer::Context(admin).get(), req, &out);  // may exist
    }
    auto current = [=]() {
      ct::GetContractRequest g;
      g.set_name(name);
      ct::Contract k;
      (void)c->GetContract(TestServer::Context(admin).get(), g, &k);
      return k;
    };
    auto counter = std::make_shared<std::atomic<int>>(0);
    const std::string step_name = step.name();
    const std::string prefix = std::to_string(round);
    return {
        {"GetContract", kEveryone,
         [=](const std::string& tk) {
           ct::GetContractRequest q;
           q.set_name(name);
           ct::Contract out;
           return c->GetContract(TestServer::Context(tk).get(), q, &out);
         }},
        {"ListContracts", kEveryone,
         [=](const std::string& tk) {
           ct::ListContractsResponse out;
           return c->ListContracts(TestServer::Context(tk).get(), {}, &out);
         }},
        {"CreateContract", kWriters,
         [=](const std::string& tk) {
           ct::CreateContractRequest q;
           *q.mutable_contract() = sample("ACC-" + prefix + "-" + std::to_string((*counter)++));
           ct::Contract out;
           return c->CreateContract(TestServer::Context(tk).get(), q, &out);
         }},
        {"UpdateContract", kWriters,
         [=](const std::string& tk) {
           ct::Contract k = current();
           ct::UpdateContractRequest q;
           q.mutable_contract()->set_name(name);
           q.mutable_contract()->set_version(k.version());
           q.mutable_contract()->set_title(k.title() + "!");
           q.mutable_update_mask()->add_paths("title");
           ct::Contract out;
           return c->UpdateContract(TestServer::Context(tk).get(), q, &out);
         }},
        {"ListContractHistory", kEveryone,
         [=](const std::string& tk) {
           ct::ListContractHistoryRequest q;
           q.set_name(name);
           ct::ListContractHistoryResponse out;
           return c->ListContractHistory(TestServer::Context(tk).get(), q, &out);
         }},
        {"ExerciseOption", kWriters,
         [=](const std::string& tk) {
           ct::Contract k = current();
           ct::ExerciseOptionRequest q;
           q.set_contract(name);
           int next = 1;
           for (const auto& o : k.options()) next += o.has_exercise() ? 1 : 0;
           q.set_option_number(next);
           q.set_version(k.version());
           *q.mutable_notice_date() = Day(2026, 11, 25);
           q.set_receipt_proof("ontvangstbevestiging");
           ct::Contract out;
           return c->ExerciseOption(TestServer::Context(tk).get(), q, &out);
         }},
        {"DecideOption", kWriters,
         [=](const std::string& tk) {
           // The next open option, to extend (a decision may be replaced until exercised).
           ct::Contract k = current();
           ct::DecideOptionRequest q;
           q.set_contract(name);
           int next = 1;
           for (const auto& o : k.options()) next += o.has_exercise() ? 1 : 0;
           q.set_option_number(next);
           q.set_version(k.version());
           q.mutable_decision()->set_outcome(ct::OPTION_OUTCOME_EXTEND);
           q.mutable_decision()->set_decided_by("Directeur OZJT");
           *q.mutable_decision()->mutable_decision_date() = Day(2026, 11, 20);
           ct::Contract out;
           return c->DecideOption(TestServer::Context(tk).get(), q, &out);
         }},
        {"GetContractLetter", kOzjtOnly,
         [=](const std::string& tk) {
           ct::GetContractLetterRequest q;
           q.set_contract(name);
           q.set_kind(ct::LETTER_KIND_INGEBREKESTELLING);
           q.set_legal_step(step_name);
           q.set_provider(provider_name);
           ct::ContractLetter out;
           return c->GetContractLetter(TestServer::Context(tk).get(), q, &out);
         }},
        {"RecordLetterSent", kWriters,
         [=](const std::string& tk) {
           // A new notice of default per call: each letter is recorded as sent once.
           ct::LegalStep fresh;
           EXPECT_TRUE(c->CreateLegalStep(TestServer::Context(admin).get(), notice, &fresh).ok());
           ct::RecordLetterSentRequest q;
           auto* d = q.mutable_dispatch();
           d->set_contract(name);
           d->set_kind(ct::LETTER_KIND_INGEBREKESTELLING);
           d->set_legal_step(fresh.name());
           d->set_provider(provider_name);
           *d->mutable_sent_date() = Day(2026, 11, 21);
           d->set_receipt_proof("Aangetekend RR123456785NL");
           ct::LetterDispatch out;
           return c->RecordLetterSent(TestServer::Context(tk).get(), q, &out);
         }},
        {"ListLetterDispatches", kOzjtOnly,
         [=](const std::string& tk) {
           ct::ListLetterDispatchesRequest q;
           q.set_contract(name);
           ct::ListLetterDispatchesResponse out;
           return c->ListLetterDispatches(TestServer::Context(tk).get(), q, &out);
         }},
        {"ListAgenda", kEveryone,
         [=](const std::string& tk) {
           ct::ListAgendaResponse out;
           return c->ListAgenda(TestServer::Context(tk).get(), {}, &out);
         }},
        {"CreateContractNote", kLocalWriters,
         [=](const std::string& tk) {
           ct::CreateContractNoteRequest q;
           q.mutable_note()->set_contract(name);
           q.mutable_note()->set_text("Notitie");
           ct::ContractNote out;
           return c->CreateContractNote(TestServer::Context(tk).get(), q, &out);
         }},
        {"ListContractNotes", kEveryone,
         [=](const std::string& tk) {
           ct::ListContractNotesRequest q;
           q.set_contract(name);
           ct::ListContractNotesResponse out;
           return c->ListContractNotes(TestServer::Context(tk).get(), q, &out);
         }},
        {"CreateLegalStep", kWriters,
         [=](const std::string& tk) {
           ct::LegalStep out;
           return c->CreateLegalStep(TestServer::Context(tk).get(), notice, &out);
         }},
        {"RecordDefaultResponse", kWriters,
         [=](const std::string& tk) {
           ct::RecordDefaultResponseRequest q;
           q.set_step(step_name);
           *q.mutable_response_date() = Day(2026, 11, 24);
           q.set_response("Wordt opgepakt");
           ct::LegalStep out;
           return c->RecordDefaultResponse(TestServer::Context(tk).get(), q, &out);
         }},
        {"ListLegalSteps", kEveryone,
         [=](const std::string& tk) {
           ct::ListLegalStepsRequest q;
           q.set_contract(name);
           ct::ListLegalStepsResponse out;
           return c->ListLegalSteps(TestServer::Context(tk).get(), q, &out);
         }},
        {"ListTariffLines", kEveryone,
         [=](const std::string& tk) {
           ct::ListTariffLinesRequest q;
           q.set_contract(name);
           ct::ListTariffLinesResponse out;
           return t->ListTariffLines(TestServer::Context(tk).get(), q, &out);
         }},
        {"CreateTariffLine", kWriters,
         [=](const std::string& tk) {
           ct::TariffLine out;
           return t->CreateTariffLine(TestServer::Context(tk).get(), line, &out);
         }},
        {"CreateIndexFigure", kWriters,
         [=](const std::string& tk) {
           ct::CreateIndexFigureRequest q;
           q.mutable_figure()->set_component("CAO-" + prefix + "-" + std::to_string((*counter)++));
           q.mutable_figure()->set_year(2025);
           q.mutable_figure()->set_kind(ct::FIGURE_KIND_FORECAST);
           q.mutable_figure()->set_percent("3.00");
           ct::IndexFigure out;
           return t->CreateIndexFigure(TestServer::Context(tk).get(), q, &out);
         }},
        {"ListIndexFigures", kEveryone,
         [=](const std::string& tk) {
           ct::ListIndexFiguresResponse out;
           return t->ListIndexFigures(TestServer::Context(tk).get(), {}, &out);
         }},
        {"CreateTariffFloor", kWriters,
         [=](const std::string& tk) {
           ct::CreateTariffFloorRequest q;
           q.mutable_floor()->set_product_category("08");
           q.mutable_floor()->set_product_code("F" + std::to_string((*counter)++));
           q.mutable_floor()->set_year(2030 + round);
           q.mutable_floor()->set_floor_cents(100);
           ct::TariffFloor out;
           return t->CreateTariffFloor(TestServer::Context(tk).get(), q, &out);
         }},
        {"ListTariffFloors", kEveryone,
         [=](const std::string& tk) {
           ct::ListTariffFloorsResponse out;
           return t->ListTariffFloors(TestServer::Context(tk).get(), {}, &out);
         }},
        {"PreviewIndexation", kEveryone,
         [=](const std::string& tk) {
           ct::PreviewIndexationRequest q;
           q.set_contract(name);
           q.set_year(2024);
           ct::IndexationPreview out;
           return t->PreviewIndexation(TestServer::Context(tk).get(), q, &out);
         }},
        {"ApplyIndexation", kWriters,
         [=](const std::string& tk) {
           // The first allowed call indexes 2024 (6.30%), the next 2025 (4.91%).
           ct::ListTariffLinesRequest lines;
           lines.set_contract(name);
           *lines.mutable_valid_on() = Day(2024, 6, 1);
           ct::ListTariffLinesResponse now;
           (void)t->ListTariffLines(TestServer::Context(admin).get(), lines, &now);
           const bool indexed_2024 = now.lines_size() > 0 && now.lines(0).index_year() == 2024;
           ct::ApplyIndexationRequest q;
           q.set_contract(name);
           q.set_year(indexed_2024 ? 2025 : 2024);
           q.set_expected_index_percent(indexed_2024 ? "4.91" : "6.30");
           ct::IndexationPreview out;
           return t->ApplyIndexation(TestServer::Context(tk).get(), q, &out);
         }},
        {"SetKpiDefinition", kWriters,
         [=](const std::string& tk) {
           ct::SetKpiDefinitionRequest q;
           q.mutable_definition()->set_contract(name);
           q.mutable_definition()->set_kind(ct::KPI_KIND_PUNCTUALITY);
           q.mutable_definition()->set_norm("95.00");
           q.mutable_definition()->set_direction(ct::NORM_DIRECTION_AT_LEAST);
           ct::KpiDefinition out;
           return v->SetKpiDefinition(TestServer::Context(tk).get(), q, &out);
         }},
        {"ListKpiDefinitions", kEveryone,
         [=](const std::string& tk) {
           ct::ListKpiDefinitionsRequest q;
           q.set_contract(name);
           ct::ListKpiDefinitionsResponse out;
           return v->ListKpiDefinitions(TestServer::Context(tk).get(), q, &out);
         }},
        {"RecordKpiMeasurement", kLocalWriters,
         [=](const std::string& tk) {
           ct::RecordKpiMeasurementRequest q;
           q.mutable_measurement()->set_contract(name);
           const int month = 1 + (*counter)++ % 10;
           q.mutable_measurement()->set_period(absl::StrFormat("2026-%02d", month));
           q.mutable_measurement()->set_kind(ct::KPI_KIND_PUNCTUALITY);
           q.mutable_measurement()->set_value("96.00");
           q.mutable_measurement()->set_source(ct::MEASUREMENT_SOURCE_MONITORING);
           ct::KpiMeasurement out;
           return v->RecordKpiMeasurement(TestServer::Context(tk).get(), q, &out);
         }},
        {"ListKpiBreaches", kEveryone,
         [=](const std::string& tk) {
           ct::ListKpiBreachesRequest q;
           q.set_contract(name);
           q.set_period("2026-Q3");
           ct::ListKpiBreachesResponse out;
           return v->ListKpiBreaches(TestServer::Context(tk).get(), q, &out);
         }},
        {"ListKpiMeasurements", kEveryone,
         [=](const std::string& tk) {
           ct::ListKpiMeasurementsRequest q;
           q.set_contract(name);
           ct::ListKpiMeasurementsResponse out;
           return v->ListKpiMeasurements(TestServer::Context(tk).get(), q, &out);
         }},
    };
  }

  // The account-holding-region RPCs, on a provider active in Enschede (0153).
  std::vector<Rpc> RegionRpcs() {
    std::shared_ptr<ar::AccountRegionService::Stub> s(
        ar::AccountRegionService::NewStub(server_->Channel()));
    std::shared_ptr<reg::ProviderRegistry::Stub> p(
        reg::ProviderRegistry::NewStub(server_->Channel()));
    const std::string admin = server_->Token(Role::kAdmin);
    auto new_provider = [=]() {
      reg::CreateProviderRequest create;
      *create.mutable_provider() = Sample();
      reg::Provider out;
      EXPECT_TRUE(p->CreateProvider(TestServer::Context(admin).get(), create, &out).ok());
      return out;
    };
    const reg::Provider provider = new_provider();
    const std::string name = provider.name();
    ar::OpenCaseRequest open;
    open.set_provider(name);
    *open.mutable_date() = Day(2026, 11, 1);
    ar::ContinuityCase c;
    EXPECT_TRUE(s->OpenCase(TestServer::Context(admin).get(), open, &c).ok());
    const std::string case_name = c.name();
    auto version = [=]() {
      ar::ListCasesRequest q;
      q.set_provider(name);
      ar::ListCasesResponse r;
      (void)s->ListCases(TestServer::Context(admin).get(), q, &r);
      return r.cases_size() > 0 ? r.cases(0).version() : 0;
    };
    auto counter = std::make_shared<std::atomic<int>>(0);
    return {
        {"GetAccountRegion", kEveryone,
         [=](const std::string& t) {
           ar::GetAccountRegionRequest q;
           q.set_provider(name);
           ar::AccountRegion out;
           return s->GetAccountRegion(TestServer::Context(t).get(), q, &out);
         }},
        {"ListPortfolio", kEveryone,
         [=](const std::string& t) {
           ar::ListPortfolioResponse out;
           return s->ListPortfolio(TestServer::Context(t).get(), {}, &out);
         }},
        {"CreateAssignment", kWriters,
         [=](const std::string& t) {
           ar::CreateAssignmentRequest q;
           q.mutable_assignment()->set_provider(name);
           q.mutable_assignment()->set_region_code("DRENTHE");
           q.mutable_assignment()->set_basis(ar::ASSIGNMENT_BASIS_AGREED);
           *q.mutable_assignment()->mutable_valid_from() = Day(2026, 1, 1);
           ar::Assignment out;
           return s->CreateAssignment(TestServer::Context(t).get(), q, &out);
         }},
        {"CreateFinancialStatement", kWriters,
         [=](const std::string& t) {
           ar::CreateFinancialStatementRequest q;
           q.mutable_statement()->set_provider(name);
           q.mutable_statement()->set_period(std::to_string(2010 + (*counter)++));
           q.mutable_statement()->set_total_assets_cents(100);
           ar::FinancialStatement out;
           return s->CreateFinancialStatement(TestServer::Context(t).get(), q, &out);
         }},
        {"ListFinancialStatements", kOzjtOnly,
         [=](const std::string& t) {
           ar::ListFinancialStatementsRequest q;
           q.set_provider(name);
           ar::ListFinancialStatementsResponse out;
           return s->ListFinancialStatements(TestServer::Context(t).get(), q, &out);
         }},
        {"CreateSignal", kWriters,
         [=](const std::string& t) {
           ar::CreateSignalRequest q;
           q.mutable_signal()->set_provider(name);
           q.mutable_signal()->set_source(ar::SIGNAL_SOURCE_MEDIA);
           q.mutable_signal()->set_category(ar::SIGNAL_CATEGORY_OTHER);
           q.mutable_signal()->set_description("Bericht");
           *q.mutable_signal()->mutable_reported_date() = Day(2026, 11, 1);
           ar::Signal out;
           return s->CreateSignal(TestServer::Context(t).get(), q, &out);
         }},
        {"ListSignals", kSignalReaders,
         [=](const std::string& t) {
           ar::ListSignalsRequest q;
           q.set_provider(name);
           ar::ListSignalsResponse out;
           return s->ListSignals(TestServer::Context(t).get(), q, &out);
         }},
        {"ListEarlyWarnings", kOzjtOnly,
         [=](const std::string& t) {
           ar::ListEarlyWarningsResponse out;
           return s->ListEarlyWarnings(TestServer::Context(t).get(), {}, &out);
         }},
        {"OpenCase", kWriters,
         [=](const std::string& t) {
           ar::OpenCaseRequest q;
           q.set_provider(new_provider().name());
           *q.mutable_date() = Day(2026, 11, 1);
           ar::ContinuityCase out;
           return s->OpenCase(TestServer::Context(t).get(), q, &out);
         }},
        {"MoveCaseStep", kWriters,
         [=](const std::string& t) {
           ar::MoveCaseStepRequest q;
           q.set_case_(case_name);
           q.set_step(2);
           *q.mutable_date() = Day(2026, 11, 20);
           q.set_version(version());
           ar::ContinuityCase out;
           return s->MoveCaseStep(TestServer::Context(t).get(), q, &out);
         }},
        {"UpdateCase", kWriters,
         [=](const std::string& t) {
           ar::UpdateCaseRequest q;
           q.set_case_(case_name);
           q.mutable_action()->set_text("Gesprek");
           *q.mutable_action()->mutable_date() = Day(2026, 11, 21);
           q.set_version(version());
           ar::ContinuityCase out;
           return s->UpdateCase(TestServer::Context(t).get(), q, &out);
         }},
        {"ListCases", kEveryone,
         [=](const std::string& t) {
           ar::ListCasesResponse out;
           return s->ListCases(TestServer::Context(t).get(), {}, &out);
         }},
        {"ImportTurnover", kWriters,
         [=](const std::string& t) {
           reg::ImportTurnoverRequest q;
           q.set_csv("kvk_nummer;jaar;regio;omzet_cent\n" + provider.kvk_number() +
                     ";2025;TWENTE;100\n");
           reg::ImportTurnoverResponse out;
           return p->ImportTurnover(TestServer::Context(t).get(), q, &out);
         }},
    };
  }

  // The screening RPCs, on a provider active in Enschede (0153). Each case is prepared so that
  // the one call a screening officer makes succeeds (decisions by "screening_officer", the
  // assessments by someone else).
  std::vector<Rpc> ScreeningRpcs() {
    std::shared_ptr<sc::ScreeningService::Stub> s(
        sc::ScreeningService::NewStub(server_->Channel()));
    std::shared_ptr<reg::ProviderRegistry::Stub> p(
        reg::ProviderRegistry::NewStub(server_->Channel()));
    const std::string admin = server_->Token(Role::kAdmin);
    const std::string assessor = server_->Token(Role::kScreeningOfficer, "", "assessor");
    reg::CreateProviderRequest create;
    *create.mutable_provider() = Sample();
    reg::Provider provider;
    EXPECT_TRUE(p->CreateProvider(TestServer::Context(admin).get(), create, &provider).ok());
    auto open = [=]() {
      sc::CreateCaseRequest q;
      q.set_provider(provider.name());
      q.set_occasion(sc::OCCASION_PROCUREMENT_ROUND);
      sc::ScreeningCase c;
      EXPECT_TRUE(s->CreateCase(TestServer::Context(assessor).get(), q, &c).ok());
      return c.name();
    };
    auto assess = [=](const std::string& c) {
      sc::AssessItemRequest q;
      q.set_case_(c);
      q.mutable_assessment()->set_item_code("I6");
      q.mutable_assessment()->set_result(sc::ASSESSMENT_RESULT_DOES_NOT_MEET);
      q.mutable_assessment()->set_finding("UBO op sanctielijst");
      sc::ScreeningCase out;
      EXPECT_TRUE(s->AssessItem(TestServer::Context(assessor).get(), q, &out).ok());
    };
    auto refer = [=](const std::string& c) {
      sc::ReferToBibobRequest q;
      q.set_case_(c);
      *q.mutable_referred_date() = Day(2026, 11, 20);
      q.set_reference("LBB-toegang");
      sc::ScreeningCase out;
      EXPECT_TRUE(s->ReferToBibob(TestServer::Context(assessor).get(), q, &out).ok());
    };
    const std::string plain = open(), referred = open(), heard = open();
    refer(referred);
    assess(heard);
    sc::RecordHearingRequest hearing;
    hearing.set_case_(heard);
    *hearing.mutable_hearing()->mutable_date() = Day(2026, 11, 21);
    hearing.mutable_hearing()->set_summary("zienswijze");
    sc::ScreeningCase ignored;
    EXPECT_TRUE(s->RecordHearing(TestServer::Context(assessor).get(), hearing, &ignored).ok());
    return {
        {"ListFrameworks", kEveryone,
         [=](const std::string& t) {
           sc::ListFrameworksResponse out;
           return s->ListFrameworks(TestServer::Context(t).get(), {}, &out);
         }},
        {"CreateFramework", kScreeningOfficers,
         [=](const std::string& t) {
           sc::CreateFrameworkRequest q;
           auto* f = q.mutable_framework();
           f->set_code("toegangstest");
           f->set_version(2030);
           f->set_title("Toegangstest");
           *f->mutable_valid_from() = Day(2030, 1, 1);
           auto* i = f->add_items();
           i->set_code("I1");
           i->set_part(sc::PART_INTEGRITY);
           i->set_title("UEA");
           i->set_evidence_type("uea");
           sc::Framework out;
           return s->CreateFramework(TestServer::Context(t).get(), q, &out);
         }},
        {"CreateCase", kScreeningOfficers,
         [=](const std::string& t) {
           sc::CreateCaseRequest q;
           q.set_provider(provider.name());
           q.set_occasion(sc::OCCASION_NEW_ENTRANT);
           sc::ScreeningCase out;
           return s->CreateCase(TestServer::Context(t).get(), q, &out);
         }},
        {"GetCase", kScreeningReaders,
         [=](const std::string& t) {
           sc::GetCaseRequest q;
           q.set_name(plain);
           sc::ScreeningCase out;
           return s->GetCase(TestServer::Context(t).get(), q, &out);
         }},
        {"ListCases", kScreeningReaders,
         [=](const std::string& t) {
           sc::ListCasesResponse out;
           return s->ListCases(TestServer::Context(t).get(), {}, &out);
         }},
        {"RequestEvidence", kScreeningOfficers,
         [=](const std::string& t) {
           sc::RequestEvidenceRequest q;
           q.set_case_(plain);
           q.set_item_code("I3");
           *q.mutable_requested_date() = Day(2026, 11, 24);
           sc::ScreeningCase out;
           return s->RequestEvidence(TestServer::Context(t).get(), q, &out);
         }},
        {"RecordEvidence", kScreeningOfficers,
         [=](const std::string& t) {
           sc::RecordEvidenceRequest q;
           q.set_case_(plain);
           q.mutable_evidence()->set_item_code("I3");
           *q.mutable_evidence()->mutable_document_date() = Day(2026, 11, 1);
           *q.mutable_evidence()->mutable_received_date() = Day(2026, 11, 24);
           q.mutable_evidence()->set_reference("DMS-toegang");
           sc::ScreeningCase out;
           return s->RecordEvidence(TestServer::Context(t).get(), q, &out);
         }},
        {"AssessItem", kScreeningOfficers,
         [=](const std::string& t) {
           sc::AssessItemRequest q;
           q.set_case_(plain);
           q.mutable_assessment()->set_item_code("I3");
           q.mutable_assessment()->set_result(sc::ASSESSMENT_RESULT_MEETS);
           q.mutable_assessment()->set_finding("in orde");
           sc::ScreeningCase out;
           return s->AssessItem(TestServer::Context(t).get(), q, &out);
         }},
        {"SaveChecklist", kScreeningOfficers,
         [=](const std::string& t) {
           // The version read (a role that may not read it is refused before it counts).
           sc::GetCaseRequest get;
           get.set_name(plain);
           sc::ScreeningCase read;
           const int64_t version =
               s->GetCase(TestServer::Context(t).get(), get, &read).ok() ? read.version() : 1;
           sc::SaveChecklistRequest q;
           q.set_case_(plain);
           q.set_version(version);
           auto* a = q.add_assessments();
           a->set_item_code("I3");
           a->set_result(sc::ASSESSMENT_RESULT_MEETS);
           a->set_finding("in orde");
           sc::ScreeningCase out;
           return s->SaveChecklist(TestServer::Context(t).get(), q, &out);
         }},
        {"ReferToBibob", kScreeningOfficers,
         [=](const std::string& t) {
           sc::ReferToBibobRequest q;
           q.set_case_(plain);
           *q.mutable_referred_date() = Day(2026, 11, 24);
           q.set_reference("LBB-1");
           sc::ScreeningCase out;
           return s->ReferToBibob(TestServer::Context(t).get(), q, &out);
         }},
        {"RecordBibobAdvice", kScreeningOfficers,
         [=](const std::string& t) {
           sc::RecordBibobAdviceRequest q;
           q.set_case_(referred);
           q.set_advice(sc::BIBOB_ADVICE_NO_RISK);
           *q.mutable_advice_date() = Day(2026, 11, 24);
           q.set_reference("LBB-advies");
           sc::ScreeningCase out;
           return s->RecordBibobAdvice(TestServer::Context(t).get(), q, &out);
         }},
        {"RecordHearing", kScreeningOfficers,
         [=](const std::string& t) {
           sc::RecordHearingRequest q;
           q.set_case_(plain);
           *q.mutable_hearing()->mutable_date() = Day(2026, 11, 24);
           q.mutable_hearing()->set_summary("gehoord");
           sc::ScreeningCase out;
           return s->RecordHearing(TestServer::Context(t).get(), q, &out);
         }},
        {"DecideCase", kScreeningOfficers,
         [=](const std::string& t) {
           sc::DecideCaseRequest q;
           q.set_case_(heard);
           q.set_outcome(sc::OUTCOME_REFUSED);
           q.set_reasons("UBO op een sanctielijst: uitsluitingsgrond");
           sc::ScreeningCase out;
           return s->DecideCase(TestServer::Context(t).get(), q, &out);
         }},
        {"ListOutcomes", kEveryone,
         [=](const std::string& t) {
           sc::ListOutcomesRequest q;
           q.set_provider(provider.name());
           sc::ListOutcomesResponse out;
           return s->ListOutcomes(TestServer::Context(t).get(), q, &out);
         }},
    };
  }

  // The supervision RPCs, on a provider active in Enschede (0153) with an investigation that
  // Enschede requested (so its municipal user may read it), a finding and two plans.
  std::vector<Rpc> SupervisionRpcs() {
    std::shared_ptr<sv::SupervisionService::Stub> s(
        sv::SupervisionService::NewStub(server_->Channel()));
    std::shared_ptr<reg::ProviderRegistry::Stub> p(
        reg::ProviderRegistry::NewStub(server_->Channel()));
    const std::string supervisor = server_->Token(Role::kToezichthouder);
    reg::CreateProviderRequest create;
    *create.mutable_provider() = Sample();
    reg::Provider provider;
    EXPECT_TRUE(p->CreateProvider(TestServer::Context(server_->Token(Role::kAdmin)).get(), create,
                                  &provider)
                    .ok());
    sv::RequestInvestigationRequest request;
    request.set_provider(provider.name());
    request.set_kind(sv::KIND_INCIDENT);
    request.set_description("Incident gemeld");
    sv::Investigation inv;
    EXPECT_TRUE(
        s->RequestInvestigation(
             TestServer::Context(server_->Token(Role::kGemeenteContractManager, "0153")).get(),
             request, &inv)
            .ok());
    const std::string name = inv.name();
    auto finding = [=](const std::string& t) {
      sv::CreateFindingRequest q;
      q.set_investigation(name);
      auto* f = q.mutable_finding();
      f->set_requirement_kind(sv::REQUIREMENT_KIND_LEGAL_NORM);
      f->set_requirement_reference("Jeugdwet 4.1.1");
      f->set_requirement_text("Verantwoorde hulp");
      f->set_observed("Gezien");
      f->set_severity(sv::SEVERITY_MINOR);
      *f->mutable_date() = Day(2026, 11, 20);
      sv::Investigation out;
      return s->CreateFinding(TestServer::Context(t).get(), q, &out);
    };
    EXPECT_TRUE(finding(supervisor).ok());
    for (int k = 0; k < 2; ++k) {
      sv::CreatePlanRequest q;
      q.set_investigation(name);
      q.mutable_plan()->add_findings(1);
      auto* a = q.mutable_plan()->add_actions();
      a->set_text("Verbeteren");
      a->set_owner("directie");
      *a->mutable_due_date() = Day(2026, 12, 31);
      sv::Investigation out;
      EXPECT_TRUE(s->CreatePlan(TestServer::Context(supervisor).get(), q, &out).ok());
    }
    auto version = [=]() {
      sv::GetInvestigationRequest q;
      q.set_name(name);
      sv::Investigation out;
      (void)s->GetInvestigation(TestServer::Context(supervisor).get(), q, &out);
      return out.version();
    };
    return {
        {"CreateInvestigation", kSupervisors,
         [=](const std::string& t) {
           sv::CreateInvestigationRequest q;
           q.mutable_investigation()->set_provider(provider.name());
           q.mutable_investigation()->set_kind(sv::KIND_PROACTIVE);
           q.mutable_investigation()->set_subject("Inspectie");
           sv::Investigation out;
           return s->CreateInvestigation(TestServer::Context(t).get(), q, &out);
         }},
        {"RequestInvestigation",
         {Role::kGemeenteContractManager},
         [=](const std::string& t) {
           sv::Investigation out;
           return s->RequestInvestigation(TestServer::Context(t).get(), request, &out);
         }},
        {"GetInvestigation", kFindingReadersAndMunicipal,
         [=](const std::string& t) {
           sv::GetInvestigationRequest q;
           q.set_name(name);
           sv::Investigation out;
           return s->GetInvestigation(TestServer::Context(t).get(), q, &out);
         }},
        {"ListInvestigations", kFindingReadersAndMunicipal,
         [=](const std::string& t) {
           sv::ListInvestigationsResponse out;
           return s->ListInvestigations(TestServer::Context(t).get(), {}, &out);
         }},
        {"UpdateInvestigationStatus", kSupervisors,
         [=](const std::string& t) {
           sv::UpdateInvestigationStatusRequest q;
           q.set_investigation(name);
           q.set_status(sv::STATUS_IN_PROGRESS);
           q.set_version(version());
           sv::Investigation out;
           return s->UpdateInvestigationStatus(TestServer::Context(t).get(), q, &out);
         }},
        {"CreateFinding", kSupervisors, finding},
        {"CreatePlan", kSupervisors,
         [=](const std::string& t) {
           sv::CreatePlanRequest q;
           q.set_investigation(name);
           q.mutable_plan()->add_findings(1);
           auto* a = q.mutable_plan()->add_actions();
           a->set_text("Nog een verbetering");
           a->set_owner("directie");
           *a->mutable_due_date() = Day(2026, 12, 31);
           sv::Investigation out;
           return s->CreatePlan(TestServer::Context(t).get(), q, &out);
         }},
        {"CompleteAction", kSupervisors,
         [=](const std::string& t) {
           sv::CompleteActionRequest q;
           q.set_investigation(name);
           q.set_plan(1);
           q.set_action(1);
           *q.mutable_done_date() = Day(2026, 11, 24);
           sv::Investigation out;
           return s->CompleteAction(TestServer::Context(t).get(), q, &out);
         }},
        {"ClosePlan", kSupervisors,
         [=](const std::string& t) {
           sv::ClosePlanRequest q;
           q.set_investigation(name);
           q.set_plan(2);
           q.set_verdict(sv::VERDICT_INSUFFICIENT);
           q.set_verdict_text("Onvoldoende");
           sv::Investigation out;
           return s->ClosePlan(TestServer::Context(t).get(), q, &out);
         }},
        {"SyncContractMutations",
         {Role::kToezichthouder, Role::kAdmin},
         [=](const std::string& t) {
           sv::SyncContractMutationsResponse out;
           return s->SyncContractMutations(TestServer::Context(t).get(), {}, &out);
         }},
        {"GetProviderSummary", kFindingReadersAndMunicipal,
         [=](const std::string& t) {
           sv::GetProviderSummaryRequest q;
           q.set_provider(provider.name());
           sv::ProviderSummary out;
           return s->GetProviderSummary(TestServer::Context(t).get(), q, &out);
         }},
        {"ListEscalations", kFindingReaders,
         [=](const std::string& t) {
           sv::ListEscalationsResponse out;
           return s->ListEscalations(TestServer::Context(t).get(), {}, &out);
         }},
        {"GetPeriodReport", kFindingReaders,
         [=](const std::string& t) {
           sv::GetPeriodReportRequest q;
           *q.mutable_start_date() = Day(2026, 1, 1);
           *q.mutable_end_date() = Day(2026, 12, 31);
           sv::PeriodReport out;
           return s->GetPeriodReport(TestServer::Context(t).get(), q, &out);
         }},
    };
  }

  // The Jeugdzorg Plus RPCs (the municipal token is for Enschede, its own municipality).
  std::vector<Rpc> InflowRpcs() {
    std::shared_ptr<jz::InflowService::Stub> s(jz::InflowService::NewStub(server_->Channel()));
    const std::set<Role> readers = {Role::kOzjtContractManager, Role::kToezichthouder,
                                    Role::kAuditor, Role::kAdmin, Role::kGemeenteContractManager};
    return {
        {"ImportInflow", kWriters,
         [=](const std::string& t) {
           jz::ImportInflowRequest q;
           q.set_csv("jaar;kwartaal;gemeente;kvk_nummer;machtiging;plaatsingen;jeugdigen\n");
           q.set_validate_only(true);
           jz::ImportInflowResponse out;
           return s->ImportInflow(TestServer::Context(t).get(), q, &out);
         }},
        {"GetInflowReport", readers,
         [=](const std::string& t) {
           jz::InflowReport out;
           return s->GetInflowReport(TestServer::Context(t).get(), {}, &out);
         }},
        {"GetInflowChart", readers,
         [=](const std::string& t) {
           jz::InflowChart out;
           return s->GetInflowChart(TestServer::Context(t).get(), {}, &out);
         }},
    };
  }

  // The contract management information RPCs (the municipal token is for Enschede).
  std::vector<Rpc> InsightRpcs() {
    std::shared_ptr<insight::v1::InsightService::Stub> s(
        insight::v1::InsightService::NewStub(server_->Channel()));
    const std::set<Role> readers = {Role::kOzjtContractManager, Role::kToezichthouder,
                                    Role::kAuditor, Role::kAdmin, Role::kGemeenteContractManager};
    const std::set<Role> ceiling_readers = {Role::kOzjtContractManager, Role::kAuditor,
                                            Role::kAdmin, Role::kGemeenteContractManager};
    const std::shared_ptr<insight::v1::SetSpendingCeilingRequest> ceiling = CeilingRequest();
    insight::v1::SpendingCeiling set;
    EXPECT_TRUE(s->SetSpendingCeiling(TestServer::Context(server_->Token(Role::kAdmin)).get(),
                                      *ceiling, &set)
                    .ok());
    const std::string ceiling_name = set.name();
    return {
        {"ImportMessages", kWriters,
         [=](const std::string& t) {
           insight::v1::ImportMessagesResponse out;
           auto ctx = TestServer::Context(t);
           auto writer = s->ImportMessages(ctx.get(), &out);
           insight::v1::ImportMessagesRequest q;
           q.set_file_name("leeg.xml");
           q.set_data("<niets/>");
           q.set_validate_only(true);
           writer->Write(q);
           writer->WritesDone();
           return writer->Finish();
         }},
        {"GetQuarterFigures", readers,
         [=](const std::string& t) {
           insight::v1::GetQuarterFiguresRequest q;
           q.set_quarter("2026-K1");
           insight::v1::QuarterFigures out;
           return s->GetQuarterFigures(TestServer::Context(t).get(), q, &out);
         }},
        {"GetReport", readers,
         [=](const std::string& t) {
           insight::v1::GetReportRequest q;
           q.set_period("2026-H1");
           q.set_format(insight::v1::REPORT_FORMAT_CSV);
           insight::v1::ReportFile out;
           return s->GetReport(TestServer::Context(t).get(), q, &out);
         }},
        {"SetSpendingCeiling", kWriters,
         [=](const std::string& t) {
           insight::v1::SpendingCeiling out;
           return s->SetSpendingCeiling(TestServer::Context(t).get(), *ceiling, &out);
         }},
        {"RecordCeilingStep", kWriters,
         [=](const std::string& t) {
           insight::v1::RecordCeilingStepRequest q;
           q.set_name(ceiling_name);
           q.set_step(insight::v1::CEILING_STEP_NOTIFIED);
           q.set_day("2026-03-10");
           insight::v1::SpendingCeiling out;
           return s->RecordCeilingStep(TestServer::Context(t).get(), q, &out);
         }},
        {"ListSpendingCeilings", ceiling_readers,
         [=](const std::string& t) {
           insight::v1::ListSpendingCeilingsRequest q;
           q.set_year(2026);
           insight::v1::ListSpendingCeilingsResponse out;
           return s->ListSpendingCeilings(TestServer::Context(t).get(), q, &out);
         }},
    };
  }

  // A ceiling of a new contract of a new provider with a tariff line in Enschede (0153).
  std::shared_ptr<insight::v1::SetSpendingCeilingRequest> CeilingRequest() {
    const std::string admin = server_->Token(Role::kAdmin);
    reg::CreateProviderRequest new_provider;
    *new_provider.mutable_provider() = Sample();
    reg::Provider provider;
    EXPECT_TRUE(reg::ProviderRegistry::NewStub(server_->Channel())
                    ->CreateProvider(TestServer::Context(admin).get(), new_provider, &provider)
                    .ok());
    static std::atomic<int> n{0};
    ct::CreateContractRequest create;
    ct::Contract& k = *create.mutable_contract();
    k = testing::MinimalContract("BR-" + std::to_string(n++), "Toegangstest");
    k.add_providers(provider.name());
    k.set_domain(ct::CONTRACT_DOMAIN_BOTH);
    k.set_status(ct::CONTRACT_STATUS_ACTIVE);
    ct::Contract contract;
    EXPECT_TRUE(ct::ContractService::NewStub(server_->Channel())
                    ->CreateContract(TestServer::Context(admin).get(), create, &contract)
                    .ok());
    ct::CreateTariffLineRequest line;
    auto* l = line.mutable_line();
    l->set_contract(contract.name());
    l->set_law(ct::TARIFF_LAW_JEUGDWET);
    l->set_variant(ct::VARIANT_INSPANNINGSGERICHT);
    l->set_product_category("45");
    l->set_product_code("45A03");
    l->set_description("Begeleiding");
    l->set_unit("04");
    l->set_amount_cents(8950);
    *l->mutable_valid_from() = Day(2025, 1, 1);
    ct::TariffLine made;
    EXPECT_TRUE(ct::TariffService::NewStub(server_->Channel())
                    ->CreateTariffLine(TestServer::Context(admin).get(), line, &made)
                    .ok());
    auto q = std::make_shared<insight::v1::SetSpendingCeilingRequest>();
    q->set_contract(contract.name());
    q->set_provider(provider.name());
    q->set_municipality_code("0153");
    q->set_year(2026);
    q->set_amount_cents(100000);
    return q;
  }

  std::vector<Rpc> AllRpcs() {
    std::vector<Rpc> all = Rpcs();
    for (auto& rpc : ContractRpcs()) all.push_back(std::move(rpc));
    for (auto& rpc : RegionRpcs()) all.push_back(std::move(rpc));
    for (auto& rpc : ScreeningRpcs()) all.push_back(std::move(rpc));
    for (auto& rpc : SupervisionRpcs()) all.push_back(std::move(rpc));
    for (auto& rpc : InflowRpcs()) all.push_back(std::move(rpc));
    for (auto& rpc : InsightRpcs()) all.push_back(std::move(rpc));
    return all;
  }
};

TEST_F(AccessTest, EveryRpcAllowsExactlyItsRoles) {
  for (const Rpc& rpc : AllRpcs()) {
    for (Role role : platform::AllRoles()) {
      grpc::Status s = rpc.call(server_->Token(role, "0153"));
      if (rpc.allowed.count(role)) {
        EXPECT_TRUE(s.ok()) << rpc.name << " as " << platform::RoleName(role) << ": "
                            << s.error_message();
      } else {
        EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << rpc.name << " as " << platform::RoleName(role);
        // What the person reads: not allowed for their role, named as they know it.
        EXPECT_EQ(testing::DutchMessage(s),
                  absl::StrFormat("Dit is niet toegestaan voor uw rol (%s).",
                                  platform::DutchRoleName(role)))
            << rpc.name << " as " << platform::RoleName(role);
      }
    }
  }
}

TEST_F(AccessTest, EveryRpcRefusesMissingAndForgedTokens) {
  // A token signed by a key the server does not know.
  platform::KeyPair stranger = *platform::GenerateKeyPair(platform::KeyType::kRsa);
  platform::TokenRequest req;
  req.subject = "mallory";
  req.role = Role::kAdmin;
  req.issued_at = std::chrono::system_clock::now();
  const std::string forged = *platform::IssueToken(stranger.private_pem, req);
  // An expired token signed by the right key.
  platform::KeyPair right = server_->keys();
  req.issued_at = std::chrono::system_clock::now() - std::chrono::hours(9);
  const std::string expired = *platform::IssueToken(right.private_pem, req);
  for (const Rpc& rpc : AllRpcs()) {
    EXPECT_EQ(rpc.call("").error_code(), grpc::StatusCode::UNAUTHENTICATED) << rpc.name;
    EXPECT_EQ(rpc.call(forged).error_code(), grpc::StatusCode::UNAUTHENTICATED) << rpc.name;
    EXPECT_EQ(rpc.call(expired).error_code(), grpc::StatusCode::UNAUTHENTICATED) << rpc.name;
    EXPECT_EQ(rpc.call("garbage").error_code(), grpc::StatusCode::UNAUTHENTICATED) << rpc.name;
  }
}

TEST_F(AccessTest, RefusedCallsChangeNothing) {
  const std::string before = db_->Query("SELECT count(*) FROM audit.audit_record");
  for (const Rpc& rpc : Rpcs()) {
    if (rpc.allowed.count(Role::kToezichthouder)) continue;
    rpc.call(server_->Token(Role::kToezichthouder));
    rpc.call("");
  }
  // Rpcs() itself creates one provider (one audit record) per call.
  EXPECT_EQ(std::stoi(db_->Query("SELECT count(*) FROM audit.audit_record")),
            std::stoi(before) + 1);
}

// The README: municipal users never see financial figures. A provider's turnover (per year and
// per region) and the account-holding region's turnover figures reach OZJT roles only; a
// municipal contract manager of a municipality the provider is active in sees the provider and
// its account-holding region without them.
TEST_F(AccessTest, MunicipalUsersSeeNoFinancialFigures) {
  auto providers = reg::ProviderRegistry::NewStub(server_->Channel());
  auto regions = ar::AccountRegionService::NewStub(server_->Channel());
  reg::CreateProviderRequest create;
  *create.mutable_provider() = Sample();
  auto* turnover = create.mutable_provider()->add_turnover();
  turnover->set_year(2025);
  turnover->set_total_cents(300000000);
  auto* twente = turnover->add_per_region();
  twente->set_region_code("TWENTE");
  twente->set_amount_cents(250000000);
  auto* rijnmond = turnover->add_per_region();
  rijnmond->set_region_code("RIJNMOND");
  rijnmond->set_amount_cents(50000000);
  reg::Provider created;
  grpc::Status s = providers->CreateProvider(
      TestServer::Context(server_->Token(Role::kAdmin)).get(), create, &created);
  ASSERT_TRUE(s.ok()) << s.error_message();
  const std::string ozjt = server_->Token(Role::kOzjtContractManager);
  const std::string gemeente = server_->Token(Role::kGemeenteContractManager, "0153");
  auto get = [&](const std::string& token) {
    reg::GetProviderRequest q;
    q.set_name(created.name());
    reg::Provider out;
    grpc::Status st = providers->GetProvider(TestServer::Context(token).get(), q, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  };
  auto listed = [&](const std::string& token) {
    reg::ListProvidersRequest q;
    q.mutable_filter()->set_kvk_number(created.kvk_number());
    reg::ListProvidersResponse out;
    grpc::Status st = providers->ListProviders(TestServer::Context(token).get(), q, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    EXPECT_EQ(out.providers_size(), 1);
    return out.providers_size() > 0 ? out.providers(0) : reg::Provider();
  };
  auto history = [&](const std::string& token) {
    reg::ListProviderHistoryRequest q;
    q.set_name(created.name());
    reg::ListProviderHistoryResponse out;
    grpc::Status st = providers->ListProviderHistory(TestServer::Context(token).get(), q, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    EXPECT_GE(out.versions_size(), 1);
    return out.versions_size() > 0 ? out.versions(0).provider() : reg::Provider();
  };
  auto region = [&](const std::string& token) {
    ar::GetAccountRegionRequest q;
    q.set_provider(created.name());
    ar::AccountRegion out;
    grpc::Status st = regions->GetAccountRegion(TestServer::Context(token).get(), q, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  };
  auto portfolio = [&](const std::string& token) {
    ar::ListPortfolioResponse out;
    grpc::Status st = regions->ListPortfolio(TestServer::Context(token).get(), {}, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    for (const auto& a : out.providers()) {
      if (a.provider() == created.name()) return a;
    }
    ADD_FAILURE() << created.name() << " not in the portfolio";
    return ar::AccountRegion();
  };

  // OZJT sees the figures.
  ASSERT_EQ(get(ozjt).turnover_size(), 1);
  EXPECT_EQ(get(ozjt).turnover(0).total_cents(), 300000000);
  EXPECT_EQ(get(ozjt).turnover(0).per_region_size(), 2);
  EXPECT_EQ(listed(ozjt).turnover_size(), 1);
  EXPECT_EQ(history(ozjt).turnover_size(), 1);
  EXPECT_EQ(region(ozjt).latest_turnover_cents(), 300000000);
  EXPECT_FALSE(region(ozjt).financial_figures_withheld());
  EXPECT_EQ(region(ozjt).derived_turnover_cents(), 250000000);
  EXPECT_EQ(portfolio(ozjt).latest_turnover_cents(), 300000000);

  // The municipality sees the provider and its account-holding region, not the figures.
  const reg::Provider seen = get(gemeente);
  EXPECT_EQ(seen.display_name(), created.display_name());
  EXPECT_EQ(seen.turnover_size(), 0);
  EXPECT_EQ(listed(gemeente).turnover_size(), 0);
  EXPECT_EQ(history(gemeente).turnover_size(), 0);
  const ar::AccountRegion r = region(gemeente);
  EXPECT_EQ(r.region_code(), "TWENTE");
  EXPECT_EQ(r.derived_region_code(), "TWENTE");
  EXPECT_EQ(r.latest_turnover_cents(), 0);
  EXPECT_TRUE(r.financial_figures_withheld());  // so clients say nothing, not "€ 0,00"
  EXPECT_EQ(r.derived_turnover_cents(), 0);
  EXPECT_EQ(portfolio(gemeente).region_code(), "TWENTE");
  EXPECT_EQ(portfolio(gemeente).latest_turnover_cents(), 0);
  EXPECT_TRUE(portfolio(gemeente).financial_figures_withheld());
  EXPECT_EQ(portfolio(gemeente).derived_turnover_cents(), 0);
}

}  // namespace
}  // namespace ozjt

// gRPC handlers of the registry: proto <-> domain, nothing else. Who may call what is the
// table of MethodPolicy below; the rules are in registry.cc and provider.cc.
#include <grpcpp/grpcpp.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"
#include "services/platform/call.h"
#include "services/platform/proto_convert.h"
#include "services/platform/status.h"
#include "services/registry/module.h"
#include "services/registry/pg_store.h"
#include "services/registry/registry.h"

namespace ozjt::registry {
namespace {

namespace pb = ::ozjt::registry::v1;

// The proto enums mirror the domain enums by number (EnumFrom, static_cast): keep them in step.
static_assert(static_cast<int>(Law::kJeugdwet) == pb::LAW_JEUGDWET);
static_assert(static_cast<int>(Law::kWmo) == pb::LAW_WMO);
static_assert(static_cast<int>(Law::kWmo) == pb::Law_MAX);
static_assert(static_cast<int>(LegalForm::kStichting) == pb::LEGAL_FORM_STICHTING);
static_assert(static_cast<int>(LegalForm::kBv) == pb::LEGAL_FORM_BV);
static_assert(static_cast<int>(LegalForm::kNv) == pb::LEGAL_FORM_NV);
static_assert(static_cast<int>(LegalForm::kVereniging) == pb::LEGAL_FORM_VERENIGING);
static_assert(static_cast<int>(LegalForm::kCooperatie) == pb::LEGAL_FORM_COOPERATIE);
static_assert(static_cast<int>(LegalForm::kEenmanszaak) == pb::LEGAL_FORM_EENMANSZAAK);
static_assert(static_cast<int>(LegalForm::kVof) == pb::LEGAL_FORM_VOF);
static_assert(static_cast<int>(LegalForm::kMaatschap) == pb::LEGAL_FORM_MAATSCHAP);
static_assert(static_cast<int>(LegalForm::kOther) == pb::LEGAL_FORM_OTHER);
static_assert(static_cast<int>(LegalForm::kOther) == pb::LegalForm_MAX);
static_assert(static_cast<int>(ProviderStatus::kApplicant) == pb::PROVIDER_STATUS_APPLICANT);
static_assert(static_cast<int>(ProviderStatus::kContracted) == pb::PROVIDER_STATUS_CONTRACTED);
static_assert(static_cast<int>(ProviderStatus::kSuspended) == pb::PROVIDER_STATUS_SUSPENDED);
static_assert(static_cast<int>(ProviderStatus::kEnded) == pb::PROVIDER_STATUS_ENDED);
static_assert(static_cast<int>(ProviderStatus::kEnded) == pb::ProviderStatus_MAX);
static_assert(static_cast<int>(Tier::kStrategic) == pb::TIER_STRATEGIC);
static_assert(static_cast<int>(Tier::kLocal) == pb::TIER_LOCAL);
static_assert(static_cast<int>(Tier::kLocal) == pb::Tier_MAX);
using platform::MethodPolicy;
using platform::RequestInfo;
using platform::Role;

const std::vector<Role> kEveryRole = {
    Role::kOzjtContractManager, Role::kToezichthouder, Role::kGemeenteContractManager,
    Role::kScreeningOfficer,    Role::kAuditor,        Role::kAdmin};
const std::vector<Role> kProviderWriters = {Role::kOzjtContractManager, Role::kAdmin};

const std::string kRegistry = "/ozjt.registry.v1.ProviderRegistry/";
const std::string kReference = "/ozjt.registry.v1.ReferenceData/";
// Reads: every role (municipal users scoped to their municipality). Changes: OZJT contract
// managers and administrators.
const MethodPolicy kGetProvider{kRegistry + "GetProvider", kEveryRole};
const MethodPolicy kListProviders{kRegistry + "ListProviders", kEveryRole};
const MethodPolicy kCreateProvider{kRegistry + "CreateProvider", kProviderWriters};
const MethodPolicy kUpdateProvider{kRegistry + "UpdateProvider", kProviderWriters};
const MethodPolicy kListProviderHistory{kRegistry + "ListProviderHistory", kEveryRole};
const MethodPolicy kImportProviders{kRegistry + "ImportProviders", kProviderWriters};
const MethodPolicy kExportProviders =
    platform::HeavyRead({kRegistry + "ExportProviders", kEveryRole});
const MethodPolicy kImportTurnover{kRegistry + "ImportTurnover", kProviderWriters};
const MethodPolicy kListMunicipalities{kReference + "ListMunicipalities", kEveryRole};
const MethodPolicy kListRegions{kReference + "ListRegions", kEveryRole};
const MethodPolicy kListProductCategories{kReference + "ListProductCategories", kEveryRole};
const MethodPolicy kListUnits{kReference + "ListUnits", kEveryRole};
const MethodPolicy kListJointTasks{kReference + "ListJointTasks", kEveryRole};

// ---- proto <-> domain ----

absl::StatusOr<int64_t> ParseName(const std::string& name, const std::string& field) {
  return platform::ParseName(name, "providers", field);
}

void ToProto(absl::Time t, google::protobuf::Timestamp* out) { platform::FromTime(t, out); }

void ToProto(const Provider& p, pb::Provider* out) {
  out->set_name(absl::StrCat("providers/", p.id));
  out->set_display_name(p.name);
  out->set_kvk_number(p.kvk_number);
  out->set_legal_form(static_cast<pb::LegalForm>(p.legal_form));
  for (const auto& a : p.agb_codes) out->add_agb_codes(a);
  for (const auto& e : p.establishments) {
    auto* pe = out->add_establishments();
    pe->set_establishment_number(e.number);
    pe->set_name(e.name);
    pe->set_agb_code(e.agb_code);
    pe->set_municipality_code(e.municipality_code);
  }
  for (Law l : p.laws) out->add_laws(static_cast<pb::Law>(l));
  for (const auto& m : p.municipality_codes) out->add_municipality_codes(m);
  out->set_tier(static_cast<pb::Tier>(p.tier));
  out->set_status(static_cast<pb::ProviderStatus>(p.status));
  for (const auto& t : p.turnover) {
    auto* pt = out->add_turnover();
    pt->set_year(t.year);
    pt->set_total_cents(t.total_cents);
    for (const auto& r : t.per_region) {
      auto* pr = pt->add_per_region();
      pr->set_region_code(r.region_code);
      pr->set_amount_cents(r.amount_cents);
    }
  }
  out->set_version(p.version);
  ToProto(p.create_time, out->mutable_create_time());
  ToProto(p.update_time, out->mutable_update_time());
}

// Enum values outside the proto's range arrive as unknown numbers: they become unspecified
// and are refused by validation.
template <typename E>
E EnumFrom(int value, int max) {
  return value >= 0 && value <= max ? static_cast<E>(value) : E::kUnspecified;
}

Provider FromProto(const pb::Provider& in) {
  Provider p;
  p.name = in.display_name();
  p.kvk_number = in.kvk_number();
  p.legal_form = EnumFrom<LegalForm>(in.legal_form(), pb::LegalForm_MAX);
  p.agb_codes.assign(in.agb_codes().begin(), in.agb_codes().end());
  for (const auto& e : in.establishments()) {
    p.establishments.push_back(
        {e.establishment_number(), e.name(), e.agb_code(), e.municipality_code()});
  }
  for (int l : in.laws()) p.laws.push_back(EnumFrom<Law>(l, pb::Law_MAX));
  p.municipality_codes.assign(in.municipality_codes().begin(), in.municipality_codes().end());
  p.tier = EnumFrom<Tier>(in.tier(), pb::Tier_MAX);
  p.status = EnumFrom<ProviderStatus>(in.status(), pb::ProviderStatus_MAX);
  for (const auto& t : in.turnover()) {
    AnnualTurnover at{t.year(), t.total_cents(), {}};
    for (const auto& r : t.per_region()) {
      at.per_region.push_back({r.region_code(), r.amount_cents()});
    }
    p.turnover.push_back(std::move(at));
  }
  return p;
}

ProviderFilter FromProto(const pb::ProviderFilter& f) {
  ProviderFilter out;
  out.name_contains = f.display_name_contains();
  out.kvk_number = f.kvk_number();
  out.agb_code = f.agb_code();
  out.municipality_code = f.municipality_code();
  if (f.tier() != pb::TIER_UNSPECIFIED) out.tier = EnumFrom<Tier>(f.tier(), pb::Tier_MAX);
  if (f.status() != pb::PROVIDER_STATUS_UNSPECIFIED) {
    out.status = EnumFrom<ProviderStatus>(f.status(), pb::ProviderStatus_MAX);
  }
  return out;
}

void ToProto(absl::CivilDay d, google::type::Date* out) { platform::FromDay(d, out); }

void ToProto(const std::vector<RowError>& errors,
             google::protobuf::RepeatedPtrField<pb::RowError>* out) {
  for (const auto& e : errors) {
    auto* row = out->Add();
    row->set_line(e.line);
    row->set_field(e.field);
    row->set_description(e.description);
    row->set_dutch(DutchRowError(e));
  }
}

// ---- services ----

class ProviderRegistryService final : public pb::ProviderRegistry::Service {
 public:
  ProviderRegistryService(platform::Platform& platform, Registry& registry)
      : platform_(platform), registry_(registry) {}

  grpc::Status GetProvider(grpc::ServerContext* ctx, const pb::GetProviderRequest* req,
                           pb::Provider* resp) override {
    return platform_.Serve(ctx, kGetProvider, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->name(), "name"));
      OZJT_ASSIGN_OR_RETURN(Provider p, registry_.Get(r, id));
      ToProto(p, resp);
      return absl::OkStatus();
    });
  }

  grpc::Status ListProviders(grpc::ServerContext* ctx, const pb::ListProvidersRequest* req,
                             pb::ListProvidersResponse* resp) override {
    return platform_.Serve(ctx, kListProviders, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(ProviderPage page, registry_.List(r, FromProto(req->filter()),
                                                              req->page_size(), req->page_token()));
      for (const auto& p : page.providers) ToProto(p, resp->add_providers());
      resp->set_next_page_token(page.next_page_token);
      return absl::OkStatus();
    });
  }

  grpc::Status CreateProvider(grpc::ServerContext* ctx, const pb::CreateProviderRequest* req,
                              pb::Provider* resp) override {
    return platform_.ServeWrite(
        ctx, kCreateProvider, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          OZJT_ASSIGN_OR_RETURN(Provider p, registry_.Create(r, FromProto(req->provider())));
          ToProto(p, resp);
          return absl::OkStatus();
        });
  }

  grpc::Status UpdateProvider(grpc::ServerContext* ctx, const pb::UpdateProviderRequest* req,
                              pb::Provider* resp) override {
    return platform_.ServeWrite(
        ctx, kUpdateProvider, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->provider().name(), "provider.name"));
          std::vector<std::string> paths(req->update_mask().paths().begin(),
                                         req->update_mask().paths().end());
          OZJT_ASSIGN_OR_RETURN(Provider p, registry_.Update(r, id, req->provider().version(),
                                                             FromProto(req->provider()), paths));
          ToProto(p, resp);
          return absl::OkStatus();
        });
  }

  grpc::Status ListProviderHistory(grpc::ServerContext* ctx,
                                   const pb::ListProviderHistoryRequest* req,
                                   pb::ListProviderHistoryResponse* resp) override {
    return platform_.Serve(ctx, kListProviderHistory, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->name(), "name"));
      OZJT_ASSIGN_OR_RETURN(HistoryPage page,
                            registry_.History(r, id, req->page_size(), req->page_token()));
      for (const auto& v : page.versions) {
        auto* out = resp->add_versions();
        ToProto(v.provider, out->mutable_provider());
        out->set_actor(v.actor);
        out->set_method(v.method);
        ToProto(v.change_time, out->mutable_change_time());
      }
      resp->set_next_page_token(page.next_page_token);
      return absl::OkStatus();
    });
  }

  grpc::Status ImportProviders(grpc::ServerContext* ctx, const pb::ImportProvidersRequest* req,
                               pb::ImportProvidersResponse* resp) override {
    return platform_.ServeWrite(
        ctx, kImportProviders, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          OZJT_ASSIGN_OR_RETURN(
              ImportResult result,
              registry_.Import(r, req->csv(), req->allow_partial(), req->validate_only()));
          resp->set_created(result.created);
          resp->set_updated(result.updated);
          resp->set_unchanged(result.unchanged);
          resp->set_committed(result.committed);
          ToProto(result.errors, resp->mutable_errors());
          return absl::OkStatus();
        });
  }

  grpc::Status ExportProviders(grpc::ServerContext* ctx, const pb::ExportProvidersRequest* req,
                               pb::ExportProvidersResponse* resp) override {
    return platform_.Serve(ctx, kExportProviders, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(auto csv, registry_.Export(r, FromProto(req->filter())));
      resp->set_csv(std::move(csv.first));
      resp->set_count(csv.second);
      return absl::OkStatus();
    });
  }

  grpc::Status ImportTurnover(grpc::ServerContext* ctx, const pb::ImportTurnoverRequest* req,
                              pb::ImportTurnoverResponse* resp) override {
    return platform_.ServeWrite(
        ctx, kImportTurnover, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          OZJT_ASSIGN_OR_RETURN(auto result,
                                registry_.ImportTurnover(r, req->csv(), req->validate_only()));
          resp->set_providers_updated(result.providers_updated);
          resp->set_years(result.years);
          resp->set_committed(result.committed);
          ToProto(result.errors, resp->mutable_errors());
          return absl::OkStatus();
        });
  }

 private:
  platform::Platform& platform_;
  Registry& registry_;
};

class ReferenceDataService final : public pb::ReferenceData::Service {
 public:
  ReferenceDataService(platform::Platform& platform, ProviderStore& store)
      : platform_(platform), store_(store) {}

  grpc::Status ListMunicipalities(grpc::ServerContext* ctx, const pb::ListMunicipalitiesRequest*,
                                  pb::ListMunicipalitiesResponse* resp) override {
    return platform_.Serve(ctx, kListMunicipalities, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(auto rows, store_.Municipalities(r.deadline));
      for (const auto& m : rows) {
        auto* out = resp->add_municipalities();
        out->set_cbs_code(m.cbs_code);
        out->set_display_name(m.name);
        out->set_region_code(m.region_code);
      }
      return absl::OkStatus();
    });
  }

  grpc::Status ListRegions(grpc::ServerContext* ctx, const pb::ListRegionsRequest*,
                           pb::ListRegionsResponse* resp) override {
    return platform_.Serve(ctx, kListRegions, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(auto rows, store_.Regions(r.deadline));
      for (const auto& g : rows) {
        auto* out = resp->add_regions();
        out->set_code(g.code);
        out->set_display_name(g.name);
      }
      return absl::OkStatus();
    });
  }

  grpc::Status ListProductCategories(grpc::ServerContext* ctx,
                                     const pb::ListProductCategoriesRequest* req,
                                     pb::ListProductCategoriesResponse* resp) override {
    return platform_.Serve(ctx, kListProductCategories, [&](const RequestInfo& r) -> absl::Status {
      if (req->law() < 0 || req->law() > pb::Law_MAX) {
        return platform::InvalidField("law", "must be JEUGDWET, WMO or unspecified",
                                      "Kies als wet Jeugdwet of Wmo, of laat de wet leeg.");
      }
      OZJT_ASSIGN_OR_RETURN(auto rows, store_.ProductCategories(r.deadline));
      for (const auto& c : rows) {
        if (req->law() != pb::LAW_UNSPECIFIED && static_cast<int>(c.law) != req->law()) continue;
        auto* out = resp->add_categories();
        out->set_law(static_cast<pb::Law>(c.law));
        out->set_code(c.code);
        out->set_display_name(c.name);
        out->set_legacy(c.legacy);
      }
      return absl::OkStatus();
    });
  }

  grpc::Status ListUnits(grpc::ServerContext* ctx, const pb::ListUnitsRequest*,
                         pb::ListUnitsResponse* resp) override {
    return platform_.Serve(ctx, kListUnits, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(auto rows, store_.Units(r.deadline));
      for (const auto& u : rows) {
        auto* out = resp->add_units();
        out->set_code(u.code);
        out->set_display_name(u.name);
      }
      return absl::OkStatus();
    });
  }

  grpc::Status ListJointTasks(grpc::ServerContext* ctx, const pb::ListJointTasksRequest* req,
                              pb::ListJointTasksResponse* resp) override {
    return platform_.Serve(ctx, kListJointTasks, [&](const RequestInfo& r) -> absl::Status {
      std::optional<absl::CivilDay> on;
      if (req->has_on_date()) {
        OZJT_ASSIGN_OR_RETURN(absl::CivilDay day, platform::ToDay(req->on_date(), "on_date"));
        on = day;
      }
      OZJT_ASSIGN_OR_RETURN(auto tasks, store_.JointTasks(r.deadline));
      for (const auto& t : tasks) {
        auto* out = resp->add_tasks();
        out->set_code(t.code);
        out->set_display_name(t.name);
        for (const auto& p : t.participations) {
          if (on && !p.ValidOn(*on)) continue;
          auto* pp = out->add_participations();
          pp->set_municipality_code(p.municipality_code);
          ToProto(p.valid_from, pp->mutable_valid_from());
          if (p.valid_to) ToProto(*p.valid_to, pp->mutable_valid_to());
        }
      }
      return absl::OkStatus();
    });
  }

 private:
  platform::Platform& platform_;
  ProviderStore& store_;
};

class RegistryModule final : public platform::ServiceModule {
 public:
  RegistryModule(platform::Platform& platform, ReferenceCodes refs)
      : store_(platform.pool()),
        registry_(store_, std::move(refs)),
        providers_(platform, registry_),
        reference_(platform, store_) {}

  std::vector<Registration> GrpcServices() override {
    return {{pb::ProviderRegistry::service_full_name(), &providers_},
            {pb::ReferenceData::service_full_name(), &reference_}};
  }

 private:
  PgProviderStore store_;
  Registry registry_;
  ProviderRegistryService providers_;
  ReferenceDataService reference_;
};

}  // namespace

platform::ModuleEntry RegistryModuleEntry() {
  return {
      "registry",
      [](platform::Platform& platform) -> absl::StatusOr<std::unique_ptr<platform::ServiceModule>> {
        // Reference codes change only through migrations: read once at start-up.
        PgProviderStore probe(platform.pool());
        OZJT_ASSIGN_OR_RETURN(ReferenceCodes refs,
                              probe.LoadReferenceCodes(platform::NoDeadline()));
        return std::unique_ptr<platform::ServiceModule>(
            new RegistryModule(platform, std::move(refs)));
      }};
}

}  // namespace ozjt::registry

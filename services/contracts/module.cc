// The contracts module as the host builds it (module.h): the store, the use cases, the three
// gRPC services and the agenda's iCalendar feed, with the settings the configuration gives.
#include "services/contracts/module.h"

#include <grpcpp/grpcpp.h>

#include "ozjt/contracts/v1/contracts.grpc.pb.h"
#include "services/contracts/contract_handler.h"
#include "services/contracts/contracts.h"
#include "services/contracts/ical.h"
#include "services/contracts/pg_store.h"
#include "services/contracts/tariff_handler.h"
#include "services/contracts/vervoer_handler.h"
#include "services/platform/status.h"

namespace ozjt::contracts {
namespace {

namespace pb = ::ozjt::contracts::v1;

class ContractsModule final : public platform::ServiceModule {
 public:
  ContractsModule(platform::Platform& platform, ContractStore* store, ContractRefs refs,
                  TariffRefs tariff_refs, int supervision_grace_days)
      : platform_(platform),
        store_(store),
        contracts_(*store_, std::move(refs), std::move(tariff_refs), supervision_grace_days),
        contract_service_(NewContractService(platform, contracts_)),
        tariff_service_(NewTariffService(platform, contracts_)),
        vervoer_service_(NewVervoerService(platform, contracts_)) {}

  std::vector<Registration> GrpcServices() override {
    return {{pb::ContractService::service_full_name(), contract_service_.get()},
            {pb::TariffService::service_full_name(), tariff_service_.get()},
            {pb::VervoerService::service_full_name(), vervoer_service_.get()}};
  }

  std::vector<platform::HttpRoute> HttpRoutes() override {
    return {{"/agenda.ics", [this](const platform::HttpRequest& req) {
               return AgendaFeed(platform_, contracts_, req);
             }}};
  }

 private:
  platform::Platform& platform_;
  std::unique_ptr<ContractStore> store_;
  Contracts contracts_;
  std::unique_ptr<grpc::Service> contract_service_;
  std::unique_ptr<grpc::Service> tariff_service_;
  std::unique_ptr<grpc::Service> vervoer_service_;
};

}  // namespace

platform::ModuleEntry ContractsModuleEntry() {
  return {
      "contracts",
      [](platform::Platform& platform) -> absl::StatusOr<std::unique_ptr<platform::ServiceModule>> {
        auto store = std::make_unique<PgContractStore>(platform.pool());
        // Reference codes change only through migrations: read once at start-up.
        OZJT_ASSIGN_OR_RETURN(ContractRefs refs, store->LoadContractRefs(platform::NoDeadline()));
        OZJT_ASSIGN_OR_RETURN(TariffRefs tariff_refs,
                              store->LoadTariffRefs(platform::NoDeadline()));
        const int grace = platform.modules().supervision.grace_days;
        return std::unique_ptr<platform::ServiceModule>(new ContractsModule(
            platform, store.release(), std::move(refs), std::move(tariff_refs), grace));
      }};
}

}  // namespace ozjt::contracts

// ozjt.contracts.v1.TariffService (tariff lines, index figures, tariff floors, indexation): the
// gRPC handler on the contracts use cases. The module (module.cc) registers it with the host.
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>

#include "services/contracts/contracts.h"
#include "services/platform/call.h"

namespace ozjt::contracts {

std::unique_ptr<grpc::Service> NewTariffService(platform::Platform& platform, Contracts& contracts);

}  // namespace ozjt::contracts

// The contracts service's public interface for what other services look up of a contract:
// whether it exists, and its reference and title. Other services include this header, never
// the contracts store or its tables; no SQL outside services/contracts names the schema
// "contracts".
//
//   std::unique_ptr<contracts::ContractDirectory> contracts =
//   contracts::MakeContractDirectory(pool); OZJT_ASSIGN_OR_RETURN(bool exists,
//   contracts->Exists(deadline, id));
//
// MakeContractDirectory (contract_directory_impl.cc) answers in-process from the contracts
// tables on the caller's pool: every service shares one database today. This class is the seam
// where a gRPC client of the contracts service goes when services run apart.
//
// Every call reads on its own connection of the pool: call it before or after a store
// transaction, not from inside one. Contracts are never deleted, so "exists" read before a
// transaction still holds when it commits.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/platform/db.h"

namespace ozjt::contracts {

// How people name a contract.
struct ContractTitle {
  std::string reference;
  std::string title;
};

class ContractDirectory {
 public:
  virtual ~ContractDirectory() = default;
  // Whether contract `id` exists (in any status).
  virtual absl::StatusOr<bool> Exists(platform::Deadline d, int64_t id) = 0;
  // Id -> reference and title of those of `ids` that exist.
  virtual absl::StatusOr<std::map<int64_t, ContractTitle>> Titles(
      platform::Deadline d, const std::vector<int64_t>& ids) = 0;
};

// The in-process directory on `pool` (registers its prepared statements on it). `pool` must
// outlive the directory.
std::unique_ptr<ContractDirectory> MakeContractDirectory(platform::Pool& pool);

}  // namespace ozjt::contracts

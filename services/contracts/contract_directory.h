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
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/platform/db.h"

namespace ozjt::contracts {

// How people name a contract.
struct ContractTitle {
  std::string reference;
  std::string title;
};

// A tariff line as other services match against it (insight: claims and allocations by
// municipality, provider, product and date).
struct ContractTariff {
  int64_t contract_id = 0;
  std::string reference;                        // the contract's
  std::vector<int64_t> provider_ids;            // the contract's
  std::vector<std::string> municipality_codes;  // the line's, else the contract's
  std::string law;                              // "jeugdwet" or "wmo"
  std::string category;
  std::string code;
  std::string unit;  // WJ756
  int64_t amount_cents = 0;
  absl::CivilDay valid_from;
  std::optional<absl::CivilDay> valid_to;
};

class ContractDirectory {
 public:
  virtual ~ContractDirectory() = default;
  // Whether contract `id` exists (in any status).
  virtual absl::StatusOr<bool> Exists(platform::Deadline d, int64_t id) = 0;
  // Id -> reference and title of those of `ids` that exist.
  virtual absl::StatusOr<std::map<int64_t, ContractTitle>> Titles(
      platform::Deadline d, const std::vector<int64_t>& ids) = 0;
  // The tariff lines of the contracts (not drafts) that any of `provider_ids` is party to.
  virtual absl::StatusOr<std::vector<ContractTariff>> TariffsOfProviders(
      platform::Deadline d, const std::vector<int64_t>& provider_ids) = 0;
};

// The in-process directory on `pool` (registers its prepared statements on it). `pool` must
// outlive the directory.
std::unique_ptr<ContractDirectory> MakeContractDirectory(platform::Pool& pool);

}  // namespace ozjt::contracts

// The contracts service's public interface for its mutation events: a change to an awarded or
// active contract that another service (supervision) turns into quality reviews. Other services
// include this header, never the contracts store or its tables.
//
//   std::unique_ptr<contracts::MutationEvents> events = contracts::MakeMutationEvents(pool);
//   OZJT_ASSIGN_OR_RETURN(auto pending, events->Pending(deadline, 100));
//   ... act on each, idempotently ...
//   OZJT_RETURN_IF_ERROR(events->MarkConsumed(deadline, ids));
//
// Delivery is at least once: a consumer reads pending events, acts on them in its own
// transaction, then marks them consumed. There is no transaction across the two services, so
// the consumer's action must be idempotent per event (supervision: one review per event and
// provider, a unique index); a crash between the action and MarkConsumed leaves the event
// pending and the next run finds the action done and only marks it. Two consumers running at
// once may both read an event; the idempotent action makes that harmless.
//
// MakeMutationEvents (mutation_events_impl.cc) works in-process on the contracts tables through
// the caller's pool; this class is the seam where a gRPC client (or a message queue) goes when
// services run apart. Every call takes its own connection: not from inside a store transaction.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/platform/db.h"

namespace ozjt::contracts {

// A contract mutation event not yet consumed, with what a consumer needs of its contract.
struct MutationEvent {
  int64_t id = 0;
  int64_t contract_id = 0;
  std::string contract_reference;
  std::string kind;
  std::vector<int64_t> provider_ids;
};

class MutationEvents {
 public:
  virtual ~MutationEvents() = default;
  // Up to `limit` unconsumed events, oldest first.
  virtual absl::StatusOr<std::vector<MutationEvent>> Pending(platform::Deadline d, int limit) = 0;
  // Marks the events consumed (those already consumed keep their time).
  virtual absl::Status MarkConsumed(platform::Deadline d, const std::vector<int64_t>& ids) = 0;
};

// The in-process events on `pool` (registers its prepared statements on it). `pool` must
// outlive the object.
std::unique_ptr<MutationEvents> MakeMutationEvents(platform::Pool& pool);

}  // namespace ozjt::contracts

// The in-process contracts::MutationEvents: prepared statements on the contracts schema only,
// through the caller's pool (see mutation_events.h).
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/contracts/mutation_events.h"
#include "services/platform/status.h"

namespace ozjt::contracts {
namespace {

const std::vector<std::pair<std::string, std::string>>& Statements() {
  static const std::vector<std::pair<std::string, std::string>> kStatements = {
      {"mutation_events_pending", R"sql(
        SELECT e.id, e.contract_id, c.reference, e.kind, array_to_json(c.provider_ids)::text
          FROM contracts.mutation_event e JOIN contracts.contract c ON c.id = e.contract_id
         WHERE e.consumed_at IS NULL
         ORDER BY e.id LIMIT $1)sql"},
      {"mutation_events_consume", R"sql(
        UPDATE contracts.mutation_event SET consumed_at = now()
         WHERE id = ANY($1::bigint[]) AND consumed_at IS NULL)sql"},
  };
  return kStatements;
}

class DbMutationEvents : public MutationEvents {
 public:
  explicit DbMutationEvents(platform::Pool& pool) : pool_(pool) {
    pool_.AddStatements(Statements());
  }

  absl::StatusOr<std::vector<MutationEvent>> Pending(platform::Deadline d, int limit) override {
    std::vector<MutationEvent> out;
    OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
      for (const auto& r : tx.exec_prepared("mutation_events_pending", limit)) {
        out.push_back({r[0].as<int64_t>(), r[1].as<int64_t>(), r[2].as<std::string>(),
                       r[3].as<std::string>(),
                       nlohmann::json::parse(r[4].as<std::string>()).get<std::vector<int64_t>>()});
      }
      return absl::OkStatus();
    }));
    return out;
  }

  absl::Status MarkConsumed(platform::Deadline d, const std::vector<int64_t>& ids) override {
    if (ids.empty()) return absl::OkStatus();
    return pool_.Write(d, [&](pqxx::work& tx) {
      tx.exec_prepared0("mutation_events_consume", absl::StrCat("{", absl::StrJoin(ids, ","), "}"));
      return absl::OkStatus();
    });
  }

 private:
  platform::Pool& pool_;
};

}  // namespace

std::unique_ptr<MutationEvents> MakeMutationEvents(platform::Pool& pool) {
  return std::make_unique<DbMutationEvents>(pool);
}

}  // namespace ozjt::contracts

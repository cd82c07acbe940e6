// Objects parsed from a row's stored JSON, by id, for reads that parse many rows per call (the
// agenda). An entry is used only while the row's version and update time are the ones it was
// parsed from, so a reader that checks them against the database never gets a stale object.
// At most `max_entries`, emptied when full: a simple bound on memory.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace ozjt::platform {

template <typename T>
class VersionedCache {
 public:
  explicit VersionedCache(size_t max_entries) : max_entries_(max_entries) {}

  // The object parsed from row `id` at `version` and `updated_micros`; null when not cached.
  std::shared_ptr<const T> Find(int64_t id, int64_t version, int64_t updated_micros) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = by_id_.find(id);
    if (it == by_id_.end() || it->second.version != version ||
        it->second.updated_micros != updated_micros) {
      return nullptr;
    }
    return it->second.value;
  }

  void Put(int64_t id, int64_t version, int64_t updated_micros, std::shared_ptr<const T> value) {
    std::lock_guard<std::mutex> lock(mu_);
    if (by_id_.size() >= max_entries_) by_id_.clear();
    by_id_[id] = {version, updated_micros, std::move(value)};
  }

 private:
  struct Entry {
    int64_t version = 0;
    int64_t updated_micros = 0;
    std::shared_ptr<const T> value;
  };
  const size_t max_entries_;
  mutable std::mutex mu_;
  std::unordered_map<int64_t, Entry> by_id_;
};

}  // namespace ozjt::platform

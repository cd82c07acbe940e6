// Objects parsed from a row's stored JSON, by id, for reads that parse many rows per call (the
// agenda). An entry is used only while the row's version and update time are the ones it was
// parsed from, so a reader that checks them against the database never gets a stale object.
// At most `max_entries`, emptied when full: a simple bound on memory. A cache serves bursts
// of calls: one nobody used for a few seconds is emptied by ForgetIdleCaches (the host calls
// it every 2 s), so the memory of a peak goes back to the system soon after it.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace ozjt::platform {

// Every VersionedCache of the process, for ForgetIdleCaches.
class IdleForgetting {
 public:
  IdleForgetting();
  virtual ~IdleForgetting();
  IdleForgetting(const IdleForgetting&) = delete;
  IdleForgetting& operator=(const IdleForgetting&) = delete;
  // Empties the cache when it was last used before `unused_since`.
  virtual void ForgetIfUnusedSince(std::chrono::steady_clock::time_point unused_since) = 0;
};

// Empties every cache of the process that nobody used for `idle`.
void ForgetIdleCaches(std::chrono::steady_clock::duration idle);

template <typename T>
class VersionedCache : public IdleForgetting {
 public:
  explicit VersionedCache(size_t max_entries) : max_entries_(max_entries) {}

  // The object parsed from row `id` at `version` and `updated_micros`; null when not cached.
  std::shared_ptr<const T> Find(int64_t id, int64_t version, int64_t updated_micros) const {
    std::lock_guard<std::mutex> lock(mu_);
    last_used_ = std::chrono::steady_clock::now();
    auto it = by_id_.find(id);
    if (it == by_id_.end() || it->second.version != version ||
        it->second.updated_micros != updated_micros) {
      return nullptr;
    }
    return it->second.value;
  }

  void Put(int64_t id, int64_t version, int64_t updated_micros, std::shared_ptr<const T> value) {
    std::lock_guard<std::mutex> lock(mu_);
    last_used_ = std::chrono::steady_clock::now();
    if (by_id_.size() >= max_entries_) by_id_.clear();
    by_id_[id] = {version, updated_micros, std::move(value)};
  }

  size_t size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return by_id_.size();
  }

  void ForgetIfUnusedSince(std::chrono::steady_clock::time_point unused_since) override {
    std::unordered_map<int64_t, Entry> forgotten;  // freed after the lock is let go
    std::lock_guard<std::mutex> lock(mu_);
    if (last_used_ < unused_since) forgotten.swap(by_id_);
  }

 private:
  struct Entry {
    int64_t version = 0;
    int64_t updated_micros = 0;
    std::shared_ptr<const T> value;
  };
  const size_t max_entries_;
  mutable std::mutex mu_;
  mutable std::chrono::steady_clock::time_point last_used_;
  std::unordered_map<int64_t, Entry> by_id_;
};

}  // namespace ozjt::platform

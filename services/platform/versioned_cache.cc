#include "services/platform/versioned_cache.h"

#include <set>

namespace ozjt::platform {
namespace {

std::mutex& CachesMutex() {
  static auto* mu = new std::mutex();  // never destroyed: caches may outlive static ones
  return *mu;
}

std::set<IdleForgetting*>& Caches() {
  static auto* caches = new std::set<IdleForgetting*>();
  return *caches;
}

}  // namespace

IdleForgetting::IdleForgetting() {
  std::lock_guard<std::mutex> lock(CachesMutex());
  Caches().insert(this);
}

IdleForgetting::~IdleForgetting() {
  std::lock_guard<std::mutex> lock(CachesMutex());
  Caches().erase(this);
}

void ForgetIdleCaches(std::chrono::steady_clock::duration idle) {
  const auto unused_since = std::chrono::steady_clock::now() - idle;
  std::lock_guard<std::mutex> lock(CachesMutex());
  for (IdleForgetting* cache : Caches()) cache->ForgetIfUnusedSince(unused_since);
}

}  // namespace ozjt::platform

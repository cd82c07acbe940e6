#include "services/platform/call_log.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <mutex>
#include <random>

#include "absl/strings/str_cat.h"

namespace ozjt::platform {
namespace {

struct CallLogSettings {
  std::string file;
  std::string level;
};
// Set once by ConfigureCallLog, before the logger is first made.
CallLogSettings& CallLogSetting() {
  static CallLogSettings settings;
  return settings;
}

}  // namespace

void ConfigureCallLog(const std::string& file, const std::string& level) {
  static std::once_flag once;
  std::call_once(once, [&] { CallLogSetting() = {file, level}; });
}

std::shared_ptr<spdlog::logger> CallLogger() {
  static std::shared_ptr<spdlog::logger> logger = [] {
    const CallLogSettings& settings = CallLogSetting();
    std::shared_ptr<spdlog::logger> l;
    if (!settings.file.empty()) {
      auto to_file = std::make_shared<spdlog::sinks::basic_file_sink_mt>(settings.file);
      auto to_stderr = std::make_shared<spdlog::sinks::stderr_sink_mt>();
      to_stderr->set_level(spdlog::level::err);
      l = std::make_shared<spdlog::logger>("ozjt-calls",
                                           spdlog::sinks_init_list{to_file, to_stderr});
      l->flush_on(spdlog::level::info);
    } else {
      l = spdlog::stderr_logger_mt("ozjt-calls");
    }
    l->set_pattern("%v");
    // Validated at start-up (config.cc); "warn" and "error" are spdlog's names too.
    if (!settings.level.empty()) l->set_level(spdlog::level::from_str(settings.level));
    return l;
  }();
  return logger;
}

std::string NewRequestId() {
  thread_local std::mt19937_64 rng(std::random_device{}());
  return absl::StrCat(absl::Hex(rng(), absl::kZeroPad16));
}

}  // namespace ozjt::platform

// The call log: one JSON line per gRPC call (call.cc) and per HTTP request (http_server.cc),
// through one logger, on stderr or, with a call log file (OZJT_CALL_LOG), appended to that file
// with only the server's own trouble (level error) on stderr too.
//
//   ConfigureCallLog(config.call_log_file, config.log_level);   // once, before the first call
//   CallLogger()->log(spdlog::level::info, line.dump());
#pragma once

#include <memory>
#include <string>

namespace spdlog {
class logger;
}

namespace ozjt::platform {

// Where the call log goes (ServerConfig::call_log_file, empty: stderr) and its level
// (ServerConfig::log_level). Set by the host before the first call; the first setting in a
// process counts (the call log is one per process).
void ConfigureCallLog(const std::string& file, const std::string& level);

// The process's call log, made on first use with the configured settings.
std::shared_ptr<spdlog::logger> CallLogger();

// A new request id: 16 hex digits.
std::string NewRequestId();

}  // namespace ozjt::platform

// ozjt-host as a child process of a test: for what only a process of its own shows (a SIGKILL,
// its resident memory). Its gRPC port is read from the "serving" line on its standard output.
#pragma once

#include <grpcpp/grpcpp.h>
#include <sys/types.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace ozjt::testing {

class HostProcess {
 public:
  // `binary` is ozjt-host (the test's OZJT_HOST_BINARY).
  explicit HostProcess(std::string binary) : binary_(std::move(binary)) {}
  ~HostProcess();
  HostProcess(const HostProcess&) = delete;
  HostProcess& operator=(const HostProcess&) = delete;

  // Starts it on `conninfo` with the token keys in `key_file`, no HTTP port, and `env`
  // ("NAME=value") after the defaults (OZJT_SERVICES=registry,audit unless `env` names
  // others); the test's PG* variables are passed on. Fails the test when it does not start.
  void Start(const std::string& conninfo, const std::string& key_file,
             const std::vector<std::string>& env = {});
  void Kill();  // SIGKILL, and waits for it
  void Stop();  // SIGTERM, and waits for it

  pid_t pid() const { return pid_; }
  int port() const { return port_; }
  std::shared_ptr<grpc::Channel> Channel() const;
  // Its resident set size (VmRSS) in KiB; 0 when it is not running.
  long RssKib() const;
  // Its number of threads; 0 when it is not running.
  int Threads() const;

 private:
  void End(int signal_number);

  std::string binary_;
  FILE* stdout_ = nullptr;
  pid_t pid_ = 0;
  int port_ = 0;
};

}  // namespace ozjt::testing

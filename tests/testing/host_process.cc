#include "tests/testing/host_process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <regex>

extern char** environ;

namespace ozjt::testing {
namespace {

// A number field of /proc/PID/status ("VmRSS:", "Threads:"); 0 when it cannot be read.
long StatusField(pid_t pid, const std::string& field) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field, 0) == 0) return std::stol(line.substr(field.size()));
  }
  return 0;
}

}  // namespace

HostProcess::~HostProcess() { Kill(); }

void HostProcess::Start(const std::string& conninfo, const std::string& key_file,
                        const std::vector<std::string>& env) {
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  // getenv takes the first of a name: `env` before the defaults.
  std::vector<std::string> all = env;
  for (const char* fixed : {"OZJT_LISTEN=127.0.0.1:0", "OZJT_HTTP_LISTEN=off",
                            "OZJT_SERVICES=registry,audit", "OZJT_SUPERVISION_SYNC_SECONDS=0"}) {
    all.emplace_back(fixed);
  }
  all.push_back("OZJT_DATABASE_URL=" + conninfo);
  all.push_back("OZJT_JWT_PUBLIC_KEYS=" + key_file);
  for (char** e = environ; *e; ++e) {
    if (std::string(*e).rfind("PG", 0) == 0) all.emplace_back(*e);
  }
  std::vector<char*> envp;
  for (auto& e : all) envp.push_back(e.data());
  envp.push_back(nullptr);
  char* argv[] = {binary_.data(), nullptr};
  ASSERT_EQ(posix_spawn(&pid_, binary_.c_str(), &actions, nullptr, argv, envp.data()), 0);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  // Kept open while it runs: a host writing to a closed pipe would die of SIGPIPE.
  stdout_ = fdopen(out[0], "r");
  FILE* f = stdout_;
  char line[4096];
  const std::regex port_re("\"port\":([0-9]+)");
  port_ = 0;
  while (fgets(line, sizeof line, f)) {
    std::cmatch m;
    if (std::regex_search(line, m, port_re)) {
      port_ = std::stoi(m[1]);
      break;
    }
  }
  ASSERT_GT(port_, 0) << "ozjt-host did not start";
}

void HostProcess::Kill() { End(SIGKILL); }

void HostProcess::Stop() { End(SIGTERM); }

void HostProcess::End(int signal_number) {
  if (pid_ > 0) {
    kill(pid_, signal_number);
    waitpid(pid_, nullptr, 0);
  }
  pid_ = 0;
  if (stdout_ != nullptr) fclose(stdout_);
  stdout_ = nullptr;
}

std::shared_ptr<grpc::Channel> HostProcess::Channel() const {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  return grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(port_),
                                   grpc::InsecureChannelCredentials(), args);
}

long HostProcess::RssKib() const { return pid_ > 0 ? StatusField(pid_, "VmRSS:") : 0; }

int HostProcess::Threads() const {
  return pid_ > 0 ? static_cast<int>(StatusField(pid_, "Threads:")) : 0;
}

}  // namespace ozjt::testing

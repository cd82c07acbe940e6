// ozjt-web: the web gateway alone, calling the services at OZJT_WEB_UPSTREAM (TLS when
// OZJT_TLS_CA is set). ozjt-host serves the same gateway itself on OZJT_WEB_LISTEN.
#include <grpcpp/grpcpp.h>
#include <signal.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "services/platform/call_log.h"
#include "services/web/gateway.h"

int main() {
  auto config = ozjt::web::WebConfigFromEnvironment();
  if (!config.ok()) {
    std::cerr << config.status().message() << std::endl;
    return 2;
  }
  if (config->listen.empty()) {
    std::cerr << "OZJT_WEB_LISTEN is required (host:port)" << std::endl;
    return 2;
  }
  ozjt::platform::ConfigureCallLog(config->call_log.file, config->call_log.level);
  std::shared_ptr<grpc::ChannelCredentials> creds = grpc::InsecureChannelCredentials();
  if (!config->upstream_ca_file.empty()) {
    auto ca = ozjt::platform::ReadSettingFile(config->upstream_ca_file);
    if (!ca.ok()) {
      std::cerr << "OZJT_TLS_CA: " << ca.status().message() << std::endl;
      return 2;
    }
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = *ca;
    creds = grpc::SslCredentials(ssl);
  }
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto gateway = ozjt::web::Gateway::Start(*config, grpc::CreateChannel(config->upstream, creds));
  if (!gateway.ok()) {
    std::cerr << "cannot start: " << gateway.status().message() << std::endl;
    return gateway.status().code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
  }
  std::cout << nlohmann::json{{"event", "serving"},
                              {"web_url", (*gateway)->url()},
                              {"upstream", config->upstream}}
                   .dump()
            << std::endl;
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  (*gateway)->Stop();
  return 0;
}

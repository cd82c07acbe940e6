#include "clients/cli/server_cli.h"

#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"

namespace ozjt::cli {
namespace {

// The service names the server lists through reflection.
grpc::Status ListServices(const Client& client, std::vector<std::string>* names) {
  auto refl = grpc::reflection::v1alpha::ServerReflection::NewStub(client.channel());
  auto ctx = client.Context();
  auto stream = refl->ServerReflectionInfo(ctx.get());
  grpc::reflection::v1alpha::ServerReflectionRequest req;
  req.set_list_services("");
  stream->Write(req);
  stream->WritesDone();
  grpc::reflection::v1alpha::ServerReflectionResponse resp;
  while (stream->Read(&resp)) {
    for (const auto& s : resp.list_services_response().service()) names->push_back(s.name());
  }
  return stream->Finish();
}

int Health(Client& client) {
  auto stub = grpc::health::v1::Health::NewStub(client.channel());
  // The server ("") and each of our services; health itself needs no token.
  std::vector<std::string> listed, names = {""};
  if (grpc::Status s = ListServices(client, &listed); !s.ok()) return PrintError(s);
  for (const auto& n : listed) {
    if (n.rfind("ozjt.", 0) == 0) names.push_back(n);
  }
  int bad = 0;
  for (const auto& name : names) {
    grpc::health::v1::HealthCheckRequest req;
    req.set_service(name);
    grpc::health::v1::HealthCheckResponse resp;
    auto ctx = client.Context();
    grpc::Status s = stub->Check(ctx.get(), req, &resp);
    if (!s.ok()) return PrintError(s, ctx.get());
    const std::string state =
        grpc::health::v1::HealthCheckResponse::ServingStatus_Name(resp.status());
    std::cout << (name.empty() ? "(server)" : name) << " " << state << "\n";
    bad += resp.status() != grpc::health::v1::HealthCheckResponse::SERVING;
  }
  return bad == 0 ? 0 : 1;
}

int Services(Client& client) {
  std::vector<std::string> names;
  if (grpc::Status s = ListServices(client, &names); !s.ok()) return PrintError(s);
  for (const auto& n : names) std::cout << n << "\n";
  return 0;
}

}  // namespace

void AddServerCommands(CLI::App& app, const Options& o, int& exit_code) {
  app.add_subcommand("health", "de staat van de server en van elke dienst")->callback([&] {
    Run(o, exit_code, [](Client& client) { return Health(client); });
  });
  app.add_subcommand("services", "de diensten van de server (reflectie)")->callback([&] {
    Run(o, exit_code, [](Client& client) { return Services(client); });
  });
}

}  // namespace ozjt::cli

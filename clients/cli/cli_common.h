// Shared by the CLI's command files: the connection, output as tables or JSON, errors as one
// clear line plus field violations, and parsing of enums and dates.
#pragma once

#include <google/protobuf/util/json_util.h>
#include <grpcpp/grpcpp.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "google/type/date.pb.h"

namespace ozjt::cli {

struct Options {
  std::string addr = "127.0.0.1:50051";
  std::string token;
  std::string tls_ca;
  bool json = false;
  int timeout_s = 60;
};

inline std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

inline std::string CodeName(grpc::StatusCode code) {
  // gRPC and absl share the canonical codes and their names ("INVALID_ARGUMENT").
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

// Prints a failed call as one clear line plus its field violations and, given the call's
// context, its request id (the key to the server's log line); returns the exit code.
inline int PrintError(const grpc::Status& status, const grpc::ClientContext* context = nullptr) {
  std::cerr << "error: " << CodeName(status.error_code()) << ": " << status.error_message()
            << std::endl;
  if (context != nullptr) {
    auto id = context->GetServerTrailingMetadata().find("x-request-id");
    if (id != context->GetServerTrailingMetadata().end()) {
      std::cerr << "  request id: " << std::string(id->second.data(), id->second.size())
                << std::endl;
    }
  }
  google::rpc::Status details;
  if (!status.error_details().empty() && details.ParseFromString(status.error_details())) {
    for (const auto& any : details.details()) {
      google::rpc::BadRequest bad;
      if (any.UnpackTo(&bad)) {
        for (const auto& v : bad.field_violations()) {
          std::cerr << "  " << v.field() << ": " << v.description() << std::endl;
        }
      }
    }
  }
  return 1;
}

class Client {
 public:
  explicit Client(const Options& o) : options_(o) {
    std::shared_ptr<grpc::ChannelCredentials> creds;
    if (!o.tls_ca.empty()) {
      std::ifstream in(o.tls_ca);
      std::stringstream ss;
      ss << in.rdbuf();
      grpc::SslCredentialsOptions ssl;
      ssl.pem_root_certs = ss.str();
      creds = grpc::SslCredentials(ssl);
    } else {
      creds = grpc::InsecureChannelCredentials();
    }
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(64 * 1024 * 1024);
    args.SetMaxSendMessageSize(64 * 1024 * 1024);
    channel_ = grpc::CreateCustomChannel(o.addr, creds, args);
  }

  std::unique_ptr<grpc::ClientContext> Context() const {
    auto ctx = std::make_unique<grpc::ClientContext>();
    if (!options_.token.empty()) ctx->AddMetadata("authorization", "Bearer " + options_.token);
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(options_.timeout_s));
    return ctx;
  }
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  const Options& options() const { return options_; }

 private:
  Options options_;
  std::shared_ptr<grpc::Channel> channel_;
};

inline void PrintJson(const google::protobuf::Message& m) {
  std::string out;
  google::protobuf::util::JsonPrintOptions o;
  o.add_whitespace = true;
  o.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(m, &out, o);
  std::cout << out;
}

// Prints rows as aligned columns.
inline void PrintTable(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> width(header.size());
  auto len = [](const std::string& s) {  // characters, not bytes
    return static_cast<size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  };
  for (size_t i = 0; i < header.size(); ++i) width[i] = len(header[i]);
  for (const auto& r : rows) {
    for (size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], len(r[i]));
  }
  auto line = [&](const std::vector<std::string>& r) {
    for (size_t i = 0; i < r.size(); ++i) {
      std::cout << r[i];
      if (i + 1 < r.size()) std::cout << std::string(width[i] - len(r[i]) + 2, ' ');
    }
    std::cout << "\n";
  };
  line(header);
  for (const auto& r : rows) line(r);
}

// Enum value from a short name: ("TIER_", "strategic") -> TIER_STRATEGIC. Dutch words for
// tier and status are accepted too.
template <typename E>
bool ParseEnum(const google::protobuf::EnumDescriptor* d, const std::string& prefix,
               std::string text, E* out) {
  static const std::pair<const char*, const char*> kDutch[] = {
      {"strategisch", "strategic"},     {"lokaal", "local"},         {"aanvrager", "applicant"},
      {"gecontracteerd", "contracted"}, {"opgeschort", "suspended"}, {"beeindigd", "ended"}};
  text = absl::AsciiStrToLower(text);
  for (const auto& [nl, en] : kDutch) {
    if (text == nl) text = en;
  }
  const auto* v = d->FindValueByName(prefix + absl::AsciiStrToUpper(text));
  if (v == nullptr || v->number() == 0) return false;
  *out = static_cast<E>(v->number());
  return true;
}

inline std::string EnumShort(const google::protobuf::EnumDescriptor* d, int value,
                             const std::string& prefix) {
  const auto* v = d->FindValueByNumber(value);
  if (v == nullptr) return std::to_string(value);
  std::string n = v->name();
  if (n.rfind(prefix, 0) == 0) n = n.substr(prefix.size());
  return absl::AsciiStrToLower(n);
}

// Cents as Dutch euros: 1234567 -> "€ 12.345,67".
inline std::string Euros(int64_t cents) {
  const bool negative = cents < 0;
  uint64_t c = negative ? -static_cast<uint64_t>(cents) : cents;
  std::string whole = std::to_string(c / 100);
  for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3) whole.insert(i, ".");
  char frac[4];
  std::snprintf(frac, sizeof frac, "%02d", static_cast<int>(c % 100));
  return absl::StrCat(negative ? "-" : "", "\u20ac ", whole, ",", frac);
}

// "YYYY-MM-DD" into a Date; false when malformed.
inline bool ParseDate(const std::string& text, google::type::Date* out) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return false;
  out->set_year(y);
  out->set_month(m);
  out->set_day(d);
  return true;
}

// A Date as Dutch "dd-mm-jjjj"; "" when unset.
inline std::string DutchDate(const google::type::Date& d) {
  if (d.year() == 0) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", d.day(), d.month(), d.year());
  return buf;
}

// Reads a whole file (bytes as they are); prints the problem and returns false.
inline bool ReadTextFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "error: cannot read " << path << std::endl;
    return false;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// Reads a JSON file into a message (proto field names); prints the problem and returns false.
inline bool ReadJsonFile(const std::string& path, google::protobuf::Message* out) {
  std::string text;
  if (!ReadTextFile(path, &text)) return false;
  google::protobuf::util::JsonParseOptions o;
  auto status = google::protobuf::util::JsonStringToMessage(text, out, o);
  if (!status.ok()) {
    std::cerr << "error: " << path << ": " << status.ToString() << std::endl;
    return false;
  }
  return true;
}

// Calls one RPC on a `Stub` (a generated Service::Stub) with a fresh context:
// `call(stub, context, &response)` returns its status. On failure prints the error and returns
// 1; with --json prints the response; else hands it to `show`. Returns the exit code (what
// `show` returns, if it returns an int).
template <typename Stub, typename Resp, typename Call, typename Show>
int CallAndShow(const Options& o, Call call, Show show) {
  Client client(o);
  Stub stub(client.channel());
  Resp resp;
  auto ctx = client.Context();
  grpc::Status status = call(stub, ctx.get(), &resp);
  if (!status.ok()) return PrintError(status, ctx.get());
  if (o.json) {
    PrintJson(resp);
    return 0;
  }
  // `show` may return the exit code (e.g. 1 for row errors in an import's response).
  if constexpr (std::is_same_v<std::invoke_result_t<Show, const Resp&>, int>) {
    return show(resp);
  } else {
    show(resp);
    return 0;
  }
}

// Sends `req` through `method` of a new stub; see CallAndShow.
template <typename Stub, typename Req, typename Resp, typename Show>
int Send(const Options& o, grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&, Resp*),
         const Req& req, Show show) {
  return CallAndShow<Stub, Resp>(
      o,
      [&](Stub& stub, grpc::ClientContext* ctx, Resp* resp) {
        return (stub.*method)(ctx, req, resp);
      },
      show);
}

// A resource name from what a user types: "12" or "contracts/12" -> "contracts/12".
inline std::string Name(const std::string& collection, const std::string& id) {
  return id.rfind(collection + "/", 0) == 0 ? id : collection + "/" + id;
}

}  // namespace ozjt::cli

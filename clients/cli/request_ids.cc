#include "clients/cli/request_ids.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/interceptor.h>

#include <array>
#include <cstdint>
#include <random>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace ozjt::cli {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using grpc::experimental::InterceptionHookPoints;

constexpr std::string_view kKeyField = "request_id";

// The request message type of a method from its gRPC path, "/ozjt.contracts.v1.ContractService/
// CreateContractNote"; nullptr when the method is not in the linked protos.
const Descriptor* RequestType(const char* method_path) {
  if (method_path == nullptr) return nullptr;
  std::string name = method_path;
  if (!name.empty() && name[0] == '/') name.erase(0, 1);
  name = absl::StrReplaceAll(name, {{"/", "."}});
  const auto* method = google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(name);
  return method == nullptr ? nullptr : method->input_type();
}

// The idempotency key field of a request type; nullptr when it has none (reads).
const FieldDescriptor* KeyField(const Descriptor* request) {
  if (request == nullptr) return nullptr;
  const FieldDescriptor* field = request->FindFieldByName(std::string(kKeyField));
  if (field == nullptr || field->type() != FieldDescriptor::TYPE_STRING || field->is_repeated()) {
    return nullptr;
  }
  return field;
}

// Sets the call's key in the serialized request, unless the request has one already.
class RequestIdInterceptor : public grpc::experimental::Interceptor {
 public:
  RequestIdInterceptor(const Descriptor* request, const FieldDescriptor* key_field)
      : request_(request), key_field_(key_field), key_(NewRequestId()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_MESSAGE)) {
      SetKey(methods->GetSerializedSendMessage());
    }
    methods->Proceed();
  }

 private:
  void SetKey(grpc::ByteBuffer* buffer) const {
    if (buffer == nullptr) return;
    std::vector<grpc::Slice> slices;
    if (!buffer->Dump(&slices).ok()) return;
    std::string bytes;
    for (const auto& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
    const google::protobuf::Message* prototype =
        google::protobuf::MessageFactory::generated_factory()->GetPrototype(request_);
    if (prototype == nullptr) return;
    std::unique_ptr<google::protobuf::Message> message(prototype->New());
    if (!message->ParseFromString(bytes)) return;  // sent as it is; the server says what is wrong
    const auto* reflection = message->GetReflection();
    if (!reflection->GetString(*message, key_field_).empty()) return;
    reflection->SetString(message.get(), key_field_, key_);
    grpc::Slice slice(message->SerializeAsString());
    grpc::ByteBuffer with_key(&slice, 1);
    buffer->Swap(&with_key);
  }

  const Descriptor* request_;
  const FieldDescriptor* key_field_;
  std::string key_;  // one per call: every attempt of the call sends the same one
};

class RequestIdInterceptorFactory : public grpc::experimental::ClientInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateClientInterceptor(
      grpc::experimental::ClientRpcInfo* info) override {
    const Descriptor* request = RequestType(info->method());
    const FieldDescriptor* key_field = KeyField(request);
    if (key_field == nullptr) return nullptr;  // no interceptor: the request goes unchanged
    return new RequestIdInterceptor(request, key_field);
  }
};

}  // namespace

std::string NewRequestId() {
  std::random_device random;
  std::array<uint8_t, 16> b{};
  for (size_t i = 0; i < b.size(); i += 4) {
    const uint32_t r = random();
    for (size_t j = 0; j < 4; ++j) b[i + j] = static_cast<uint8_t>(r >> (8 * j));
  }
  b[6] = static_cast<uint8_t>((b[6] & 0x0F) | 0x40);  // version 4: random
  b[8] = static_cast<uint8_t>((b[8] & 0x3F) | 0x80);  // variant 1 (RFC 4122)
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[i] >> 4];
    out += kHex[b[i] & 0x0F];
  }
  return out;
}

std::string RetryServiceConfigJson() {
  // "name": [{}] is every method of every service on the channel.
  return absl::StrCat(R"({"methodConfig": [{"name": [{}], "retryPolicy": {"maxAttempts": )",
                      kMaxAttempts,
                      R"(, "initialBackoff": "0.2s", "maxBackoff": "2s", "backoffMultiplier": 2,)",
                      R"( "retryableStatusCodes": ["UNAVAILABLE"]}}]})");
}

void AddRetryPolicy(grpc::ChannelArguments* args) {
  args->SetServiceConfigJSON(RetryServiceConfigJson());
  args->SetInt(GRPC_ARG_ENABLE_RETRIES, 1);
  args->SetInt(GRPC_ARG_PER_RPC_RETRY_BUFFER_SIZE, kMaxMessageBytes);
}

std::vector<std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>>
RequestIdInterceptors() {
  std::vector<std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>> out;
  out.push_back(std::make_unique<RequestIdInterceptorFactory>());
  return out;
}

}  // namespace ozjt::cli

// Paging, the request validation every list RPC shares (the audit log's ListAuditRecords has
// no other): any page token is a position or INVALID_ARGUMENT, a token issued for a query
// reads back as the same position only for the same filters, its content cannot be read, and
// no edited token opens.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "services/platform/page_token.h"
#include "tests/fuzz/fuzz_common.h"

namespace {
bool IsUtf8(const std::string& s) {
  try {
    nlohmann::json(s).dump();
    return true;
  } catch (const nlohmann::json::exception&) {
    return false;
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using ozjt::platform::DecodePageToken;
  using ozjt::platform::EncodePageToken;
  using ozjt::platform::PageSize;
  using ozjt::platform::QueryFingerprint;
  FuzzedDataProvider in(data, size);
  const int requested = in.ConsumeIntegral<int>();
  auto page_size = PageSize(requested, 50, 500);
  if (page_size.ok() ? (*page_size < 1 || *page_size > 500)
                     : !absl::IsInvalidArgument(page_size.status())) {
    std::abort();
  }
  const std::string entity = in.ConsumeRandomLengthString(40);
  const std::string position = in.ConsumeRandomLengthString(40);
  const std::string token = in.ConsumeRemainingBytesAsString();
  const std::string fingerprint = QueryFingerprint({"provider", entity});
  auto decoded = DecodePageToken(token, fingerprint, 2);
  if (!decoded.ok() && !absl::IsInvalidArgument(decoded.status())) std::abort();
  if (decoded.ok() && !token.empty() && decoded->size() != 2) std::abort();
  // What we issue, we read back (a position, like every column value, is UTF-8; were it not,
  // it would be replaced, never thrown); for other filters it is refused.
  const std::string issued = EncodePageToken(fingerprint, {position, "42"});
  auto back = DecodePageToken(issued, fingerprint, 2);
  if (!back.ok() || (*back)[1] != "42") std::abort();
  if (IsUtf8(position) && (*back)[0] != position) std::abort();
  if (DecodePageToken(issued, QueryFingerprint({"contract", entity}), 2).ok()) std::abort();
  // Sealed: the position cannot be read from the token, and no changed byte opens.
  std::string raw;
  if (!absl::WebSafeBase64Unescape(issued, &raw) || raw.empty()) std::abort();
  if (position.size() >= 8 && raw.find(position) != std::string::npos) std::abort();
  char& changed = raw[size % raw.size()];
  changed = static_cast<char>(changed ^ (1 + (size & 0x7f)));
  if (DecodePageToken(absl::WebSafeBase64Escape(raw), fingerprint, 2).ok()) std::abort();
  return 0;
}

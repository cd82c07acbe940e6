// Safe retries for the CLI: every write request gets an idempotency key (AIP-155 `request_id`, a
// random UUID) and every call is retried on UNAVAILABLE with backoff, re-sending the same key, so
// the server answers a retry of a write that had already been done with its first answer
// instead of doing it twice.
//
//   grpc::ChannelArguments args;
//   AddRetryPolicy(&args);
//   auto channel = grpc::experimental::CreateCustomChannelWithInterceptors(
//       addr, creds, args, RequestIdInterceptors());
//
// The key is set by a client interceptor, once per call: gRPC's retries sit below the
// interceptors and re-send the bytes of the first attempt, so every attempt carries the same key.
#pragma once

#include <grpcpp/grpcpp.h>
#include <grpcpp/support/client_interceptor.h>

#include <memory>
#include <string>
#include <vector>

namespace ozjt::cli {

// Attempts per call (the first one and up to 4 retries) on UNAVAILABLE, waiting about 0.2 s,
// 0.4 s, 0.8 s, 1.6 s in between (each +-20%, gRPC's jitter; at most 2 s): about 3 s in all
// before the CLI gives up, and never beyond the call's deadline (--timeout).
inline constexpr int kMaxAttempts = 5;

// The largest request the CLI sends and answer it accepts (64 MiB); a request up to this size is
// kept for its retries (gRPC keeps 256 KiB by default: larger ones, such as a CSV import, would
// otherwise not be retried).
inline constexpr int kMaxMessageBytes = 64 * 1024 * 1024;

// A new random UUID (version 4) in its canonical form, "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
// with lowercase hex digits.
std::string NewRequestId();

// The gRPC service config (JSON) that retries every method of the channel on UNAVAILABLE as
// described at kMaxAttempts.
std::string RetryServiceConfigJson();

// Sets the retry policy and the retry buffer (kMaxMessageBytes) on `args`.
void AddRetryPolicy(grpc::ChannelArguments* args);

// The interceptor factory for the CLI's channel: each call whose request message has a string
// field `request_id` that is empty gets a NewRequestId() there before it is sent; a request
// that already has one, and every request without the field (reads), is sent unchanged.
std::vector<std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>>
RequestIdInterceptors();

}  // namespace ozjt::cli

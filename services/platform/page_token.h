// Pagination shared by every List RPC (AIP-158): page sizes and opaque page tokens.
//
//   OZJT_ASSIGN_OR_RETURN(int size, PageSize(request.page_size, 50, 500));
//   std::string fp = QueryFingerprint({filter.name, filter.status});
//   OZJT_ASSIGN_OR_RETURN(auto after, DecodePageToken(request.page_token, fp, 2));
//   ... WHERE (name, id) > (after[0], after[1]) ... LIMIT size + 1 ...
//   response.next_page_token = EncodePageToken(fp, {last.name, last.id});
//
// A token is base64url of JSON [fingerprint, position...]; the fingerprint ties it to the
// filters it was issued for, so reusing it with other filters is INVALID_ARGUMENT.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace ozjt::platform {

// `requested` when in 1..max; `fallback` for 0; `max` above max; INVALID_ARGUMENT (field
// "page_size") when negative.
absl::StatusOr<int> PageSize(int requested, int fallback, int max);

// A stable fingerprint of a query's filter values.
std::string QueryFingerprint(const std::vector<std::string>& filter_values);

std::string EncodePageToken(absl::string_view fingerprint,
                            const std::vector<std::string>& position);

// The position in `token`; empty for an empty token. INVALID_ARGUMENT (field "page_token")
// when it is malformed, has another number of parts, or was issued for other filters.
absl::StatusOr<std::vector<std::string>> DecodePageToken(absl::string_view token,
                                                         absl::string_view fingerprint,
                                                         size_t parts);

}  // namespace ozjt::platform

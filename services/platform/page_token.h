// Pagination shared by every List RPC (AIP-158): page sizes and opaque page tokens.
//
//   OZJT_ASSIGN_OR_RETURN(int size, PageSize(request.page_size, 50, 500));
//   std::string fp = QueryFingerprint({"ListProviders", filter.name, filter.status});
//   OZJT_ASSIGN_OR_RETURN(auto after, DecodePageToken(request.page_token, fp, 2));
//   ... WHERE (name, id) > (after[0], after[1]) ... LIMIT size + 1 ...
//   response.next_page_token = EncodePageToken(fp, {last.name, last.id});
//
// A token is sealed with AES-256-GCM under a key derived from the deployment's page-token
// secret (OZJT_PAGE_TOKEN_KEYS): nobody can read the position in it (a name, an id), and a
// token that was edited, made up, or sealed with another deployment's secret does not open.
// Inside is the fingerprint of the query it was issued for; the first fingerprint value names
// the list (the RPC), the others are its filters, so a token used with another list or other
// filters is refused as well. Every refusal is INVALID_ARGUMENT on the field "page_token".
//
// Secrets rotate like the token verification keys: OZJT_PAGE_TOKEN_KEYS lists secret files,
// the first seals new tokens and every one opens them; add the new secret first, keep the old
// one after it for as long as a page token lives in a client (minutes), then drop it.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace ozjt::platform {

// `requested` when in 1..max; `fallback` for 0; `max` above max; INVALID_ARGUMENT (field
// "page_size") when negative.
absl::StatusOr<int> PageSize(int requested, int fallback, int max);

// A stable fingerprint of a query: the list's name first, then its filter values (order and
// boundaries count: {"ab", "c"} differs from {"a", "bc"}).
std::string QueryFingerprint(const std::vector<std::string>& filter_values);

// The secrets page tokens are sealed with: the first seals, every one opens.
class PageTokenKeys {
 public:
  // Shortest secret accepted, in bytes (the text of a secret file, surrounding whitespace
  // removed).
  static constexpr size_t kMinSecretBytes = 32;

  // INVALID_ARGUMENT when `secrets` is empty or one is shorter than kMinSecretBytes.
  static absl::StatusOr<PageTokenKeys> FromSecrets(const std::vector<std::string>& secrets);
  // Same, reading each secret from a file; INVALID_ARGUMENT naming a file that cannot be read
  // or holds too short a secret.
  static absl::StatusOr<PageTokenKeys> FromFiles(const std::vector<std::string>& paths);
  // A random secret: tokens only this process (and only until it stops) can open.
  static PageTokenKeys Random();

  // The sealed token for `position` in the query `fingerprint`.
  std::string Seal(absl::string_view fingerprint, const std::vector<std::string>& position) const;
  // The position in `token`; empty for an empty token. INVALID_ARGUMENT (field "page_token")
  // when it does not open with any key (edited, made up, from another deployment), has
  // another number of parts, or was issued for another list or other filters.
  absl::StatusOr<std::vector<std::string>> Open(absl::string_view token,
                                                absl::string_view fingerprint, size_t parts) const;

 private:
  using Key = std::array<unsigned char, 32>;
  explicit PageTokenKeys(std::vector<Key> keys) : keys_(std::move(keys)) {}
  std::vector<Key> keys_;
};

// A new secret for a secret file (base64 of 32 random bytes, one line), e.g. for
// `ozjt-admin keygen`.
std::string NewPageTokenSecret();

// The keys EncodePageToken and DecodePageToken use in this process. Set once at start-up
// (Host::Start, from OZJT_PAGE_TOKEN_KEYS) before any call is served; until then, and when
// nothing is configured, a random secret made on first use (development only: tokens do not
// survive a restart and one replica cannot open another's).
void SetPageTokenKeys(PageTokenKeys keys);

// PageTokenKeys::Seal and Open with the process's keys (SetPageTokenKeys).
std::string EncodePageToken(absl::string_view fingerprint,
                            const std::vector<std::string>& position);
absl::StatusOr<std::vector<std::string>> DecodePageToken(absl::string_view token,
                                                         absl::string_view fingerprint,
                                                         size_t parts);

// The same for lists newest first by id (investigations, screening cases): the token holds the
// last id shown, and the next page is the ids below it.
std::string EncodeIdPageToken(absl::string_view fingerprint, int64_t last_id);
// The last id shown; 0 for an empty token (the first page). INVALID_ARGUMENT as DecodePageToken.
absl::StatusOr<int64_t> DecodeIdPageToken(absl::string_view token, absl::string_view fingerprint);
// `rows` (newest first by id, read with a limit of size + 1: one more tells whether there is a
// next page) cut to `size`; returns the next page's token, "" on the last page.
template <typename Row>
std::string CutToIdPage(std::vector<Row>& rows, int size, absl::string_view fingerprint) {
  if (static_cast<int>(rows.size()) <= size) return "";
  rows.resize(size);
  return EncodeIdPageToken(fingerprint, rows.back().id);
}

}  // namespace ozjt::platform

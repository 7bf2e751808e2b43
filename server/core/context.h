// What every use case shares: the Store, the clock, the server's signing
// key and the database's kind (the Context), who is calling (Caller), and how listings page
// (PageRequest, Page). The use-case classes (programmes.h, enrolments.h,
// users.h, assessment.h, rounds.h, sheets.h, results.h, certificates.h,
// audit.h) each hold a pointer to one Context.
//
// Thread-safe: the Context is immutable after construction, and the Store
// serialises writes and pools readers.
#ifndef TALENT_SERVER_CORE_CONTEXT_H_
#define TALENT_SERVER_CORE_CONTEXT_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/clock.h"
#include "server/core/signing_key.h"
#include "server/domain/key_rules.h"
#include "server/domain/types.h"
#include "server/storage/store.h"

namespace talent::core {

// The authenticated user on whose behalf a call runs (user_id 0 and no
// role: an anonymous caller of a public method).
struct Caller {
  int64_t user_id = 0;
  std::string username;
  domain::Role role = domain::Role::kUnspecified;
  std::string organisation;
  int64_t token_id = 0;  // the token the call came with; 0: none (init, tests)
  std::string request_id;  // the call's request id (x-request-id); empty in tests

  // Who the audit log records: the user and the token (its id, never its
  // secret), and the request id of the call.
  domain::Actor actor() const { return domain::Actor{user_id, username, token_id, request_id}; }
};

struct PageRequest {
  int page_size = 0;       // 0: default 50; above 1000: 1000; negative: INVALID_ARGUMENT
  std::string page_token;  // from a previous page; empty: the first page
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_page_token;  // empty on the last page
  int total_size = 0;           // set where the listing counts (enrolments)
};

// Page size after defaults and coercion; INVALID_ARGUMENT when negative.
absl::StatusOr<int> EffectivePageSize(int page_size);
// Opaque page tokens around a key.
std::string EncodePageToken(const std::string& key);
// INVALID_ARGUMENT when the token was not made by EncodePageToken.
absl::StatusOr<std::string> DecodePageToken(const std::string& token);

class Context {
 public:
  // Without a signing key (tests of other use cases) everything works but
  // no certificate is issued; talentd always has one. `kind` is the
  // database's (talentd reads it before serving; it never changes).
  Context(std::unique_ptr<storage::Store> store, const common::Clock* clock,
          std::optional<SigningKey> signing_key = std::nullopt,
          domain::DatabaseKind kind = domain::DatabaseKind::kProduction)
      : store_(std::move(store)),
        clock_(clock),
        signing_key_(std::move(signing_key)),
        kind_(kind) {}

  storage::Store& store() const { return *store_; }
  const common::Clock& clock() const { return *clock_; }
  const std::optional<SigningKey>& signing_key() const { return signing_key_; }
  int64_t Now() const { return clock_->NowSeconds(); }
  domain::DatabaseKind kind() const { return kind_; }
  bool rehearsal() const { return kind_ == domain::DatabaseKind::kRehearsal; }

 private:
  const std::unique_ptr<storage::Store> store_;
  const common::Clock* const clock_;
  const std::optional<SigningKey> signing_key_;
  const domain::DatabaseKind kind_;
};

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_CONTEXT_H_

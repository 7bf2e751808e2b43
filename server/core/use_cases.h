// UseCases: one Context and every use-case class over it, for whatever
// wires the whole server (talentd's main, the gRPC server, the tests). A
// component that needs only one area includes only that area's header.
//
// Thread-safe (see context.h).
#ifndef TALENT_SERVER_CORE_USE_CASES_H_
#define TALENT_SERVER_CORE_USE_CASES_H_

#include <memory>
#include <optional>

#include "server/core/assessment.h"
#include "server/core/audit.h"
#include "server/core/certificates.h"
#include "server/core/context.h"
#include "server/core/enrolments.h"
#include "server/core/history.h"
#include "server/core/programmes.h"
#include "server/core/results.h"
#include "server/core/rounds.h"
#include "server/core/sheets.h"
#include "server/core/users.h"

namespace talent::core {

class UseCases {
 public:
  UseCases(std::unique_ptr<storage::Store> store, const common::Clock* clock,
           std::optional<SigningKey> signing_key = std::nullopt,
           domain::DatabaseKind kind = domain::DatabaseKind::kProduction)
      : context(std::move(store), clock, std::move(signing_key), kind) {}
  UseCases(const UseCases&) = delete;
  UseCases& operator=(const UseCases&) = delete;

  Context context;  // first: every area below points to it
  Programmes programmes{&context};
  Enrolments enrolments{&context};
  Users users{&context};
  Assessment assessment{&context};
  Rounds rounds{&context};
  Sheets sheets{&context};
  Results results{&context};
  Certificates certificates{&context};
  History history{&context};
  Audit audit{&context};
};

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_USE_CASES_H_

// Status propagation macros used across every layer: RETURN_IF_ERROR and
// ASSIGN_OR_RETURN for absl::Status / absl::StatusOr (Abseil 20220623 ships
// neither). Header-only; no state, thread-safe.
#ifndef TALENT_COMMON_STATUS_MACROS_H_
#define TALENT_COMMON_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define TALENT_CONCAT_INNER_(a, b) a##b
#define TALENT_CONCAT_(a, b) TALENT_CONCAT_INNER_(a, b)

// Evaluates `expr` (an absl::Status) and returns it from the enclosing
// function when it is not OK.
#define RETURN_IF_ERROR(expr)                        \
  do {                                               \
    ::absl::Status talent_status_ = (expr);          \
    if (!talent_status_.ok()) return talent_status_; \
  } while (false)

// Evaluates `rexpr` (an absl::StatusOr<T>); on error returns its status,
// otherwise moves the value into `lhs` (which may be a declaration).
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  TALENT_ASSIGN_OR_RETURN_IMPL_(TALENT_CONCAT_(talent_statusor_, __LINE__), lhs, rexpr)

#define TALENT_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                  \
  if (!statusor.ok()) return statusor.status();             \
  lhs = std::move(statusor).value()

#endif  // TALENT_COMMON_STATUS_MACROS_H_

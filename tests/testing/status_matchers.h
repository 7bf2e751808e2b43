// GoogleMock matchers for absl::Status and absl::StatusOr (Abseil 20220623
// ships none) and for grpc::Status: StatusIs(code[, message_matcher]) and
// IsOk(). Header-only; thread-compatible.
#ifndef TALENT_TESTS_TESTING_STATUS_MATCHERS_H_
#define TALENT_TESTS_TESTING_STATUS_MATCHERS_H_

#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"

namespace talent::testing {

inline const absl::Status& GetStatus(const absl::Status& status) { return status; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

MATCHER_P2(StatusIs, code, message_matcher,
           std::string("has code ") + absl::StatusCodeToString(code)) {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "status is " << status;
  return status.code() == code &&
         ::testing::ExplainMatchResult(message_matcher, std::string(status.message()),
                                       result_listener);
}

MATCHER_P(StatusIs, code, std::string("has code ") + absl::StatusCodeToString(code)) {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "status is " << status;
  return status.code() == code;
}

MATCHER(IsOk, "is OK") {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "status is " << status;
  return status.ok();
}

// grpc::Status: code and message (any object with error_code/error_message).
MATCHER_P(GrpcIs, code, "") {
  *result_listener << "grpc status is " << static_cast<int>(arg.error_code()) << " \""
                   << arg.error_message() << "\"";
  return arg.error_code() == code;
}

MATCHER_P2(GrpcIs, code, message_matcher, "") {
  *result_listener << "grpc status is " << static_cast<int>(arg.error_code()) << " \""
                   << arg.error_message() << "\"";
  return arg.error_code() == code &&
         ::testing::ExplainMatchResult(message_matcher, arg.error_message(), result_listener);
}

}  // namespace talent::testing

#endif  // TALENT_TESTS_TESTING_STATUS_MATCHERS_H_

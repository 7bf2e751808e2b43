#include "server/storage/idempotency_repository.h"

#include <memory>
#include <optional>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/migrations.h"
#include "tests/storage/seeded_database.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace talent::storage {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;

class IdempotencyRepositoryTest : public MigratedDatabase {
 protected:
  std::optional<std::string> Find(int64_t user, const std::string& method,
                                  const std::string& request_id) {
    auto found = IdempotencyRepository::Find(*db_, user, method, request_id);
    EXPECT_THAT(found, IsOk());
    return found.ok() ? *found : std::optional<std::string>("<error>");
  }

};

TEST_F(IdempotencyRepositoryTest, UnknownRequestFindsNothing) {
  EXPECT_EQ(Find(1, "CreateProgramme", "r-1"), std::nullopt);
}

TEST_F(IdempotencyRepositoryTest, RecordedRequestFindsItsResource) {
  ASSERT_THAT(IdempotencyRepository::Record(*db_, 1, "CreateProgramme", "r-1", "programmes/SCSW",
                                            100),
              IsOk());
  EXPECT_EQ(Find(1, "CreateProgramme", "r-1"), "programmes/SCSW");
}

TEST_F(IdempotencyRepositoryTest, KeyedByUserMethodAndRequestId) {
  ASSERT_THAT(IdempotencyRepository::Record(*db_, 1, "CreateProgramme", "r-1", "programmes/SCSW",
                                            100),
              IsOk());
  EXPECT_EQ(Find(2, "CreateProgramme", "r-1"), std::nullopt);
  EXPECT_EQ(Find(1, "CreateCohort", "r-1"), std::nullopt);
  EXPECT_EQ(Find(1, "CreateProgramme", "r-2"), std::nullopt);
  // Another user may use the same request ID for their own call.
  ASSERT_THAT(IdempotencyRepository::Record(*db_, 2, "CreateProgramme", "r-1", "programmes/GDSW",
                                            100),
              IsOk());
  EXPECT_EQ(Find(2, "CreateProgramme", "r-1"), "programmes/GDSW");
  EXPECT_EQ(Find(1, "CreateProgramme", "r-1"), "programmes/SCSW");
}

TEST_F(IdempotencyRepositoryTest, RecordingTheSameRequestTwiceIsAlreadyExists) {
  ASSERT_THAT(IdempotencyRepository::Record(*db_, 1, "CreateProgramme", "r-1", "programmes/SCSW",
                                            100),
              IsOk());
  EXPECT_THAT(IdempotencyRepository::Record(*db_, 1, "CreateProgramme", "r-1", "programmes/X",
                                            200),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_EQ(Find(1, "CreateProgramme", "r-1"), "programmes/SCSW");
}

}  // namespace
}  // namespace talent::storage

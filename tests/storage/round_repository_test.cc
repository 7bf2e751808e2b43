#include "server/storage/round_repository.h"

#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "common/national_id.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/enrolment_repository.h"
#include "server/storage/migrations.h"
#include "server/storage/programme_repository.h"
#include "server/storage/user_repository.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"
#include "tests/storage/seeded_database.h"

namespace talent::storage {
namespace {

using domain::Appeal;
using domain::AppealState;
using domain::Assignment;
using domain::Conflict;
using domain::Round;
using domain::RoundState;
using domain::Track;
using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

using RoundRow = std::tuple<int64_t, int64_t, std::string, int, bool, int, int64_t, int64_t>;

RoundRow Row(const Round& r) {
  return {r.id, r.cohort_id, r.name, r.position, r.final, static_cast<int>(r.state),
          r.notice_start, r.notice_end};
}

std::vector<std::string> Names(const std::vector<Round>& rounds) {
  std::vector<std::string> out;
  for (const Round& r : rounds) out.push_back(std::to_string(r.position) + " " + r.name);
  return out;
}

// "enrolment candidate track assessor" of each assignment, in order.
std::vector<std::string> Pairs(const std::vector<Assignment>& list) {
  std::vector<std::string> out;
  for (const Assignment& a : list) {
    out.push_back(std::to_string(a.enrolment_id) + " " + a.candidate + " " +
                  std::to_string(static_cast<int>(a.track)) + " " + a.assessor);
  }
  return out;
}

class RoundRepositoryTest : public SeededDatabase {
 protected:
  void SetUp() override {
    SeededDatabase::SetUp();
    if (HasFatalFailure()) return;
    cohort2022_ = InsertCohort(2022);
    cohort2023_ = InsertCohort(2023);
    admin_ = InsertUser("admin", domain::Role::kAdmin);
    expert1_ = InsertUser("expert1", domain::Role::kAssessor);
    expert2_ = InsertUser("expert2", domain::Role::kAssessor);
    zhang_ = Enrol(cohort2023_, 1, "张伟", Track::kService);
    wang_ = Enrol(cohort2023_, 2, "王芳", Track::kManagement);
    li_ = Enrol(cohort2022_, 3, "李明", Track::kEducationResearch);
  }

  Round MakeRound(int64_t cohort_id, const std::string& name, int position, bool final = false) {
    Round r;
    r.cohort_id = cohort_id;
    r.name = name;
    r.position = position;
    r.final = final;
    r.state = RoundState::kDraft;
    return r;
  }

  // Inserts a round expected to be accepted; returns it with its id.
  Round InsertRound(int64_t cohort_id, const std::string& name, int position,
                    bool final = false) {
    Round r = MakeRound(cohort_id, name, position, final);
    EXPECT_THAT(RoundRepository::Insert(*db_, &r, 100), IsOk()) << name;
    EXPECT_GT(r.id, 0);
    return r;
  }

  std::vector<Round> List(int64_t cohort_id) {
    auto list = RoundRepository::List(*db_, cohort_id);
    EXPECT_THAT(list, IsOk());
    return list.ok() ? *list : std::vector<Round>{};
  }

  std::vector<Assignment> Assignments(int64_t round_id, int64_t assessor_id) {
    auto list = RoundRepository::ListAssignments(*db_, round_id, assessor_id);
    EXPECT_THAT(list, IsOk());
    return list.ok() ? *list : std::vector<Assignment>{};
  }

  bool Assign(int64_t round_id, int64_t enrolment_id, int64_t assessor_id) {
    auto fresh = RoundRepository::Assign(*db_, round_id, enrolment_id, assessor_id, 200);
    EXPECT_THAT(fresh, IsOk());
    return fresh.ok() && *fresh;
  }

  bool IsAssigned(int64_t round_id, int64_t enrolment_id, int64_t assessor_id) {
    auto assigned = RoundRepository::IsAssigned(*db_, round_id, enrolment_id, assessor_id);
    EXPECT_THAT(assigned, IsOk());
    return assigned.ok() && *assigned;
  }

  bool HasConflict(int64_t assessor_id, int64_t enrolment_id) {
    auto conflict = RoundRepository::HasConflict(*db_, assessor_id, enrolment_id);
    EXPECT_THAT(conflict, IsOk());
    return conflict.ok() && *conflict;
  }

  int64_t cohort2022_ = 0, cohort2023_ = 0;
  int64_t admin_ = 0, expert1_ = 0, expert2_ = 0;
  int64_t zhang_ = 0, wang_ = 0, li_ = 0;
};

TEST_F(RoundRepositoryTest, InsertListFindRoundTrip) {
  Round final_round = InsertRound(cohort2023_, "年度考核", 2, /*final=*/true);
  Round first = InsertRound(cohort2023_, "中期考核", 1);
  ASSERT_NE(first.id, final_round.id);
  std::vector<Round> rounds = List(cohort2023_);
  ASSERT_EQ(rounds.size(), 2u);
  EXPECT_EQ(Row(rounds[0]), Row(first));
  EXPECT_EQ(Row(rounds[1]), Row(final_round));
  EXPECT_EQ(rounds[1].state, RoundState::kDraft);
  EXPECT_TRUE(rounds[1].final);
  EXPECT_FALSE(rounds[0].final);

  auto found = RoundRepository::Find(*db_, cohort2023_, 2);
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(Row(*found), Row(final_round));
  EXPECT_THAT(RoundRepository::Find(*db_, cohort2023_, 3),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("position 3")));
  // Another cohort's rounds are its own.
  EXPECT_THAT(RoundRepository::Find(*db_, cohort2022_, 1), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(List(cohort2022_), IsEmpty());

  ASSERT_THAT(RoundRepository::UpdateState(*db_, first.id, RoundState::kOpen, 300), IsOk());
  found = RoundRepository::Find(*db_, cohort2023_, 1);
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->state, RoundState::kOpen);
  found = RoundRepository::Find(*db_, cohort2023_, 2);
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->state, RoundState::kDraft);
}

TEST_F(RoundRepositoryTest, ListIsByPositionNotByInsertion) {
  InsertRound(cohort2023_, "丙", 30, /*final=*/true);
  InsertRound(cohort2023_, "甲", 1);
  InsertRound(cohort2023_, "乙", 12);
  InsertRound(cohort2023_, "丁", 4);
  EXPECT_THAT(Names(List(cohort2023_)), ElementsAre("1 甲", "4 丁", "12 乙", "30 丙"));
}

TEST_F(RoundRepositoryTest, TakenNameOrPositionIsAlreadyExists) {
  InsertRound(cohort2023_, "中期考核", 1);
  Round same_name = MakeRound(cohort2023_, "中期考核", 2);
  EXPECT_THAT(RoundRepository::Insert(*db_, &same_name, 100),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("中期考核")));
  Round same_position = MakeRound(cohort2023_, "年度考核", 1);
  EXPECT_THAT(RoundRepository::Insert(*db_, &same_position, 100),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("position 1")));
  EXPECT_EQ(List(cohort2023_).size(), 1u);
  // Another cohort may use both.
  InsertRound(cohort2022_, "中期考核", 1);
  EXPECT_EQ(List(cohort2022_).size(), 1u);
}

TEST_F(RoundRepositoryTest, OneFinalRoundPerCohortIsEnforcedBySql) {
  InsertRound(cohort2023_, "年度考核", 5, /*final=*/true);
  // Name and position free: only the partial unique index refuses it.
  Round second = MakeRound(cohort2023_, "终期考核", 6, /*final=*/true);
  EXPECT_THAT(RoundRepository::Insert(*db_, &second, 100),
              StatusIs(absl::StatusCode::kAlreadyExists));
  // Raw SQL, past every check in C++.
  std::string sql = "INSERT INTO rounds (cohort_id, name, position, final, state, create_time, "
                    "update_time) VALUES (" +
                    std::to_string(cohort2023_) + ", '另一期末', 7, 1, 1, 0, 0)";
  EXPECT_THAT(db_->Execute(sql.c_str()), StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_EQ(List(cohort2023_).size(), 1u);
  // Non-final rounds are not limited by it, nor is another cohort's final.
  InsertRound(cohort2023_, "中期考核", 1);
  InsertRound(cohort2023_, "第二次考核", 2);
  InsertRound(cohort2022_, "年度考核", 5, /*final=*/true);
  EXPECT_EQ(List(cohort2023_).size(), 3u);
}

TEST_F(RoundRepositoryTest, AssignIsNewOnceThenNot) {
  Round r1 = InsertRound(cohort2023_, "中期考核", 1);
  Round r2 = InsertRound(cohort2023_, "年度考核", 2, /*final=*/true);
  EXPECT_FALSE(IsAssigned(r1.id, zhang_, expert1_));
  EXPECT_TRUE(Assign(r1.id, zhang_, expert1_));
  EXPECT_FALSE(Assign(r1.id, zhang_, expert1_));
  EXPECT_TRUE(IsAssigned(r1.id, zhang_, expert1_));
  // Every other pair is its own.
  EXPECT_FALSE(IsAssigned(r1.id, zhang_, expert2_));
  EXPECT_FALSE(IsAssigned(r1.id, wang_, expert1_));
  EXPECT_FALSE(IsAssigned(r2.id, zhang_, expert1_));
  EXPECT_TRUE(Assign(r2.id, zhang_, expert1_));
  EXPECT_TRUE(IsAssigned(r2.id, zhang_, expert1_));
  EXPECT_EQ(Assignments(r1.id, 0).size(), 1u);
}

TEST_F(RoundRepositoryTest, ConflictIsRecordedOnceWithTheFirstReason) {
  EXPECT_FALSE(HasConflict(expert1_, zhang_));
  ASSERT_THAT(RoundRepository::AddConflict(*db_, expert1_, zhang_, "曾为其督导", admin_, 500),
              IsOk());
  EXPECT_TRUE(HasConflict(expert1_, zhang_));
  EXPECT_FALSE(HasConflict(expert2_, zhang_));
  EXPECT_FALSE(HasConflict(expert1_, wang_));
  ASSERT_THAT(RoundRepository::AddConflict(*db_, expert1_, zhang_, "亲属关系", admin_, 600),
              IsOk());
  auto list = RoundRepository::ListConflicts(*db_, cohort2023_);
  ASSERT_THAT(list, IsOk());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].reason, "曾为其督导");
  EXPECT_EQ((*list)[0].create_time, 500);
}

TEST_F(RoundRepositoryTest, ListConflictsIsLimitedToTheCohort) {
  ASSERT_THAT(RoundRepository::AddConflict(*db_, expert2_, wang_, "同一项目组", admin_, 500),
              IsOk());
  ASSERT_THAT(RoundRepository::AddConflict(*db_, expert1_, li_, "曾为其督导", admin_, 510),
              IsOk());
  ASSERT_THAT(RoundRepository::AddConflict(*db_, expert2_, zhang_, "同事", admin_, 520), IsOk());
  ASSERT_THAT(RoundRepository::AddConflict(*db_, expert1_, zhang_, "亲属", admin_, 530), IsOk());
  auto list = RoundRepository::ListConflicts(*db_, cohort2023_);
  ASSERT_THAT(list, IsOk());
  std::vector<std::string> seen;
  for (const Conflict& c : *list) {
    seen.push_back(c.assessor + " " + std::to_string(c.enrolment_id) + " " + c.candidate + " " +
                   c.reason + " " + std::to_string(c.create_time));
  }
  // By enrolment, then assessor; 李明 (2022) not among them.
  EXPECT_THAT(seen, ElementsAre("expert1 " + std::to_string(zhang_) + " 张伟 亲属 530",
                                "expert2 " + std::to_string(zhang_) + " 张伟 同事 520",
                                "expert2 " + std::to_string(wang_) + " 王芳 同一项目组 500"));
  auto list2022 = RoundRepository::ListConflicts(*db_, cohort2022_);
  ASSERT_THAT(list2022, IsOk());
  ASSERT_EQ(list2022->size(), 1u);
  EXPECT_EQ((*list2022)[0].candidate, "李明");
}

TEST_F(RoundRepositoryTest, ListAssignmentsFiltersByAssessor) {
  Round r1 = InsertRound(cohort2023_, "中期考核", 1);
  Round r2 = InsertRound(cohort2023_, "年度考核", 2, /*final=*/true);
  ASSERT_TRUE(Assign(r1.id, wang_, expert2_));
  ASSERT_TRUE(Assign(r1.id, zhang_, expert2_));
  ASSERT_TRUE(Assign(r1.id, zhang_, expert1_));
  ASSERT_TRUE(Assign(r2.id, wang_, expert1_));
  std::string z = std::to_string(zhang_), w = std::to_string(wang_);
  // By enrolment, then assessor; service is 1, management 2.
  EXPECT_THAT(Pairs(Assignments(r1.id, 0)),
              ElementsAre(z + " 张伟 1 expert1", z + " 张伟 1 expert2", w + " 王芳 2 expert2"));
  EXPECT_THAT(Pairs(Assignments(r1.id, expert2_)),
              ElementsAre(z + " 张伟 1 expert2", w + " 王芳 2 expert2"));
  EXPECT_THAT(Pairs(Assignments(r1.id, expert1_)), ElementsAre(z + " 张伟 1 expert1"));
  EXPECT_THAT(Pairs(Assignments(r2.id, 0)), ElementsAre(w + " 王芳 2 expert1"));
  EXPECT_THAT(Assignments(r2.id, expert2_), IsEmpty());
  EXPECT_THAT(Assignments(r1.id, admin_), IsEmpty());
}

TEST_F(RoundRepositoryTest, SchemaRefusesAnUnknownRoundState) {
  Round r = MakeRound(cohort2023_, "中期考核", 1);
  r.state = RoundState::kUnspecified;
  EXPECT_THAT(RoundRepository::Insert(*db_, &r, 100), Not(IsOk()));
  EXPECT_THAT(List(cohort2023_), IsEmpty());
}

}  // namespace
}  // namespace talent::storage

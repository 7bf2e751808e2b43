// SheetRepository against real SQLite (migration 4): finding, inserting and
// updating sheets with their points per criterion, the one sheet per
// (round, enrolment, assessor), the schema's checks, and the change history
// (docs/rules.md §11) round trip.
#include "server/storage/sheet_repository.h"

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/national_id.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/audit_log.h"
#include "server/storage/enrolment_repository.h"
#include "server/storage/migrations.h"
#include "server/storage/programme_repository.h"
#include "server/storage/round_repository.h"
#include "server/storage/user_repository.h"
#include "tests/testing/status_matchers.h"
#include "tests/storage/seeded_database.h"
#include "tests/testing/temp_dir.h"

namespace talent::storage {
namespace {

using domain::Sheet;
using domain::SheetChange;
using domain::SheetState;
using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Optional;

constexpr size_t kCriteria = 6;
using PointList = std::vector<std::optional<int64_t>>;

// "time user change old→new [reason]" of each change, in order.
std::vector<std::string> Lines(const std::vector<SheetChange>& changes) {
  std::vector<std::string> out;
  for (const SheetChange& c : changes) {
    out.push_back(std::to_string(c.time) + " " + c.user + " " + c.change + " " + c.old_value +
                  "→" + c.new_value + " [" + c.reason + "]");
  }
  return out;
}

class SheetRepositoryTest : public SeededDatabase {
 protected:
  void SetUp() override {
    SeededDatabase::SetUp();
    if (HasFatalFailure()) return;
    cohort_id_ = InsertCohort(2023);
    admin_ = InsertUser("admin", domain::Role::kAdmin);
    expert1_ = InsertUser("expert1", domain::Role::kAssessor);
    expert2_ = InsertUser("expert2", domain::Role::kAssessor);
    zhang_ = Enrol(cohort_id_, 1, "张伟", domain::Track::kService);
    wang_ = Enrol(cohort_id_, 2, "王芳", domain::Track::kService);
    round1_ = InsertRound("中期考核", 1, false);
    round2_ = InsertRound("年度考核", 2, true);
  }

  int64_t InsertRound(const std::string& name, int position, bool final) {
    domain::Round r;
    r.cohort_id = cohort_id_;
    r.name = name;
    r.position = position;
    r.final = final;
    r.state = domain::RoundState::kOpen;
    EXPECT_THAT(RoundRepository::Insert(*db_, &r, 100), IsOk());
    return r.id;
  }

  Sheet MakeSheet(int64_t round_id, int64_t enrolment_id, int64_t assessor_id,
                  PointList points = PointList(kCriteria)) {
    Sheet s;
    s.round_id = round_id;
    s.enrolment_id = enrolment_id;
    s.assessor_id = assessor_id;
    s.points = std::move(points);
    return s;
  }

  std::optional<Sheet> Find(int64_t round_id, int64_t enrolment_id, int64_t assessor_id,
                            size_t criteria = kCriteria) {
    auto found = SheetRepository::Find(*db_, round_id, enrolment_id, assessor_id, criteria);
    EXPECT_THAT(found, IsOk());
    return found.ok() ? *found : std::nullopt;
  }

  // A count from SQL with no parameters.
  int64_t Count(const char* sql) {
    auto st = db_->Prepare(sql);
    EXPECT_THAT(st, IsOk());
    if (!st.ok()) return -1;
    auto row = (*st)->Step();
    EXPECT_THAT(row, IsOk());
    int64_t n = row.ok() && *row ? (*st)->ColumnInt(0) : -1;
    (*st)->Reset();
    return n;
  }

  std::vector<std::string> History(int64_t sheet_id) {
    auto history = SheetRepository::History(*db_, sheet_id);
    EXPECT_THAT(history, IsOk());
    return history.ok() ? Lines(*history) : std::vector<std::string>{};
  }

  int64_t cohort_id_ = 0;
  int64_t admin_ = 0, expert1_ = 0, expert2_ = 0;
  int64_t zhang_ = 0, wang_ = 0;
  int64_t round1_ = 0, round2_ = 0;
};

TEST_F(SheetRepositoryTest, FindBeforeSavingIsNullopt) {
  EXPECT_EQ(Find(round1_, zhang_, expert1_), std::nullopt);
  Sheet s = MakeSheet(round1_, zhang_, expert1_, {125, {}, {}, {}, {}, {}});
  ASSERT_THAT(SheetRepository::Save(*db_, &s, 500), IsOk());
  // Another assessor, enrolment or round still has none.
  EXPECT_EQ(Find(round1_, zhang_, expert2_), std::nullopt);
  EXPECT_EQ(Find(round1_, wang_, expert1_), std::nullopt);
  EXPECT_EQ(Find(round2_, zhang_, expert1_), std::nullopt);
  EXPECT_NE(Find(round1_, zhang_, expert1_), std::nullopt);
}

TEST_F(SheetRepositoryTest, SaveInsertsThenUpdates) {
  Sheet s = MakeSheet(round1_, zhang_, expert1_, {125, {}, 200, {}, {}, 0});
  s.comment = "初评";
  ASSERT_THAT(SheetRepository::Save(*db_, &s, 500), IsOk());
  ASSERT_GT(s.id, 0);
  EXPECT_EQ(s.update_time, 500);

  std::optional<Sheet> found = Find(round1_, zhang_, expert1_);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, s.id);
  EXPECT_EQ(found->round_id, round1_);
  EXPECT_EQ(found->enrolment_id, zhang_);
  EXPECT_EQ(found->assessor_id, expert1_);
  EXPECT_EQ(found->assessor, "expert1");
  EXPECT_EQ(found->state, SheetState::kDraft);
  EXPECT_EQ(found->points, (PointList{125, {}, 200, {}, {}, 0}));
  EXPECT_EQ(found->comment, "初评");
  EXPECT_EQ(found->update_time, 500);

  // Update: points replaced as a whole (a criterion no longer set is gone).
  Sheet changed = *found;
  changed.points = {130, 100, {}, {}, {}, 0};
  changed.state = SheetState::kSubmitted;
  changed.comment = "复评";
  ASSERT_THAT(SheetRepository::Save(*db_, &changed, 600), IsOk());
  EXPECT_EQ(changed.id, s.id);
  found = Find(round1_, zhang_, expert1_);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, s.id);
  EXPECT_EQ(found->state, SheetState::kSubmitted);
  EXPECT_EQ(found->points, (PointList{130, 100, {}, {}, {}, 0}));
  EXPECT_EQ(found->comment, "复评");
  EXPECT_EQ(found->update_time, 600);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sheets"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sheet_points"), 3);

  // Back to draft with nothing scored.
  changed.points = PointList(kCriteria);
  changed.state = SheetState::kDraft;
  ASSERT_THAT(SheetRepository::Save(*db_, &changed, 700), IsOk());
  found = Find(round1_, zhang_, expert1_);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->points, PointList(kCriteria));
  EXPECT_EQ(found->state, SheetState::kDraft);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sheet_points"), 0);
}

TEST_F(SheetRepositoryTest, FindSizesPointsByTheCriteriaCount) {
  Sheet s = MakeSheet(round1_, zhang_, expert1_, {10, 20, 30, 40, 50, 60});
  ASSERT_THAT(SheetRepository::Save(*db_, &s, 500), IsOk());
  std::optional<Sheet> three = Find(round1_, zhang_, expert1_, 3);
  ASSERT_TRUE(three.has_value());
  EXPECT_EQ(three->points, (PointList{10, 20, 30}));
  std::optional<Sheet> eight = Find(round1_, zhang_, expert1_, 8);
  ASSERT_TRUE(eight.has_value());
  EXPECT_EQ(eight->points, (PointList{10, 20, 30, 40, 50, 60, {}, {}}));
}

TEST_F(SheetRepositoryTest, OneSheetPerRoundEnrolmentAndAssessor) {
  Sheet first = MakeSheet(round1_, zhang_, expert1_, {125, {}, {}, {}, {}, {}});
  ASSERT_THAT(SheetRepository::Save(*db_, &first, 500), IsOk());
  Sheet second = MakeSheet(round1_, zhang_, expert1_, {10, {}, {}, {}, {}, {}});
  EXPECT_THAT(SheetRepository::Save(*db_, &second, 600),
              StatusIs(absl::StatusCode::kAlreadyExists));
  std::optional<Sheet> found = Find(round1_, zhang_, expert1_);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, first.id);
  EXPECT_THAT(found->points[0], Optional(125));
  EXPECT_EQ(found->update_time, 500);

  // Any one part different is another sheet.
  Sheet other_assessor = MakeSheet(round1_, zhang_, expert2_);
  Sheet other_enrolment = MakeSheet(round1_, wang_, expert1_);
  Sheet other_round = MakeSheet(round2_, zhang_, expert1_);
  EXPECT_THAT(SheetRepository::Save(*db_, &other_assessor, 700), IsOk());
  EXPECT_THAT(SheetRepository::Save(*db_, &other_enrolment, 700), IsOk());
  EXPECT_THAT(SheetRepository::Save(*db_, &other_round, 700), IsOk());
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT id) FROM sheets"), 4);
}

TEST_F(SheetRepositoryTest, SchemaRefusesNegativePointsAndUnknownStates) {
  std::string bad_state = absl::StrCat(
      "INSERT INTO sheets (round_id, enrolment_id, assessor_id, state, update_time) VALUES (",
      round1_, ", ", zhang_, ", ", expert1_, ", 3, 0)");
  EXPECT_THAT(db_->Execute(bad_state.c_str()), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sheets"), 0);
  Sheet s = MakeSheet(round1_, zhang_, expert1_);
  ASSERT_THAT(SheetRepository::Save(*db_, &s, 500), IsOk());
  s.points[0] = -1;
  EXPECT_THAT(SheetRepository::Save(*db_, &s, 600),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  // A sheet of a round that does not exist (foreign keys on).
  Sheet orphan = MakeSheet(round2_ + 100, zhang_, expert1_);
  EXPECT_THAT(SheetRepository::Save(*db_, &orphan, 500),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(SheetRepositoryTest, AddChangeAndHistoryRoundTripOldestFirst) {
  Sheet s = MakeSheet(round1_, zhang_, expert1_, {125, {}, {}, {}, {}, {}});
  ASSERT_THAT(SheetRepository::Save(*db_, &s, 500), IsOk());
  Sheet other = MakeSheet(round1_, zhang_, expert2_);
  ASSERT_THAT(SheetRepository::Save(*db_, &other, 500), IsOk());
  EXPECT_THAT(History(s.id), IsEmpty());

  ASSERT_THAT(SheetRepository::AddChange(*db_, s.id, domain::Actor{expert1_, "", 0, ""},
                                         {500, "", "points:theory", "", "12.5", ""}),
              IsOk());
  ASSERT_THAT(SheetRepository::AddChange(*db_, other.id, domain::Actor{expert2_, "", 0, ""},
                                         {510, "", "comment", "", "别人的", ""}),
              IsOk());
  ASSERT_THAT(SheetRepository::AddChange(*db_, s.id, domain::Actor{expert1_, "", 0, ""},
                                         {520, "", "points:theory", "12.5", "13.0", ""}),
              IsOk());
  ASSERT_THAT(SheetRepository::AddChange(*db_, s.id, domain::Actor{expert1_, "", 0, ""},
                                         {520, "", "comment", "", "初评", ""}),
              IsOk());
  ASSERT_THAT(SheetRepository::AddChange(*db_, s.id, domain::Actor{expert1_, "", 0, ""},
                                         {530, "", "submit", "draft", "submitted", ""}),
              IsOk());
  // Several changes in one second keep the order they were added in.
  ASSERT_THAT(SheetRepository::AddChange(*db_, s.id, domain::Actor{admin_, "", 0, ""},
                                         {540, "", "reopen", "submitted", "draft", "申诉复核"}),
              IsOk());
  ASSERT_THAT(SheetRepository::AddChange(*db_, s.id, domain::Actor{expert1_, "", 0, ""},
                                         {540, "", "points:ethics", "", "9.5", ""}),
              IsOk());

  EXPECT_THAT(History(s.id), ElementsAre("500 expert1 points:theory →12.5 []",
                                         "520 expert1 points:theory 12.5→13.0 []",
                                         "520 expert1 comment →初评 []",
                                         "530 expert1 submit draft→submitted []",
                                         "540 admin reopen submitted→draft [申诉复核]",
                                         "540 expert1 points:ethics →9.5 []"));
  EXPECT_THAT(History(other.id), ElementsAre("510 expert2 comment →别人的 []"));
  EXPECT_THAT(History(other.id + 100), IsEmpty());
}

TEST_F(SheetRepositoryTest, HistoryRecordsTheTokenAndWritesMarkTheSheetCovered) {
  Sheet s = MakeSheet(round1_, zhang_, expert1_);
  db_->TakeCovered();
  ASSERT_THAT(SheetRepository::Save(*db_, &s, 500), IsOk());
  EXPECT_EQ(db_->TakeCovered(), std::set<std::string>{AuditLog::SheetKey(s.id)});
  ASSERT_THAT(SheetRepository::AddChange(*db_, s.id, domain::Actor{expert1_, "expert1", 42, ""},
                                         {500, "", "comment", "", "好", ""}),
              IsOk());
  EXPECT_EQ(db_->TakeCovered(), std::set<std::string>{AuditLog::SheetKey(s.id)});
  auto history = SheetRepository::History(*db_, s.id);
  ASSERT_THAT(history, IsOk());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].token_id, 42);
  auto deleted = SheetRepository::DeleteDraft(*db_, s.id);
  ASSERT_THAT(deleted, IsOk());
  EXPECT_TRUE(*deleted);
  EXPECT_EQ(db_->TakeCovered(), std::set<std::string>{AuditLog::SheetKey(s.id)});
}

TEST_F(SheetRepositoryTest, ListRoundReadsEverySheetOfTheRoundWithItsStateAndPoints) {
  Sheet draft = MakeSheet(round1_, wang_, expert1_, {10, std::nullopt, 0, 0, 0, 0});
  ASSERT_THAT(SheetRepository::Save(*db_, &draft, 300), IsOk());
  Sheet submitted = MakeSheet(round1_, zhang_, expert2_, {100, 110, 200, 150, 150, 180});
  submitted.state = SheetState::kSubmitted;
  ASSERT_THAT(SheetRepository::Save(*db_, &submitted, 301), IsOk());
  Sheet empty = MakeSheet(round1_, zhang_, expert1_);  // no points at all yet
  ASSERT_THAT(SheetRepository::Save(*db_, &empty, 302), IsOk());
  Sheet elsewhere = MakeSheet(round2_, zhang_, expert1_, {1, 1, 1, 1, 1, 1});
  ASSERT_THAT(SheetRepository::Save(*db_, &elsewhere, 303), IsOk());

  auto sheets = SheetRepository::ListRound(*db_, round1_, kCriteria);
  ASSERT_THAT(sheets, IsOk());
  ASSERT_EQ(sheets->size(), 3u);  // by enrolment, then sheet: zhang's two, then wang's
  EXPECT_EQ((*sheets)[0].id, submitted.id);
  EXPECT_EQ((*sheets)[0].assessor, "expert2");
  EXPECT_EQ((*sheets)[0].state, SheetState::kSubmitted);
  EXPECT_EQ((*sheets)[0].points, PointList({100, 110, 200, 150, 150, 180}));
  EXPECT_EQ((*sheets)[1].id, empty.id);
  EXPECT_EQ((*sheets)[1].points, PointList(kCriteria));
  EXPECT_EQ((*sheets)[2].id, draft.id);
  EXPECT_EQ((*sheets)[2].enrolment_id, wang_);
  EXPECT_EQ((*sheets)[2].state, SheetState::kDraft);
  EXPECT_EQ((*sheets)[2].points, PointList({10, std::nullopt, 0, 0, 0, 0}));
  EXPECT_EQ((*sheets)[2].update_time, 300);
}

}  // namespace
}  // namespace talent::storage

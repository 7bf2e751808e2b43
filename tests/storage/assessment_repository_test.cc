#include "server/storage/assessment_repository.h"

#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/migrations.h"
#include "server/storage/programme_repository.h"
#include "tests/storage/seeded_database.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace talent::storage {
namespace {

using domain::AssessmentRules;
using domain::Cohort;
using domain::CohortState;
using domain::Criterion;
using domain::Programme;
using domain::Rubric;
using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::testing::ElementsAreArray;

using CriterionRow = std::tuple<std::string, std::string, std::string, int64_t, bool>;

// A rubric as comparable rows, in order.
std::vector<CriterionRow> Rows(const Rubric& rubric) {
  std::vector<CriterionRow> out;
  for (const Criterion& c : rubric.criteria) {
    out.emplace_back(c.code, c.name_zh, c.name_en, c.max_tenths, c.veto);
  }
  return out;
}

// Every field of the rules, comparable.
auto Fields(const AssessmentRules& r) {
  return std::make_tuple(static_cast<int>(r.aggregation), r.min_sheets, r.excellent_from,
                         r.good_from, r.pass_from, r.veto_percent, r.excellent_cap_percent,
                         r.disagreement_tenths, r.notice_days, r.eliminate_fail,
                         r.eliminate_absent, r.eliminate_bottom_k, r.eliminate_bottom_percent,
                         r.eliminate_two_pass);
}

// Non-default values in every one of the 14 fields, the veto in the middle
// and the extreme maxima.
Rubric CustomRubric() {
  return Rubric{{
      {"practice", "实务能力", "Practice", 1000, false},
      {"ethics", "职业伦理", "Professional ethics", 195, true},
      {"tiny", "微", "Tiny", 1, false},
  }};
}

AssessmentRules CustomRules() {
  AssessmentRules r;
  r.aggregation = domain::Aggregation::kMedian;
  r.min_sheets = 7;
  r.excellent_from = 9250;
  r.good_from = 8125;
  r.pass_from = 5550;
  r.veto_percent = 45;
  r.excellent_cap_percent = 15;
  r.disagreement_tenths = 155;
  r.notice_days = 12;
  r.eliminate_fail = false;
  r.eliminate_absent = false;
  r.eliminate_bottom_k = 4;
  r.eliminate_bottom_percent = 10;
  r.eliminate_two_pass = true;
  return r;
}

class AssessmentRepositoryTest : public MigratedDatabase {
 protected:
  void SetUp() override {
    MigratedDatabase::SetUp();
    if (HasFatalFailure()) return;
    Programme p;
    p.code = "SCSW";
    p.title = "四川社会工作人才计划";
    p.issuer = "四川省民政厅";
    p.start_year = 2020;
    p.end_year = 2030;
    p.talent_target = 300;
    ASSERT_THAT(ProgrammeRepository::Insert(*db_, &p), IsOk());
    cohort_a_ = InsertCohort(p, 2022);
    cohort_b_ = InsertCohort(p, 2023);
    ASSERT_NE(cohort_a_, cohort_b_);
  }

  int64_t InsertCohort(const Programme& p, int year) {
    Cohort c;
    c.programme_id = p.id;
    c.programme_code = p.code;
    c.year = year;
    c.state = CohortState::kDraft;
    c.quotas = {10, 10, 10};
    EXPECT_THAT(CohortRepository::Insert(*db_, &c), IsOk());
    EXPECT_GT(c.id, 0);
    return c.id;
  }

  int64_t QueryInt(const char* sql, int64_t cohort_id) {
    auto st = db_->Prepare(sql);
    EXPECT_THAT(st, IsOk());
    if (!st.ok()) return -1;
    (*st)->Bind(1, cohort_id);
    auto row = (*st)->Step();
    EXPECT_THAT(row, IsOk());
    int64_t n = row.ok() && *row ? (*st)->ColumnInt(0) : -1;
    (*st)->Reset();
    return n;
  }

  int64_t cohort_a_ = 0;
  int64_t cohort_b_ = 0;
};

TEST_F(AssessmentRepositoryTest, NothingSavedLoadsTheDefaultRubric) {
  auto rubric = AssessmentRepository::LoadRubric(*db_, cohort_a_);
  ASSERT_THAT(rubric, IsOk());
  ASSERT_EQ(rubric->criteria.size(), 6u);
  EXPECT_THAT(Rows(*rubric), ElementsAreArray(Rows(domain::DefaultRubric())));
}

TEST_F(AssessmentRepositoryTest, NothingSavedLoadsTheDefaultRules) {
  auto rules = AssessmentRepository::LoadRules(*db_, cohort_a_);
  ASSERT_THAT(rules, IsOk());
  EXPECT_EQ(Fields(*rules), Fields(AssessmentRules{}));
}

TEST_F(AssessmentRepositoryTest, SavedRubricLoadsBackInOrderWithEveryField) {
  ASSERT_THAT(AssessmentRepository::SaveRubric(*db_, cohort_a_, CustomRubric()), IsOk());
  auto rubric = AssessmentRepository::LoadRubric(*db_, cohort_a_);
  ASSERT_THAT(rubric, IsOk());
  EXPECT_THAT(Rows(*rubric), ElementsAreArray(Rows(CustomRubric())));
  EXPECT_EQ(rubric->VetoIndex(), 1);
  EXPECT_EQ(rubric->TotalTenths(), 1196);
}

TEST_F(AssessmentRepositoryTest, SavedRulesLoadBackWithEveryField) {
  // The custom rules differ from the defaults in all 14 fields, so a field
  // neither written nor read would show.
  AssessmentRules defaults;
  AssessmentRules custom = CustomRules();
  ASSERT_NE(custom.aggregation, defaults.aggregation);
  ASSERT_NE(custom.min_sheets, defaults.min_sheets);
  ASSERT_NE(custom.excellent_from, defaults.excellent_from);
  ASSERT_NE(custom.good_from, defaults.good_from);
  ASSERT_NE(custom.pass_from, defaults.pass_from);
  ASSERT_NE(custom.veto_percent, defaults.veto_percent);
  ASSERT_NE(custom.excellent_cap_percent, defaults.excellent_cap_percent);
  ASSERT_NE(custom.disagreement_tenths, defaults.disagreement_tenths);
  ASSERT_NE(custom.notice_days, defaults.notice_days);
  ASSERT_NE(custom.eliminate_fail, defaults.eliminate_fail);
  ASSERT_NE(custom.eliminate_absent, defaults.eliminate_absent);
  ASSERT_NE(custom.eliminate_bottom_k, defaults.eliminate_bottom_k);
  ASSERT_NE(custom.eliminate_bottom_percent, defaults.eliminate_bottom_percent);
  ASSERT_NE(custom.eliminate_two_pass, defaults.eliminate_two_pass);

  ASSERT_THAT(AssessmentRepository::SaveRules(*db_, cohort_a_, custom, /*now=*/5000), IsOk());
  auto rules = AssessmentRepository::LoadRules(*db_, cohort_a_);
  ASSERT_THAT(rules, IsOk());
  EXPECT_EQ(rules->aggregation, domain::Aggregation::kMedian);
  EXPECT_EQ(rules->min_sheets, 7);
  EXPECT_EQ(rules->excellent_from, 9250);
  EXPECT_EQ(rules->good_from, 8125);
  EXPECT_EQ(rules->pass_from, 5550);
  EXPECT_EQ(rules->veto_percent, 45);
  EXPECT_EQ(rules->excellent_cap_percent, 15);
  EXPECT_EQ(rules->disagreement_tenths, 155);
  EXPECT_EQ(rules->notice_days, 12);
  EXPECT_FALSE(rules->eliminate_fail);
  EXPECT_FALSE(rules->eliminate_absent);
  EXPECT_EQ(rules->eliminate_bottom_k, 4);
  EXPECT_EQ(rules->eliminate_bottom_percent, 10);
  EXPECT_TRUE(rules->eliminate_two_pass);
  EXPECT_EQ(QueryInt("SELECT update_time FROM cohort_rules WHERE cohort_id = ?", cohort_a_),
            5000);
}

TEST_F(AssessmentRepositoryTest, SavingTheRubricAgainReplacesItRatherThanAppending) {
  ASSERT_THAT(AssessmentRepository::SaveRubric(*db_, cohort_a_, CustomRubric()), IsOk());
  Rubric shorter{{
      {"tiny", "微", "Tiny", 5, true},
      {"research", "研究", "Research", 300, false},
  }};
  // "tiny" keeps its code at a new position: no UNIQUE clash with the old row.
  ASSERT_THAT(AssessmentRepository::SaveRubric(*db_, cohort_a_, shorter), IsOk());
  auto rubric = AssessmentRepository::LoadRubric(*db_, cohort_a_);
  ASSERT_THAT(rubric, IsOk());
  EXPECT_THAT(Rows(*rubric), ElementsAreArray(Rows(shorter)));
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM rubric_criteria WHERE cohort_id = ?", cohort_a_), 2);
}

TEST_F(AssessmentRepositoryTest, SavingTheRulesAgainReplacesThem) {
  ASSERT_THAT(AssessmentRepository::SaveRules(*db_, cohort_a_, CustomRules(), 5000), IsOk());
  AssessmentRules second;
  second.notice_days = 20;
  ASSERT_THAT(AssessmentRepository::SaveRules(*db_, cohort_a_, second, 6000), IsOk());
  auto rules = AssessmentRepository::LoadRules(*db_, cohort_a_);
  ASSERT_THAT(rules, IsOk());
  EXPECT_EQ(Fields(*rules), Fields(second));
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM cohort_rules WHERE cohort_id = ?", cohort_a_), 1);
}

TEST_F(AssessmentRepositoryTest, RubricOfOneCohortDoesNotLeakIntoAnother) {
  ASSERT_THAT(AssessmentRepository::SaveRubric(*db_, cohort_a_, CustomRubric()), IsOk());
  auto b = AssessmentRepository::LoadRubric(*db_, cohort_b_);
  ASSERT_THAT(b, IsOk());
  EXPECT_THAT(Rows(*b), ElementsAreArray(Rows(domain::DefaultRubric())));

  // Saving B (same codes as A, by design) touches neither A's rows nor order.
  Rubric for_b{{{"ethics", "伦理", "Ethics", 100, true}}};
  ASSERT_THAT(AssessmentRepository::SaveRubric(*db_, cohort_b_, for_b), IsOk());
  auto a = AssessmentRepository::LoadRubric(*db_, cohort_a_);
  ASSERT_THAT(a, IsOk());
  EXPECT_THAT(Rows(*a), ElementsAreArray(Rows(CustomRubric())));
  b = AssessmentRepository::LoadRubric(*db_, cohort_b_);
  ASSERT_THAT(b, IsOk());
  EXPECT_THAT(Rows(*b), ElementsAreArray(Rows(for_b)));
}

TEST_F(AssessmentRepositoryTest, RulesOfOneCohortDoNotLeakIntoAnother) {
  ASSERT_THAT(AssessmentRepository::SaveRules(*db_, cohort_a_, CustomRules(), 5000), IsOk());
  auto b = AssessmentRepository::LoadRules(*db_, cohort_b_);
  ASSERT_THAT(b, IsOk());
  EXPECT_EQ(Fields(*b), Fields(AssessmentRules{}));
}

TEST_F(AssessmentRepositoryTest, SavingForAMissingCohortIsRefusedByTheForeignKey) {
  constexpr int64_t kMissing = 999;
  EXPECT_THAT(AssessmentRepository::SaveRubric(*db_, kMissing, CustomRubric()),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(AssessmentRepository::SaveRules(*db_, kMissing, CustomRules(), 5000),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace talent::storage

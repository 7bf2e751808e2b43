// talent.v1.RoundService over a real server, from the end of scoring to the
// results (docs/lifecycles.md §3, docs/rules.md §3–§7 and §14): absences
// and closing scoring, provisional results with exact scores, ranks,
// ratings, veto and eliminations, results stored at confirmation and never
// recomputed, and who may call what from closing scoring to confirmation.
// The scenario is RoundFlowFixture's: six active candidates, three
// assessors, round 1 OPEN and round 2 final and DRAFT.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/assessment_repository.h"
#include "server/storage/programme_repository.h"
#include "talent/v1/round.grpc.pb.h"
#include "talent/v1/sheet.grpc.pb.h"
#include "tests/service/round_flow_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::AppealLines;
using ::talent::testing::GrpcIs;
using ::talent::testing::kCohort2023;
using ::talent::testing::kNoticeEnd;
using ::talent::testing::kRound1;
using ::talent::testing::kRound1Lines;
using ::talent::testing::kRound2;
using ::talent::testing::Lines;
using ::talent::testing::Names;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using Code = grpc::StatusCode;

class ResultsTest : public testing::RoundFlowFixture {};

// --- Closing scoring and provisional results ----------------------------------------

TEST_F(ResultsTest, CloseScoringNamesTheShortUntilScoredOrMarkedAbsent) {
  ScoreRound1(/*complete=*/false);
  ASSERT_FALSE(HasFatalFailure());
  // 陈静 has 2 submitted sheets (a draft does not count); 赵磊 and 孙丽 none.
  grpc::Status status = CloseScoring();
  EXPECT_THAT(status, GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(status.error_message(), AllOf(Names(chen_.id()), Names(zhao_.id()),
                                            Names(sun_.id())));
  EXPECT_EQ(RoundState(kRound1), v1::ROUND_STATE_OPEN);

  ASSERT_THAT(MarkAbsent(zhao_.name(), false, "未参加"), GrpcIs(Code::OK));
  ASSERT_THAT(MarkAbsent(sun_.name(), true, "病假"), GrpcIs(Code::OK));
  status = CloseScoring();
  EXPECT_THAT(status, GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(status.error_message(),
              AllOf(Names(chen_.id()), Not(Names(zhao_.id())), Not(Names(sun_.id()))));
  EXPECT_EQ(RoundState(kRound1), v1::ROUND_STATE_OPEN);

  ASSERT_THAT(Submit(expert3_token_, chen_.name()), GrpcIs(Code::OK));
  v1::Round round;
  ASSERT_THAT(CloseScoring(kRound1, &round), GrpcIs(Code::OK));
  EXPECT_EQ(round.state(), v1::ROUND_STATE_SCORED);
  EXPECT_EQ(round.notice_start(), "");
  EXPECT_EQ(round.notice_end(), "");
  EXPECT_EQ(RoundState(kRound1), v1::ROUND_STATE_SCORED);
  // Closing twice, or recording an absence after closing, is refused.
  EXPECT_THAT(CloseScoring(), GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(MarkAbsent(chen_.name(), true, "补记"), GrpcIs(Code::FAILED_PRECONDITION));
  // Scoring is over: no sheet can be written any more.
  EXPECT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "15"}}),
              GrpcIs(Code::FAILED_PRECONDITION));
}

TEST_F(ResultsTest, MarkAbsentChecksItsArguments) {
  EXPECT_THAT(MarkAbsent(zhao_.name(), false, ""), GrpcIs(Code::INVALID_ARGUMENT,
                                                          HasSubstr("reason")));
  EXPECT_THAT(MarkAbsent("enrolments/9999", false, "未参加"), GrpcIs(Code::NOT_FOUND));
  // 周杰 was never selected: not assessed, so not absent either.
  EXPECT_THAT(MarkAbsent(zhou_.name(), false, "未参加"), GrpcIs(Code::FAILED_PRECONDITION));
  // Round 2 is still DRAFT.
  EXPECT_THAT(MarkAbsent(zhao_.name(), false, "未参加", kRound2),
              GrpcIs(Code::FAILED_PRECONDITION));
}

TEST_F(ResultsTest, GetResultsBeforeScoringClosesIsFailedPrecondition) {
  ScoreRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::RoundResults results;
  EXPECT_THAT(GetResults(&results), GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_EQ(results.results_size(), 0);
  EXPECT_THAT(GetResults(&results, kRound2), GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(GetResults(&results, "programmes/SCSW/cohorts/2023/rounds/9"),
              GrpcIs(Code::NOT_FOUND));
}

TEST_F(ResultsTest, ProvisionalResultsAfterClosingHaveExactScoresRanksAndEliminations) {
  CloseRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::RoundResults results = Results();
  EXPECT_EQ(results.round(), kRound1);
  EXPECT_TRUE(results.provisional());
  EXPECT_THAT(Lines(results), ::testing::ElementsAreArray(kRound1Lines));
  EXPECT_EQ(results.assessed(), 4);
  EXPECT_EQ(results.excellent_cap(), -1);
  EXPECT_FALSE(results.cap_exceeded_by_tie());
  EXPECT_THAT(results.criteria(),
              ElementsAre("theory", "competence", "system", "talent", "charity", "ethics"));
  ASSERT_EQ(results.results_size(), 6);
  // Each criterion aggregated on its own, in hundredths.
  EXPECT_THAT(results.results(0).criteria(),
              ElementsAre("14.00", "14.00", "19.00", "18.00", "14.00", "13.00"));
  EXPECT_THAT(results.results(1).criteria(),
              ElementsAre("14.00", "14.00", "18.00", "18.00", "14.00", "8.00"));
  EXPECT_THAT(results.results(2).criteria(),
              ElementsAre("13.67", "13.00", "17.00", "17.00", "13.00", "12.00"));
  EXPECT_THAT(results.results(4).criteria(), IsEmpty());
  // Who is who.
  EXPECT_EQ(results.results(0).enrolment(), zhang_.name());
  EXPECT_EQ(results.results(0).track(), v1::TRACK_SERVICE);
  EXPECT_EQ(results.results(1).enrolment(), li_.name());
  EXPECT_EQ(results.results(1).track(), v1::TRACK_MANAGEMENT);
  EXPECT_EQ(results.results(4).enrolment(), zhao_.name());
  EXPECT_EQ(results.results(5).enrolment(), sun_.name());
  EXPECT_EQ(results.results(5).track(), v1::TRACK_EDUCATION_RESEARCH);
  // The rules are printed under the listing.
  EXPECT_THAT(results.rules(), AllOf(Not(IsEmpty()), HasSubstr("rated fail")));
  // Provisional results change nothing yet.
  EXPECT_EQ(StageOf(li_), "STAGE_ACTIVE");
  EXPECT_EQ(StageOf(zhao_), "STAGE_ACTIVE");
}

TEST_F(ResultsTest, StoredResultsAreNotRecomputedAfterConfirmation) {
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::RoundResults provisional = Results();
  clock_.Set(kNoticeEnd);
  ASSERT_THAT(ConfirmRound(), GrpcIs(Code::OK));
  v1::RoundResults confirmed = Results();
  EXPECT_FALSE(confirmed.provisional());
  EXPECT_THAT(Lines(confirmed), ::testing::ElementsAreArray(kRound1Lines));
  EXPECT_EQ(confirmed.rules(), provisional.rules());

  // The rules are frozen for the API once a round has opened ...
  v1::SetRulesRequest set;
  set.mutable_rules()->set_cohort(kCohort2023);
  set.mutable_rules()->set_pass_from("90.00");
  set.add_update_mask("pass_from");
  v1::AssessmentRules ignored;
  EXPECT_THAT(assessment_->SetRules(AsAdmin().get(), set, &ignored),
              GrpcIs(Code::FAILED_PRECONDITION));
  // ... and a confirmed round's sheets cannot be reopened.
  v1::ReopenSheetRequest reopen;
  reopen.set_round(kRound1);
  reopen.set_enrolment(wang_.name());
  reopen.set_assessor("users/expert1");
  reopen.set_reason("确认后复核");
  v1::Sheet sheet;
  EXPECT_THAT(sheets_->ReopenSheet(AsAdmin().get(), reopen, &sheet),
              GrpcIs(Code::FAILED_PRECONDITION));

  // So a later version of the rules is written behind the API's back: a
  // pass mark of 90, no elimination for failing, and 4 sheets needed.
  {
    storage::StoreOptions options;
    auto store = storage::Store::Open(dir_.File("talent.db"), options);
    ASSERT_TRUE(store.ok()) << store.status();
    absl::Status written = (*store)->Write([](storage::Connection& db) -> absl::Status {
      auto cohort = storage::CohortRepository::Find(db, "SCSW", 2023);
      if (!cohort.ok()) return cohort.status();
      auto rules = storage::AssessmentRepository::LoadRules(db, cohort->id);
      if (!rules.ok()) return rules.status();
      rules->pass_from = 9000;
      rules->good_from = 9100;
      rules->excellent_from = 9500;
      rules->eliminate_fail = false;
      rules->min_sheets = 4;
      return storage::AssessmentRepository::SaveRules(db, cohort->id, *rules, kNoticeEnd);
    });
    ASSERT_TRUE(written.ok()) << written;
  }
  v1::GetRulesRequest get;
  get.set_cohort(kCohort2023);
  v1::AssessmentRules now;
  ASSERT_THAT(assessment_->GetRules(AsAdmin().get(), get, &now), GrpcIs(Code::OK));
  ASSERT_EQ(now.pass_from(), "90.00");  // the new rules are in force
  ASSERT_EQ(now.min_sheets(), 4);

  v1::RoundResults later = Results();
  EXPECT_EQ(later.SerializeAsString(), confirmed.SerializeAsString());
  EXPECT_THAT(Lines(later), ::testing::ElementsAreArray(kRound1Lines));
  EXPECT_EQ(later.rules(), provisional.rules());
  EXPECT_NE(later.rules(), now.description());
  // The eliminated are no longer active, yet stay listed with their names.
  EXPECT_EQ(StageOf(li_), "STAGE_ELIMINATED [中期考核: rated fail by the veto criterion]");
}

// --- Who may call what ------------------------------------------------------------

TEST_F(ResultsTest, OnlyAdminsConfirmAndAppealViewersRead) {
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::Appeal appeal;
  ASSERT_THAT(FileAppeal(chen_.name(), "对伦理评分有异议", &appeal), GrpcIs(Code::OK));
  clock_.Set(kNoticeEnd);
  for (const std::string& token : {assessor_token_, viewer_token_}) {
    EXPECT_THAT(ConfirmRound(kRound1, nullptr, token),
                GrpcIs(Code::PERMISSION_DENIED, HasSubstr("ConfirmRound")));
    EXPECT_THAT(FileAppeal(wang_.name(), "分数有误", nullptr, token),
                GrpcIs(Code::PERMISSION_DENIED, HasSubstr("FileAppeal")));
    EXPECT_THAT(ResolveAppeal(appeal.id(), v1::APPEAL_STATE_REJECTED, "驳回", {}, nullptr, token),
                GrpcIs(Code::PERMISSION_DENIED));
    EXPECT_THAT(PublishNotice(kRound1, nullptr, token), GrpcIs(Code::PERMISSION_DENIED));
    EXPECT_THAT(CloseScoring(kRound1, nullptr, token), GrpcIs(Code::PERMISSION_DENIED));
    EXPECT_THAT(MarkAbsent(wang_.name(), true, "病假", kRound1, token),
                GrpcIs(Code::PERMISSION_DENIED));
  }
  EXPECT_THAT(ConfirmRound(kRound1, nullptr, "not-a-token"), GrpcIs(Code::UNAUTHENTICATED));

  // The viewer reads what the admin reads.
  v1::RoundResults as_viewer;
  ASSERT_THAT(GetResults(&as_viewer, kRound1, viewer_token_), GrpcIs(Code::OK));
  EXPECT_EQ(as_viewer.SerializeAsString(), Results().SerializeAsString());
  v1::ListAppealsResponse appeals;
  ASSERT_THAT(ListAppeals(&appeals, viewer_token_), GrpcIs(Code::OK));
  EXPECT_THAT(AppealLines(appeals),
              ElementsAre(absl::StrCat(appeal.id(), " ", chen_.name(),
                                       " 陈静 APPEAL_STATE_OPEN []")));
  // An assessor reads neither.
  v1::RoundResults as_assessor;
  EXPECT_THAT(GetResults(&as_assessor, kRound1, assessor_token_),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_EQ(as_assessor.results_size(), 0);
  EXPECT_THAT(ListAppeals(&appeals, assessor_token_), GrpcIs(Code::PERMISSION_DENIED));

  // Nothing the refused calls tried happened.
  EXPECT_EQ(RoundState(kRound1), v1::ROUND_STATE_NOTICE);
  EXPECT_THAT(AppealList(), ElementsAre(absl::StrCat(appeal.id(), " ", chen_.name(),
                                                     " 陈静 APPEAL_STATE_OPEN []")));
}

}  // namespace
}  // namespace talent

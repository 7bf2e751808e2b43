// Rules of appeals during the public notice (docs/rules.md §10): filing
// only while the notice runs, resolutions, reopening only submitted sheets,
// and what still holds a confirmation back.
#include "server/domain/appeal_rules.h"

#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace talent::domain {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

constexpr absl::StatusCode kInvalid = absl::StatusCode::kInvalidArgument;
constexpr absl::StatusCode kPrecondition = absl::StatusCode::kFailedPrecondition;
constexpr int64_t kStart = 1700000000;  // 2023-11-14T22:13:20Z

Round InNotice() {
  Round r;
  r.name = "年度考核";
  r.position = 2;
  r.state = RoundState::kNotice;
  r.notice_start = kStart;
  r.notice_end = NoticeEnd(kStart, 5);
  return r;
}

TEST(CheckFileAppealTest, AcceptsDuringTheNoticeUpToItsLastSecond) {
  EXPECT_THAT(CheckFileAppeal(InNotice(), kStart), IsOk());
  EXPECT_THAT(CheckFileAppeal(InNotice(), InNotice().notice_end - 1), IsOk());
}

TEST(CheckFileAppealTest, RefusesOnceTheNoticeHasEnded) {
  EXPECT_THAT(CheckFileAppeal(InNotice(), InNotice().notice_end),
              StatusIs(kPrecondition, AllOf(HasSubstr("the public notice of round \"年度考核\" "
                                                      "ended at"),
                                            HasSubstr("appeals are no longer taken"))));
}

TEST(CheckFileAppealTest, RefusesOutsideTheNoticeNamingTheState) {
  Round r = InNotice();
  r.state = RoundState::kScored;
  EXPECT_THAT(CheckFileAppeal(r, kStart),
              StatusIs(kPrecondition, "round \"年度考核\" is scored; appeals are filed during "
                                      "its public notice"));
}

TEST(CheckResolutionTest, AmendedNamesAssessorsRejectedNamesNone) {
  std::string text = "  复核后维持原评分  ";
  EXPECT_THAT(CheckResolution(false, {}, &text), IsOk());
  EXPECT_EQ(text, "复核后维持原评分");
  text = "评分有误";
  EXPECT_THAT(CheckResolution(true, {"expert1"}, &text), IsOk());
  EXPECT_THAT(CheckResolution(true, {}, &text),
              StatusIs(kInvalid, "an amended appeal names the assessors whose sheets reopen"));
  EXPECT_THAT(CheckResolution(false, {"expert1"}, &text),
              StatusIs(kInvalid, "a rejected appeal reopens no sheet"));
}

TEST(CheckResolutionTest, ResolutionTextIsRequired) {
  std::string empty = "   ";
  EXPECT_THAT(CheckResolution(false, {}, &empty), StatusIs(kInvalid, HasSubstr("resolution")));
  std::string overlong(1001, 'x');
  EXPECT_THAT(CheckResolution(false, {}, &overlong), StatusIs(kInvalid, HasSubstr("resolution")));
}

TEST(CheckResolveAppealTest, OnlyAnOpenAppealDuringTheNotice) {
  Appeal appeal;
  appeal.id = 4;
  EXPECT_THAT(CheckResolveAppeal(InNotice(), appeal), IsOk());
  appeal.state = AppealState::kRejected;
  EXPECT_THAT(CheckResolveAppeal(InNotice(), appeal),
              StatusIs(kPrecondition, "appeal 4 is already resolved"));
  appeal.state = AppealState::kOpen;
  Round confirmed = InNotice();
  confirmed.state = RoundState::kConfirmed;
  EXPECT_THAT(CheckResolveAppeal(confirmed, appeal),
              StatusIs(kPrecondition, "appeals are resolved during the round's notice"));
}

TEST(CheckReopenForAppealTest, OnlyASubmittedSheetReopens) {
  Sheet sheet;
  sheet.state = SheetState::kSubmitted;
  EXPECT_THAT(CheckReopenForAppeal(sheet, "expert1", 12), IsOk());
  sheet.state = SheetState::kDraft;
  EXPECT_THAT(CheckReopenForAppeal(sheet, "expert1", 12),
              StatusIs(kPrecondition, "expert1 has no submitted sheet for enrolment 12"));
  EXPECT_THAT(CheckReopenForAppeal(std::nullopt, "expert2", 12),
              StatusIs(kPrecondition, "expert2 has no submitted sheet for enrolment 12"));
}

TEST(PendingAppealsTest, CountsOpenAppealsAndSheetsStillReopened) {
  std::vector<Appeal> appeals(3);
  appeals[0].state = AppealState::kOpen;
  appeals[1].state = AppealState::kRejected;
  appeals[2].state = AppealState::kAmended;
  std::vector<Sheet> sheets(3);
  sheets[0].state = SheetState::kSubmitted;
  sheets[1].state = SheetState::kDraft;
  sheets[1].appeal_id = 3;  // reopened by the amended appeal, not yet resubmitted
  sheets[2].state = SheetState::kDraft;  // an ordinary draft holds nothing back
  EXPECT_EQ(PendingAppeals(appeals, sheets), 2);
  sheets[1].appeal_id = 0;  // resubmitted: the link is cleared
  sheets[1].state = SheetState::kSubmitted;
  appeals[0].state = AppealState::kRejected;
  EXPECT_EQ(PendingAppeals(appeals, sheets), 0);
  EXPECT_EQ(PendingAppeals({}, {}), 0);
}

}  // namespace
}  // namespace talent::domain

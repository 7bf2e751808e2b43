#include "server/domain/public_notice.h"

#include <cstdint>
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

constexpr int64_t kStart = 1709251200;    // 2024-03-01T00:00:00Z
constexpr int64_t kConfirm = 1709856000;  // 2024-03-08T00:00:00Z

Round MakeRound(RoundState state, bool final) {
  Round r;
  r.id = 7;
  r.name = final ? "年度考核" : "中期考核";
  r.position = final ? 2 : 1;
  r.final = final;
  r.state = state;
  r.notice_start = kStart;
  r.notice_end = kStart + 5 * 86400;
  r.confirm_time = state == RoundState::kConfirmed ? kConfirm : 0;
  return r;
}

Programme MakeProgramme() {
  Programme p;
  p.code = "SCSW";
  p.title = "四川社会工作人才计划";
  p.issuer = "四川省民政厅";
  p.objection_contact = "电话 028-86000000";
  return p;
}

Enrolment MakeEnrolment(int64_t id, const std::string& name, Track track) {
  Enrolment e;
  e.id = id;
  e.person.full_name = name;
  e.person.national_id = "510104198001010016";
  e.person.phone = "13800000000";
  e.organisation = name + "的单位";
  e.track = track;
  return e;
}

RoundResult MakeResult(int64_t id, Rating rating, bool absent = false, bool eliminated = false) {
  RoundResult r;
  r.enrolment_id = id;
  r.rating = absent ? Rating::kUnspecified : rating;
  r.absent = absent;
  r.eliminated = eliminated;
  return r;
}

// The results in rank order across tracks, the absent last.
RoundOutcome MakeOutcome() {
  RoundOutcome o;
  o.results = {MakeResult(3, Rating::kExcellent),  MakeResult(1, Rating::kExcellent),
               MakeResult(4, Rating::kGood),       MakeResult(2, Rating::kPass),
               MakeResult(5, Rating::kFail, false, true),
               MakeResult(6, Rating::kUnspecified, /*absent=*/true, /*eliminated=*/true)};
  return o;
}

std::vector<Enrolment> MakeEnrolments() {
  return {MakeEnrolment(1, "张伟", Track::kService),
          MakeEnrolment(2, "王芳", Track::kService),
          MakeEnrolment(3, "李娜", Track::kEducationResearch),
          MakeEnrolment(4, "刘洋", Track::kManagement),
          MakeEnrolment(5, "陈静", Track::kService),
          MakeEnrolment(6, "杨磊", Track::kManagement)};
}

std::vector<std::string> Names(const PublicNotice& n) {
  std::vector<std::string> out;
  for (const NoticeEntry& e : n.entries) out.push_back(e.name);
  return out;
}

TEST(PublicNoticeKindTest, FollowsTheRoundsState) {
  EXPECT_EQ(PublicNoticeKind(MakeRound(RoundState::kDraft, false)), NoticeKind::kNone);
  EXPECT_EQ(PublicNoticeKind(MakeRound(RoundState::kOpen, true)), NoticeKind::kNone);
  EXPECT_EQ(PublicNoticeKind(MakeRound(RoundState::kScored, true)), NoticeKind::kNone);
  EXPECT_EQ(PublicNoticeKind(MakeRound(RoundState::kNotice, false)), NoticeKind::kNotice);
  EXPECT_EQ(PublicNoticeKind(MakeRound(RoundState::kNotice, true)), NoticeKind::kNotice);
  EXPECT_EQ(PublicNoticeKind(MakeRound(RoundState::kConfirmed, false)), NoticeKind::kEnded);
  EXPECT_EQ(PublicNoticeKind(MakeRound(RoundState::kConfirmed, true)),
            NoticeKind::kConfirmedList);
}

TEST(CheckPublicNoticeTest, SaysWhyThereIsNone) {
  EXPECT_THAT(CheckPublicNotice(MakeRound(RoundState::kScored, false)),
              StatusIs(absl::StatusCode::kNotFound,
                       AllOf(HasSubstr("中期考核"), HasSubstr("no public notice yet"),
                             HasSubstr("talentctl round notice"))));
  EXPECT_THAT(CheckPublicNotice(MakeRound(RoundState::kConfirmed, false)),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("ended when the round was confirmed")));
  EXPECT_THAT(CheckPublicNotice(MakeRound(RoundState::kNotice, false)), IsOk());
  EXPECT_THAT(CheckPublicNotice(MakeRound(RoundState::kConfirmed, true)), IsOk());
}

TEST(MakePublicNoticeTest, ANoticeListsEveryResultByTrackThenRank) {
  PublicNotice n = MakePublicNotice(MakeProgramme(), 2023, MakeRound(RoundState::kNotice, false),
                                    MakeOutcome(), MakeEnrolments());
  EXPECT_EQ(n.kind, NoticeKind::kNotice);
  EXPECT_THAT(Names(n), ::testing::ElementsAre("张伟", "王芳", "陈静", "刘洋", "杨磊", "李娜"));
  EXPECT_EQ(n.entries[0].organisation, "张伟的单位");
  EXPECT_EQ(n.entries[0].track, Track::kService);
  EXPECT_EQ(n.entries[0].rating, Rating::kExcellent);
  EXPECT_EQ(n.entries[2].rating, Rating::kFail);  // eliminated or not, the rating is public
  EXPECT_TRUE(n.entries[4].absent);
  EXPECT_EQ(n.entries[4].rating, Rating::kUnspecified);
  EXPECT_EQ(n.issue_time, kStart);
  EXPECT_EQ(n.notice_end, kStart + 5 * 86400);
  EXPECT_EQ(n.objection_contact, "电话 028-86000000");
  EXPECT_EQ(n.issuer, "四川省民政厅");
}

TEST(MakePublicNoticeTest, AConfirmedListHasOnlyTheExcellentDatedAtConfirmation) {
  RoundOutcome outcome = MakeOutcome();
  outcome.results[1].eliminated = true;  // excellent but eliminated (e.g. two passes): not listed
  PublicNotice n = MakePublicNotice(MakeProgramme(), 2023, MakeRound(RoundState::kConfirmed, true),
                                    outcome, MakeEnrolments());
  EXPECT_EQ(n.kind, NoticeKind::kConfirmedList);
  EXPECT_THAT(Names(n), ::testing::ElementsAre("李娜"));
  EXPECT_EQ(n.issue_time, kConfirm);
}

TEST(MakePublicNoticeTest, AResultWithoutItsEnrolmentIsLeftOut) {
  std::vector<Enrolment> enrolments = MakeEnrolments();
  enrolments.erase(enrolments.begin());  // 张伟
  PublicNotice n = MakePublicNotice(MakeProgramme(), 2023, MakeRound(RoundState::kNotice, false),
                                    MakeOutcome(), enrolments);
  EXPECT_EQ(n.entries.size(), 5u);
  EXPECT_EQ(n.entries[0].name, "王芳");
}

TEST(NoticeTitleTest, NamesProgrammeYearAndRoundInBothLanguages) {
  PublicNotice n = MakePublicNotice(MakeProgramme(), 2023, MakeRound(RoundState::kNotice, false),
                                    MakeOutcome(), MakeEnrolments());
  EXPECT_EQ(NoticeTitle(n, common::Lang::kChinese), "四川社会工作人才计划2023年度中期考核结果公示");
  EXPECT_EQ(NoticeTitle(n, common::Lang::kEnglish),
            "四川社会工作人才计划 2023: public notice of the results of 中期考核");
  n.kind = NoticeKind::kConfirmedList;
  EXPECT_EQ(NoticeTitle(n, common::Lang::kChinese), "四川社会工作人才计划2023年度高层次人才确认名单");
  EXPECT_EQ(NoticeTitle(n, common::Lang::kEnglish),
            "四川社会工作人才计划 2023: confirmed list of high-level talents");
}

}  // namespace
}  // namespace talent::domain

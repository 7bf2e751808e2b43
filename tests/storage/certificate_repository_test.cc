#include "server/storage/certificate_repository.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/round_repository.h"
#include "tests/storage/seeded_database.h"
#include "tests/testing/status_matchers.h"

namespace talent::storage {
namespace {

using domain::Certificate;
using domain::Stage;
using domain::Track;
using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class CertificateRepositoryTest : public SeededDatabase {
 protected:
  void SetUp() override {
    SeededDatabase::SetUp();
    if (HasFatalFailure()) return;
    cohort_ = InsertCohort(2023, domain::CohortState::kClosed);
    admin_ = InsertUser("admin", domain::Role::kAdmin);
    wang_ = Enrol(cohort_, 1, "王芳", Track::kService);
    zhang_ = Enrol(cohort_, 2, "张伟", Track::kService);
    li_ = Enrol(cohort_, 3, "李明", Track::kManagement);
    chen_ = Enrol(cohort_, 4, "陈静", Track::kManagement, Stage::kCompleted);
    zhao_ = Enrol(cohort_, 5, "赵磊", Track::kEducationResearch, Stage::kEliminated);
    domain::Round round;
    round.cohort_id = cohort_;
    round.name = "年度考核";
    round.position = 1;
    round.final = true;
    round.state = domain::RoundState::kConfirmed;
    ASSERT_THAT(RoundRepository::Insert(*db_, &round, 1), IsOk());
    round_ = round.id;
    // Stored results: ranks 1 张伟 95.00, 2 王芳 95.00 (a tie broken by
    // criteria), 3 李明 91.00, 4 陈静 70.00, 5 赵磊 55.00.
    domain::RoundOutcome outcome;
    auto add = [&](int64_t id, int rank, int64_t score, domain::Rating rating) {
      domain::RoundResult r;
      r.enrolment_id = id;
      r.sheets = 3;
      r.score = score;
      r.criteria = {score};
      r.rank = rank;
      r.rating = rating;
      outcome.results.push_back(r);
    };
    add(zhang_, 1, 9500, domain::Rating::kExcellent);
    add(wang_, 2, 9500, domain::Rating::kExcellent);
    add(li_, 3, 9100, domain::Rating::kExcellent);
    add(chen_, 4, 7000, domain::Rating::kPass);
    add(zhao_, 5, 5500, domain::Rating::kFail);
    ASSERT_THAT(RoundRepository::SaveResults(*db_, round_, outcome, "rules", "规则"), IsOk());
    for (int64_t id : {wang_, zhang_, li_}) {
      ASSERT_THAT(EnrolmentRepository::MarkEligible(*db_, id, 2), IsOk());
    }
  }

  std::vector<std::string> CandidateLines() {
    auto candidates = CertificateRepository::Candidates(*db_, cohort_, round_);
    EXPECT_THAT(candidates, IsOk());
    std::vector<std::string> out;
    if (!candidates.ok()) return out;
    for (const Candidate& c : *candidates) {
      out.push_back(std::to_string(c.enrolment_id) + " " + c.full_name + " " +
                    domain::TrackKey(c.track) + " rank " + std::to_string(c.rank) + " " +
                    std::to_string(c.final_score));
    }
    return out;
  }

  Certificate Make(int64_t enrolment, Track track, int sequence, const std::string& name) {
    Certificate c;
    c.enrolment_id = enrolment;
    c.cohort_id = cohort_;
    c.track = track;
    c.sequence = sequence;
    c.facts.number = domain::FormatCertificateNumber("SCSW", 2023, track, sequence);
    c.facts.holder_name = name;
    c.facts.masked_national_id = "510104********1234";
    c.facts.track = domain::TrackKey(track);
    c.facts.programme_code = "SCSW";
    c.facts.programme_title = "四川社会工作人才计划";
    c.facts.cohort_year = 2023;
    c.facts.final_score = 9500;
    c.facts.rating = "RATING_EXCELLENT";
    c.facts.issuer = "四川省民政厅";
    c.facts.issue_date = "2023-12-13";
    c.public_key = std::string(32, 'k');
    c.signature = std::string(64, 's');
    c.issue_time = 1702400400;
    return c;
  }

  int64_t cohort_ = 0, round_ = 0, admin_ = 0;
  int64_t wang_ = 0, zhang_ = 0, li_ = 0, chen_ = 0, zhao_ = 0;
};

TEST_F(CertificateRepositoryTest, CandidatesAreTheEligibleActiveByTrackThenRank) {
  EXPECT_THAT(CandidateLines(),
              ElementsAre(std::to_string(zhang_) + " 张伟 TRACK_SERVICE rank 1 9500",
                          std::to_string(wang_) + " 王芳 TRACK_SERVICE rank 2 9500",
                          std::to_string(li_) + " 李明 TRACK_MANAGEMENT rank 3 9100"));
  auto candidates = CertificateRepository::Candidates(*db_, cohort_, round_);
  ASSERT_THAT(candidates, IsOk());
  EXPECT_EQ((*candidates)[0].national_id.size(), 18u);  // in full: Core masks it
  EXPECT_EQ((*candidates)[0].rating, static_cast<int>(domain::Rating::kExcellent));
  // Once certified, an enrolment is no longer a candidate.
  ASSERT_THAT(EnrolmentRepository::Certify(*db_, zhang_, "SCSW-2023-S001", 3), IsOk());
  EXPECT_THAT(CandidateLines(),
              ElementsAre(std::to_string(wang_) + " 王芳 TRACK_SERVICE rank 2 9500",
                          std::to_string(li_) + " 李明 TRACK_MANAGEMENT rank 3 9100"));
  // Another round's results make no candidates.
  auto none = CertificateRepository::Candidates(*db_, cohort_, round_ + 1);
  ASSERT_THAT(none, IsOk());
  EXPECT_THAT(*none, IsEmpty());
}

TEST_F(CertificateRepositoryTest, InsertFindAndTheUniqueNumbersSurviveReopening) {
  Certificate s1 = Make(zhang_, Track::kService, 1, "张伟");
  ASSERT_THAT(CertificateRepository::Insert(*db_, &s1, admin_), IsOk());
  EXPECT_GT(s1.id, 0);
  Certificate s2 = Make(wang_, Track::kService, 2, "王芳");
  ASSERT_THAT(CertificateRepository::Insert(*db_, &s2, admin_), IsOk());
  Certificate m1 = Make(li_, Track::kManagement, 1, "李明");
  ASSERT_THAT(CertificateRepository::Insert(*db_, &m1, admin_), IsOk());

  // The same number, or a second certificate for one enrolment: refused.
  Certificate again = Make(chen_, Track::kService, 1, "陈静");
  EXPECT_THAT(CertificateRepository::Insert(*db_, &again, admin_),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("SCSW-2023-S001")));
  Certificate twice = Make(zhang_, Track::kService, 3, "张伟");
  EXPECT_THAT(CertificateRepository::Insert(*db_, &twice, admin_),
              StatusIs(absl::StatusCode::kAlreadyExists));

  EXPECT_EQ(*CertificateRepository::MaxSequence(*db_, cohort_, Track::kService), 2);
  EXPECT_EQ(*CertificateRepository::MaxSequence(*db_, cohort_, Track::kManagement), 1);
  EXPECT_EQ(*CertificateRepository::MaxSequence(*db_, cohort_, Track::kEducationResearch), 0);
  EXPECT_EQ(*CertificateRepository::Count(*db_, cohort_), 3);

  // Closed and opened again: a real file keeps every field.
  db_.reset();
  auto db = Connection::Open(dir_.File("t.db"), Connection::Mode::kReadWrite, false);
  ASSERT_THAT(db, IsOk());
  db_ = std::move(*db);
  auto found = CertificateRepository::Find(*db_, "SCSW-2023-S002");
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->id, s2.id);
  EXPECT_TRUE(found->facts == s2.facts);
  EXPECT_EQ(found->enrolment_id, wang_);
  EXPECT_EQ(found->cohort_id, cohort_);
  EXPECT_EQ(found->track, Track::kService);
  EXPECT_EQ(found->sequence, 2);
  EXPECT_EQ(found->public_key, std::string(32, 'k'));
  EXPECT_EQ(found->signature, std::string(64, 's'));
  EXPECT_EQ(found->issue_time, 1702400400);
  EXPECT_EQ(found->issued_by, "admin");
  EXPECT_FALSE(found->revoked());
  EXPECT_THAT(CertificateRepository::Find(*db_, "SCSW-2023-S003"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("SCSW-2023-S003")));

  auto page = CertificateRepository::List(*db_, cohort_, 0, 2);
  ASSERT_THAT(page, IsOk());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[1].facts.number, "SCSW-2023-S002");
  auto rest = CertificateRepository::List(*db_, 0, (*page)[1].id, 10);
  ASSERT_THAT(rest, IsOk());
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ((*rest)[0].facts.number, "SCSW-2023-M001");
  auto other = CertificateRepository::List(*db_, cohort_ + 100, 0, 10);
  ASSERT_THAT(other, IsOk());
  EXPECT_THAT(*other, IsEmpty());
}

TEST_F(CertificateRepositoryTest, RevokeOnceRecordingWhenWhyAndWho) {
  Certificate c = Make(zhang_, Track::kService, 1, "张伟");
  ASSERT_THAT(CertificateRepository::Insert(*db_, &c, admin_), IsOk());
  ASSERT_THAT(CertificateRepository::Revoke(*db_, c.id, "材料不实", admin_, 1703000000), IsOk());
  EXPECT_THAT(CertificateRepository::Revoke(*db_, c.id, "再次", admin_, 1703000001),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  auto found = CertificateRepository::Find(*db_, "SCSW-2023-S001");
  ASSERT_THAT(found, IsOk());
  EXPECT_TRUE(found->revoked());
  EXPECT_EQ(found->revoke_time, 1703000000);
  EXPECT_EQ(found->revoke_reason, "材料不实");
  EXPECT_EQ(found->revoked_by, "admin");
}

TEST_F(CertificateRepositoryTest, FiguresCountPerYearAndTrack) {
  int64_t empty = InsertCohort(2024, domain::CohortState::kEnrolling);
  (void)empty;
  Enrol(cohort_, 6, "刘洋", Track::kService, Stage::kWithdrawn);
  Enrol(cohort_, 7, "周杰", Track::kService, Stage::kNotSelected);
  ASSERT_THAT(EnrolmentRepository::Certify(*db_, zhang_, "SCSW-2023-S001", 3), IsOk());
  ASSERT_THAT(EnrolmentRepository::Certify(*db_, li_, "SCSW-2023-M001", 3), IsOk());
  auto figures = CertificateRepository::Figures(*db_, programme_id_);
  ASSERT_THAT(figures, IsOk());
  ASSERT_EQ(figures->size(), 2u);
  const domain::YearFigures& y2023 = (*figures)[0];
  EXPECT_EQ(y2023.year, 2023);
  EXPECT_EQ(y2023.state, domain::CohortState::kClosed);
  // Service: 张伟 certified, 王芳 active (selected); 刘洋 withdrawn and
  // 周杰 not selected are not counted.
  EXPECT_EQ(y2023.service.selected, 2);
  EXPECT_EQ(y2023.service.certified, 1);
  EXPECT_EQ(y2023.management.selected, 2);  // 李明 certified, 陈静 completed
  EXPECT_EQ(y2023.management.certified, 1);
  EXPECT_EQ(y2023.education_research.selected, 1);  // 赵磊 eliminated
  EXPECT_EQ(y2023.education_research.eliminated, 1);
  EXPECT_EQ(y2023.certified(), 2);
  const domain::YearFigures& y2024 = (*figures)[1];
  EXPECT_EQ(y2024.year, 2024);
  EXPECT_TRUE(y2024.has_cohort);
  EXPECT_EQ(y2024.state, domain::CohortState::kEnrolling);
  EXPECT_EQ(y2024.service.selected + y2024.management.selected +
                y2024.education_research.selected,
            0);
}

}  // namespace
}  // namespace talent::storage

// talent.v1.CohortService.ImportHistory over a real server (docs/
// lifecycles.md §1.1): a past cohort recorded from its paper records — the
// closed cohort, its people and their outcomes, the certificates issued on
// paper, registered and signed so that they verify — in one transaction;
// every refusal with its status code and nothing changed; who may call it;
// retries with a request ID; and the progress that counts it.
//
// The fixture's clock is 2023-06-01: 2020–2022 are past years, 2023 the
// current one, 2024 the future.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/national_id.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "talent/v1/certificate.grpc.pb.h"
#include "tests/testing/enrolment_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::GrpcIs;
using ::talent::testing::ValidNationalId;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Code = grpc::StatusCode;

v1::HistoryRow Row(int line, const std::string& name, int id_seq, const std::string& track,
                   const std::string& outcome, const std::string& number = "",
                   const std::string& date = "", const std::string& score = "") {
  v1::HistoryRow row;
  row.set_line(line);
  row.set_full_name(name);
  row.set_national_id(ValidNationalId(id_seq));
  row.set_organisation("成都市锦江区社会工作服务中心");
  row.set_region("成都市锦江区");
  row.set_track(track);
  row.set_outcome(outcome);
  row.set_certificate_number(number);
  row.set_issue_date(date);
  row.set_final_score(score);
  return row;
}

// The 2021 cohort as its paper records have it.
std::vector<v1::HistoryRow> Cohort2021() {
  return {Row(2, "王芳", 1, "服务类", "已认定", "SCSW-2021-S001", "2021-12-20", "95.5"),
          Row(3, "张伟", 2, "服务类", "淘汰"),
          Row(4, "刘洋", 3, "服务类", "退出"),
          Row(5, "李明", 4, "管理类", "已认定", "SCSW-2021-M002", "2021-12-20", "91"),
          Row(6, "陈静", 5, "管理类", "结业"),
          Row(7, "赵磊", 6, "教育与研究类", "completed")};
}

class HistoryImportTest : public testing::EnrolmentFixture {
 protected:
  void SetUp() override {
    testing::EnrolmentFixture::SetUp();
    if (HasFatalFailure()) return;
    certificates_ = v1::CertificateService::NewStub(channel_);
    CreateSeedProgramme();
  }

  grpc::Status Import(int year, const std::vector<v1::HistoryRow>& rows,
                      v1::ImportHistoryResponse* out, const std::string& request_id = "",
                      const std::string& token = "", bool dry_run = false) {
    v1::ImportHistoryRequest req;
    req.set_programme("SCSW");
    req.set_year(year);
    for (const v1::HistoryRow& row : rows) *req.add_rows() = row;
    req.set_request_id(request_id);
    req.set_dry_run(dry_run);
    return cohorts_->ImportHistory(As(token.empty() ? admin_token_ : token).get(), req, out);
  }

  // The cohort of `year` does not exist, and nothing was recorded.
  void ExpectNothingImported(int year) {
    v1::GetCohortRequest get;
    get.set_name(absl::StrCat("programmes/SCSW/cohorts/", year));
    v1::Cohort cohort;
    EXPECT_THAT(cohorts_->GetCohort(AsAdmin().get(), get, &cohort), GrpcIs(Code::NOT_FOUND));
    v1::ListCertificatesRequest list;
    v1::ListCertificatesResponse certificates;
    ASSERT_TRUE(certificates_->ListCertificates(AsAdmin().get(), list, &certificates).ok());
    EXPECT_EQ(certificates.certificates_size(), 0);
    EXPECT_TRUE(AuditEvents("ImportHistory").empty());
  }

  v1::VerifyCertificateResponse Verify(const std::string& number) {
    v1::VerifyCertificateRequest req;
    req.set_number(number);
    v1::VerifyCertificateResponse resp;
    grpc::Status status = certificates_->VerifyCertificate(As("").get(), req, &resp);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return resp;
  }

  std::unique_ptr<v1::CertificateService::Stub> certificates_;
};

std::vector<std::string> Figures(const v1::ImportHistoryResponse& resp) {
  std::vector<std::string> out;
  for (const v1::TrackFigures& t : resp.tracks()) {
    out.push_back(absl::StrCat(v1::Track_Name(t.track()), " ", t.selected(), "/", t.eliminated(),
                               "/", t.certified()));
  }
  return out;
}

TEST_F(HistoryImportTest, RecordsTheClosedCohortItsPeopleAndItsPaperCertificates) {
  v1::ImportHistoryResponse resp;
  ASSERT_THAT(Import(2021, Cohort2021(), &resp), GrpcIs(Code::OK));
  EXPECT_FALSE(resp.dry_run());
  EXPECT_EQ(resp.cohort().name(), "programmes/SCSW/cohorts/2021");
  EXPECT_EQ(resp.cohort().state(), v1::COHORT_STATE_CLOSED);
  EXPECT_TRUE(resp.cohort().imported());
  EXPECT_EQ(resp.people(), 6);
  // selected (everyone but the withdrawn) / eliminated / certified.
  EXPECT_THAT(Figures(resp), ElementsAre("TRACK_SERVICE 2/1/1", "TRACK_MANAGEMENT 2/0/1",
                                         "TRACK_EDUCATION_RESEARCH 1/0/0"));
  ASSERT_EQ(resp.certificates_size(), 2);
  // As a cohort's are issued: by track, then sequence.
  EXPECT_EQ(resp.certificates(1).number(), "SCSW-2021-M002");
  const v1::Certificate& wang = resp.certificates(0);
  EXPECT_EQ(wang.number(), "SCSW-2021-S001");
  EXPECT_EQ(wang.holder_name(), "王芳");
  EXPECT_EQ(wang.issue_date(), "2021-12-20");  // the paper's
  EXPECT_EQ(wang.register_date(), "2023-06-01");
  EXPECT_EQ(wang.final_score(), "95.50");
  EXPECT_EQ(wang.rating(), v1::RATING_EXCELLENT);
  EXPECT_EQ(wang.issued_by(), "admin");
  EXPECT_TRUE(wang.imported());
  EXPECT_EQ(wang.verification_url(),
            "https://verify.example.org/verify/SCSW-2021-S001");

  // Stored: the enrolments in their final stages, the certified with the number.
  v1::ListEnrolmentsRequest list;
  list.set_cohort("programmes/SCSW/cohorts/2021");
  v1::ListEnrolmentsResponse enrolments;
  ASSERT_TRUE(enrolments_->ListEnrolments(AsAdmin().get(), list, &enrolments).ok());
  std::vector<std::string> stages;
  for (const v1::Enrolment& e : enrolments.enrolments()) {
    stages.push_back(absl::StrCat(e.person().full_name(), " ", v1::Stage_Name(e.stage()), " ",
                                  e.stage_reason()));
  }
  EXPECT_THAT(stages, ElementsAre("王芳 STAGE_CERTIFIED SCSW-2021-S001", "张伟 STAGE_ELIMINATED ",
                                  "刘洋 STAGE_WITHDRAWN ", "李明 STAGE_CERTIFIED SCSW-2021-M002",
                                  "陈静 STAGE_COMPLETED ", "赵磊 STAGE_COMPLETED "));

  // One audit event, naming the cohort and what was imported.
  std::vector<domain::AuditEvent> events = AuditEvents("ImportHistory");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].resource, "programmes/SCSW/cohorts/2021");
  EXPECT_EQ(events[0].detail, "imported people=6 certified=2");
  EXPECT_EQ(events[0].username, "admin");
}

TEST_F(HistoryImportTest, AnImportedCertificateVerifiesValidMarkedFromPaper) {
  v1::ImportHistoryResponse resp;
  ASSERT_THAT(Import(2021, Cohort2021(), &resp), GrpcIs(Code::OK));
  v1::VerifyCertificateResponse v = Verify("scsw-2021-s001");
  EXPECT_EQ(v.result(), v1::VERIFICATION_RESULT_VALID);
  EXPECT_TRUE(v.certificate().imported());
  EXPECT_EQ(v.certificate().register_date(), "2023-06-01");
  EXPECT_EQ(v.certificate().issue_date(), "2021-12-20");
  EXPECT_EQ(v.certificate().masked_national_id(),
            "**************" + ValidNationalId(1).substr(14));
  EXPECT_EQ(v.certificate().issued_by(), "");  // the register's own data stay private

  // In the register, marked.
  v1::ListCertificatesRequest list;
  list.set_parent("SCSW/2021");
  v1::ListCertificatesResponse listed;
  ASSERT_TRUE(certificates_->ListCertificates(AsAdmin().get(), list, &listed).ok());
  ASSERT_EQ(listed.certificates_size(), 2);
  EXPECT_TRUE(listed.certificates(0).imported());
  EXPECT_TRUE(listed.certificates(1).imported());
}

TEST_F(HistoryImportTest, ProgressCountsImportedCohortsSoThePaceHasYears) {
  v1::ImportHistoryResponse resp;
  ASSERT_THAT(Import(2020, {Row(2, "周强", 11, "服务类", "已认定", "SCSW-2020-S001", "2020-12-18",
                                "92")},
                     &resp),
              GrpcIs(Code::OK));
  ASSERT_THAT(Import(2021, Cohort2021(), &resp), GrpcIs(Code::OK));
  v1::GetProgrammeProgressRequest req;
  req.set_name("SCSW");
  v1::ProgrammeProgress progress;
  ASSERT_TRUE(programmes_->GetProgrammeProgress(AsAdmin().get(), req, &progress).ok());
  ASSERT_GE(progress.years_size(), 2);
  EXPECT_EQ(progress.years(0).year(), 2020);
  EXPECT_EQ(progress.years(0).cohort_state(), v1::COHORT_STATE_CLOSED);
  EXPECT_EQ(progress.years(0).certified(), 1);
  EXPECT_EQ(progress.years(1).certified(), 2);
  EXPECT_EQ(progress.years(1).cumulative_certified(), 3);
  EXPECT_EQ(progress.years(1).tracks(1).certified(), 1);  // management
  EXPECT_EQ(progress.certified(), 3);
  EXPECT_EQ(progress.years_counted(), 2);
  EXPECT_EQ(progress.last_counted_year(), 2021);
  EXPECT_EQ(progress.projected(), 16);  // 3 × 11 years / 2, rounded down
  EXPECT_FALSE(progress.on_track());
}

TEST_F(HistoryImportTest, AssessorsAndViewersMayNotImport) {
  v1::ImportHistoryResponse resp;
  EXPECT_THAT(Import(2021, Cohort2021(), &resp, "", assessor_token_),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(Import(2021, Cohort2021(), &resp, "", viewer_token_),
              GrpcIs(Code::PERMISSION_DENIED));
  ExpectNothingImported(2021);
}

TEST_F(HistoryImportTest, BadRowsAreAllNamedByLineAndColumnAndNothingIsImported) {
  std::vector<v1::HistoryRow> rows = Cohort2021();
  rows[1].set_national_id(testing::BadCheckNationalId(2));
  const std::string id = ValidNationalId(2);
  const char expected = id.back();
  const char got = testing::BadCheckNationalId(2).back();
  rows.push_back(Row(8, "孙丽", 7, "服务类", "已认定", "SCSW-2020-S002", "2021-12-20", "90"));
  rows.push_back(Row(9, "周敏", 8, "服务类", "已认定", "SCSW-2021-M003", "2021-12-20", "90"));
  rows.push_back(Row(10, "吴刚", 9, "服务类", "已认定", "GDSW-2021-S004", "2021-12-20", "90"));
  rows.push_back(Row(11, "郑洁", 10, "服务类", "已认定", "SCSW-2021-S001", "2021-12-20", "90"));
  rows.push_back(Row(12, "冯涛", 12, "管理类", "已认定", "", "2021-12-20", "90"));
  rows.push_back(Row(13, "何静", 13, "管理类", "结业", "SCSW-2021-M009"));
  v1::ImportHistoryResponse resp;
  EXPECT_THAT(
      Import(2021, rows, &resp),
      GrpcIs(Code::INVALID_ARGUMENT,
             absl::StrCat(
                 "the history has 7 problems; nothing was imported (fix the file and import it "
                 "again):\n"
                 "line 3, national_id: national ID check character should be ",
                 std::string(1, expected), ", not ", std::string(1, got),
                 " (mistyped digit?)\n"
                 "line 8, certificate_number: certificate_number must be this programme's number "
                 "of 2021 for the service track, e.g. SCSW-2021-S001, got \"SCSW-2020-S002\"\n"
                 "line 9, certificate_number: certificate_number SCSW-2021-M003 is not of the "
                 "row's track (service numbers have S, e.g. SCSW-2021-S001)\n"
                 "line 10, certificate_number: certificate_number must be this programme's "
                 "number of 2021 for the service track, e.g. SCSW-2021-S001, got "
                 "\"GDSW-2021-S004\"\n"
                 "line 11, certificate_number: certificate_number SCSW-2021-S001 is also on "
                 "line 2\n"
                 "line 12, certificate_number: certificate_number is required for the "
                 "certified: the paper certificate's number\n"
                 "line 13, certificate_number: only the certified have a certificate_number; "
                 "this row is completed")));
  ExpectNothingImported(2021);
}

TEST_F(HistoryImportTest, AMalformedLineAndTheSamePersonTwiceAreRefused) {
  std::vector<v1::HistoryRow> rows = Cohort2021();
  v1::HistoryRow malformed;
  malformed.set_line(8);
  malformed.set_malformed("has 3 cells; the heading has 9");
  rows.push_back(malformed);
  rows.push_back(Row(9, "王芳", 1, "服务类", "结业"));
  v1::ImportHistoryResponse resp;
  EXPECT_THAT(Import(2021, rows, &resp),
              GrpcIs(Code::INVALID_ARGUMENT,
                     "the history has 2 problems; nothing was imported (fix the file and import "
                     "it again):\n"
                     "line 8: has 3 cells; the heading has 9\n"
                     "line 9, national_id: the same person as line 2"));
  ExpectNothingImported(2021);
}

TEST_F(HistoryImportTest, APersonCertifiedInAnEarlierYearCannotBeImportedAgain) {
  v1::ImportHistoryResponse resp;
  ASSERT_THAT(Import(2020, {Row(2, "王芳", 1, "服务类", "已认定", "SCSW-2020-S001", "2020-12-18",
                                "92")},
                     &resp),
              GrpcIs(Code::OK));
  EXPECT_THAT(Import(2021, Cohort2021(), &resp),
              GrpcIs(Code::INVALID_ARGUMENT,
                     HasSubstr("\nline 2, national_id: this person was certified by the "
                               "programme in cohort 2020 (enrolment 1) and cannot be enrolled "
                               "again")));
  EXPECT_EQ(AuditEvents("ImportHistory").size(), 1u);
}

TEST_F(HistoryImportTest, YearConflictsAreRefusedWithTheirCodes) {
  v1::ImportHistoryResponse resp;
  EXPECT_THAT(Import(2024, Cohort2021(), &resp),
              GrpcIs(Code::FAILED_PRECONDITION,
                     "the cohort of 2024 has not run yet: only a past cohort can be imported; "
                     "create a cohort that runs here with 'talentctl cohort create'"));
  EXPECT_THAT(Import(2019, Cohort2021(), &resp),
              GrpcIs(Code::INVALID_ARGUMENT,
                     "year 2019 is outside programme SCSW's years (2020–2030)"));
  CreateCohort(2022, 10, 10, 10, false);
  EXPECT_THAT(Import(2023, Cohort2021(), &resp),
              GrpcIs(Code::FAILED_PRECONDITION,
                     "programme SCSW has run cohort 2022 here; history can be imported only for "
                     "years before it"));
  EXPECT_THAT(Import(2022, Cohort2021(), &resp),
              GrpcIs(Code::ALREADY_EXISTS, "cohort SCSW/2022 already exists; nothing was "
                                           "imported"));
  ExpectNothingImported(2021);
  ExpectNothingImported(2023);
}

TEST_F(HistoryImportTest, AnImportedYearIsNotImportedTwice) {
  v1::ImportHistoryResponse resp;
  ASSERT_THAT(Import(2021, Cohort2021(), &resp), GrpcIs(Code::OK));
  EXPECT_THAT(Import(2021, Cohort2021(), &resp),
              GrpcIs(Code::ALREADY_EXISTS,
                     "cohort SCSW/2021 already exists (imported earlier); nothing was imported"));
  EXPECT_EQ(AuditEvents("ImportHistory").size(), 1u);
}

TEST_F(HistoryImportTest, ARetryWithTheSameRequestIdIsAppliedOnce) {
  v1::ImportHistoryResponse first, again;
  ASSERT_THAT(Import(2021, Cohort2021(), &first, "history-2021"), GrpcIs(Code::OK));
  ASSERT_THAT(Import(2021, Cohort2021(), &again, "history-2021"), GrpcIs(Code::OK));
  EXPECT_EQ(again.cohort().name(), "programmes/SCSW/cohorts/2021");
  EXPECT_TRUE(again.cohort().imported());
  EXPECT_EQ(again.people(), 6);
  EXPECT_EQ(Figures(again), Figures(first));
  ASSERT_EQ(again.certificates_size(), 2);
  EXPECT_EQ(again.certificates(0).number(), "SCSW-2021-S001");
  EXPECT_EQ(again.certificates(0).signature(), first.certificates(0).signature());
  EXPECT_EQ(AuditEvents("ImportHistory").size(), 1u);
  v1::ListCertificatesRequest list;
  v1::ListCertificatesResponse listed;
  ASSERT_TRUE(certificates_->ListCertificates(AsAdmin().get(), list, &listed).ok());
  EXPECT_EQ(listed.certificates_size(), 2);
}

TEST_F(HistoryImportTest, ADryRunChecksEverythingAndWritesNothing) {
  v1::ImportHistoryResponse resp;
  ASSERT_THAT(Import(2021, Cohort2021(), &resp, "", "", /*dry_run=*/true), GrpcIs(Code::OK));
  EXPECT_TRUE(resp.dry_run());
  EXPECT_EQ(resp.people(), 6);
  EXPECT_TRUE(resp.cohort().imported());
  ASSERT_EQ(resp.certificates_size(), 2);
  EXPECT_TRUE(resp.certificates(0).signature().empty());  // not signed: not registered
  ExpectNothingImported(2021);
}

TEST_F(HistoryImportTest, NoRowsIsInvalid) {
  v1::ImportHistoryResponse resp;
  EXPECT_THAT(Import(2021, {}, &resp),
              GrpcIs(Code::INVALID_ARGUMENT,
                     "rows: the history has no rows; give one per person of the cohort"));
}

TEST_F(HistoryImportTest, AnUnknownProgrammeIsNotFound) {
  v1::ImportHistoryRequest req;
  req.set_programme("GDSW");
  req.set_year(2021);
  *req.add_rows() = Cohort2021()[0];
  v1::ImportHistoryResponse resp;
  EXPECT_THAT(cohorts_->ImportHistory(AsAdmin().get(), req, &resp), GrpcIs(Code::NOT_FOUND));
}

}  // namespace
}  // namespace talent

// talent.v1.CohortService over a real server: creation, listing, quotas and
// the DRAFT → ENROLLING → CULTIVATING transitions, with every status code
// the API promises.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/enrolment_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::GrpcIs;
using ::talent::testing::kCohort2023;
using ::testing::AllOf;
using ::testing::HasSubstr;
using Code = grpc::StatusCode;

v1::CreateCohortRequest CohortRequest(const std::string& programme, int year, int s = 10,
                                      int m = 10, int e = 10) {
  v1::CreateCohortRequest req;
  req.mutable_cohort()->set_programme(programme);
  req.mutable_cohort()->set_year(year);
  req.mutable_cohort()->mutable_quotas()->set_service(s);
  req.mutable_cohort()->mutable_quotas()->set_management(m);
  req.mutable_cohort()->mutable_quotas()->set_education_research(e);
  return req;
}

class CohortServiceTest : public testing::EnrolmentFixture {
 protected:
  void SetUp() override {
    testing::EnrolmentFixture::SetUp();
    if (HasFatalFailure()) return;
    CreateSeedProgramme();
  }

  grpc::Status Create(const v1::CreateCohortRequest& req, v1::Cohort* out = nullptr,
                      const std::string& token = "") {
    v1::Cohort resp;
    return cohorts_->CreateCohort(As(token.empty() ? admin_token_ : token).get(), req,
                                  out ? out : &resp);
  }

  grpc::Status Get(const std::string& name, v1::Cohort* out, const std::string& token = "") {
    v1::GetCohortRequest req;
    req.set_name(name);
    return cohorts_->GetCohort(As(token.empty() ? admin_token_ : token).get(), req, out);
  }

  grpc::Status Open(const std::string& name, v1::Cohort* out = nullptr,
                    const std::string& token = "") {
    v1::CohortTransitionRequest req;
    req.set_name(name);
    v1::Cohort resp;
    return cohorts_->OpenEnrolment(As(token.empty() ? admin_token_ : token).get(), req,
                                   out ? out : &resp);
  }

  grpc::Status Start(const std::string& name, v1::Cohort* out = nullptr,
                     const std::string& token = "") {
    v1::CohortTransitionRequest req;
    req.set_name(name);
    v1::Cohort resp;
    return cohorts_->StartCultivation(As(token.empty() ? admin_token_ : token).get(), req,
                                      out ? out : &resp);
  }

  grpc::Status Quotas(const std::string& name, int s, int m, int e, v1::Cohort* out = nullptr,
                      const std::string& token = "") {
    v1::SetQuotasRequest req;
    req.set_name(name);
    req.mutable_quotas()->set_service(s);
    req.mutable_quotas()->set_management(m);
    req.mutable_quotas()->set_education_research(e);
    v1::Cohort resp;
    return cohorts_->SetQuotas(As(token.empty() ? admin_token_ : token).get(), req,
                               out ? out : &resp);
  }
};

TEST_F(CohortServiceTest, CreateStartsInDraftWithItsQuotas) {
  v1::Cohort c;
  ASSERT_THAT(Create(CohortRequest("programmes/SCSW", 2023, 10, 9, 8), &c), GrpcIs(Code::OK));
  EXPECT_EQ(c.name(), "programmes/SCSW/cohorts/2023");
  EXPECT_EQ(c.programme(), "programmes/SCSW");
  EXPECT_EQ(c.year(), 2023);
  EXPECT_EQ(c.state(), v1::COHORT_STATE_DRAFT);
  EXPECT_EQ(c.quotas().service(), 10);
  EXPECT_EQ(c.quotas().management(), 9);
  EXPECT_EQ(c.quotas().education_research(), 8);
  EXPECT_EQ(c.applied().service(), 0);
  EXPECT_EQ(c.selected().service(), 0);
  EXPECT_EQ(c.create_time(), "2023-06-01T00:00:00Z");

  v1::Cohort got;
  ASSERT_THAT(Get("programmes/SCSW/cohorts/2023", &got, viewer_token_), GrpcIs(Code::OK));
  EXPECT_EQ(got.SerializeAsString(), c.SerializeAsString());
}

TEST_F(CohortServiceTest, CreateTakesTheShortProgrammeName) {
  EXPECT_THAT(Create(CohortRequest("SCSW", 2024)), GrpcIs(Code::OK));
  v1::Cohort got;
  EXPECT_THAT(Get("SCSW/2024", &got), GrpcIs(Code::OK));
  EXPECT_EQ(got.name(), "programmes/SCSW/cohorts/2024");
}

TEST_F(CohortServiceTest, CreateInMissingProgrammeIsNotFound) {
  EXPECT_THAT(Create(CohortRequest("programmes/NOPE", 2023)),
              GrpcIs(Code::NOT_FOUND, HasSubstr("programme NOPE")));
}

TEST_F(CohortServiceTest, CreateWithMalformedProgrammeIsInvalid) {
  EXPECT_THAT(Create(CohortRequest("", 2023)),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("cohort.programme")));
  EXPECT_THAT(Create(CohortRequest("programmes/scsw", 2023)),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("cohort.programme")));
}

TEST_F(CohortServiceTest, CreateOutsideTheProgrammeYearsIsInvalid) {
  EXPECT_THAT(Create(CohortRequest("SCSW", 2019)),
              GrpcIs(Code::INVALID_ARGUMENT, AllOf(HasSubstr("year 2019"), HasSubstr("2020"))));
  EXPECT_THAT(Create(CohortRequest("SCSW", 2031)),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("year 2031")));
  EXPECT_THAT(Create(CohortRequest("SCSW", 2020)), GrpcIs(Code::OK));
  EXPECT_THAT(Create(CohortRequest("SCSW", 2030)), GrpcIs(Code::OK));
}

TEST_F(CohortServiceTest, CreateWithBadQuotaIsInvalidAndNamesTheTrack) {
  EXPECT_THAT(Create(CohortRequest("SCSW", 2023, -1, 10, 10)),
              GrpcIs(Code::INVALID_ARGUMENT, AllOf(HasSubstr("quotas"), HasSubstr("service"))));
  EXPECT_THAT(Create(CohortRequest("SCSW", 2023, 10, 1001, 10)),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("management")));
  EXPECT_THAT(Create(CohortRequest("SCSW", 2023, 10, 10, 5000)),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("quotas.education_research")));
  v1::Cohort c;
  EXPECT_THAT(Get("SCSW/2023", &c), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(Create(CohortRequest("SCSW", 2023, 0, 1000, 0)), GrpcIs(Code::OK));
}

TEST_F(CohortServiceTest, SecondCohortOfTheSameYearIsAlreadyExists) {
  ASSERT_THAT(Create(CohortRequest("SCSW", 2023)), GrpcIs(Code::OK));
  EXPECT_THAT(Create(CohortRequest("SCSW", 2023, 1, 1, 1)),
              GrpcIs(Code::ALREADY_EXISTS, HasSubstr("2023")));
}

TEST_F(CohortServiceTest, SameYearInAnotherProgrammeIsFine) {
  v1::CreateProgrammeRequest other;
  other.mutable_programme()->set_code("GDSW");
  other.mutable_programme()->set_title("广东社工");
  other.mutable_programme()->set_issuer("广东省民政厅");
  other.mutable_programme()->set_start_year(2021);
  other.mutable_programme()->set_end_year(2025);
  other.mutable_programme()->set_talent_target(100);
  v1::Programme p;
  ASSERT_THAT(programmes_->CreateProgramme(AsAdmin().get(), other, &p), GrpcIs(Code::OK));
  EXPECT_THAT(Create(CohortRequest("SCSW", 2023)), GrpcIs(Code::OK));
  EXPECT_THAT(Create(CohortRequest("GDSW", 2023)), GrpcIs(Code::OK));
}

TEST_F(CohortServiceTest, SameRequestIdCreatesOnceAndAnswersTheSame) {
  v1::CreateCohortRequest req = CohortRequest("SCSW", 2023, 2, 1, 1);
  req.set_request_id("cohort-2023");
  v1::Cohort first, second;
  ASSERT_THAT(Create(req, &first), GrpcIs(Code::OK));
  ASSERT_THAT(Create(req, &second), GrpcIs(Code::OK));
  EXPECT_EQ(first.SerializeAsString(), second.SerializeAsString());
  v1::ListCohortsResponse list;
  ASSERT_THAT(cohorts_->ListCohorts(AsAdmin().get(), {}, &list), GrpcIs(Code::OK));
  EXPECT_EQ(list.cohorts_size(), 1);
}

TEST_F(CohortServiceTest, RequestIdsAreScopedToTheMethod) {
  // The same key on another RPC is another request.
  v1::CreateProgrammeRequest programme;
  programme.mutable_programme()->set_code("GDSW");
  programme.mutable_programme()->set_title("广东社工");
  programme.mutable_programme()->set_issuer("广东省民政厅");
  programme.mutable_programme()->set_start_year(2021);
  programme.mutable_programme()->set_end_year(2025);
  programme.mutable_programme()->set_talent_target(100);
  programme.set_request_id("shared-key");
  v1::Programme p;
  ASSERT_THAT(programmes_->CreateProgramme(AsAdmin().get(), programme, &p), GrpcIs(Code::OK));
  v1::CreateCohortRequest req = CohortRequest("SCSW", 2023);
  req.set_request_id("shared-key");
  v1::Cohort c;
  ASSERT_THAT(Create(req, &c), GrpcIs(Code::OK));
  EXPECT_EQ(c.name(), "programmes/SCSW/cohorts/2023");
}

TEST_F(CohortServiceTest, GetMissingIsNotFoundAndMalformedIsInvalid) {
  v1::Cohort c;
  EXPECT_THAT(Get("programmes/SCSW/cohorts/2023", &c),
              GrpcIs(Code::NOT_FOUND, HasSubstr("cohort SCSW/2023")));
  EXPECT_THAT(Get("programmes/NOPE/cohorts/2023", &c), GrpcIs(Code::NOT_FOUND));
  for (const char* name : {"", "programmes/SCSW", "programmes/SCSW/cohorts/abc",
                           "programmes/SCSW/years/2023", "SCSW/23"}) {
    EXPECT_THAT(Get(name, &c), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("name"))) << name;
  }
}

TEST_F(CohortServiceTest, ListIsOrderedByProgrammeThenYearAndFilteredAndPaged) {
  v1::CreateProgrammeRequest other;
  other.mutable_programme()->set_code("AHSW");
  other.mutable_programme()->set_title("安徽社工");
  other.mutable_programme()->set_issuer("安徽省民政厅");
  other.mutable_programme()->set_start_year(2021);
  other.mutable_programme()->set_end_year(2025);
  other.mutable_programme()->set_talent_target(100);
  v1::Programme p;
  ASSERT_THAT(programmes_->CreateProgramme(AsAdmin().get(), other, &p), GrpcIs(Code::OK));
  ASSERT_THAT(Create(CohortRequest("SCSW", 2024)), GrpcIs(Code::OK));
  ASSERT_THAT(Create(CohortRequest("SCSW", 2022)), GrpcIs(Code::OK));
  ASSERT_THAT(Create(CohortRequest("AHSW", 2023)), GrpcIs(Code::OK));
  ASSERT_THAT(Create(CohortRequest("SCSW", 2023)), GrpcIs(Code::OK));

  // Every programme, one per page.
  std::vector<std::string> names;
  v1::ListCohortsRequest req;
  req.set_page_size(1);
  for (int pages = 0; pages < 10; ++pages) {
    v1::ListCohortsResponse resp;
    ASSERT_THAT(cohorts_->ListCohorts(As(assessor_token_).get(), req, &resp), GrpcIs(Code::OK));
    ASSERT_LE(resp.cohorts_size(), 1);
    for (const v1::Cohort& c : resp.cohorts()) names.push_back(c.name());
    if (resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  EXPECT_EQ(names, (std::vector<std::string>{
                       "programmes/AHSW/cohorts/2023", "programmes/SCSW/cohorts/2022",
                       "programmes/SCSW/cohorts/2023", "programmes/SCSW/cohorts/2024"}));

  // One programme.
  v1::ListCohortsRequest one;
  one.set_programme("programmes/SCSW");
  v1::ListCohortsResponse resp;
  ASSERT_THAT(cohorts_->ListCohorts(As(viewer_token_).get(), one, &resp), GrpcIs(Code::OK));
  ASSERT_EQ(resp.cohorts_size(), 3);
  EXPECT_EQ(resp.cohorts(0).year(), 2022);
  EXPECT_EQ(resp.cohorts(2).year(), 2024);
  EXPECT_EQ(resp.next_page_token(), "");
}

TEST_F(CohortServiceTest, ListErrors) {
  v1::ListCohortsResponse resp;
  v1::ListCohortsRequest req;
  req.set_programme("programmes/NOPE");
  EXPECT_THAT(cohorts_->ListCohorts(AsAdmin().get(), req, &resp),
              GrpcIs(Code::NOT_FOUND, HasSubstr("NOPE")));
  req.set_programme("bad programme");
  EXPECT_THAT(cohorts_->ListCohorts(AsAdmin().get(), req, &resp),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("programme")));
  req.Clear();
  req.set_page_size(-5);
  EXPECT_THAT(cohorts_->ListCohorts(AsAdmin().get(), req, &resp),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("page_size")));
  req.Clear();
  req.set_page_token("%%%");
  EXPECT_THAT(cohorts_->ListCohorts(AsAdmin().get(), req, &resp),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("page_token")));
}

TEST_F(CohortServiceTest, OpenEnrolmentMovesDraftToEnrollingOnce) {
  CreateCohort(2023, 2, 1, 1, false);
  v1::Cohort c;
  ASSERT_THAT(Open(kCohort2023, &c), GrpcIs(Code::OK));
  EXPECT_EQ(c.state(), v1::COHORT_STATE_ENROLLING);
  EXPECT_THAT(Open(kCohort2023),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("SCSW/2023"), HasSubstr("enrolling"))));
  ASSERT_THAT(Get(kCohort2023, &c), GrpcIs(Code::OK));
  EXPECT_EQ(c.state(), v1::COHORT_STATE_ENROLLING);
}

TEST_F(CohortServiceTest, TransitionsOfMissingCohortAreNotFound) {
  EXPECT_THAT(Open("programmes/SCSW/cohorts/2025"), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(Start("programmes/SCSW/cohorts/2025"), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(Quotas("programmes/SCSW/cohorts/2025", 1, 1, 1), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(Open("nonsense"), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("name")));
}

TEST_F(CohortServiceTest, StartCultivationFromDraftIsFailedPrecondition) {
  CreateCohort(2023, 2, 1, 1, false);
  EXPECT_THAT(Start(kCohort2023),
              GrpcIs(Code::FAILED_PRECONDITION, AllOf(HasSubstr("draft"), HasSubstr("enrolling"))));
}

TEST_F(CohortServiceTest, StartCultivationWithNobodySelectedIsFailedPrecondition) {
  CreateCohort(2023, 2, 1, 1, true);
  v1::Enrolment e = Enrol(kCohort2023, "张伟", 11, v1::TRACK_SERVICE);
  ASSERT_THAT(Recommend(e.name(), v1::LEVEL_COUNTY), GrpcIs(Code::OK));
  EXPECT_THAT(Start(kCohort2023),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("nobody selected")));
  v1::Cohort c;
  ASSERT_THAT(Get(kCohort2023, &c), GrpcIs(Code::OK));
  EXPECT_EQ(c.state(), v1::COHORT_STATE_ENROLLING);
}

TEST_F(CohortServiceTest, StartCultivationTwiceIsFailedPrecondition) {
  CreateCohort(2023, 2, 1, 1, true);
  v1::Enrolment e = Enrol(kCohort2023, "张伟", 11, v1::TRACK_SERVICE);
  RecommendAndSelect(e.name());
  v1::Cohort c;
  ASSERT_THAT(Start(kCohort2023, &c), GrpcIs(Code::OK));
  EXPECT_EQ(c.state(), v1::COHORT_STATE_CULTIVATING);
  EXPECT_THAT(Start(kCohort2023), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("cultivating")));
  EXPECT_THAT(Open(kCohort2023), GrpcIs(Code::FAILED_PRECONDITION));
}

TEST_F(CohortServiceTest, CountsFollowTheEnrolments) {
  CreateCohort(2023, 2, 1, 1, true);
  v1::Enrolment a = Enrol(kCohort2023, "张伟", 11, v1::TRACK_SERVICE);
  Enrol(kCohort2023, "王芳", 12, v1::TRACK_SERVICE);
  Enrol(kCohort2023, "李明远", 13, v1::TRACK_MANAGEMENT);
  v1::Enrolment d = Enrol(kCohort2023, "刘静", 14, v1::TRACK_EDUCATION_RESEARCH);
  RecommendAndSelect(a.name());
  v1::WithdrawEnrolmentRequest withdraw;
  withdraw.set_name(d.name());
  withdraw.set_reason("个人原因");
  v1::Enrolment out;
  ASSERT_THAT(enrolments_->WithdrawEnrolment(AsAdmin().get(), withdraw, &out), GrpcIs(Code::OK));

  v1::Cohort c;
  ASSERT_THAT(Get(kCohort2023, &c), GrpcIs(Code::OK));
  EXPECT_EQ(c.applied().service(), 2);
  EXPECT_EQ(c.applied().management(), 1);
  EXPECT_EQ(c.applied().education_research(), 0) << "withdrawn enrolments do not count";
  EXPECT_EQ(c.selected().service(), 1);
  EXPECT_EQ(c.selected().management(), 0);
}

TEST_F(CohortServiceTest, SetQuotasInDraftAndEnrolling) {
  CreateCohort(2023, 2, 1, 1, false);
  v1::Cohort c;
  ASSERT_THAT(Quotas(kCohort2023, 5, 6, 7, &c), GrpcIs(Code::OK));
  EXPECT_EQ(c.quotas().service(), 5);
  EXPECT_EQ(c.quotas().management(), 6);
  EXPECT_EQ(c.quotas().education_research(), 7);
  ASSERT_THAT(Open(kCohort2023), GrpcIs(Code::OK));
  ASSERT_THAT(Quotas(kCohort2023, 3, 3, 3, &c), GrpcIs(Code::OK));
  ASSERT_THAT(Get(kCohort2023, &c), GrpcIs(Code::OK));
  EXPECT_EQ(c.quotas().service(), 3);
}

TEST_F(CohortServiceTest, SetQuotasBadValueIsInvalid) {
  CreateCohort(2023, 2, 1, 1, false);
  EXPECT_THAT(Quotas(kCohort2023, 1, -1, 1),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("management")));
  EXPECT_THAT(Quotas(kCohort2023, 1, 1, 1001),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("quotas.education_research")));
}

TEST_F(CohortServiceTest, SetQuotasBelowTheSelectedIsFailedPrecondition) {
  CreateCohort(2023, 2, 1, 1, true);
  v1::Enrolment a = Enrol(kCohort2023, "张伟", 11, v1::TRACK_SERVICE);
  v1::Enrolment b = Enrol(kCohort2023, "王芳", 12, v1::TRACK_SERVICE);
  RecommendAndSelect(a.name());
  RecommendAndSelect(b.name());
  EXPECT_THAT(Quotas(kCohort2023, 1, 1, 1),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("service"), HasSubstr("2 selected"))));
  EXPECT_THAT(Quotas(kCohort2023, 2, 0, 0), GrpcIs(Code::OK));
}

TEST_F(CohortServiceTest, SetQuotasAfterCultivationStartsIsFailedPrecondition) {
  CreateCohort(2023, 2, 1, 1, true);
  v1::Enrolment a = Enrol(kCohort2023, "张伟", 11, v1::TRACK_SERVICE);
  RecommendAndSelect(a.name());
  ASSERT_THAT(Start(kCohort2023), GrpcIs(Code::OK));
  EXPECT_THAT(Quotas(kCohort2023, 5, 5, 5),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("no longer change")));
}

TEST_F(CohortServiceTest, OnlyAdminsWrite) {
  EXPECT_THAT(Create(CohortRequest("SCSW", 2023), nullptr, viewer_token_),
              GrpcIs(Code::PERMISSION_DENIED, HasSubstr("CreateCohort")));
  EXPECT_THAT(Create(CohortRequest("SCSW", 2023), nullptr, assessor_token_),
              GrpcIs(Code::PERMISSION_DENIED));
  CreateCohort(2023, 2, 1, 1, false);
  EXPECT_THAT(Open(kCohort2023, nullptr, viewer_token_), GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(Start(kCohort2023, nullptr, assessor_token_), GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(Quotas(kCohort2023, 1, 1, 1, nullptr, viewer_token_),
              GrpcIs(Code::PERMISSION_DENIED));
  v1::Cohort c;
  ASSERT_THAT(Get(kCohort2023, &c), GrpcIs(Code::OK));
  EXPECT_EQ(c.state(), v1::COHORT_STATE_DRAFT);
  EXPECT_EQ(c.quotas().service(), 2);
}

TEST_F(CohortServiceTest, EveryRoleReads) {
  CreateCohort(2023, 2, 1, 1, false);
  for (const std::string& token : {admin_token_, assessor_token_, viewer_token_}) {
    v1::Cohort c;
    EXPECT_THAT(Get(kCohort2023, &c, token), GrpcIs(Code::OK));
    v1::ListCohortsResponse list;
    EXPECT_THAT(cohorts_->ListCohorts(As(token).get(), {}, &list), GrpcIs(Code::OK));
    EXPECT_EQ(list.cohorts_size(), 1);
  }
}

}  // namespace
}  // namespace talent

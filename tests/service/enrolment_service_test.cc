// talent.v1.EnrolmentService over a real server: the whole selection flow
// (apply, recommend county then city, select within quota, start
// cultivation), reading an enrolment with its national ID masked unless an
// administrator asks, and who may read and write. Creating is in
// enrolment_create_test.cc, listing in enrolment_list_test.cc, the
// decisions on an enrolment in enrolment_decision_test.cc.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/service/enrolment_service_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::Applicant;
using ::talent::testing::EnrolmentServiceTest;
using ::talent::testing::GrpcIs;
using ::talent::testing::kCohort2023;
using ::talent::testing::Row;
using ::talent::testing::ValidNationalId;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using Code = grpc::StatusCode;

// The fixture is talent::testing::EnrolmentServiceTest (enrolment_service_fixture.h).

// ---------------------------------------------------------------------------
// The whole flow.

TEST_F(EnrolmentServiceTest, WholeSelectionFlow) {
  // Cohort 2023 with quotas 2/1/1, opened.
  v1::Cohort cohort = CreateCohort(2023, 2, 1, 1, true);
  ASSERT_EQ(cohort.state(), v1::COHORT_STATE_ENROLLING);

  // Three service candidates one by one, three more (service, management,
  // education-research) through the import stream.
  v1::Enrolment s1 = Enrol(kCohort2023, "张伟", 101, v1::TRACK_SERVICE);
  v1::Enrolment s2 = Enrol(kCohort2023, "王芳", 102, v1::TRACK_SERVICE);
  v1::Enrolment s3 = Enrol(kCohort2023, "李明远", 103, v1::TRACK_SERVICE);
  testing::ImportCall import =
      Import(kCohort2023, {Row(2, "刘静", ValidNationalId(104), "服务类"),
                           Row(3, "陈明", ValidNationalId(105), "管理类"),
                           Row(4, "杨洋", ValidNationalId(106), "教育与研究类")});
  ASSERT_THAT(import.status, GrpcIs(Code::OK));
  ASSERT_THAT(import.response.errors(), IsEmpty());
  ASSERT_EQ(import.response.imported(), 3);

  v1::ListEnrolmentsRequest all;
  all.set_cohort(kCohort2023);
  v1::ListEnrolmentsResponse listed;
  ASSERT_THAT(List(all, &listed), GrpcIs(Code::OK));
  ASSERT_EQ(listed.total_size(), 6);
  std::map<std::string, std::string> by_name;  // full name → resource name
  for (const v1::Enrolment& e : listed.enrolments()) {
    EXPECT_EQ(e.stage(), v1::STAGE_APPLIED) << e.person().full_name();
    by_name[e.person().full_name()] = e.name();
  }
  const std::string s4 = by_name["刘静"], m1 = by_name["陈明"], e1 = by_name["杨洋"];

  // Recommend county, then city.
  for (const std::string& name : {s1.name(), s2.name(), s3.name(), s4, m1}) {
    v1::Enrolment out;
    ASSERT_THAT(Recommend(name, v1::LEVEL_COUNTY, "2023-04-01", &out), GrpcIs(Code::OK));
    EXPECT_EQ(out.stage(), v1::STAGE_RECOMMENDED);
    ASSERT_THAT(Recommend(name, v1::LEVEL_CITY, "2023-05-01", &out), GrpcIs(Code::OK));
    ASSERT_EQ(out.recommendations_size(), 2);
    EXPECT_EQ(out.recommendations(0).level(), v1::LEVEL_COUNTY);
    EXPECT_EQ(out.recommendations(0).date(), "2023-04-01");
    EXPECT_EQ(out.recommendations(0).recorded_by(), "admin");
    EXPECT_EQ(out.recommendations(1).level(), v1::LEVEL_CITY);
    EXPECT_EQ(out.recommendations(1).body(), "成都市民政局");
  }

  // Select up to the quota: 2 service, 1 management.
  v1::Enrolment out;
  ASSERT_THAT(Select(s1.name(), &out), GrpcIs(Code::OK));
  EXPECT_EQ(out.stage(), v1::STAGE_SELECTED);
  ASSERT_THAT(Select(s2.name()), GrpcIs(Code::OK));
  ASSERT_THAT(Select(m1), GrpcIs(Code::OK));

  // The service track is full.
  EXPECT_THAT(Select(s3.name()),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("service"), HasSubstr("quota 2"), HasSubstr("selected 2"))));
  ASSERT_THAT(Get(s3.name(), &out), GrpcIs(Code::OK));
  EXPECT_EQ(out.stage(), v1::STAGE_RECOMMENDED) << "a refused selection changed the stage";

  v1::GetCohortRequest get_cohort;
  get_cohort.set_name(kCohort2023);
  ASSERT_THAT(cohorts_->GetCohort(AsAdmin().get(), get_cohort, &cohort), GrpcIs(Code::OK));
  EXPECT_EQ(cohort.selected().service(), 2);
  EXPECT_EQ(cohort.selected().management(), 1);
  EXPECT_EQ(cohort.selected().education_research(), 0);
  EXPECT_EQ(cohort.applied().service(), 4);

  // Start cultivation: the selected become ACTIVE, the rest NOT_SELECTED.
  ASSERT_THAT(StartCultivation(kCohort2023, &cohort), GrpcIs(Code::OK));
  EXPECT_EQ(cohort.state(), v1::COHORT_STATE_CULTIVATING);
  ASSERT_THAT(List(all, &listed), GrpcIs(Code::OK));
  ASSERT_EQ(listed.enrolments_size(), 6);
  std::set<std::string> active, not_selected;
  for (const v1::Enrolment& e : listed.enrolments()) {
    if (e.stage() == v1::STAGE_ACTIVE) active.insert(e.name());
    if (e.stage() == v1::STAGE_NOT_SELECTED) {
      not_selected.insert(e.name());
      EXPECT_THAT(e.stage_reason(), HasSubstr("not selected"));
    }
  }
  EXPECT_EQ(active, (std::set<std::string>{s1.name(), s2.name(), m1}));
  EXPECT_EQ(not_selected, (std::set<std::string>{s3.name(), s4, e1}));

  // Enrolment is frozen now.
  v1::Enrolment late;
  EXPECT_THAT(TryEnrol(Applicant(kCohort2023, "迟到者", ValidNationalId(107),
                                 v1::TRACK_EDUCATION_RESEARCH),
                       &late),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("frozen")));
  EXPECT_THAT(Select(s3.name()), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("frozen")));
  EXPECT_THAT(Recommend(e1, v1::LEVEL_COUNTY), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("frozen")));
  EXPECT_THAT(Reject(s1.name(), "迟了"), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("frozen")));
  testing::ImportCall frozen = Import(kCohort2023, {Row(2, "迟到者", ValidNationalId(107), "服务类")});
  EXPECT_THAT(frozen.status, GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("frozen")));
  EXPECT_EQ(CountEnrolments(kCohort2023), 6);

  // An ACTIVE candidate may still withdraw.
  ASSERT_THAT(Withdraw(s1.name(), "工作调动", &out), GrpcIs(Code::OK));
  EXPECT_EQ(out.stage(), v1::STAGE_WITHDRAWN);
  EXPECT_EQ(out.stage_reason(), "工作调动");
  EXPECT_THAT(Withdraw(s3.name(), "x"), GrpcIs(Code::FAILED_PRECONDITION));
}

// ---------------------------------------------------------------------------
// GetEnrolment and national ID masking.

TEST_F(EnrolmentServiceTest, GetMissingIsNotFoundAndMalformedIsInvalid) {
  v1::Enrolment out;
  EXPECT_THAT(Get("enrolments/999", &out), GrpcIs(Code::NOT_FOUND, HasSubstr("enrolment 999")));
  for (const char* name : {"", "enrolments/", "enrolments/abc", "enrolments/0", "enrolments/-3",
                           "cohorts/3"}) {
    EXPECT_THAT(Get(name, &out), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("name"))) << name;
  }
}

TEST_F(EnrolmentServiceTest, NationalIdIsMaskedUnlessAnAdminAsks) {
  CreateCohort(2023, 2, 1, 1, true);
  // A real-looking ID from the demo data (fictional).
  const std::string id = "510104198311286091";
  v1::Enrolment created;
  ASSERT_THAT(TryEnrol(Applicant(kCohort2023, "张伟", id, v1::TRACK_SERVICE), &created),
              GrpcIs(Code::OK));
  EXPECT_EQ(created.person().national_id(), "**************6091");

  v1::Enrolment out;
  ASSERT_THAT(Get(created.name(), &out), GrpcIs(Code::OK));
  EXPECT_EQ(out.person().national_id(), "**************6091");
  EXPECT_EQ(out.person().birth_date(), "");
  ASSERT_THAT(Get(created.name(), &out, true), GrpcIs(Code::OK));
  EXPECT_EQ(out.person().national_id(), id);
  EXPECT_EQ(out.person().birth_date(), "1983-11-28");
  ASSERT_THAT(Get(created.name(), &out, false, viewer_token_), GrpcIs(Code::OK));
  EXPECT_EQ(out.person().national_id(), "**************6091");
  EXPECT_THAT(Get(created.name(), &out, true, viewer_token_),
              GrpcIs(Code::PERMISSION_DENIED,
                     "only administrators may see personal data in full (national ID, birth "
                     "date, phone, e-mail); ask without show_personal_data"));

  v1::ListEnrolmentsRequest req;
  req.set_cohort(kCohort2023);
  v1::ListEnrolmentsResponse list;
  ASSERT_THAT(List(req, &list), GrpcIs(Code::OK));
  ASSERT_EQ(list.enrolments_size(), 1);
  EXPECT_EQ(list.enrolments(0).person().national_id(), "**************6091");
  ASSERT_THAT(List(req, &list, viewer_token_), GrpcIs(Code::OK));
  EXPECT_EQ(list.enrolments(0).person().national_id(), "**************6091");
  req.set_show_personal_data(true);
  list.Clear();
  ASSERT_THAT(List(req, &list), GrpcIs(Code::OK));
  EXPECT_EQ(list.enrolments(0).person().national_id(), id);
  EXPECT_THAT(List(req, &list, viewer_token_),
              GrpcIs(Code::PERMISSION_DENIED, HasSubstr("show_personal_data")));
}

// Everything a viewer can read of a person, put together, is not their ID:
// no region digits, no birth date in any form, no phone or e-mail.
TEST_F(EnrolmentServiceTest, AViewersJsonCannotBeCombinedIntoAFullId) {
  CreateCohort(2023, 2, 1, 1, true);
  const std::string id = "510104198311286091";
  v1::Enrolment in = Applicant(kCohort2023, "张伟", id, v1::TRACK_SERVICE);
  in.mutable_person()->set_phone("13912345678");
  in.mutable_person()->set_email("zhangwei@example.org");
  v1::Enrolment created;
  ASSERT_THAT(TryEnrol(in, &created), GrpcIs(Code::OK));

  std::string json;
  v1::Enrolment got;
  ASSERT_THAT(Get(created.name(), &got, false, viewer_token_), GrpcIs(Code::OK));
  std::string text;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(got, &text).ok());
  json += text;
  v1::ListEnrolmentsRequest req;
  req.set_cohort(kCohort2023);
  v1::ListEnrolmentsResponse list;
  ASSERT_THAT(List(req, &list, viewer_token_), GrpcIs(Code::OK));
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(list, &text).ok());
  json += text;

  EXPECT_THAT(json, HasSubstr("张伟"));
  EXPECT_THAT(json, HasSubstr("6091"));
  for (const char* secret : {"510104", "5101", "19831128", "1983-11-28", "1983", "831128",
                             "13912345678", "zhangwei@example.org", "birthDate", "phone",
                             "email"}) {
    EXPECT_THAT(json, Not(HasSubstr(secret))) << json;
  }
  // The ID's first fourteen characters appear nowhere, however split.
  for (size_t i = 0; i + 4 <= 14; ++i) {
    EXPECT_THAT(json, Not(HasSubstr(id.substr(i, 4)))) << "characters " << i + 1 << "-" << i + 4;
  }
}

TEST_F(EnrolmentServiceTest, LowerCaseXIsStoredUpperCase) {
  CreateCohort(2023, 2, 1, 1, true);
  // Find an ID whose check character is X.
  std::string id;
  for (int n = 0; n < 1000 && id.empty(); ++n) {
    if (ValidNationalId(n).back() == 'X') id = ValidNationalId(n);
  }
  ASSERT_FALSE(id.empty());
  std::string lower = id;
  lower.back() = 'x';
  v1::Enrolment created, out;
  ASSERT_THAT(TryEnrol(Applicant(kCohort2023, "张伟", lower, v1::TRACK_SERVICE), &created),
              GrpcIs(Code::OK));
  ASSERT_THAT(Get(created.name(), &out, true), GrpcIs(Code::OK));
  EXPECT_EQ(out.person().national_id(), id);
  EXPECT_THAT(TryEnrol(Applicant(kCohort2023, "张伟", id, v1::TRACK_SERVICE), &out),
              GrpcIs(Code::ALREADY_EXISTS));
}

TEST_F(EnrolmentServiceTest, AssessorsSeeNoEnrolments) {
  CreateCohort(2023, 2, 1, 1, true);
  v1::Enrolment e = Enrol(kCohort2023, "张伟", 1, v1::TRACK_SERVICE);
  v1::ListEnrolmentsRequest req;
  req.set_cohort(kCohort2023);
  v1::ListEnrolmentsResponse list;
  EXPECT_THAT(List(req, &list, assessor_token_),
              GrpcIs(Code::PERMISSION_DENIED, HasSubstr("ListEnrolments")));
  v1::Enrolment out;
  EXPECT_THAT(Get(e.name(), &out, false, assessor_token_), GrpcIs(Code::PERMISSION_DENIED));
}

TEST_F(EnrolmentServiceTest, OnlyAdminsWrite) {
  CreateCohort(2023, 2, 1, 1, true);
  v1::Enrolment e = Enrol(kCohort2023, "张伟", 1, v1::TRACK_SERVICE);
  for (const std::string& token : {viewer_token_, assessor_token_}) {
    v1::CreateEnrolmentRequest create;
    *create.mutable_enrolment() =
        Applicant(kCohort2023, "王芳", ValidNationalId(2), v1::TRACK_SERVICE);
    v1::Enrolment out;
    EXPECT_THAT(enrolments_->CreateEnrolment(As(token).get(), create, &out),
                GrpcIs(Code::PERMISSION_DENIED));
    v1::RecommendEnrolmentRequest recommend;
    recommend.set_name(e.name());
    recommend.mutable_recommendation()->set_level(v1::LEVEL_COUNTY);
    recommend.mutable_recommendation()->set_body("锦江区民政局");
    recommend.mutable_recommendation()->set_date("2023-05-01");
    EXPECT_THAT(enrolments_->RecommendEnrolment(As(token).get(), recommend, &out),
                GrpcIs(Code::PERMISSION_DENIED));
    v1::SelectEnrolmentRequest select;
    select.set_name(e.name());
    EXPECT_THAT(enrolments_->SelectEnrolment(As(token).get(), select, &out),
                GrpcIs(Code::PERMISSION_DENIED));
    v1::RejectEnrolmentRequest reject;
    reject.set_name(e.name());
    reject.set_reason("x");
    EXPECT_THAT(enrolments_->RejectEnrolment(As(token).get(), reject, &out),
                GrpcIs(Code::PERMISSION_DENIED));
    v1::WithdrawEnrolmentRequest withdraw;
    withdraw.set_name(e.name());
    withdraw.set_reason("x");
    EXPECT_THAT(enrolments_->WithdrawEnrolment(As(token).get(), withdraw, &out),
                GrpcIs(Code::PERMISSION_DENIED));
  }
  v1::Enrolment out;
  ASSERT_THAT(Get(e.name(), &out), GrpcIs(Code::OK));
  EXPECT_EQ(out.stage(), v1::STAGE_APPLIED);
  EXPECT_EQ(CountEnrolments(kCohort2023), 1);
}

}  // namespace
}  // namespace talent

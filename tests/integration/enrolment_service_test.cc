// talent.v1.EnrolmentService over a real server: the whole selection flow
// (apply, recommend county then city, select within quota, start
// cultivation), each RPC's status codes, national ID masking, paging and
// filters.
#include <map>
#include <set>
#include <string>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/enrolment_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::Applicant;
using ::talent::testing::BadCheckNationalId;
using ::talent::testing::GrpcIs;
using ::talent::testing::kCohort2022;
using ::talent::testing::kCohort2023;
using ::talent::testing::Row;
using ::talent::testing::ValidNationalId;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using Code = grpc::StatusCode;

// "510104********" + last 4.
std::string Masked(const std::string& id) { return id.substr(0, 6) + "********" + id.substr(14); }

class EnrolmentServiceTest : public testing::EnrolmentFixture {
 protected:
  void SetUp() override {
    testing::EnrolmentFixture::SetUp();
    if (HasFatalFailure()) return;
    CreateSeedProgramme();
  }

  grpc::Status Get(const std::string& name, v1::Enrolment* out, bool show = false,
                   const std::string& token = "") {
    v1::GetEnrolmentRequest req;
    req.set_name(name);
    req.set_show_national_id(show);
    return enrolments_->GetEnrolment(As(token.empty() ? admin_token_ : token).get(), req, out);
  }

  grpc::Status Reject(const std::string& name, const std::string& reason,
                      v1::Enrolment* out = nullptr) {
    v1::RejectEnrolmentRequest req;
    req.set_name(name);
    req.set_reason(reason);
    v1::Enrolment resp;
    return enrolments_->RejectEnrolment(AsAdmin().get(), req, out ? out : &resp);
  }

  grpc::Status Withdraw(const std::string& name, const std::string& reason,
                        v1::Enrolment* out = nullptr) {
    v1::WithdrawEnrolmentRequest req;
    req.set_name(name);
    req.set_reason(reason);
    v1::Enrolment resp;
    return enrolments_->WithdrawEnrolment(AsAdmin().get(), req, out ? out : &resp);
  }

  grpc::Status StartCultivation(const std::string& cohort, v1::Cohort* out) {
    v1::CohortTransitionRequest req;
    req.set_name(cohort);
    return cohorts_->StartCultivation(AsAdmin().get(), req, out);
  }

  // Seven enrolments in 2023: 4 service (two named 李…), 2 management, 1
  // education-research; the first recommended.
  std::vector<v1::Enrolment> SevenEnrolments() {
    std::vector<v1::Enrolment> out;
    out.push_back(Enrol(kCohort2023, "张伟", 1, v1::TRACK_SERVICE));
    out.push_back(Enrol(kCohort2023, "李明远", 2, v1::TRACK_SERVICE));
    out.push_back(Enrol(kCohort2023, "王芳", 3, v1::TRACK_MANAGEMENT));
    out.push_back(Enrol(kCohort2023, "刘静", 4, v1::TRACK_SERVICE));
    out.push_back(Enrol(kCohort2023, "陈明", 5, v1::TRACK_EDUCATION_RESEARCH));
    out.push_back(Enrol(kCohort2023, "李娜", 6, v1::TRACK_MANAGEMENT));
    out.push_back(Enrol(kCohort2023, "杨洋", 7, v1::TRACK_SERVICE));
    EXPECT_THAT(Recommend(out[0].name(), v1::LEVEL_COUNTY), GrpcIs(Code::OK));
    return out;
  }
};

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
// CreateEnrolment.

TEST_F(EnrolmentServiceTest, CreateDerivesGenderAndBirthDateAndMasksTheId) {
  CreateCohort(2023, 2, 1, 1, true);
  v1::Enrolment e;
  const std::string id = ValidNationalId(12);  // even 17th digit: female
  ASSERT_THAT(TryEnrol(Applicant(kCohort2023, "王芳", id, v1::TRACK_MANAGEMENT), &e),
              GrpcIs(Code::OK));
  EXPECT_EQ(e.name(), "enrolments/" + std::to_string(e.id()));
  EXPECT_EQ(e.cohort(), kCohort2023);
  EXPECT_EQ(e.person().full_name(), "王芳");
  EXPECT_EQ(e.person().gender(), v1::GENDER_FEMALE);
  EXPECT_EQ(e.person().birth_date(), "1980-01-01");
  EXPECT_EQ(e.person().national_id(), Masked(id));
  EXPECT_EQ(e.track(), v1::TRACK_MANAGEMENT);
  EXPECT_EQ(e.stage(), v1::STAGE_APPLIED);
  EXPECT_EQ(e.years_of_experience(), 8);
  EXPECT_EQ(e.organisation(), "成都市锦江区社会工作服务中心");
  EXPECT_EQ(e.create_time(), "2023-06-01T00:00:00Z");

  v1::Enrolment male;
  ASSERT_THAT(TryEnrol(Applicant(kCohort2023, "张伟", ValidNationalId(13), v1::TRACK_SERVICE),
                       &male),
              GrpcIs(Code::OK));
  EXPECT_EQ(male.person().gender(), v1::GENDER_MALE);
  EXPECT_GT(male.id(), e.id());
}

TEST_F(EnrolmentServiceTest, CreateRejectsEachBadFieldByName) {
  CreateCohort(2023, 2, 1, 1, true);
  struct Case {
    const char* what;
    void (*mutate)(v1::Enrolment*);
    const char* field;
  };
  const Case cases[] = {
      {"wrong check character",
       [](v1::Enrolment* e) { e->mutable_person()->set_national_id(BadCheckNationalId(1)); },
       "national ID check character"},
      {"17 characters",
       [](v1::Enrolment* e) { e->mutable_person()->set_national_id("51010419800101001"); },
       "national ID must have 18 characters"},
      {"empty ID", [](v1::Enrolment* e) { e->mutable_person()->set_national_id(""); },
       "national ID"},
      {"born in the future",
       [](v1::Enrolment* e) {
         std::string first17 = "51010420300101001";
         e->mutable_person()->set_national_id(first17 +
                                              common::NationalIdCheckCharacter(first17));
       },
       "after today"},
      {"empty name", [](v1::Enrolment* e) { e->mutable_person()->set_full_name(""); }, "name"},
      {"51-char name",
       [](v1::Enrolment* e) { e->mutable_person()->set_full_name(std::string(51, 'a')); },
       "name"},
      {"no track", [](v1::Enrolment* e) { e->set_track(v1::TRACK_UNSPECIFIED); }, "track"},
      {"bad phone", [](v1::Enrolment* e) { e->mutable_person()->set_phone("12345"); }, "phone"},
      {"bad email", [](v1::Enrolment* e) { e->mutable_person()->set_email("nobody"); }, "email"},
      {"no organisation", [](v1::Enrolment* e) { e->set_organisation(""); }, "organisation"},
      {"61 years", [](v1::Enrolment* e) { e->set_years_of_experience(61); }, "years"},
      {"negative years", [](v1::Enrolment* e) { e->set_years_of_experience(-1); }, "years"},
  };
  for (const Case& c : cases) {
    v1::Enrolment in = Applicant(kCohort2023, "张伟", ValidNationalId(1), v1::TRACK_SERVICE);
    c.mutate(&in);
    v1::Enrolment out;
    EXPECT_THAT(TryEnrol(in, &out), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr(c.field))) << c.what;
  }
  EXPECT_EQ(CountEnrolments(kCohort2023), 0);
}

TEST_F(EnrolmentServiceTest, CreateReportsEveryBadFieldAtOnce) {
  CreateCohort(2023, 2, 1, 1, true);
  v1::Enrolment in = Applicant(kCohort2023, "", BadCheckNationalId(1), v1::TRACK_UNSPECIFIED);
  v1::Enrolment out;
  EXPECT_THAT(TryEnrol(in, &out), GrpcIs(Code::INVALID_ARGUMENT,
                                         AllOf(HasSubstr("name"), HasSubstr("national ID"),
                                               HasSubstr("track"))));
}

TEST_F(EnrolmentServiceTest, CreateErrorsNeverEchoTheNationalId) {
  CreateCohort(2023, 2, 1, 1, true);
  const std::string bad = BadCheckNationalId(1);
  v1::Enrolment out;
  grpc::Status status =
      TryEnrol(Applicant(kCohort2023, "张伟", bad, v1::TRACK_SERVICE), &out);
  ASSERT_THAT(status, GrpcIs(Code::INVALID_ARGUMENT));
  EXPECT_THAT(status.error_message(), ::testing::Not(HasSubstr(bad.substr(0, 17))));
}

TEST_F(EnrolmentServiceTest, CreateWithMalformedCohortIsInvalid) {
  v1::Enrolment out;
  EXPECT_THAT(TryEnrol(Applicant("", "张伟", ValidNationalId(1), v1::TRACK_SERVICE), &out),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("enrolment.cohort")));
}

TEST_F(EnrolmentServiceTest, CreateInMissingCohortIsNotFound) {
  v1::Enrolment out;
  EXPECT_THAT(
      TryEnrol(Applicant(kCohort2023, "张伟", ValidNationalId(1), v1::TRACK_SERVICE), &out),
      GrpcIs(Code::NOT_FOUND, HasSubstr("cohort SCSW/2023")));
  EXPECT_THAT(TryEnrol(Applicant("programmes/NOPE/cohorts/2023", "张伟", ValidNationalId(1),
                                 v1::TRACK_SERVICE),
                       &out),
              GrpcIs(Code::NOT_FOUND));
}

TEST_F(EnrolmentServiceTest, CreateInDraftCohortIsFailedPrecondition) {
  CreateCohort(2023, 2, 1, 1, false);
  v1::Enrolment out;
  EXPECT_THAT(
      TryEnrol(Applicant(kCohort2023, "张伟", ValidNationalId(1), v1::TRACK_SERVICE), &out),
      GrpcIs(Code::FAILED_PRECONDITION, AllOf(HasSubstr("draft"), HasSubstr("open it first"))));
}

TEST_F(EnrolmentServiceTest, SamePersonTwiceInACohortIsAlreadyExists) {
  CreateCohort(2023, 2, 1, 1, true);
  Enrol(kCohort2023, "张伟", 1, v1::TRACK_SERVICE);
  v1::Enrolment out;
  // Same ID, other name and track: still the same person.
  EXPECT_THAT(
      TryEnrol(Applicant(kCohort2023, "张 伟", ValidNationalId(1), v1::TRACK_MANAGEMENT), &out),
      GrpcIs(Code::ALREADY_EXISTS, HasSubstr("already enrolled")));
  EXPECT_EQ(CountEnrolments(kCohort2023), 1);
}

TEST_F(EnrolmentServiceTest, OpenEnrolmentInAnotherCohortIsFailedPrecondition) {
  CreateCohort(2022, 2, 1, 1, true);
  CreateCohort(2023, 2, 1, 1, true);
  v1::Enrolment earlier = Enrol(kCohort2022, "张伟", 1, v1::TRACK_SERVICE);
  v1::Enrolment out;
  v1::Enrolment again = Applicant(kCohort2023, "张伟", ValidNationalId(1), v1::TRACK_SERVICE);
  EXPECT_THAT(TryEnrol(again, &out),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("open enrolment in cohort 2022"), HasSubstr("withdraw"))));
  // Once the earlier one is withdrawn, the person may apply again.
  ASSERT_THAT(Withdraw(earlier.name(), "改报2023年"), GrpcIs(Code::OK));
  EXPECT_THAT(TryEnrol(again, &out), GrpcIs(Code::OK));
  EXPECT_EQ(out.person().full_name(), "张伟");
}

TEST_F(EnrolmentServiceTest, OtherProgrammesDoNotBlockEnrolment) {
  CreateCohort(2023, 2, 1, 1, true);
  v1::CreateProgrammeRequest other;
  other.mutable_programme()->set_code("GDSW");
  other.mutable_programme()->set_title("广东社工");
  other.mutable_programme()->set_issuer("广东省民政厅");
  other.mutable_programme()->set_start_year(2021);
  other.mutable_programme()->set_end_year(2025);
  other.mutable_programme()->set_talent_target(100);
  v1::Programme p;
  ASSERT_THAT(programmes_->CreateProgramme(AsAdmin().get(), other, &p), GrpcIs(Code::OK));
  v1::CreateCohortRequest cohort;
  cohort.mutable_cohort()->set_programme("GDSW");
  cohort.mutable_cohort()->set_year(2023);
  cohort.mutable_cohort()->mutable_quotas()->set_service(1);
  v1::Cohort c;
  ASSERT_THAT(cohorts_->CreateCohort(AsAdmin().get(), cohort, &c), GrpcIs(Code::OK));
  v1::CohortTransitionRequest open;
  open.set_name(c.name());
  ASSERT_THAT(cohorts_->OpenEnrolment(AsAdmin().get(), open, &c), GrpcIs(Code::OK));

  Enrol(kCohort2023, "张伟", 1, v1::TRACK_SERVICE);
  v1::Enrolment out;
  EXPECT_THAT(TryEnrol(Applicant(c.name(), "张伟", ValidNationalId(1), v1::TRACK_SERVICE), &out),
              GrpcIs(Code::OK));
}

TEST_F(EnrolmentServiceTest, SameRequestIdEnrolsOnceAndAnswersTheSame) {
  CreateCohort(2023, 2, 1, 1, true);
  v1::Enrolment in = Applicant(kCohort2023, "张伟", ValidNationalId(1), v1::TRACK_SERVICE);
  v1::Enrolment first, second;
  ASSERT_THAT(TryEnrol(in, &first, "enrol-zhang"), GrpcIs(Code::OK));
  ASSERT_THAT(TryEnrol(in, &second, "enrol-zhang"), GrpcIs(Code::OK))
      << "a retry must not be ALREADY_EXISTS";
  EXPECT_EQ(first.SerializeAsString(), second.SerializeAsString());
  EXPECT_EQ(CountEnrolments(kCohort2023), 1);
  // Without the key the duplicate is refused.
  v1::Enrolment third;
  EXPECT_THAT(TryEnrol(in, &third), GrpcIs(Code::ALREADY_EXISTS));
}

TEST_F(EnrolmentServiceTest, NotSelectedIn2022MayApplyAgainIn2023) {
  CreateCohort(2022, 2, 1, 1, true);
  CreateCohort(2023, 2, 1, 1, true);
  v1::Enrolment earlier = Enrol(kCohort2022, "张伟", 1, v1::TRACK_SERVICE);
  ASSERT_THAT(Reject(earlier.name(), "名额已满"), GrpcIs(Code::OK));
  v1::Enrolment out;
  EXPECT_THAT(
      TryEnrol(Applicant(kCohort2023, "张伟", ValidNationalId(1), v1::TRACK_SERVICE), &out),
      GrpcIs(Code::OK));
}

TEST_F(EnrolmentServiceTest, ConcurrentDuplicateApplicationsCreateOne) {
  CreateCohort(2023, 2, 1, 1, true);
  const v1::Enrolment in = Applicant(kCohort2023, "张伟", ValidNationalId(1), v1::TRACK_SERVICE);
  std::vector<grpc::Status> results(6);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      v1::Enrolment out;
      results[i] = TryEnrol(in, &out);
    });
  }
  for (std::thread& t : threads) t.join();
  int ok = 0, exists = 0;
  for (const grpc::Status& status : results) {
    if (status.ok()) ++ok;
    if (status.error_code() == Code::ALREADY_EXISTS) ++exists;
  }
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(exists, 5);
  EXPECT_EQ(CountEnrolments(kCohort2023), 1);
}

TEST_F(EnrolmentServiceTest, ConcurrentSelectionsNeverExceedTheQuota) {
  CreateCohort(2023, 2, 1, 1, true);
  std::vector<std::string> names;
  for (int i = 0; i < 6; ++i) {
    v1::Enrolment e = Enrol(kCohort2023, "候选人" + std::to_string(i), 20 + i, v1::TRACK_SERVICE);
    ASSERT_THAT(Recommend(e.name(), v1::LEVEL_COUNTY), GrpcIs(Code::OK));
    names.push_back(e.name());
  }
  std::vector<grpc::Status> results(names.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < names.size(); ++i) {
    threads.emplace_back([&, i] { results[i] = Select(names[i]); });
  }
  for (std::thread& t : threads) t.join();
  int ok = 0, full = 0;
  for (const grpc::Status& status : results) {
    if (status.ok()) ++ok;
    if (status.error_code() == Code::FAILED_PRECONDITION &&
        status.error_message().find("quota 2") != std::string::npos) {
      ++full;
    }
  }
  EXPECT_EQ(ok, 2);
  EXPECT_EQ(full, 4);
  v1::GetCohortRequest get;
  get.set_name(kCohort2023);
  v1::Cohort c;
  ASSERT_THAT(cohorts_->GetCohort(AsAdmin().get(), get, &c), GrpcIs(Code::OK));
  EXPECT_EQ(c.selected().service(), 2);
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
  EXPECT_EQ(created.person().national_id(), "510104********6091");

  v1::Enrolment out;
  ASSERT_THAT(Get(created.name(), &out), GrpcIs(Code::OK));
  EXPECT_EQ(out.person().national_id(), "510104********6091");
  ASSERT_THAT(Get(created.name(), &out, true), GrpcIs(Code::OK));
  EXPECT_EQ(out.person().national_id(), id);
  ASSERT_THAT(Get(created.name(), &out, false, viewer_token_), GrpcIs(Code::OK));
  EXPECT_EQ(out.person().national_id(), "510104********6091");
  EXPECT_THAT(Get(created.name(), &out, true, viewer_token_),
              GrpcIs(Code::PERMISSION_DENIED, HasSubstr("show_national_id")));

  v1::ListEnrolmentsRequest req;
  req.set_cohort(kCohort2023);
  v1::ListEnrolmentsResponse list;
  ASSERT_THAT(List(req, &list), GrpcIs(Code::OK));
  ASSERT_EQ(list.enrolments_size(), 1);
  EXPECT_EQ(list.enrolments(0).person().national_id(), "510104********6091");
  ASSERT_THAT(List(req, &list, viewer_token_), GrpcIs(Code::OK));
  EXPECT_EQ(list.enrolments(0).person().national_id(), "510104********6091");
  req.set_show_national_id(true);
  list.Clear();
  ASSERT_THAT(List(req, &list), GrpcIs(Code::OK));
  EXPECT_EQ(list.enrolments(0).person().national_id(), id);
  EXPECT_THAT(List(req, &list, viewer_token_),
              GrpcIs(Code::PERMISSION_DENIED, HasSubstr("show_national_id")));
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

// ---------------------------------------------------------------------------
// ListEnrolments: paging and filters.

TEST_F(EnrolmentServiceTest, PagesThroughSevenEnrolmentsThreeAtATime) {
  CreateCohort(2023, 10, 10, 10, true);
  std::vector<v1::Enrolment> created = SevenEnrolments();
  v1::ListEnrolmentsRequest req;
  req.set_cohort(kCohort2023);
  req.set_page_size(3);
  std::vector<int> sizes;
  std::vector<int64_t> ids;
  std::set<std::string> tokens;
  for (int pages = 0; pages < 10; ++pages) {
    v1::ListEnrolmentsResponse resp;
    ASSERT_THAT(List(req, &resp, viewer_token_), GrpcIs(Code::OK));
    EXPECT_EQ(resp.total_size(), 7) << "page " << pages;
    sizes.push_back(resp.enrolments_size());
    for (const v1::Enrolment& e : resp.enrolments()) ids.push_back(e.id());
    if (resp.next_page_token().empty()) break;
    EXPECT_TRUE(tokens.insert(resp.next_page_token()).second) << "a page token repeated";
    req.set_page_token(resp.next_page_token());
  }
  EXPECT_EQ(sizes, (std::vector<int>{3, 3, 1}));
  std::vector<int64_t> want;
  for (const v1::Enrolment& e : created) want.push_back(e.id());
  EXPECT_EQ(ids, want) << "pages must follow the order of application, without duplicates";
}

TEST_F(EnrolmentServiceTest, PageSizeZeroIsTheDefaultAndNegativeIsInvalid) {
  CreateCohort(2023, 10, 10, 10, true);
  SevenEnrolments();
  v1::ListEnrolmentsRequest req;
  req.set_cohort(kCohort2023);
  req.set_page_size(0);
  v1::ListEnrolmentsResponse resp;
  ASSERT_THAT(List(req, &resp), GrpcIs(Code::OK));
  EXPECT_EQ(resp.enrolments_size(), 7);
  EXPECT_EQ(resp.next_page_token(), "");
  req.set_page_size(-1);
  EXPECT_THAT(List(req, &resp), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("page_size")));
}

TEST_F(EnrolmentServiceTest, BadPageTokenIsInvalid) {
  CreateCohort(2023, 10, 10, 10, true);
  SevenEnrolments();
  v1::ListEnrolmentsRequest req;
  req.set_cohort(kCohort2023);
  v1::ListEnrolmentsResponse resp;
  // Not base64; base64 without the version; the right version but no number.
  for (const char* token : {"***", "MTIz", "djE6YWJj"}) {
    req.set_page_token(token);
    EXPECT_THAT(List(req, &resp), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("page_token")))
        << token;
  }
}

TEST_F(EnrolmentServiceTest, FiltersByTrackStageAndName) {
  CreateCohort(2023, 10, 10, 10, true);
  std::vector<v1::Enrolment> created = SevenEnrolments();
  const auto names = [&](const v1::ListEnrolmentsRequest& req) {
    v1::ListEnrolmentsResponse resp;
    EXPECT_THAT(List(req, &resp), GrpcIs(Code::OK));
    std::vector<std::string> out;
    for (const v1::Enrolment& e : resp.enrolments()) out.push_back(e.person().full_name());
    EXPECT_EQ(resp.total_size(), static_cast<int>(out.size()));
    return out;
  };
  v1::ListEnrolmentsRequest req;
  req.set_cohort(kCohort2023);

  req.set_track(v1::TRACK_SERVICE);
  EXPECT_EQ(names(req), (std::vector<std::string>{"张伟", "李明远", "刘静", "杨洋"}));
  req.set_track(v1::TRACK_EDUCATION_RESEARCH);
  EXPECT_EQ(names(req), (std::vector<std::string>{"陈明"}));

  req.set_track(v1::TRACK_UNSPECIFIED);
  req.set_stage(v1::STAGE_RECOMMENDED);
  EXPECT_EQ(names(req), (std::vector<std::string>{"张伟"}));
  req.set_stage(v1::STAGE_APPLIED);
  EXPECT_EQ(names(req).size(), 6u);

  req.set_stage(v1::STAGE_UNSPECIFIED);
  req.set_name_contains("李");
  EXPECT_EQ(names(req), (std::vector<std::string>{"李明远", "李娜"}));
  req.set_name_contains("明");
  EXPECT_EQ(names(req), (std::vector<std::string>{"李明远", "陈明"}));
  req.set_track(v1::TRACK_SERVICE);
  EXPECT_EQ(names(req), (std::vector<std::string>{"李明远"}));
  req.set_name_contains("赵");
  EXPECT_THAT(names(req), IsEmpty());

  // With paging: total_size counts the filtered set, not the page.
  v1::ListEnrolmentsRequest paged;
  paged.set_cohort(kCohort2023);
  paged.set_track(v1::TRACK_SERVICE);
  paged.set_page_size(1);
  v1::ListEnrolmentsResponse resp;
  ASSERT_THAT(List(paged, &resp), GrpcIs(Code::OK));
  EXPECT_EQ(resp.enrolments_size(), 1);
  EXPECT_EQ(resp.total_size(), 4);
  EXPECT_NE(resp.next_page_token(), "");
}

TEST_F(EnrolmentServiceTest, ListErrors) {
  v1::ListEnrolmentsRequest req;
  v1::ListEnrolmentsResponse resp;
  EXPECT_THAT(List(req, &resp), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("cohort")));
  req.set_cohort(kCohort2023);
  EXPECT_THAT(List(req, &resp), GrpcIs(Code::NOT_FOUND, HasSubstr("SCSW/2023")));
  CreateCohort(2023, 1, 1, 1, false);
  req.set_track(static_cast<v1::Track>(42));
  EXPECT_THAT(List(req, &resp), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("track")));
  req.set_track(v1::TRACK_UNSPECIFIED);
  req.set_stage(static_cast<v1::Stage>(-7));
  EXPECT_THAT(List(req, &resp), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("stage")));
  req.set_stage(v1::STAGE_UNSPECIFIED);
  EXPECT_THAT(List(req, &resp), GrpcIs(Code::OK));
  EXPECT_EQ(resp.total_size(), 0);
}

// ---------------------------------------------------------------------------
// Recommend, select, reject, withdraw.

TEST_F(EnrolmentServiceTest, RecommendationsGoUpwardOnlyOncePerLevel) {
  CreateCohort(2023, 2, 1, 1, true);
  v1::Enrolment e = Enrol(kCohort2023, "张伟", 1, v1::TRACK_SERVICE);
  ASSERT_THAT(Recommend(e.name(), v1::LEVEL_CITY), GrpcIs(Code::OK));
  EXPECT_THAT(Recommend(e.name(), v1::LEVEL_COUNTY),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("upward")));
  EXPECT_THAT(Recommend(e.name(), v1::LEVEL_CITY),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("city")));
  v1::Enrolment out;
  ASSERT_THAT(Recommend(e.name(), v1::LEVEL_PROVINCE, "2023-06-01", &out), GrpcIs(Code::OK))
      << "today is not in the future";
  EXPECT_EQ(out.recommendations_size(), 2);
}

TEST_F(EnrolmentServiceTest, RecommendRejectsBadInput) {
  CreateCohort(2023, 2, 1, 1, true);
  v1::Enrolment e = Enrol(kCohort2023, "张伟", 1, v1::TRACK_SERVICE);
  EXPECT_THAT(Recommend(e.name(), v1::LEVEL_UNSPECIFIED),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("level")));
  EXPECT_THAT(Recommend(e.name(), static_cast<v1::RecommendationLevel>(9)),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("level")));
  EXPECT_THAT(Recommend(e.name(), v1::LEVEL_COUNTY, "2023-06-02"),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("future")));
  EXPECT_THAT(Recommend(e.name(), v1::LEVEL_COUNTY, "2023/05/01"),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("recommendation.date")));
  EXPECT_THAT(Recommend(e.name(), v1::LEVEL_COUNTY, "2023-02-30"),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("date")));
  v1::RecommendEnrolmentRequest req;
  req.set_name(e.name());
  req.mutable_recommendation()->set_level(v1::LEVEL_COUNTY);
  req.mutable_recommendation()->set_date("2023-05-01");
  v1::Enrolment out;
  EXPECT_THAT(enrolments_->RecommendEnrolment(AsAdmin().get(), req, &out),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("body")));
  EXPECT_THAT(Recommend("enrolments/999", v1::LEVEL_COUNTY), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(Recommend("bad", v1::LEVEL_COUNTY), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("name")));
  ASSERT_THAT(Get(e.name(), &out), GrpcIs(Code::OK));
  EXPECT_EQ(out.stage(), v1::STAGE_APPLIED);
  EXPECT_EQ(out.recommendations_size(), 0);
}

TEST_F(EnrolmentServiceTest, SelectNeedsARecommendation) {
  CreateCohort(2023, 2, 1, 1, true);
  v1::Enrolment e = Enrol(kCohort2023, "张伟", 1, v1::TRACK_SERVICE);
  EXPECT_THAT(Select(e.name()),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("record a recommendation first")));
  EXPECT_THAT(Select("enrolments/999"), GrpcIs(Code::NOT_FOUND));
  RecommendAndSelect(e.name());
  EXPECT_THAT(Select(e.name()), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("selected")));
  EXPECT_THAT(Recommend(e.name(), v1::LEVEL_PROVINCE), GrpcIs(Code::FAILED_PRECONDITION));
}

TEST_F(EnrolmentServiceTest, ZeroQuotaTrackTakesNobody) {
  CreateCohort(2023, 2, 0, 1, true);
  v1::Enrolment e = Enrol(kCohort2023, "王芳", 2, v1::TRACK_MANAGEMENT);
  ASSERT_THAT(Recommend(e.name(), v1::LEVEL_COUNTY), GrpcIs(Code::OK));
  EXPECT_THAT(Select(e.name()),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("management"), HasSubstr("quota 0"), HasSubstr("selected 0"))));
}

TEST_F(EnrolmentServiceTest, RejectingASelectedCandidateFreesTheQuota) {
  CreateCohort(2023, 1, 1, 1, true);
  v1::Enrolment a = Enrol(kCohort2023, "张伟", 1, v1::TRACK_SERVICE);
  v1::Enrolment b = Enrol(kCohort2023, "王芳", 2, v1::TRACK_SERVICE);
  RecommendAndSelect(a.name());
  ASSERT_THAT(Recommend(b.name(), v1::LEVEL_COUNTY), GrpcIs(Code::OK));
  ASSERT_THAT(Select(b.name()), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("quota 1")));

  EXPECT_THAT(Reject(a.name(), ""), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reason")));
  EXPECT_THAT(Reject(a.name(), std::string(501, 'x')),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reason")));
  v1::Enrolment out;
  ASSERT_THAT(Reject(a.name(), "材料不全", &out), GrpcIs(Code::OK));
  EXPECT_EQ(out.stage(), v1::STAGE_NOT_SELECTED);
  EXPECT_EQ(out.stage_reason(), "材料不全");
  EXPECT_THAT(Select(b.name()), GrpcIs(Code::OK));
  // Rejected is final.
  EXPECT_THAT(Reject(a.name(), "again"), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("not-selected")));
  EXPECT_THAT(Recommend(a.name(), v1::LEVEL_PROVINCE), GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(Reject("enrolments/999", "x"), GrpcIs(Code::NOT_FOUND));
}

TEST_F(EnrolmentServiceTest, WithdrawFromEachOpenStage) {
  CreateCohort(2023, 2, 1, 1, true);
  v1::Enrolment applied = Enrol(kCohort2023, "张伟", 1, v1::TRACK_SERVICE);
  v1::Enrolment recommended = Enrol(kCohort2023, "王芳", 2, v1::TRACK_SERVICE);
  v1::Enrolment selected = Enrol(kCohort2023, "李明远", 3, v1::TRACK_MANAGEMENT);
  ASSERT_THAT(Recommend(recommended.name(), v1::LEVEL_COUNTY), GrpcIs(Code::OK));
  RecommendAndSelect(selected.name());
  EXPECT_THAT(Withdraw(applied.name(), ""), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reason")));
  for (const v1::Enrolment* e : {&applied, &recommended, &selected}) {
    v1::Enrolment out;
    ASSERT_THAT(Withdraw(e->name(), "个人原因", &out), GrpcIs(Code::OK)) << e->name();
    EXPECT_EQ(out.stage(), v1::STAGE_WITHDRAWN);
    EXPECT_EQ(out.stage_reason(), "个人原因");
    EXPECT_THAT(Withdraw(e->name(), "again"),
                GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("cannot be withdrawn")));
  }
  EXPECT_THAT(Withdraw("enrolments/999", "x"), GrpcIs(Code::NOT_FOUND));
  v1::GetCohortRequest get;
  get.set_name(kCohort2023);
  v1::Cohort c;
  ASSERT_THAT(cohorts_->GetCohort(AsAdmin().get(), get, &c), GrpcIs(Code::OK));
  EXPECT_EQ(c.selected().management(), 0) << "a withdrawn selection still holds a place";
}

}  // namespace
}  // namespace talent

// talent.v1.EnrolmentService.CreateEnrolment over a real server: what a new
// enrolment derives (gender, birth date) and masks, every bad field refused
// by name (all at once, never echoing the national ID), the cohort's state
// and name, one enrolment per person in a cohort and one open enrolment per
// person at a time, request ids, and concurrent applications and selections.
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/service/enrolment_service_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::Applicant;
using ::talent::testing::BadCheckNationalId;
using ::talent::testing::EnrolmentServiceTest;
using ::talent::testing::GrpcIs;
using ::talent::testing::kCohort2022;
using ::talent::testing::kCohort2023;
using ::talent::testing::Masked;
using ::talent::testing::ValidNationalId;
using ::testing::AllOf;
using ::testing::HasSubstr;
using Code = grpc::StatusCode;

// The fixture is talent::testing::EnrolmentServiceTest (enrolment_service_fixture.h).

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
  EXPECT_EQ(e.person().birth_date(), "");  // personal data, masked
  EXPECT_EQ(e.person().national_id(), Masked(id));
  v1::Enrolment full;
  ASSERT_THAT(Get(e.name(), &full, true), GrpcIs(Code::OK));
  EXPECT_EQ(full.person().birth_date(), "1980-01-01");
  EXPECT_EQ(full.person().national_id(), id);
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

}  // namespace
}  // namespace talent

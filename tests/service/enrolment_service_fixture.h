// EnrolmentServiceTest: the fixture of the EnrolmentService tests (the
// selection flow, creating, reading, listing and deciding on enrolments):
// the seed programme, the EnrolmentService and CohortService calls the
// enrolment fixture lacks (get, reject, withdraw, start cultivation), seven
// enrolments to page and filter, and the masked form of a national ID. For
// integration tests only. Not thread-safe.
#ifndef TALENT_TESTS_SERVICE_ENROLMENT_SERVICE_FIXTURE_H_
#define TALENT_TESTS_SERVICE_ENROLMENT_SERVICE_FIXTURE_H_

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/enrolment_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent::testing {

// An 18-character ID as everyone but an administrator who asks sees it.
inline std::string Masked(const std::string& id) { return std::string(14, '*') + id.substr(14); }

class EnrolmentServiceTest : public EnrolmentFixture {
 protected:
  using Code = grpc::StatusCode;

  void SetUp() override {
    EnrolmentFixture::SetUp();
    if (HasFatalFailure()) return;
    CreateSeedProgramme();
  }

  grpc::Status Get(const std::string& name, v1::Enrolment* out, bool show = false,
                   const std::string& token = "") {
    v1::GetEnrolmentRequest req;
    req.set_name(name);
    req.set_show_personal_data(show);
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

}  // namespace talent::testing

#endif  // TALENT_TESTS_SERVICE_ENROLMENT_SERVICE_FIXTURE_H_

// EnrolmentFixture: ServerFixture plus the helpers the enrolment, import and
// flow tests share — valid national IDs, applications, recommendations,
// selections and an ImportEnrolments stream. For integration tests only.
// Not thread-safe.
#ifndef TALENT_TESTS_TESTING_ENROLMENT_FIXTURE_H_
#define TALENT_TESTS_TESTING_ENROLMENT_FIXTURE_H_

#include <cstdio>
#include <string>
#include <vector>

#include "common/national_id.h"
#include "gtest/gtest.h"
#include "tests/testing/server_fixture.h"

namespace talent::testing {

inline constexpr char kCohort2023[] = "programmes/SCSW/cohorts/2023";
inline constexpr char kCohort2022[] = "programmes/SCSW/cohorts/2022";

// A valid 18-character ID for a person born 1980-01-01 in 510104 (成都市
// 锦江区); `n` (0–999) makes it unique, and its parity the gender (odd: male).
inline std::string ValidNationalId(int n) {
  char first17[18];
  std::snprintf(first17, sizeof first17, "51010419800101%03d", n);
  return std::string(first17) + common::NationalIdCheckCharacter(first17);
}

// The same ID with a wrong check character.
inline std::string BadCheckNationalId(int n) {
  std::string id = ValidNationalId(n);
  id.back() = id.back() == '0' ? '1' : '0';
  return id;
}

inline v1::Enrolment Applicant(const std::string& cohort, const std::string& full_name,
                               const std::string& national_id, v1::Track track) {
  v1::Enrolment e;
  e.set_cohort(cohort);
  e.mutable_person()->set_full_name(full_name);
  e.mutable_person()->set_national_id(national_id);
  e.mutable_person()->set_phone("13800000000");
  e.set_track(track);
  e.set_organisation("成都市锦江区社会工作服务中心");
  e.set_region("成都市锦江区");
  e.set_qualification("社会工作师");
  e.set_years_of_experience(8);
  return e;
}

// One spreadsheet row, as talentctl would send it.
inline v1::ImportRow Row(int line, const std::string& full_name, const std::string& national_id,
                         const std::string& track) {
  v1::ImportRow row;
  row.set_line(line);
  row.set_full_name(full_name);
  row.set_national_id(national_id);
  row.set_organisation("成都市青羊区社会组织孵化基地");
  row.set_region("成都市青羊区");
  row.set_track(track);
  row.set_phone("18946483688");
  row.set_email("someone@example.org");
  row.set_qualification("助理社会工作师");
  row.set_years_of_experience("6");
  return row;
}

struct ImportCall {
  grpc::Status status;
  v1::ImportEnrolmentsResponse response;
};

class EnrolmentFixture : public ServerFixture {
 protected:
  // CreateEnrolment as admin; the call's status.
  grpc::Status TryEnrol(const v1::Enrolment& e, v1::Enrolment* out,
                        const std::string& request_id = "") {
    v1::CreateEnrolmentRequest req;
    *req.mutable_enrolment() = e;
    req.set_request_id(request_id);
    return enrolments_->CreateEnrolment(AsAdmin().get(), req, out);
  }

  // CreateEnrolment as admin, expected to succeed.
  v1::Enrolment Enrol(const std::string& cohort, const std::string& full_name, int id_seq,
                      v1::Track track) {
    v1::Enrolment out;
    grpc::Status status = TryEnrol(Applicant(cohort, full_name, ValidNationalId(id_seq), track),
                                   &out);
    EXPECT_TRUE(status.ok()) << full_name << ": " << status.error_message();
    return out;
  }

  grpc::Status Recommend(const std::string& name, v1::RecommendationLevel level,
                         const std::string& date = "2023-05-01", v1::Enrolment* out = nullptr) {
    v1::RecommendEnrolmentRequest req;
    req.set_name(name);
    req.mutable_recommendation()->set_level(level);
    req.mutable_recommendation()->set_body(level == v1::LEVEL_COUNTY ? "锦江区民政局"
                                                                     : "成都市民政局");
    req.mutable_recommendation()->set_date(date);
    v1::Enrolment resp;
    return enrolments_->RecommendEnrolment(AsAdmin().get(), req, out ? out : &resp);
  }

  grpc::Status Select(const std::string& name, v1::Enrolment* out = nullptr) {
    v1::SelectEnrolmentRequest req;
    req.set_name(name);
    v1::Enrolment resp;
    return enrolments_->SelectEnrolment(AsAdmin().get(), req, out ? out : &resp);
  }

  // Cohort 2023 ENROLLING → CULTIVATING through the API; must succeed.
  void StartCultivating2023() {
    v1::CohortTransitionRequest req;
    req.set_name(kCohort2023);
    v1::Cohort cohort;
    grpc::Status status = cohorts_->StartCultivation(AsAdmin().get(), req, &cohort);
    ASSERT_TRUE(status.ok()) << status.error_message();
    ASSERT_EQ(cohort.state(), v1::COHORT_STATE_CULTIVATING);
  }

  // County then city recommendation, then selection; every step must succeed.
  void RecommendAndSelect(const std::string& name) {
    ASSERT_TRUE(Recommend(name, v1::LEVEL_COUNTY).ok()) << name;
    ASSERT_TRUE(Recommend(name, v1::LEVEL_CITY).ok()) << name;
    grpc::Status status = Select(name);
    ASSERT_TRUE(status.ok()) << name << ": " << status.error_message();
  }

  grpc::Status List(const v1::ListEnrolmentsRequest& req, v1::ListEnrolmentsResponse* out,
                    const std::string& token = "") {
    return enrolments_->ListEnrolments(As(token.empty() ? admin_token_ : token).get(), req, out);
  }

  // total_size of the cohort's enrolments (admin, no filter).
  int CountEnrolments(const std::string& cohort) {
    v1::ListEnrolmentsRequest req;
    req.set_cohort(cohort);
    v1::ListEnrolmentsResponse resp;
    grpc::Status status = List(req, &resp);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return resp.total_size();
  }

  // Streams `messages` to ImportEnrolments as `token` and returns the result.
  ImportCall ImportMessages(const std::vector<v1::ImportEnrolmentsRequest>& messages,
                            const std::string& token) {
    ImportCall call;
    auto context = As(token);
    std::unique_ptr<grpc::ClientWriter<v1::ImportEnrolmentsRequest>> writer =
        enrolments_->ImportEnrolments(context.get(), &call.response);
    for (const v1::ImportEnrolmentsRequest& m : messages) {
      if (!writer->Write(m)) break;  // the server has answered already
    }
    writer->WritesDone();
    call.status = writer->Finish();
    return call;
  }

  // The usual shape: a first message naming the cohort (and options), then
  // the rows in batches of `batch`.
  ImportCall Import(const std::string& cohort, const std::vector<v1::ImportRow>& rows,
                    bool dry_run = false, const std::string& request_id = "", int batch = 2,
                    const std::string& token = "") {
    std::vector<v1::ImportEnrolmentsRequest> messages(1);
    messages[0].set_cohort(cohort);
    messages[0].set_dry_run(dry_run);
    messages[0].set_request_id(request_id);
    for (size_t i = 0; i < rows.size(); ++i) {
      if (i % batch == 0) messages.emplace_back();
      *messages.back().add_rows() = rows[i];
    }
    return ImportMessages(messages, token.empty() ? admin_token_ : token);
  }
};

}  // namespace talent::testing

#endif  // TALENT_TESTS_TESTING_ENROLMENT_FIXTURE_H_

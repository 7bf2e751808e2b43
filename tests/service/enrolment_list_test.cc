// talent.v1.EnrolmentService.ListEnrolments over a real server: paging
// through a cohort's enrolments (page sizes, page tokens), filtering by
// track, stage and name, and every status code it promises.
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/service/enrolment_service_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::EnrolmentServiceTest;
using ::talent::testing::GrpcIs;
using ::talent::testing::kCohort2023;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using Code = grpc::StatusCode;

// The fixture is talent::testing::EnrolmentServiceTest (enrolment_service_fixture.h).

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

}  // namespace
}  // namespace talent

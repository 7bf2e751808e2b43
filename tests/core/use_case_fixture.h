// The fixture of the use-case tests: every use case over a real Store in a
// temporary directory, with a FakeClock and an administrator, plus builders
// for applicants and an enrolling cohort.
#ifndef TALENT_TESTS_CORE_USE_CASE_FIXTURE_H_
#define TALENT_TESTS_CORE_USE_CASE_FIXTURE_H_

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "common/crypto.h"
#include "common/national_id.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/use_cases.h"
#include "server/storage/audit_log.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"


namespace talent::core {

using domain::CohortState;
using domain::Role;
using domain::Stage;
using domain::Track;
inline constexpr domain::PersonalData kMasked = domain::PersonalData::kMasked;
inline constexpr domain::PersonalData kFull = domain::PersonalData::kFull;
using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::talent::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

inline constexpr absl::StatusCode kInvalid = absl::StatusCode::kInvalidArgument;
inline constexpr absl::StatusCode kPrecondition = absl::StatusCode::kFailedPrecondition;
inline constexpr int64_t kNow = 1685577600;  // 2023-06-01T00:00:00Z
inline constexpr int64_t kDay = 86400;

// A valid national ID born 1990-03-07, distinct for each n < 1000.
inline std::string NationalId(int n) {
  std::string first17 = "51010419900307" + std::to_string(1000 + n % 1000).substr(1);
  return first17 + common::NationalIdCheckCharacter(first17);
}

inline domain::ApplicantInput Applicant(int n, const std::string& track = "服务类") {
  domain::ApplicantInput in;
  in.full_name = "申请人" + std::to_string(n);
  in.national_id = NationalId(n);
  in.organisation = "成都市社会工作服务中心";
  in.track = track;
  in.phone = "13800000000";
  return in;
}

inline EnrolmentQuery InCohort(const std::string& code, int year, Track track = Track::kUnspecified) {
  EnrolmentQuery query;
  query.programme_code = code;
  query.year = year;
  query.track = track;
  return query;
}

template <typename ReasonMatcher>
auto ImportErrorIs(int line, const std::string& column, ReasonMatcher reason) {
  return ::testing::AllOf(
      Field(&ImportError::line, line), Field(&ImportError::column, column),
      Field(&ImportError::reason, ::testing::MatcherCast<const std::string&>(reason)));
}

class UseCaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage::StoreOptions options;
    options.create = true;
    auto store = storage::Store::Open(path_, options);
    ASSERT_THAT(store, IsOk());
    core_ = std::make_unique<UseCases>(std::move(*store), &clock_);
    auto token = core_->users.Bootstrap(MakeUser("admin", Role::kAdmin));
    ASSERT_THAT(token, IsOk());
    admin_secret_ = token->secret;
    auto caller = core_->users.Authenticate(admin_secret_);
    ASSERT_THAT(caller, IsOk());
    admin_ = *caller;
  }

  static domain::User MakeUser(const std::string& username, Role role) {
    domain::User u;
    u.username = username;
    u.display_name = "用户 " + username;
    u.role = role;
    u.organisation = "四川省民政厅";
    return u;
  }

  static domain::Programme MakeProgramme(const std::string& code) {
    domain::Programme p;
    p.code = code;
    p.title = "四川社会工作人才计划";
    p.issuer = "四川省民政厅";
    p.start_year = 2020;
    p.end_year = 2030;
    p.talent_target = 300;
    return p;
  }

  // Programme SCSW and its cohort 2023 with the given quotas, ENROLLING.
  void SetUpEnrollingCohort(domain::PerTrack quotas = {10, 10, 10}) {
    ASSERT_THAT(core_->programmes.CreateProgramme(admin_, MakeProgramme("SCSW"), ""), IsOk());
    ASSERT_THAT(core_->programmes.CreateCohort(admin_, "SCSW", 2023, quotas, ""), IsOk());
    ASSERT_THAT(core_->programmes.OpenEnrolment(admin_, "SCSW", 2023), IsOk());
  }

  // Rows for applicants first..last on lines 2, 3, … (line 1 is the header).
  static std::vector<ImportRow> Rows(int first, int last) {
    std::vector<ImportRow> rows;
    for (int n = first; n <= last; ++n) {
      rows.push_back({static_cast<int>(rows.size()) + 2, Applicant(n)});
    }
    return rows;
  }

  // A user who redeemed their invitation; returns their token's secret.
  std::string AddUser(const std::string& username, Role role) {
    auto created = core_->users.CreateUser(admin_, MakeUser(username, role), "");
    EXPECT_THAT(created, IsOk());
    if (!created.ok() || !created->invitation) return "";
    auto redeemed = core_->users.RedeemInvitation(username, created->invitation->code, "first");
    EXPECT_THAT(redeemed, IsOk());
    return redeemed.ok() ? redeemed->token.secret : "";
  }

  int TotalEnrolments() {
    auto page = core_->enrolments.ListEnrolments(admin_, InCohort("SCSW", 2023), {}, kMasked);
    EXPECT_THAT(page, IsOk());
    return page.ok() ? page->total_size : -1;
  }

  // The single value of a one-row query, through a connection of our own.
  int64_t Query(const char* sql) {
    auto db = storage::Connection::Open(path_, storage::Connection::Mode::kReadOnly, false);
    EXPECT_THAT(db, IsOk());
    if (!db.ok()) return -1;
    auto st = (*db)->Prepare(sql);
    EXPECT_THAT(st, IsOk());
    if (!st.ok()) return -1;
    auto row = (*st)->Step();
    EXPECT_THAT(row, IsOk());
    int64_t value = row.ok() && *row ? (*st)->ColumnInt(0) : -1;
    (*st)->Reset();
    return value;
  }

  // Recommends enrolment `id` at county level.
  absl::Status RecommendCounty(int64_t id) {
    domain::Recommendation r;
    r.level = domain::Level::kCounty;
    r.body = "武侯区民政局";
    r.date = {2023, 5, 20};
    return core_->enrolments.Recommend(admin_, id, r).status();
  }

  TempDir dir_;
  std::string path_ = dir_.File("talent.db");
  common::FakeClock clock_{kNow};
  std::unique_ptr<UseCases> core_;
  std::string admin_secret_;
  Caller admin_;
};

// --- Bootstrap and authentication -----------------------------------------------

}  // namespace talent::core

#endif  // TALENT_TESTS_CORE_USE_CASE_FIXTURE_H_

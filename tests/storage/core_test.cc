// Core over a real Store in a temporary directory, with a FakeClock.
#include "server/core/core.h"

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "common/crypto.h"
#include "common/national_id.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/audit_log.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace talent::core {
namespace {

using domain::CohortState;
using domain::Role;
using domain::Stage;
using domain::Track;
using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::talent::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

constexpr absl::StatusCode kInvalid = absl::StatusCode::kInvalidArgument;
constexpr absl::StatusCode kPrecondition = absl::StatusCode::kFailedPrecondition;
constexpr int64_t kNow = 1685577600;  // 2023-06-01T00:00:00Z
constexpr int64_t kDay = 86400;

// A valid national ID born 1990-03-07, distinct for each n < 1000.
std::string NationalId(int n) {
  std::string first17 = "51010419900307" + std::to_string(1000 + n % 1000).substr(1);
  return first17 + common::NationalIdCheckCharacter(first17);
}

domain::ApplicantInput Applicant(int n, const std::string& track = "服务类") {
  domain::ApplicantInput in;
  in.full_name = "申请人" + std::to_string(n);
  in.national_id = NationalId(n);
  in.organisation = "成都市社会工作服务中心";
  in.track = track;
  in.phone = "13800000000";
  return in;
}

EnrolmentQuery InCohort(const std::string& code, int year, Track track = Track::kUnspecified) {
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

class CoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage::StoreOptions options;
    options.create = true;
    auto store = storage::Store::Open(path_, options);
    ASSERT_THAT(store, IsOk());
    core_ = std::make_unique<Core>(std::move(*store), &clock_);
    auto token = core_->Bootstrap(MakeUser("admin", Role::kAdmin));
    ASSERT_THAT(token, IsOk());
    admin_secret_ = token->secret;
    auto caller = core_->Authenticate(admin_secret_);
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
    ASSERT_THAT(core_->CreateProgramme(admin_, MakeProgramme("SCSW"), ""), IsOk());
    ASSERT_THAT(core_->CreateCohort(admin_, "SCSW", 2023, quotas, ""), IsOk());
    ASSERT_THAT(core_->OpenEnrolment(admin_, "SCSW", 2023), IsOk());
  }

  // Rows for applicants first..last on lines 2, 3, … (line 1 is the header).
  static std::vector<ImportRow> Rows(int first, int last) {
    std::vector<ImportRow> rows;
    for (int n = first; n <= last; ++n) {
      rows.push_back({static_cast<int>(rows.size()) + 2, Applicant(n)});
    }
    return rows;
  }

  // A user with a token; returns the token's secret.
  std::string AddUser(const std::string& username, Role role) {
    auto created = core_->CreateUser(admin_, MakeUser(username, role), true, "");
    EXPECT_THAT(created, IsOk());
    return created.ok() && created->token ? created->token->secret : "";
  }

  int TotalEnrolments() {
    auto page = core_->ListEnrolments(InCohort("SCSW", 2023), {});
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
    return core_->Recommend(admin_, id, r).status();
  }

  TempDir dir_;
  std::string path_ = dir_.File("talent.db");
  common::FakeClock clock_{kNow};
  std::unique_ptr<Core> core_;
  std::string admin_secret_;
  Caller admin_;
};

// --- Bootstrap and authentication -----------------------------------------------

TEST_F(CoreTest, BootstrapCreatesAnAdministratorWhoseTokenAuthenticates) {
  EXPECT_EQ(admin_.username, "admin");
  EXPECT_EQ(admin_.role, Role::kAdmin);
  EXPECT_EQ(admin_.organisation, "四川省民政厅");
  EXPECT_THAT(admin_secret_, StartsWith("tpm_"));
  EXPECT_EQ(Query("SELECT COUNT(*) FROM audit_events WHERE method = 'Init'"), 1);
}

TEST_F(CoreTest, BootstrapTwiceIsFailedPrecondition) {
  EXPECT_THAT(core_->Bootstrap(MakeUser("root", Role::kAdmin)),
              StatusIs(kPrecondition, HasSubstr("is already initialised")));
  EXPECT_EQ(Query("SELECT COUNT(*) FROM users"), 1);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM tokens"), 1);
}

TEST(CoreBootstrapTest, InvalidAdministratorIsInvalidArgumentAndWritesNothing) {
  TempDir dir;
  storage::StoreOptions options;
  options.create = true;
  auto store = storage::Store::Open(dir.File("t.db"), options);
  ASSERT_THAT(store, IsOk());
  common::FakeClock clock(kNow);
  Core core(std::move(*store), &clock);
  domain::User bad;
  bad.username = "Admin";
  bad.display_name = "管理员";
  bad.organisation = "民政厅";
  EXPECT_THAT(core.Bootstrap(bad), StatusIs(kInvalid, HasSubstr("username")));
  bad.username = "admin";
  EXPECT_THAT(core.Bootstrap(bad), IsOk());  // still uninitialised after the failure
}

TEST_F(CoreTest, WithoutASigningKeyNoCertificateIsIssued) {
  EXPECT_EQ(core_->PublicKey(), "");
  EXPECT_THAT(core_->IssueCertificates(admin_, "SCSW", 2023),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("--key")));
  // Verification still answers: the register has no such certificate.
  auto verification = core_->VerifyCertificate("SCSW-2023-S001");
  ASSERT_THAT(verification, IsOk());
  EXPECT_EQ(verification->verdict, Core::Verdict::kNotFound);
}

TEST_F(CoreTest, UnknownOrMalformedSecretIsUnauthenticated) {
  for (const std::string& secret :
       {std::string(), std::string("garbage"), std::string("tpm_not-a-real-token"),
        admin_secret_.substr(4)}) {
    EXPECT_THAT(core_->Authenticate(secret),
                StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("talentctl login")))
        << secret;
  }
}

TEST_F(CoreTest, TokensAreStoredOnlyAsHashes) {
  auto db = storage::Connection::Open(path_, storage::Connection::Mode::kReadOnly, false);
  ASSERT_THAT(db, IsOk());
  auto st = (*db)->Prepare("SELECT COUNT(*) FROM tokens WHERE secret_hash = ?");
  ASSERT_THAT(st, IsOk());
  (*st)->BindBlob(1, common::Sha256(admin_secret_));
  ASSERT_THAT((*st)->Step(), IsOk());
  EXPECT_EQ((*st)->ColumnInt(0), 1);
  st = (*db)->Prepare("SELECT COUNT(*) FROM tokens WHERE secret_hash = ?");
  (*st)->BindBlob(1, admin_secret_);
  ASSERT_THAT((*st)->Step(), IsOk());
  EXPECT_EQ((*st)->ColumnInt(0), 0);
}

TEST_F(CoreTest, TokenWithOneDayTtlExpiresAfterADay) {
  auto token = core_->CreateToken(admin_, "admin", "ci", 1);
  ASSERT_THAT(token, IsOk());
  EXPECT_EQ(token->token.create_time, kNow);
  EXPECT_EQ(token->token.expire_time, kNow + kDay);
  EXPECT_THAT(core_->Authenticate(token->secret), IsOk());
  clock_.Advance(kDay - 1);
  EXPECT_THAT(core_->Authenticate(token->secret), IsOk());
  clock_.Advance(1);  // a whole day (86400 s) after it was made
  EXPECT_THAT(core_->Authenticate(token->secret),
              StatusIs(absl::StatusCode::kUnauthenticated,
                       HasSubstr("unknown, revoked or expired")));
  // The bootstrap token has no expiry.
  clock_.Advance(3650 * kDay);
  EXPECT_THAT(core_->Authenticate(admin_secret_), IsOk());
}

TEST_F(CoreTest, RevokedTokenIsUnauthenticatedAndCannotBeRevokedAgain) {
  auto token = core_->CreateToken(admin_, "admin", "laptop", 0);
  ASSERT_THAT(token, IsOk());
  ASSERT_THAT(core_->Authenticate(token->secret), IsOk());
  clock_.Advance(60);
  auto revoked = core_->RevokeToken(admin_, "admin", token->token.id);
  ASSERT_THAT(revoked, IsOk());
  EXPECT_EQ(revoked->revoke_time, kNow + 60);
  EXPECT_THAT(core_->Authenticate(token->secret), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(core_->RevokeToken(admin_, "admin", token->token.id),
              StatusIs(kPrecondition, HasSubstr("is already revoked")));
  EXPECT_THAT(core_->Authenticate(admin_secret_), IsOk());  // other tokens unaffected
}

TEST_F(CoreTest, TokenRequestIsValidated) {
  EXPECT_THAT(core_->CreateToken(admin_, "admin", "ci", -1),
              StatusIs(kInvalid, "ttl_days must be between 0 and 3650, got -1"));
  EXPECT_THAT(core_->CreateToken(admin_, "admin", std::string(51, 'l'), 1),
              StatusIs(kInvalid, "label must be 0–50 characters, got 51"));
  EXPECT_THAT(core_->CreateToken(admin_, "nobody", "", 1),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(Query("SELECT COUNT(*) FROM tokens"), 1);
}

TEST_F(CoreTest, DisabledUsersTokensStopWorking) {
  std::string secret = AddUser("expert1", Role::kAssessor);
  auto caller = core_->Authenticate(secret);
  ASSERT_THAT(caller, IsOk());
  EXPECT_EQ(caller->role, Role::kAssessor);
  ASSERT_THAT(core_->DisableUser(admin_, "expert1"), IsOk());
  EXPECT_THAT(core_->Authenticate(secret), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(core_->CreateToken(admin_, "expert1", "", 0),
              StatusIs(kPrecondition, "user expert1 is disabled"));
}

TEST_F(CoreTest, AdministratorCannotDisableThemselves) {
  EXPECT_THAT(core_->DisableUser(admin_, "admin"),
              StatusIs(kPrecondition, HasSubstr("cannot disable your own account")));
}

TEST_F(CoreTest, OnlyAnAdministratorManagesAnotherUsersTokens) {
  std::string secret = AddUser("expert1", Role::kAssessor);
  auto assessor = core_->Authenticate(secret);
  ASSERT_THAT(assessor, IsOk());
  EXPECT_THAT(core_->CreateToken(*assessor, "admin", "", 0),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("(you are expert1)")));
  EXPECT_THAT(core_->ListTokens(*assessor, "admin"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_->CreateToken(*assessor, "expert1", "mine", 30), IsOk());
  auto mine = core_->ListTokens(*assessor, "expert1");
  ASSERT_THAT(mine, IsOk());
  EXPECT_EQ(mine->size(), 2u);
}

TEST_F(CoreTest, CreateUserWithSameRequestIdTwiceCreatesOne) {
  auto first = core_->CreateUser(admin_, MakeUser("expert1", Role::kAssessor), true, "req-1");
  ASSERT_THAT(first, IsOk());
  ASSERT_TRUE(first->token.has_value());
  auto second = core_->CreateUser(admin_, MakeUser("expert1", Role::kAssessor), true, "req-1");
  ASSERT_THAT(second, IsOk());
  EXPECT_EQ(second->user.id, first->user.id);
  EXPECT_FALSE(second->token.has_value());  // the secret was shown once
  EXPECT_EQ(Query("SELECT COUNT(*) FROM users WHERE username = 'expert1'"), 1);
  EXPECT_THAT(core_->CreateUser(admin_, MakeUser("expert1", Role::kAssessor), false, ""),
              StatusIs(absl::StatusCode::kAlreadyExists, "user expert1 already exists"));
}

// --- Paging ------------------------------------------------------------------------

TEST(EffectivePageSizeTest, DefaultsCapsAndRefusesNegative) {
  auto size = [](int requested) {
    absl::StatusOr<int> s = EffectivePageSize(requested);
    EXPECT_THAT(s, IsOk());
    return s.ok() ? *s : -1;
  };
  EXPECT_EQ(size(0), 50);
  EXPECT_EQ(size(1), 1);
  EXPECT_EQ(size(1000), 1000);
  EXPECT_EQ(size(1001), 1000);
  EXPECT_EQ(size(5000), 1000);
  EXPECT_THAT(EffectivePageSize(-1), StatusIs(kInvalid, "page_size must not be negative, got -1"));
}

TEST(PageTokenTest, RoundTripsItsKey) {
  for (const std::string& key : {std::string(""), std::string("SCSW/2023"), std::string("42"),
                                 std::string("张三")}) {
    std::string token = EncodePageToken(key);
    EXPECT_NE(token, key);
    auto decoded = DecodePageToken(token);
    ASSERT_THAT(decoded, IsOk()) << key;
    EXPECT_EQ(*decoded, key);
  }
}

TEST(PageTokenTest, GarbageIsInvalidArgument) {
  for (const std::string& garbage :
       {std::string("!!!"), std::string("not a token"), std::string("SCSW"),
        common::Base64UrlEncode("v2:SCSW"), common::Base64UrlEncode("SCSW/2023")}) {
    EXPECT_THAT(DecodePageToken(garbage),
                StatusIs(kInvalid, "page_token is not one this server gave out; list again "
                                   "without it"))
        << garbage;
  }
}

TEST_F(CoreTest, ListProgrammesPagesThroughEveryProgrammeOnce) {
  for (const char* code : {"CC", "AA", "BB"}) {
    ASSERT_THAT(core_->CreateProgramme(admin_, MakeProgramme(code), ""), IsOk());
  }
  auto first = core_->ListProgrammes({2, ""});
  ASSERT_THAT(first, IsOk());
  EXPECT_THAT(first->items, ElementsAre(Field(&domain::Programme::code, "AA"),
                                        Field(&domain::Programme::code, "BB")));
  ASSERT_FALSE(first->next_page_token.empty());
  auto second = core_->ListProgrammes({2, first->next_page_token});
  ASSERT_THAT(second, IsOk());
  EXPECT_THAT(second->items, ElementsAre(Field(&domain::Programme::code, "CC")));
  EXPECT_EQ(second->next_page_token, "");
  auto exact = core_->ListProgrammes({3, ""});
  ASSERT_THAT(exact, IsOk());
  EXPECT_EQ(exact->items.size(), 3u);
  EXPECT_EQ(exact->next_page_token, "");  // no empty last page
}

TEST_F(CoreTest, ListingsRefuseNegativePageSizeAndForeignTokens) {
  EXPECT_THAT(core_->ListProgrammes({-1, ""}), StatusIs(kInvalid, HasSubstr("page_size")));
  EXPECT_THAT(core_->ListProgrammes({0, "garbage!"}), StatusIs(kInvalid, HasSubstr("page_token")));
  EXPECT_THAT(core_->ListUsers(Role::kUnspecified, {0, "garbage!"}),
              StatusIs(kInvalid, HasSubstr("page_token")));
  SetUpEnrollingCohort();
  EXPECT_THAT(core_->ListEnrolments(InCohort("SCSW", 2023), {0, EncodePageToken("abc")}),
              StatusIs(kInvalid, "page_token is not valid; list again without it"));
  EXPECT_THAT(core_->ListCohorts("SCSW", {0, EncodePageToken("SCSW")}),
              StatusIs(kInvalid, "page_token is not valid; list again without it"));
}

TEST_F(CoreTest, ListEnrolmentsPagesFiltersAndCountsTotal) {
  SetUpEnrollingCohort();
  std::vector<ImportRow> rows = Rows(1, 5);
  rows[1].input.track = "管理类";
  rows[3].input.track = "管理类";
  auto imported = core_->Import(admin_, "SCSW", 2023, rows, false, "");
  ASSERT_THAT(imported, IsOk());
  ASSERT_EQ(imported->imported, 5);

  std::set<int64_t> seen;
  PageRequest page{2, ""};
  int pages = 0;
  do {
    auto result = core_->ListEnrolments(InCohort("SCSW", 2023), page);
    ASSERT_THAT(result, IsOk());
    EXPECT_EQ(result->total_size, 5);
    EXPECT_LE(result->items.size(), 2u);
    for (const domain::Enrolment& e : result->items) EXPECT_TRUE(seen.insert(e.id).second);
    page.page_token = result->next_page_token;
    ++pages;
  } while (!page.page_token.empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen.size(), 5u);

  EnrolmentQuery management = InCohort("SCSW", 2023, Track::kManagement);
  auto filtered = core_->ListEnrolments(management, {});
  ASSERT_THAT(filtered, IsOk());
  EXPECT_EQ(filtered->total_size, 2);
  EXPECT_THAT(filtered->items,
              ElementsAre(Field(&domain::Enrolment::person,
                                Field(&domain::Person::full_name, "申请人2")),
                          Field(&domain::Enrolment::person,
                                Field(&domain::Person::full_name, "申请人4"))));
  EXPECT_THAT(core_->ListEnrolments(InCohort("SCSW", 2024), {}),
              StatusIs(absl::StatusCode::kNotFound));
}

// --- Programmes and cohorts --------------------------------------------------------

TEST_F(CoreTest, CreateProgrammeWithSameRequestIdTwiceCreatesOneAndReturnsItBothTimes) {
  auto first = core_->CreateProgramme(admin_, MakeProgramme("SCSW"), "req-1");
  ASSERT_THAT(first, IsOk());
  domain::Programme retry = MakeProgramme("SCSW");
  retry.title = "a retry carries the same request; this title is ignored";
  auto second = core_->CreateProgramme(admin_, retry, "req-1");
  ASSERT_THAT(second, IsOk());
  EXPECT_EQ(second->id, first->id);
  EXPECT_EQ(second->code, "SCSW");
  EXPECT_EQ(second->title, "四川社会工作人才计划");
  EXPECT_EQ(second->create_time, kNow);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM programmes"), 1);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM audit_events WHERE method = 'CreateProgramme'"), 1);
}

TEST_F(CoreTest, RequestIdsAreScopedToTheCallerAndMethod) {
  ASSERT_THAT(core_->CreateProgramme(admin_, MakeProgramme("SCSW"), "req-1"), IsOk());
  // The same request ID for another method is another request.
  auto cohort = core_->CreateCohort(admin_, "SCSW", 2023, {10, 10, 10}, "req-1");
  ASSERT_THAT(cohort, IsOk());
  EXPECT_EQ(cohort->year, 2023);
  auto replay = core_->CreateCohort(admin_, "SCSW", 2023, {1, 1, 1}, "req-1");
  ASSERT_THAT(replay, IsOk());
  EXPECT_EQ(replay->id, cohort->id);
  EXPECT_EQ(replay->quotas.service, 10);
  // Another caller's request ID does not replay the admin's.
  std::string secret = AddUser("admin2", Role::kAdmin);
  auto other = core_->Authenticate(secret);
  ASSERT_THAT(other, IsOk());
  EXPECT_THAT(core_->CreateProgramme(*other, MakeProgramme("SCSW"), "req-1"),
              StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST_F(CoreTest, CreateProgrammeTwiceWithoutRequestIdIsAlreadyExists) {
  ASSERT_THAT(core_->CreateProgramme(admin_, MakeProgramme("SCSW"), ""), IsOk());
  EXPECT_THAT(core_->CreateProgramme(admin_, MakeProgramme("SCSW"), ""),
              StatusIs(absl::StatusCode::kAlreadyExists, "programme SCSW already exists"));
}

TEST_F(CoreTest, OverlongRequestIdIsInvalidArgument) {
  EXPECT_THAT(core_->CreateProgramme(admin_, MakeProgramme("SCSW"), std::string(65, 'r')),
              StatusIs(kInvalid, "request_id must be at most 64 characters"));
  EXPECT_THAT(core_->CreateProgramme(admin_, MakeProgramme("SCSW"), std::string(64, 'r')), IsOk());
}

TEST_F(CoreTest, InvalidProgrammeWritesNothing) {
  domain::Programme p = MakeProgramme("scsw");
  EXPECT_THAT(core_->CreateProgramme(admin_, p, "req-1"), StatusIs(kInvalid, HasSubstr("code")));
  EXPECT_EQ(Query("SELECT COUNT(*) FROM programmes"), 0);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM idempotency"), 0);
}

TEST_F(CoreTest, UpdateProgrammeKeepsYearsAroundItsCohorts) {
  SetUpEnrollingCohort();
  domain::Programme values;
  values.start_year = 2024;
  EXPECT_THAT(core_->UpdateProgramme(admin_, "SCSW", values, {"start_year"}),
              StatusIs(kPrecondition,
                       "programme SCSW has cohorts from 2023 to 2023; its years must include "
                       "them"));
  values.title = "新标题";
  values.start_year = 2023;
  auto updated = core_->UpdateProgramme(admin_, "SCSW", values, {"title", "start_year"});
  ASSERT_THAT(updated, IsOk());
  EXPECT_EQ(updated->title, "新标题");
  EXPECT_EQ(updated->start_year, 2023);
  EXPECT_EQ(updated->end_year, 2030);  // not in the mask
  EXPECT_THAT(core_->UpdateProgramme(admin_, "SCSW", values, {}),
              StatusIs(kInvalid, HasSubstr("update_mask")));
  EXPECT_THAT(core_->UpdateProgramme(admin_, "SCSW", values, {"code"}),
              StatusIs(kInvalid, HasSubstr("\"code\"")));
  EXPECT_THAT(core_->UpdateProgramme(admin_, "NOPE", values, {"title"}),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(CoreTest, CreateCohortChecksProgrammeYearAndDuplicates) {
  EXPECT_THAT(core_->CreateCohort(admin_, "SCSW", 2023, {10, 10, 10}, ""),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("programme SCSW not found")));
  ASSERT_THAT(core_->CreateProgramme(admin_, MakeProgramme("SCSW"), ""), IsOk());
  EXPECT_THAT(core_->CreateCohort(admin_, "SCSW", 2031, {10, 10, 10}, ""),
              StatusIs(kInvalid, "year 2031 is outside programme SCSW's years 2020–2030"));
  auto cohort = core_->CreateCohort(admin_, "SCSW", 2023, {10, 8, 6}, "");
  ASSERT_THAT(cohort, IsOk());
  EXPECT_EQ(cohort->state, CohortState::kDraft);
  EXPECT_EQ(cohort->quotas.management, 8);
  EXPECT_THAT(core_->CreateCohort(admin_, "SCSW", 2023, {10, 10, 10}, ""),
              StatusIs(absl::StatusCode::kAlreadyExists, "cohort SCSW/2023 already exists"));
}

TEST_F(CoreTest, CohortMovesForwardOnlyAndNeedsSomeoneSelectedToStart) {
  ASSERT_THAT(core_->CreateProgramme(admin_, MakeProgramme("SCSW"), ""), IsOk());
  ASSERT_THAT(core_->CreateCohort(admin_, "SCSW", 2023, {10, 10, 10}, ""), IsOk());
  EXPECT_THAT(core_->StartCultivation(admin_, "SCSW", 2023),
              StatusIs(kPrecondition, HasSubstr("can only go to enrolling")));
  auto open = core_->OpenEnrolment(admin_, "SCSW", 2023);
  ASSERT_THAT(open, IsOk());
  EXPECT_EQ(open->state, CohortState::kEnrolling);
  EXPECT_THAT(core_->OpenEnrolment(admin_, "SCSW", 2023),
              StatusIs(kPrecondition, HasSubstr("can only go to cultivating, not enrolling")));
  EXPECT_THAT(core_->StartCultivation(admin_, "SCSW", 2023),
              StatusIs(kPrecondition, HasSubstr("has nobody selected")));
  auto cohort = core_->GetCohort("SCSW", 2023);
  ASSERT_THAT(cohort, IsOk());
  EXPECT_EQ(cohort->state, CohortState::kEnrolling);
}

TEST_F(CoreTest, StartCultivationActivatesTheSelectedAndClosesTheRest) {
  SetUpEnrollingCohort();
  ASSERT_THAT(core_->Import(admin_, "SCSW", 2023, Rows(1, 3), false, ""), IsOk());
  auto page = core_->ListEnrolments(InCohort("SCSW", 2023), {});
  ASSERT_THAT(page, IsOk());
  ASSERT_EQ(page->items.size(), 3u);
  int64_t chosen = page->items[0].id;
  ASSERT_THAT(RecommendCounty(chosen), IsOk());
  ASSERT_THAT(core_->Select(admin_, chosen), IsOk());
  auto cohort = core_->StartCultivation(admin_, "SCSW", 2023);
  ASSERT_THAT(cohort, IsOk());
  EXPECT_EQ(cohort->state, CohortState::kCultivating);
  EXPECT_EQ(cohort->selected.service, 1);
  auto active = core_->GetEnrolment(chosen);
  ASSERT_THAT(active, IsOk());
  EXPECT_EQ(active->stage, Stage::kActive);
  auto other = core_->GetEnrolment(page->items[1].id);
  ASSERT_THAT(other, IsOk());
  EXPECT_EQ(other->stage, Stage::kNotSelected);
  EXPECT_EQ(other->stage_reason, "not selected when cultivation started");
  EXPECT_THAT(core_->CreateEnrolment(admin_, "SCSW", 2023, Applicant(9), ""),
              StatusIs(kPrecondition, "cohort SCSW/2023 is cultivating; enrolment is frozen"));
}

TEST_F(CoreTest, SetQuotasBelowSelectedIsRefused) {
  SetUpEnrollingCohort({2, 2, 2});
  auto e = core_->CreateEnrolment(admin_, "SCSW", 2023, Applicant(1), "");
  ASSERT_THAT(e, IsOk());
  ASSERT_THAT(RecommendCounty(e->id), IsOk());
  ASSERT_THAT(core_->Select(admin_, e->id), IsOk());
  EXPECT_THAT(core_->SetQuotas(admin_, "SCSW", 2023, {0, 2, 2}),
              StatusIs(kPrecondition, HasSubstr("track service already has 1 selected")));
  auto changed = core_->SetQuotas(admin_, "SCSW", 2023, {1, 0, 5});
  ASSERT_THAT(changed, IsOk());
  EXPECT_EQ(changed->quotas.education_research, 5);
}

// --- Enrolments ------------------------------------------------------------------

TEST_F(CoreTest, SelectBeyondQuotaIsRefusedNamingTrackQuotaAndCount) {
  SetUpEnrollingCohort({1, 10, 10});
  auto first = core_->CreateEnrolment(admin_, "SCSW", 2023, Applicant(1), "");
  auto second = core_->CreateEnrolment(admin_, "SCSW", 2023, Applicant(2), "");
  ASSERT_THAT(first, IsOk());
  ASSERT_THAT(second, IsOk());
  ASSERT_THAT(RecommendCounty(first->id), IsOk());
  ASSERT_THAT(RecommendCounty(second->id), IsOk());
  auto selected = core_->Select(admin_, first->id);
  ASSERT_THAT(selected, IsOk());
  EXPECT_EQ(selected->stage, Stage::kSelected);
  EXPECT_THAT(core_->Select(admin_, second->id),
              StatusIs(kPrecondition, HasSubstr("track service is full: quota 1, selected 1")));
  auto unchanged = core_->GetEnrolment(second->id);
  ASSERT_THAT(unchanged, IsOk());
  EXPECT_EQ(unchanged->stage, Stage::kRecommended);
}

TEST_F(CoreTest, CreateEnrolmentReportsEveryBadFieldByColumn) {
  SetUpEnrollingCohort();
  domain::ApplicantInput in = Applicant(1);
  in.full_name = "";
  in.phone = "123";
  EXPECT_THAT(core_->CreateEnrolment(admin_, "SCSW", 2023, in, ""),
              StatusIs(kInvalid,
                       "name: name is required; phone: phone must be 11 digits starting with 1, "
                       "e.g. 13800000000"));
  EXPECT_EQ(TotalEnrolments(), 0);
}

TEST_F(CoreTest, CreateEnrolmentTwiceInACohortIsAlreadyExists) {
  SetUpEnrollingCohort();
  auto e = core_->CreateEnrolment(admin_, "SCSW", 2023, Applicant(1), "");
  ASSERT_THAT(e, IsOk());
  EXPECT_EQ(e->stage, Stage::kApplied);
  EXPECT_EQ(e->person.national_id, NationalId(1));
  EXPECT_THAT(core_->CreateEnrolment(admin_, "SCSW", 2023, Applicant(1), ""),
              StatusIs(absl::StatusCode::kAlreadyExists,
                       "this person is already enrolled in cohort 2023 (enrolment " +
                           std::to_string(e->id) + ")"));
}

TEST_F(CoreTest, OpenEnrolmentInAnotherCohortIsFailedPrecondition) {
  SetUpEnrollingCohort();
  ASSERT_THAT(core_->CreateCohort(admin_, "SCSW", 2024, {10, 10, 10}, ""), IsOk());
  ASSERT_THAT(core_->OpenEnrolment(admin_, "SCSW", 2024), IsOk());
  auto e = core_->CreateEnrolment(admin_, "SCSW", 2023, Applicant(1), "");
  ASSERT_THAT(e, IsOk());
  EXPECT_THAT(core_->CreateEnrolment(admin_, "SCSW", 2024, Applicant(1), ""),
              StatusIs(kPrecondition, HasSubstr("open enrolment in cohort 2023")));
  ASSERT_THAT(core_->Withdraw(admin_, e->id, "个人原因"), IsOk());
  EXPECT_THAT(core_->CreateEnrolment(admin_, "SCSW", 2024, Applicant(1), ""), IsOk());
}

TEST_F(CoreTest, CreateEnrolmentWithSameRequestIdTwiceCreatesOne) {
  SetUpEnrollingCohort();
  auto first = core_->CreateEnrolment(admin_, "SCSW", 2023, Applicant(1), "req-1");
  auto second = core_->CreateEnrolment(admin_, "SCSW", 2023, Applicant(1), "req-1");
  ASSERT_THAT(first, IsOk());
  ASSERT_THAT(second, IsOk());
  EXPECT_EQ(second->id, first->id);
  EXPECT_EQ(TotalEnrolments(), 1);
}

TEST_F(CoreTest, RecommendationDateInTheFutureOfTheClockIsRefused) {
  SetUpEnrollingCohort();
  auto e = core_->CreateEnrolment(admin_, "SCSW", 2023, Applicant(1), "");
  ASSERT_THAT(e, IsOk());
  domain::Recommendation r;
  r.level = domain::Level::kCounty;
  r.body = "武侯区民政局";
  r.date = {2023, 6, 2};
  EXPECT_THAT(core_->Recommend(admin_, e->id, r),
              StatusIs(kInvalid, "date 2023-06-02 is in the future"));
  clock_.Advance(kDay);
  auto recommended = core_->Recommend(admin_, e->id, r);
  ASSERT_THAT(recommended, IsOk());
  EXPECT_EQ(recommended->stage, Stage::kRecommended);
  ASSERT_EQ(recommended->recommendations.size(), 1u);
  EXPECT_EQ(recommended->recommendations[0].recorded_by, "admin");
}

// --- Import --------------------------------------------------------------------

TEST_F(CoreTest, ImportOfGoodRowsImportsAllInOneTransaction) {
  SetUpEnrollingCohort();
  int64_t events_before = Query("SELECT COUNT(*) FROM audit_events");
  auto result = core_->Import(admin_, "SCSW", 2023, Rows(1, 3), false, "");
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->rows, 3);
  EXPECT_EQ(result->imported, 3);
  EXPECT_FALSE(result->dry_run);
  EXPECT_THAT(result->errors, IsEmpty());
  EXPECT_EQ(TotalEnrolments(), 3);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM persons"), 3);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM audit_events"), events_before + 1);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM audit_events WHERE method = 'ImportEnrolments'"), 1);
}

TEST_F(CoreTest, ImportWithOneBadRowImportsNothingAndReportsLineAndColumn) {
  SetUpEnrollingCohort();
  std::vector<ImportRow> rows = Rows(1, 3);
  rows[1].input.phone = "12345";  // line 3
  auto result = core_->Import(admin_, "SCSW", 2023, rows, false, "");
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->rows, 3);
  EXPECT_EQ(result->imported, 0);
  EXPECT_THAT(result->errors,
              ElementsAre(ImportErrorIs(
                  3, "phone", "phone must be 11 digits starting with 1, e.g. 13800000000")));
  EXPECT_EQ(TotalEnrolments(), 0);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM persons"), 0);
}

TEST_F(CoreTest, ImportReportsEveryErrorOrderedByLine) {
  SetUpEnrollingCohort();
  std::vector<ImportRow> rows = Rows(1, 4);
  rows[2].input.email = "bad";        // line 4
  rows[2].input.track = "艺术类";     // line 4
  rows[0].input.years_of_experience = "61";  // line 2
  auto result = core_->Import(admin_, "SCSW", 2023, rows, false, "");
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->imported, 0);
  EXPECT_THAT(result->errors,
              ElementsAre(Field(&ImportError::line, 2), Field(&ImportError::line, 4),
                          Field(&ImportError::line, 4)));
  EXPECT_EQ(result->errors[0].column, "years");
  EXPECT_EQ(result->errors[1].column, "track");
  EXPECT_EQ(result->errors[2].column, "email");
}

TEST_F(CoreTest, ImportDuplicateNationalIdReportedAgainstTheEarlierLine) {
  SetUpEnrollingCohort();
  std::vector<ImportRow> rows = Rows(1, 4);
  rows[3].input.national_id = NationalId(1);  // line 5 repeats line 2
  rows[3].input.full_name = "同一个人";
  auto result = core_->Import(admin_, "SCSW", 2023, rows, false, "");
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->imported, 0);
  EXPECT_THAT(result->errors,
              ElementsAre(ImportErrorIs(5, "national_id", "the same national ID is on line 2")));
  EXPECT_EQ(TotalEnrolments(), 0);
}

TEST_F(CoreTest, ImportDryRunChecksButWritesNothing) {
  SetUpEnrollingCohort();
  int64_t events_before = Query("SELECT COUNT(*) FROM audit_events");
  auto result = core_->Import(admin_, "SCSW", 2023, Rows(1, 3), true, "req-1");
  ASSERT_THAT(result, IsOk());
  EXPECT_TRUE(result->dry_run);
  EXPECT_EQ(result->rows, 3);
  EXPECT_EQ(result->imported, 0);
  EXPECT_THAT(result->errors, IsEmpty());
  EXPECT_EQ(TotalEnrolments(), 0);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM persons"), 0);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM idempotency"), 0);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM audit_events"), events_before);
  // The same request ID then really imports.
  auto real = core_->Import(admin_, "SCSW", 2023, Rows(1, 3), false, "req-1");
  ASSERT_THAT(real, IsOk());
  EXPECT_EQ(real->imported, 3);
}

TEST_F(CoreTest, ImportDryRunReportsDatabaseConflicts) {
  SetUpEnrollingCohort();
  ASSERT_THAT(core_->CreateEnrolment(admin_, "SCSW", 2023, Applicant(2), ""), IsOk());
  auto result = core_->Import(admin_, "SCSW", 2023, Rows(1, 3), true, "");
  ASSERT_THAT(result, IsOk());
  EXPECT_THAT(result->errors, ElementsAre(ImportErrorIs(3, "national_id",
                                                        HasSubstr("already enrolled in cohort 2023"))));
}

TEST_F(CoreTest, ImportOfPeopleAlreadyEnrolledImportsNothing) {
  SetUpEnrollingCohort();
  ASSERT_THAT(core_->Import(admin_, "SCSW", 2023, Rows(1, 2), false, ""), IsOk());
  auto again = core_->Import(admin_, "SCSW", 2023, Rows(2, 4), false, "");
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->imported, 0);
  EXPECT_THAT(again->errors,
              ElementsAre(ImportErrorIs(2, "national_id",
                                        HasSubstr("this person is already enrolled in cohort "
                                                  "2023"))));
  EXPECT_EQ(TotalEnrolments(), 2);
}

TEST_F(CoreTest, ImportWithSameRequestIdTwiceImportsOnce) {
  SetUpEnrollingCohort();
  auto first = core_->Import(admin_, "SCSW", 2023, Rows(1, 3), false, "req-1");
  ASSERT_THAT(first, IsOk());
  ASSERT_EQ(first->imported, 3);
  auto retry = core_->Import(admin_, "SCSW", 2023, Rows(1, 3), false, "req-1");
  ASSERT_THAT(retry, IsOk());
  EXPECT_EQ(retry->imported, 3);
  EXPECT_THAT(retry->errors, IsEmpty());
  EXPECT_EQ(TotalEnrolments(), 3);
}

TEST_F(CoreTest, ImportIntoMissingOrClosedCohortFailsAsAWhole) {
  EXPECT_THAT(core_->Import(admin_, "SCSW", 2023, Rows(1, 2), false, ""),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("cohort SCSW/2023 not found")));
  ASSERT_THAT(core_->CreateProgramme(admin_, MakeProgramme("SCSW"), ""), IsOk());
  ASSERT_THAT(core_->CreateCohort(admin_, "SCSW", 2023, {10, 10, 10}, ""), IsOk());
  EXPECT_THAT(core_->Import(admin_, "SCSW", 2023, Rows(1, 2), false, ""),
              StatusIs(kPrecondition, HasSubstr("is draft; open it first")));
  EXPECT_EQ(Query("SELECT COUNT(*) FROM enrolments"), 0);
}

TEST_F(CoreTest, AuditChainVerifiesAfterAMixOfChanges) {
  SetUpEnrollingCohort();
  ASSERT_THAT(core_->Import(admin_, "SCSW", 2023, Rows(1, 2), false, ""), IsOk());
  ASSERT_THAT(core_->CreateToken(admin_, "admin", "ci", 1), IsOk());
  int64_t events = Query("SELECT COUNT(*) FROM audit_events");
  // Init, CreateProgramme, CreateCohort, OpenEnrolment, ImportEnrolments, CreateToken.
  EXPECT_EQ(events, 6);
  auto db = storage::Connection::Open(path_, storage::Connection::Mode::kReadOnly, false);
  ASSERT_THAT(db, IsOk());
  auto checked = storage::AuditLog::Verify(**db);
  ASSERT_THAT(checked, IsOk());
  EXPECT_EQ(*checked, events);
}

}  // namespace
}  // namespace talent::core

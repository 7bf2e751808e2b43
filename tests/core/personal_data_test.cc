// Who sees a person's data (docs/privacy.md): masked for everyone, in full
// for an administrator who asks, and each full read audited.
#include "tests/core/use_case_fixture.h"

namespace talent::core {
namespace {

class PersonalDataTest : public UseCaseTest {
 protected:
  void SetUp() override {
    UseCaseTest::SetUp();
    SetUpEnrollingCohort();
    domain::ApplicantInput in = Applicant(1);
    in.email = "shenqing1@example.org";
    auto created = core_->enrolments.CreateEnrolment(admin_, "SCSW", 2023, in, "");
    ASSERT_THAT(created, IsOk());
    id_ = created->id;
    auto viewer = core_->users.Authenticate(AddUser("leader", Role::kViewer));
    ASSERT_THAT(viewer, IsOk());
    viewer_ = *viewer;
    auto assessor = core_->users.Authenticate(AddUser("expert", Role::kAssessor));
    ASSERT_THAT(assessor, IsOk());
    assessor_ = *assessor;
  }

  std::vector<domain::AuditEvent> AuditEvents() {
    auto page = core_->audit.ListAuditEvents({1000, ""});
    EXPECT_THAT(page, IsOk());
    return page.ok() ? page->items : std::vector<domain::AuditEvent>{};
  }

  int64_t id_ = 0;
  Caller viewer_;
  Caller assessor_;
};

// The masked person: the ID's last four characters, name and gender, and
// nothing else of theirs.
void ExpectMasked(const domain::Person& p) {
  EXPECT_EQ(p.national_id, "**************" + NationalId(1).substr(14));
  EXPECT_EQ(p.full_name, "申请人1");
  EXPECT_EQ(p.gender, domain::Gender::kMale);
  EXPECT_EQ(p.birth_date, common::Date{});
  EXPECT_EQ(p.phone, "");
  EXPECT_EQ(p.email, "");
}

TEST_F(PersonalDataTest, EveryoneReadsThePersonMaskedByDefault) {
  for (const Caller* caller : {&admin_, &viewer_, &assessor_}) {
    auto e = core_->enrolments.GetEnrolment(*caller, id_, kMasked);
    ASSERT_THAT(e, IsOk()) << caller->username;
    ExpectMasked(e->person);
    auto page = core_->enrolments.ListEnrolments(*caller, InCohort("SCSW", 2023), {}, kMasked);
    ASSERT_THAT(page, IsOk());
    ASSERT_EQ(page->items.size(), 1u);
    ExpectMasked(page->items[0].person);
  }
}

TEST_F(PersonalDataTest, WritesReturnThePersonMaskedToo) {
  ASSERT_THAT(RecommendCounty(id_), IsOk());
  auto selected = core_->enrolments.Select(admin_, id_);
  ASSERT_THAT(selected, IsOk());
  ExpectMasked(selected->person);
  auto created = core_->enrolments.CreateEnrolment(admin_, "SCSW", 2023, Applicant(2), "");
  ASSERT_THAT(created, IsOk());
  EXPECT_EQ(created->person.national_id, "**************" + NationalId(2).substr(14));
  EXPECT_EQ(created->person.phone, "");
}

TEST_F(PersonalDataTest, OnlyAdministratorsMayAskForItInFull) {
  const std::string refusal =
      "only administrators may see personal data in full (national ID, birth date, phone, "
      "e-mail); ask without show_personal_data";
  const size_t events = AuditEvents().size();
  for (const Caller* caller : {&viewer_, &assessor_}) {
    EXPECT_THAT(core_->enrolments.GetEnrolment(*caller, id_, kFull),
                StatusIs(absl::StatusCode::kPermissionDenied, refusal));
    EXPECT_THAT(core_->enrolments.ListEnrolments(*caller, InCohort("SCSW", 2023), {}, kFull),
                StatusIs(absl::StatusCode::kPermissionDenied, refusal));
  }
  EXPECT_EQ(AuditEvents().size(), events) << "a refused read left a trace as if it happened";
}

TEST_F(PersonalDataTest, AFullReadShowsEverythingAndIsAudited) {
  auto e = core_->enrolments.GetEnrolment(admin_, id_, kFull);
  ASSERT_THAT(e, IsOk());
  EXPECT_EQ(e->person.national_id, NationalId(1));
  EXPECT_EQ(e->person.birth_date, (common::Date{1990, 3, 7}));
  EXPECT_EQ(e->person.phone, "13800000000");
  EXPECT_EQ(e->person.email, "shenqing1@example.org");
  std::vector<domain::AuditEvent> events = AuditEvents();
  ASSERT_FALSE(events.empty());
  const domain::AuditEvent& read = events.back();
  EXPECT_EQ(read.username, "admin");
  EXPECT_EQ(read.method, "GetEnrolment");
  EXPECT_EQ(read.resource, absl::StrCat("enrolments/", id_));
  EXPECT_EQ(read.detail, "personal data read in full");
}

TEST_F(PersonalDataTest, AFullListingIsOneAuditEventNamingWhoseDataWasShown) {
  auto second = core_->enrolments.CreateEnrolment(admin_, "SCSW", 2023, Applicant(2), "");
  ASSERT_THAT(second, IsOk());
  auto page = core_->enrolments.ListEnrolments(admin_, InCohort("SCSW", 2023), {}, kFull);
  ASSERT_THAT(page, IsOk());
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[1].person.national_id, NationalId(2));
  std::vector<domain::AuditEvent> events = AuditEvents();
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().method, "ListEnrolments");
  EXPECT_EQ(events.back().resource, "programmes/SCSW/cohorts/2023");
  EXPECT_EQ(events.back().detail,
            absl::StrCat("personal data of 2 enrolment(s) read in full: ", id_, ",", second->id));
}

}  // namespace
}  // namespace talent::core

#include "server/storage/enrolment_repository.h"

#include <memory>
#include <string>
#include <vector>

#include "common/national_id.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/migrations.h"
#include "server/storage/programme_repository.h"
#include "tests/storage/seeded_database.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace talent::storage {
namespace {

using domain::Enrolment;
using domain::Gender;
using domain::Level;
using domain::Person;
using domain::Stage;
using domain::Track;
using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

// A valid national ID born 1990-03-07, distinct for each n < 1000; odd n is
// male (the 17th digit is n's last digit).
std::string NationalId(int n) {
  std::string seq = std::to_string(1000 + n % 1000).substr(1);
  std::string first17 = "51010419900307" + seq;
  return first17 + common::NationalIdCheckCharacter(first17);
}

class EnrolmentRepositoryTest : public MigratedDatabase {
 protected:
  void SetUp() override {
    MigratedDatabase::SetUp();
    if (HasFatalFailure()) return;
    scsw_ = InsertProgramme("SCSW");
    gdsw_ = InsertProgramme("GDSW");
    cohort2022_ = InsertCohort(scsw_, 2022);
    cohort2023_ = InsertCohort(scsw_, 2023);
    gdsw2023_ = InsertCohort(gdsw_, 2023);
    ASSERT_THAT(db_->Execute("INSERT INTO users (id, username, display_name, role, organisation, "
                             "create_time) VALUES (1, 'admin', '管理员', 1, '民政厅', 0)"),
                IsOk());
  }

  domain::Programme InsertProgramme(const std::string& code) {
    domain::Programme p;
    p.code = code;
    p.title = "t";
    p.issuer = "i";
    p.start_year = 2020;
    p.end_year = 2030;
    p.talent_target = 300;
    EXPECT_THAT(ProgrammeRepository::Insert(*db_, &p), IsOk());
    return p;
  }

  domain::Cohort InsertCohort(const domain::Programme& p, int year) {
    domain::Cohort c;
    c.programme_id = p.id;
    c.programme_code = p.code;
    c.year = year;
    c.state = domain::CohortState::kEnrolling;
    c.quotas = {10, 10, 10};
    EXPECT_THAT(CohortRepository::Insert(*db_, &c), IsOk());
    return c;
  }

  Person MakePerson(int n, const std::string& name) {
    Person p;
    p.national_id = NationalId(n);
    p.full_name = name;
    p.gender = n % 2 ? Gender::kMale : Gender::kFemale;
    p.birth_date = {1990, 3, 7};
    p.phone = "13800000000";
    p.email = "p@example.org";
    return p;
  }

  // Enrols person n (created or updated) in `cohort`.
  Enrolment Enrol(const domain::Cohort& cohort, int n, const std::string& name, Track track,
                  Stage stage = Stage::kApplied) {
    Enrolment e;
    e.cohort_id = cohort.id;
    e.person = MakePerson(n, name);
    e.track = track;
    e.organisation = "成都市社工中心";
    e.region = "成都";
    e.qualification = "社工师";
    e.years_of_experience = 5;
    e.stage = stage;
    e.create_time = 100;
    e.update_time = 200;
    EXPECT_THAT(EnrolmentRepository::UpsertPerson(*db_, &e.person, 100), IsOk());
    EXPECT_THAT(EnrolmentRepository::Insert(*db_, cohort.programme_id, &e), IsOk());
    return e;
  }

  std::vector<int64_t> ListIds(const EnrolmentFilter& filter, int64_t after = 0, int limit = 100) {
    auto list = EnrolmentRepository::List(*db_, filter, after, limit);
    EXPECT_THAT(list, IsOk());
    std::vector<int64_t> ids;
    if (list.ok()) {
      for (const Enrolment& e : *list) ids.push_back(e.id);
    }
    return ids;
  }

  int Count(const EnrolmentFilter& filter) {
    auto count = EnrolmentRepository::Count(*db_, filter);
    EXPECT_THAT(count, IsOk());
    return count.ok() ? *count : -1;
  }

  domain::Programme scsw_, gdsw_;
  domain::Cohort cohort2022_, cohort2023_, gdsw2023_;
};

TEST_F(EnrolmentRepositoryTest, UpsertPersonInsertsThenUpdatesNameAndContactsOnly) {
  Person first = MakePerson(1, "张三");
  ASSERT_THAT(EnrolmentRepository::UpsertPerson(*db_, &first, 100), IsOk());
  EXPECT_GT(first.id, 0);

  Person again = MakePerson(1, "张叁");
  again.phone = "13900000000";
  again.email = "new@example.org";
  again.gender = Gender::kFemale;       // ignored: it comes from the ID
  again.birth_date = {2000, 1, 1};      // ignored too
  ASSERT_THAT(EnrolmentRepository::UpsertPerson(*db_, &again, 300), IsOk());
  EXPECT_EQ(again.id, first.id);

  auto st = db_->Prepare("SELECT COUNT(*), full_name, phone, email, gender, birth_date, "
                         "create_time, update_time FROM persons");
  ASSERT_THAT(st, IsOk());
  auto row = (*st)->Step();
  ASSERT_THAT(row, IsOk());
  EXPECT_EQ((*st)->ColumnInt(0), 1);
  EXPECT_EQ((*st)->ColumnText(1), "张叁");
  EXPECT_EQ((*st)->ColumnText(2), "13900000000");
  EXPECT_EQ((*st)->ColumnText(3), "new@example.org");
  EXPECT_EQ((*st)->ColumnInt(4), static_cast<int>(Gender::kMale));
  EXPECT_EQ((*st)->ColumnText(5), "1990-03-07");
  EXPECT_EQ((*st)->ColumnInt(6), 100);
  EXPECT_EQ((*st)->ColumnInt(7), 300);
  (*st)->Reset();
}

TEST_F(EnrolmentRepositoryTest, InsertThenFindRoundTripsPersonAndRecommendations) {
  Enrolment inserted = Enrol(cohort2023_, 1, "张三", Track::kManagement, Stage::kRecommended);
  ASSERT_GT(inserted.id, 0);
  domain::Recommendation city;
  city.level = Level::kCity;
  city.body = "成都市民政局";
  city.date = {2023, 5, 20};
  domain::Recommendation county;
  county.level = Level::kCounty;
  county.body = "武侯区民政局";
  county.date = {2023, 5, 1};
  ASSERT_THAT(EnrolmentRepository::AddRecommendation(*db_, inserted.id, city, 1, 300), IsOk());
  ASSERT_THAT(EnrolmentRepository::AddRecommendation(*db_, inserted.id, county, 1, 300), IsOk());

  auto found = EnrolmentRepository::Find(*db_, inserted.id);
  ASSERT_THAT(found, IsOk());
  const Enrolment& e = *found;
  EXPECT_EQ(e.id, inserted.id);
  EXPECT_EQ(e.cohort_id, cohort2023_.id);
  EXPECT_EQ(e.programme_code, "SCSW");
  EXPECT_EQ(e.cohort_year, 2023);
  EXPECT_EQ(e.person.id, inserted.person.id);
  EXPECT_EQ(e.person.national_id, NationalId(1));
  EXPECT_EQ(e.person.full_name, "张三");
  EXPECT_EQ(e.person.gender, Gender::kMale);
  EXPECT_EQ(e.person.birth_date, (common::Date{1990, 3, 7}));
  EXPECT_EQ(e.person.phone, "13800000000");
  EXPECT_EQ(e.person.email, "p@example.org");
  EXPECT_EQ(e.track, Track::kManagement);
  EXPECT_EQ(e.organisation, "成都市社工中心");
  EXPECT_EQ(e.region, "成都");
  EXPECT_EQ(e.qualification, "社工师");
  EXPECT_EQ(e.years_of_experience, 5);
  EXPECT_EQ(e.stage, Stage::kRecommended);
  EXPECT_EQ(e.stage_reason, "");
  EXPECT_EQ(e.create_time, 100);
  EXPECT_EQ(e.update_time, 200);
  ASSERT_EQ(e.recommendations.size(), 2u);  // by level, not by insertion
  EXPECT_EQ(e.recommendations[0].level, Level::kCounty);
  EXPECT_EQ(e.recommendations[0].body, "武侯区民政局");
  EXPECT_EQ(e.recommendations[0].date, (common::Date{2023, 5, 1}));
  EXPECT_EQ(e.recommendations[0].recorded_by, "admin");
  EXPECT_EQ(e.recommendations[1].level, Level::kCity);
  EXPECT_EQ(e.recommendations[1].date, (common::Date{2023, 5, 20}));
}

TEST_F(EnrolmentRepositoryTest, SameLevelRecommendedTwiceIsAlreadyExists) {
  Enrolment e = Enrol(cohort2023_, 1, "张三", Track::kService);
  domain::Recommendation r;
  r.level = Level::kCounty;
  r.body = "武侯区民政局";
  r.date = {2023, 5, 1};
  ASSERT_THAT(EnrolmentRepository::AddRecommendation(*db_, e.id, r, 1, 300), IsOk());
  EXPECT_THAT(EnrolmentRepository::AddRecommendation(*db_, e.id, r, 1, 300),
              StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST_F(EnrolmentRepositoryTest, SamePersonTwiceInCohortIsAlreadyExists) {
  Enrol(cohort2023_, 1, "张三", Track::kService, Stage::kNotSelected);
  Enrolment again;
  again.cohort_id = cohort2023_.id;
  again.person = MakePerson(1, "张三");
  ASSERT_THAT(EnrolmentRepository::UpsertPerson(*db_, &again.person, 100), IsOk());
  again.track = Track::kService;
  again.organisation = "o";
  again.stage = Stage::kWithdrawn;
  EXPECT_THAT(EnrolmentRepository::Insert(*db_, scsw_.id, &again),
              StatusIs(absl::StatusCode::kAlreadyExists,
                       "this person is already enrolled in the cohort"));
}

TEST_F(EnrolmentRepositoryTest, SecondOpenEnrolmentInProgrammeIsFailedPrecondition) {
  Enrol(cohort2022_, 1, "张三", Track::kService, Stage::kActive);
  Enrolment again;
  again.cohort_id = cohort2023_.id;
  again.person = MakePerson(1, "张三");
  ASSERT_THAT(EnrolmentRepository::UpsertPerson(*db_, &again.person, 100), IsOk());
  again.track = Track::kService;
  again.organisation = "o";
  again.stage = Stage::kApplied;
  EXPECT_THAT(EnrolmentRepository::Insert(*db_, scsw_.id, &again),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       "this person holds an open enrolment in another cohort of the programme"));
}

TEST_F(EnrolmentRepositoryTest, MissingEnrolmentIsNotFound) {
  EXPECT_THAT(EnrolmentRepository::Find(*db_, 99),
              StatusIs(absl::StatusCode::kNotFound, "enrolment 99 not found"));
}

TEST_F(EnrolmentRepositoryTest, PriorEnrolmentsAreThePersonsInTheProgrammeOnly) {
  Enrolment e2022 = Enrol(cohort2022_, 1, "张三", Track::kService, Stage::kNotSelected);
  Enrolment e2023 = Enrol(cohort2023_, 1, "张三", Track::kService, Stage::kApplied);
  Enrol(gdsw2023_, 1, "张三", Track::kService, Stage::kApplied);  // another programme
  Enrol(cohort2023_, 2, "李四", Track::kService);                 // another person

  auto prior = EnrolmentRepository::PriorEnrolments(*db_, scsw_.id, NationalId(1));
  ASSERT_THAT(prior, IsOk());
  EXPECT_THAT(*prior,
              UnorderedElementsAre(
                  ::testing::AllOf(Field(&domain::PriorEnrolment::id, e2022.id),
                                   Field(&domain::PriorEnrolment::cohort_year, 2022),
                                   Field(&domain::PriorEnrolment::stage, Stage::kNotSelected)),
                  ::testing::AllOf(Field(&domain::PriorEnrolment::id, e2023.id),
                                   Field(&domain::PriorEnrolment::cohort_year, 2023),
                                   Field(&domain::PriorEnrolment::stage, Stage::kApplied))));

  auto unknown = EnrolmentRepository::PriorEnrolments(*db_, scsw_.id, NationalId(999));
  ASSERT_THAT(unknown, IsOk());
  EXPECT_THAT(*unknown, IsEmpty());
}

TEST_F(EnrolmentRepositoryTest, ListAndCountFilterByTrackStageAndName) {
  int64_t a = Enrol(cohort2023_, 1, "张三", Track::kService, Stage::kApplied).id;
  int64_t b = Enrol(cohort2023_, 2, "李四", Track::kManagement, Stage::kRecommended).id;
  int64_t c = Enrol(cohort2023_, 3, "张小明", Track::kManagement, Stage::kApplied).id;
  int64_t d = Enrol(cohort2023_, 4, "王五", Track::kEducationResearch, Stage::kSelected).id;
  int64_t e = Enrol(cohort2023_, 5, "Zhang Wei", Track::kService, Stage::kWithdrawn).id;
  Enrol(cohort2022_, 6, "张六", Track::kService, Stage::kApplied);  // another cohort

  EnrolmentFilter all{cohort2023_.id, Track::kUnspecified, Stage::kUnspecified, ""};
  EXPECT_THAT(ListIds(all), ElementsAre(a, b, c, d, e));
  EXPECT_EQ(Count(all), 5);

  EnrolmentFilter management = all;
  management.track = Track::kManagement;
  EXPECT_THAT(ListIds(management), ElementsAre(b, c));
  EXPECT_EQ(Count(management), 2);

  EnrolmentFilter applied = all;
  applied.stage = Stage::kApplied;
  EXPECT_THAT(ListIds(applied), ElementsAre(a, c));
  EXPECT_EQ(Count(applied), 2);

  EnrolmentFilter zhang = all;
  zhang.name_contains = "张";
  EXPECT_THAT(ListIds(zhang), ElementsAre(a, c));
  EXPECT_EQ(Count(zhang), 2);

  EnrolmentFilter latin = all;
  latin.name_contains = "Wei";
  EXPECT_THAT(ListIds(latin), ElementsAre(e));

  EnrolmentFilter combined = all;
  combined.track = Track::kManagement;
  combined.stage = Stage::kApplied;
  combined.name_contains = "小明";
  EXPECT_THAT(ListIds(combined), ElementsAre(c));
  EXPECT_EQ(Count(combined), 1);

  EnrolmentFilter none = all;
  none.name_contains = "赵";
  EXPECT_THAT(ListIds(none), IsEmpty());
  EXPECT_EQ(Count(none), 0);
}

TEST_F(EnrolmentRepositoryTest, ListPagesAfterAnIdWithALimit) {
  std::vector<int64_t> ids;
  for (int n = 1; n <= 5; ++n) {
    ids.push_back(Enrol(cohort2023_, n, "人" + std::to_string(n), Track::kService).id);
  }
  EnrolmentFilter all{cohort2023_.id, Track::kUnspecified, Stage::kUnspecified, ""};
  EXPECT_THAT(ListIds(all, 0, 2), ElementsAre(ids[0], ids[1]));
  EXPECT_THAT(ListIds(all, ids[1], 2), ElementsAre(ids[2], ids[3]));
  EXPECT_THAT(ListIds(all, ids[3], 2), ElementsAre(ids[4]));
  EXPECT_THAT(ListIds(all, ids[4], 2), IsEmpty());
  EXPECT_EQ(Count(all), 5);  // the count ignores paging
}

TEST_F(EnrolmentRepositoryTest, ListFillsRecommendations) {
  Enrolment e = Enrol(cohort2023_, 1, "张三", Track::kService, Stage::kRecommended);
  domain::Recommendation r;
  r.level = Level::kProvince;
  r.body = "四川省民政厅";
  r.date = {2023, 5, 1};
  ASSERT_THAT(EnrolmentRepository::AddRecommendation(*db_, e.id, r, 1, 300), IsOk());
  auto list = EnrolmentRepository::List(
      *db_, {cohort2023_.id, Track::kUnspecified, Stage::kUnspecified, ""}, 0, 10);
  ASSERT_THAT(list, IsOk());
  ASSERT_EQ(list->size(), 1u);
  ASSERT_EQ((*list)[0].recommendations.size(), 1u);
  EXPECT_EQ((*list)[0].recommendations[0].level, Level::kProvince);
  EXPECT_EQ((*list)[0].person.full_name, "张三");
}

TEST_F(EnrolmentRepositoryTest, UpdateStageSetsStageReasonAndTime) {
  Enrolment e = Enrol(cohort2023_, 1, "张三", Track::kService);
  ASSERT_THAT(EnrolmentRepository::UpdateStage(*db_, e.id, Stage::kNotSelected, "材料不全", 900),
              IsOk());
  auto found = EnrolmentRepository::Find(*db_, e.id);
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->stage, Stage::kNotSelected);
  EXPECT_EQ(found->stage_reason, "材料不全");
  EXPECT_EQ(found->update_time, 900);
}

TEST_F(EnrolmentRepositoryTest, StartCultivationActivatesSelectedAndClosesTheRest) {
  int64_t applied = Enrol(cohort2023_, 1, "甲", Track::kService, Stage::kApplied).id;
  int64_t recommended = Enrol(cohort2023_, 2, "乙", Track::kService, Stage::kRecommended).id;
  int64_t selected = Enrol(cohort2023_, 3, "丙", Track::kService, Stage::kSelected).id;
  int64_t withdrawn = Enrol(cohort2023_, 4, "丁", Track::kService, Stage::kWithdrawn).id;
  int64_t elsewhere = Enrol(gdsw2023_, 5, "戊", Track::kService, Stage::kApplied).id;

  ASSERT_THAT(EnrolmentRepository::ChangeStages(*db_, cohort2023_.id,
                                                domain::CultivationStageChanges(), "未入选", 700), IsOk());

  auto stage_of = [&](int64_t id) {
    auto e = EnrolmentRepository::Find(*db_, id);
    EXPECT_THAT(e, IsOk());
    return e.ok() ? *e : Enrolment{};
  };
  EXPECT_EQ(stage_of(applied).stage, Stage::kNotSelected);
  EXPECT_EQ(stage_of(applied).stage_reason, "未入选");
  EXPECT_EQ(stage_of(applied).update_time, 700);
  EXPECT_EQ(stage_of(recommended).stage, Stage::kNotSelected);
  EXPECT_EQ(stage_of(selected).stage, Stage::kActive);
  EXPECT_EQ(stage_of(selected).stage_reason, "");
  EXPECT_EQ(stage_of(selected).update_time, 700);
  EXPECT_EQ(stage_of(withdrawn).stage, Stage::kWithdrawn);
  EXPECT_EQ(stage_of(withdrawn).update_time, 200);
  EXPECT_EQ(stage_of(elsewhere).stage, Stage::kApplied);
}

TEST_F(EnrolmentRepositoryTest, CohortCountsOpenAndSelectedEnrolmentsPerTrack) {
  Enrol(cohort2023_, 1, "甲", Track::kService, Stage::kApplied);
  Enrol(cohort2023_, 2, "乙", Track::kService, Stage::kSelected);
  Enrol(cohort2023_, 3, "丙", Track::kManagement, Stage::kRecommended);
  Enrol(cohort2023_, 4, "丁", Track::kManagement, Stage::kActive);
  Enrol(cohort2023_, 5, "戊", Track::kManagement, Stage::kSelected);
  Enrol(cohort2023_, 6, "己", Track::kEducationResearch, Stage::kNotSelected);
  Enrol(cohort2023_, 7, "庚", Track::kEducationResearch, Stage::kWithdrawn);
  Enrol(cohort2022_, 8, "辛", Track::kEducationResearch, Stage::kSelected);  // another cohort

  auto c = CohortRepository::Find(*db_, "SCSW", 2023);
  ASSERT_THAT(c, IsOk());
  EXPECT_EQ(c->applied.service, 2);
  EXPECT_EQ(c->applied.management, 3);
  EXPECT_EQ(c->applied.education_research, 0);
  EXPECT_EQ(c->selected.service, 1);
  EXPECT_EQ(c->selected.management, 2);
  EXPECT_EQ(c->selected.education_research, 0);

  auto listed = CohortRepository::List(*db_, "SCSW", "", 0, 10);
  ASSERT_THAT(listed, IsOk());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].selected.education_research, 1);  // 2022
  EXPECT_EQ((*listed)[1].selected.management, 2);          // 2023
}

}  // namespace
}  // namespace talent::storage

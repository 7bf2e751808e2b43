#include "server/storage/programme_repository.h"

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/migrations.h"
#include "tests/storage/seeded_database.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace talent::storage {
namespace {

using domain::Cohort;
using domain::CohortState;
using domain::Programme;
using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Field;

Programme MakeProgramme(const std::string& code) {
  Programme p;
  p.code = code;
  p.title = "四川社会工作人才计划";
  p.issuer = "四川省民政厅";
  p.start_year = 2020;
  p.end_year = 2030;
  p.talent_target = 300;
  p.create_time = 1000;
  p.update_time = 2000;
  return p;
}

class ProgrammeRepositoryTest : public MigratedDatabase {
 protected:
  Programme Insert(const std::string& code) {
    Programme p = MakeProgramme(code);
    EXPECT_THAT(ProgrammeRepository::Insert(*db_, &p), IsOk());
    return p;
  }

  Cohort InsertCohort(const Programme& p, int year, CohortState state = CohortState::kDraft) {
    Cohort c;
    c.programme_id = p.id;
    c.programme_code = p.code;
    c.year = year;
    c.state = state;
    c.quotas = {10, 8, 6};
    c.create_time = 3000;
    c.update_time = 4000;
    EXPECT_THAT(CohortRepository::Insert(*db_, &c), IsOk());
    return c;
  }

};

TEST_F(ProgrammeRepositoryTest, InsertThenFindByCodeRoundTrips) {
  Programme inserted = Insert("SCSW");
  EXPECT_GT(inserted.id, 0);
  auto found = ProgrammeRepository::FindByCode(*db_, "SCSW");
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->id, inserted.id);
  EXPECT_EQ(found->code, "SCSW");
  EXPECT_EQ(found->title, "四川社会工作人才计划");
  EXPECT_EQ(found->issuer, "四川省民政厅");
  EXPECT_EQ(found->start_year, 2020);
  EXPECT_EQ(found->end_year, 2030);
  EXPECT_EQ(found->talent_target, 300);
  EXPECT_EQ(found->create_time, 1000);
  EXPECT_EQ(found->update_time, 2000);
}

TEST_F(ProgrammeRepositoryTest, DuplicateCodeIsAlreadyExistsNamingIt) {
  Insert("SCSW");
  Programme again = MakeProgramme("SCSW");
  EXPECT_THAT(ProgrammeRepository::Insert(*db_, &again),
              StatusIs(absl::StatusCode::kAlreadyExists, "programme SCSW already exists"));
  EXPECT_EQ(again.id, 0);
}

TEST_F(ProgrammeRepositoryTest, MissingCodeIsNotFoundSayingHowToList) {
  EXPECT_THAT(ProgrammeRepository::FindByCode(*db_, "NOPE"),
              StatusIs(absl::StatusCode::kNotFound,
                       "programme NOPE not found (list them with 'talentctl programme list')"));
}

TEST_F(ProgrammeRepositoryTest, ListPagesByCode) {
  for (const char* code : {"GDSW", "SCSW", "BJSW", "ZJSW"}) Insert(code);
  auto first = ProgrammeRepository::List(*db_, "", 2);
  ASSERT_THAT(first, IsOk());
  EXPECT_THAT(*first, ElementsAre(Field(&Programme::code, "BJSW"), Field(&Programme::code, "GDSW")));
  auto second = ProgrammeRepository::List(*db_, "GDSW", 2);
  ASSERT_THAT(second, IsOk());
  EXPECT_THAT(*second,
              ElementsAre(Field(&Programme::code, "SCSW"), Field(&Programme::code, "ZJSW")));
  auto rest = ProgrammeRepository::List(*db_, "ZJSW", 2);
  ASSERT_THAT(rest, IsOk());
  EXPECT_TRUE(rest->empty());
}

TEST_F(ProgrammeRepositoryTest, UpdateChangesEditableFieldsOnly) {
  Programme p = Insert("SCSW");
  p.title = "新标题";
  p.issuer = "新机构";
  p.start_year = 2021;
  p.end_year = 2031;
  p.talent_target = 500;
  p.update_time = 9000;
  p.create_time = 1;  // not an editable field
  ASSERT_THAT(ProgrammeRepository::Update(*db_, p), IsOk());
  auto found = ProgrammeRepository::FindByCode(*db_, "SCSW");
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->title, "新标题");
  EXPECT_EQ(found->issuer, "新机构");
  EXPECT_EQ(found->start_year, 2021);
  EXPECT_EQ(found->end_year, 2031);
  EXPECT_EQ(found->talent_target, 500);
  EXPECT_EQ(found->update_time, 9000);
  EXPECT_EQ(found->create_time, 1000);
}

TEST_F(ProgrammeRepositoryTest, CohortYearsOfProgrammeWithoutAndWithCohorts) {
  Programme p = Insert("SCSW");
  Programme other = Insert("GDSW");
  int first = 0, last = 0;
  auto has = ProgrammeRepository::CohortYears(*db_, p.id, &first, &last);
  ASSERT_THAT(has, IsOk());
  EXPECT_FALSE(*has);
  InsertCohort(p, 2024);
  InsertCohort(p, 2021);
  InsertCohort(p, 2022);
  InsertCohort(other, 2030);
  has = ProgrammeRepository::CohortYears(*db_, p.id, &first, &last);
  ASSERT_THAT(has, IsOk());
  EXPECT_TRUE(*has);
  EXPECT_EQ(first, 2021);
  EXPECT_EQ(last, 2024);
}

TEST_F(ProgrammeRepositoryTest, CohortInsertThenFindRoundTrips) {
  Programme p = Insert("SCSW");
  Cohort inserted = InsertCohort(p, 2023, CohortState::kEnrolling);
  EXPECT_GT(inserted.id, 0);
  auto found = CohortRepository::Find(*db_, "SCSW", 2023);
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->id, inserted.id);
  EXPECT_EQ(found->programme_id, p.id);
  EXPECT_EQ(found->programme_code, "SCSW");
  EXPECT_EQ(found->year, 2023);
  EXPECT_EQ(found->state, CohortState::kEnrolling);
  EXPECT_EQ(found->quotas.service, 10);
  EXPECT_EQ(found->quotas.management, 8);
  EXPECT_EQ(found->quotas.education_research, 6);
  EXPECT_EQ(found->create_time, 3000);
  EXPECT_EQ(found->update_time, 4000);
  EXPECT_EQ(found->applied.service + found->applied.management +
                found->applied.education_research,
            0);
  auto by_id = CohortRepository::FindById(*db_, inserted.id);
  ASSERT_THAT(by_id, IsOk());
  EXPECT_EQ(by_id->year, 2023);
  EXPECT_EQ(by_id->programme_code, "SCSW");
}

TEST_F(ProgrammeRepositoryTest, DuplicateCohortYearIsAlreadyExistsNamingIt) {
  Programme p = Insert("SCSW");
  InsertCohort(p, 2023);
  Cohort again;
  again.programme_id = p.id;
  again.programme_code = "SCSW";
  again.year = 2023;
  EXPECT_THAT(CohortRepository::Insert(*db_, &again),
              StatusIs(absl::StatusCode::kAlreadyExists, "cohort SCSW/2023 already exists"));
}

TEST_F(ProgrammeRepositoryTest, MissingCohortIsNotFound) {
  Programme p = Insert("SCSW");
  InsertCohort(p, 2023);
  EXPECT_THAT(CohortRepository::Find(*db_, "SCSW", 2024),
              StatusIs(absl::StatusCode::kNotFound,
                       "cohort SCSW/2024 not found (list them with 'talentctl cohort list')"));
  EXPECT_THAT(CohortRepository::Find(*db_, "NOPE", 2023),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(CohortRepository::FindById(*db_, 999),
              StatusIs(absl::StatusCode::kNotFound, "cohort 999 not found"));
}

TEST_F(ProgrammeRepositoryTest, CohortListOrdersByCodeThenYearAndPagesAfterBoth) {
  Programme scsw = Insert("SCSW");
  Programme gdsw = Insert("GDSW");
  InsertCohort(scsw, 2023);
  InsertCohort(gdsw, 2022);
  InsertCohort(scsw, 2021);
  InsertCohort(gdsw, 2024);
  auto all = CohortRepository::List(*db_, "", "", 0, 10);
  ASSERT_THAT(all, IsOk());
  std::vector<std::string> labels;
  for (const Cohort& c : *all) labels.push_back(c.programme_code + "/" + std::to_string(c.year));
  EXPECT_THAT(labels, ElementsAre("GDSW/2022", "GDSW/2024", "SCSW/2021", "SCSW/2023"));

  auto page = CohortRepository::List(*db_, "", "GDSW", 2024, 1);
  ASSERT_THAT(page, IsOk());
  ASSERT_EQ(page->size(), 1u);
  EXPECT_EQ((*page)[0].programme_code, "SCSW");
  EXPECT_EQ((*page)[0].year, 2021);

  auto one_programme = CohortRepository::List(*db_, "SCSW", "", 0, 10);
  ASSERT_THAT(one_programme, IsOk());
  EXPECT_THAT(*one_programme, ElementsAre(Field(&Cohort::year, 2021), Field(&Cohort::year, 2023)));
  auto after = CohortRepository::List(*db_, "SCSW", "SCSW", 2021, 10);
  ASSERT_THAT(after, IsOk());
  EXPECT_THAT(*after, ElementsAre(Field(&Cohort::year, 2023)));
}

TEST_F(ProgrammeRepositoryTest, UpdateStateAndQuotas) {
  Programme p = Insert("SCSW");
  Cohort c = InsertCohort(p, 2023);
  ASSERT_THAT(CohortRepository::UpdateState(*db_, c.id, CohortState::kEnrolling, 5000), IsOk());
  ASSERT_THAT(CohortRepository::UpdateQuotas(*db_, c.id, {1, 2, 3}, 6000), IsOk());
  auto found = CohortRepository::FindById(*db_, c.id);
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->state, CohortState::kEnrolling);
  EXPECT_EQ(found->quotas.service, 1);
  EXPECT_EQ(found->quotas.management, 2);
  EXPECT_EQ(found->quotas.education_research, 3);
  EXPECT_EQ(found->update_time, 6000);
  EXPECT_EQ(found->create_time, 3000);
}

TEST_F(ProgrammeRepositoryTest, NegativeQuotaRefusedByTheSchema) {
  Programme p = Insert("SCSW");
  Cohort c = InsertCohort(p, 2023);
  EXPECT_THAT(CohortRepository::UpdateQuotas(*db_, c.id, {1, -1, 3}, 6000),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace talent::storage

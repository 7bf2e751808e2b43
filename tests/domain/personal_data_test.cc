#include "server/domain/personal_data.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace talent::domain {
namespace {

using ::talent::testing::StatusIs;

TEST(MaskedPersonTest, KeepsNameGenderAndTheLastFourOfTheId) {
  Person p;
  p.id = 7;
  p.national_id = "510104198311286091";
  p.full_name = "张伟";
  p.gender = Gender::kMale;
  p.birth_date = {1983, 11, 28};
  p.phone = "13912345678";
  p.email = "zhangwei@example.org";
  Person masked = MaskedPerson(p);
  EXPECT_EQ(masked.id, 7);
  EXPECT_EQ(masked.national_id, "**************6091");
  EXPECT_EQ(masked.full_name, "张伟");
  EXPECT_EQ(masked.gender, Gender::kMale);
  EXPECT_EQ(masked.birth_date, common::Date{});
  EXPECT_EQ(masked.phone, "");
  EXPECT_EQ(masked.email, "");
}

TEST(CheckPersonalDataAccessTest, FullOnlyForAdministrators) {
  for (Role role : {Role::kAdmin, Role::kAssessor, Role::kViewer}) {
    EXPECT_TRUE(CheckPersonalDataAccess(role, PersonalData::kMasked).ok());
  }
  EXPECT_TRUE(CheckPersonalDataAccess(Role::kAdmin, PersonalData::kFull).ok());
  for (Role role : {Role::kAssessor, Role::kViewer, Role::kUnspecified}) {
    EXPECT_THAT(CheckPersonalDataAccess(role, PersonalData::kFull),
                StatusIs(absl::StatusCode::kPermissionDenied,
                         "only administrators may see personal data in full (national ID, "
                         "birth date, phone, e-mail); ask without show_personal_data"));
  }
}

}  // namespace
}  // namespace talent::domain

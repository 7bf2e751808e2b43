#include "server/domain/applicant.h"

#include <string>
#include <vector>

#include "common/national_id.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace talent::domain {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const common::Date kToday{2023, 6, 1};
const std::string kIdeoSpace = "\xE3\x80\x80";
constexpr char kMaleId[] = "510104199003071237";    // born 1990-03-07, 17th digit 3
constexpr char kFemaleId[] = "11010519491231002X";  // born 1949-12-31, 17th digit 2

ApplicantInput GoodInput() {
  ApplicantInput in;
  in.full_name = "张三";
  in.national_id = kMaleId;
  in.gender = "男";
  in.organisation = "成都市武侯区社会工作服务中心";
  in.region = "四川省成都市";
  in.track = "服务类";
  in.phone = "13800000000";
  in.email = "zhangsan@example.org";
  in.qualification = "中级社会工作师";
  in.years_of_experience = "8";
  return in;
}

// Parses `in`; returns its errors (empty when it parsed).
std::vector<FieldError> ErrorsOf(const ApplicantInput& in, Applicant* out = nullptr) {
  Applicant scratch;
  std::vector<FieldError> errors;
  bool ok = ParseApplicant(in, kToday, out ? out : &scratch, &errors);
  EXPECT_EQ(ok, errors.empty());
  return errors;
}

template <typename ReasonMatcher>
auto ErrorOn(const std::string& column, ReasonMatcher reason) {
  return ::testing::AllOf(Field(&FieldError::column, column),
                          Field(&FieldError::reason,
                                ::testing::MatcherCast<const std::string&>(reason)));
}
auto ErrorOn(const std::string& column) { return Field(&FieldError::column, column); }

TEST(ParseApplicantTest, GoodRowFillsEveryField) {
  Applicant a;
  ASSERT_THAT(ErrorsOf(GoodInput(), &a), IsEmpty());
  EXPECT_EQ(a.person.full_name, "张三");
  EXPECT_EQ(a.person.national_id, kMaleId);
  EXPECT_EQ(a.person.gender, Gender::kMale);
  EXPECT_EQ(a.person.birth_date, (common::Date{1990, 3, 7}));
  EXPECT_EQ(a.person.phone, "13800000000");
  EXPECT_EQ(a.person.email, "zhangsan@example.org");
  EXPECT_EQ(a.organisation, "成都市武侯区社会工作服务中心");
  EXPECT_EQ(a.region, "四川省成都市");
  EXPECT_EQ(a.qualification, "中级社会工作师");
  EXPECT_EQ(a.track, Track::kService);
  EXPECT_EQ(a.years_of_experience, 8);
}

TEST(ParseApplicantTest, OptionalFieldsMayBeEmpty) {
  ApplicantInput in = GoodInput();
  in.gender = "";
  in.region = "";
  in.phone = "";
  in.email = "";
  in.qualification = "";
  in.years_of_experience = "";
  Applicant a;
  ASSERT_THAT(ErrorsOf(in, &a), IsEmpty());
  EXPECT_EQ(a.person.gender, Gender::kMale);  // from the ID
  EXPECT_EQ(a.years_of_experience, 0);
  EXPECT_EQ(a.region, "");
}

TEST(ParseApplicantTest, TrimsIdeographicAndAsciiSpacesFromEveryCell) {
  ApplicantInput in;
  in.full_name = kIdeoSpace + "张三" + kIdeoSpace;
  in.national_id = kIdeoSpace + kMaleId + " ";
  in.gender = " 男" + kIdeoSpace;
  in.organisation = kIdeoSpace + "成都市社工中心 ";
  in.region = " 四川" + kIdeoSpace;
  in.track = kIdeoSpace + "管理类" + kIdeoSpace;
  in.phone = " 13800000000" + kIdeoSpace;
  in.email = kIdeoSpace + "a@example.org\t";
  in.qualification = kIdeoSpace + "社工师" + kIdeoSpace;
  in.years_of_experience = kIdeoSpace + "12 ";
  Applicant a;
  ASSERT_THAT(ErrorsOf(in, &a), IsEmpty());
  EXPECT_EQ(a.person.full_name, "张三");
  EXPECT_EQ(a.person.national_id, kMaleId);
  EXPECT_EQ(a.organisation, "成都市社工中心");
  EXPECT_EQ(a.region, "四川");
  EXPECT_EQ(a.track, Track::kManagement);
  EXPECT_EQ(a.person.phone, "13800000000");
  EXPECT_EQ(a.person.email, "a@example.org");
  EXPECT_EQ(a.qualification, "社工师");
  EXPECT_EQ(a.years_of_experience, 12);
}

TEST(ParseApplicantTest, ReportsEveryBadFieldAtOnce) {
  ApplicantInput in = GoodInput();
  in.full_name = "";
  in.phone = "12345";
  in.years_of_experience = "abc";
  Applicant untouched;
  untouched.organisation = "before";
  std::vector<FieldError> errors;
  EXPECT_FALSE(ParseApplicant(in, kToday, &untouched, &errors));
  EXPECT_THAT(errors,
              ElementsAre(ErrorOn("name", "name is required"),
                          ErrorOn("phone",
                                  "phone must be 11 digits starting with 1, e.g. 13800000000"),
                          ErrorOn("years", "years must be a whole number 0–60, got \"abc\"")));
  EXPECT_EQ(untouched.organisation, "before");  // not overwritten on failure
}

TEST(ParseApplicantTest, EveryColumnCanFailTogether) {
  ApplicantInput in;
  in.full_name = std::string(51, 'n');
  in.national_id = "510104199003071238";  // wrong check character
  in.gender = "x";
  in.organisation = "";
  in.region = std::string(51, 'r');
  in.track = "art";
  in.phone = "23800000000";
  in.email = "no-at-sign";
  in.qualification = std::string(51, 'q');
  in.years_of_experience = "61";
  EXPECT_THAT(ErrorsOf(in),
              ElementsAre(ErrorOn("name"), ErrorOn("national_id"), ErrorOn("gender"),
                          ErrorOn("organisation"), ErrorOn("region"), ErrorOn("track"),
                          ErrorOn("phone"), ErrorOn("email"), ErrorOn("qualification"),
                          ErrorOn("years")));
}

TEST(ParseApplicantTest, ErrorsAppendAfterEarlierRowsErrors) {
  std::vector<FieldError> errors = {{"name", "from an earlier row"}};
  Applicant a;
  ApplicantInput in = GoodInput();
  in.email = "bad";
  EXPECT_FALSE(ParseApplicant(in, kToday, &a, &errors));
  EXPECT_THAT(errors, ElementsAre(ErrorOn("name", "from an earlier row"), ErrorOn("email")));
  errors = {{"name", "from an earlier row"}};
  EXPECT_TRUE(ParseApplicant(GoodInput(), kToday, &a, &errors));
  EXPECT_EQ(errors.size(), 1u);
}

TEST(ParseApplicantTest, BadNationalIdReportedWithoutEchoingIt) {
  ApplicantInput in = GoodInput();
  in.national_id = "510104199003071238";
  std::vector<FieldError> errors = ErrorsOf(in);
  ASSERT_THAT(errors, ElementsAre(ErrorOn("national_id")));
  EXPECT_THAT(errors[0].reason, HasSubstr("check character should be 7"));
  EXPECT_THAT(errors[0].reason, ::testing::Not(HasSubstr("510104199003071238")));
}

TEST(ParseApplicantTest, BirthDateAfterTodayRefused) {
  ApplicantInput in = GoodInput();
  std::string first17 = "51010420230602123";  // born 2023-06-02, the day after kToday
  in.national_id = first17 + common::NationalIdCheckCharacter(first17);
  in.gender = "";
  EXPECT_THAT(ErrorsOf(in), ElementsAre(ErrorOn("national_id", HasSubstr("after today"))));
}

TEST(ParseApplicantTest, GenderMustMatchSeventeenthDigitOfId) {
  ApplicantInput in = GoodInput();  // male ID
  in.gender = "女";
  EXPECT_THAT(ErrorsOf(in),
              ElementsAre(ErrorOn("gender",
                                  "gender does not match the national ID (its 17th digit)")));
  in.national_id = kFemaleId;
  in.gender = "男";
  EXPECT_THAT(ErrorsOf(in), ElementsAre(ErrorOn("gender")));
}

TEST(ParseApplicantTest, GenderAcceptedInChineseEnglishOrKey) {
  for (const char* gender : {"女", "female", "Female", "GENDER_FEMALE"}) {
    ApplicantInput in = GoodInput();
    in.national_id = kFemaleId;
    in.gender = gender;
    Applicant a;
    EXPECT_THAT(ErrorsOf(in, &a), IsEmpty()) << gender;
    EXPECT_EQ(a.person.gender, Gender::kFemale) << gender;
    EXPECT_EQ(a.person.national_id, kFemaleId);
  }
}

TEST(ParseApplicantTest, UnknownGenderNamesTheValue) {
  ApplicantInput in = GoodInput();
  in.gender = "未知";
  EXPECT_THAT(ErrorsOf(in),
              ElementsAre(ErrorOn("gender",
                                  "gender must be 男 or 女 (male or female), got \"未知\"")));
}

TEST(ParseApplicantTest, GenderNotComparedWhenIdIsBad) {
  ApplicantInput in = GoodInput();
  in.national_id = "123";
  in.gender = "女";
  EXPECT_THAT(ErrorsOf(in), ElementsAre(ErrorOn("national_id")));
}

TEST(ParseApplicantTest, TracksInChineseAndEnglish) {
  const std::vector<std::pair<std::string, Track>> cases = {
      {"服务类", Track::kService},
      {"管理类", Track::kManagement},
      {"教育与研究类", Track::kEducationResearch},
      {"service", Track::kService},
      {"Management", Track::kManagement},
      {"education-research", Track::kEducationResearch},
      {"TRACK_EDUCATION_RESEARCH", Track::kEducationResearch},
  };
  for (const auto& [text, track] : cases) {
    ApplicantInput in = GoodInput();
    in.track = text;
    Applicant a;
    EXPECT_THAT(ErrorsOf(in, &a), IsEmpty()) << text;
    EXPECT_EQ(a.track, track) << text;
  }
}

TEST(ParseApplicantTest, UnknownOrMissingTrackRefused) {
  ApplicantInput in = GoodInput();
  in.track = "艺术类";
  EXPECT_THAT(ErrorsOf(in),
              ElementsAre(ErrorOn("track",
                                  "track \"艺术类\" is not one of 服务类, 管理类, 教育与研究类 "
                                  "(service, management, education-research)")));
  in.track = kIdeoSpace;
  EXPECT_THAT(ErrorsOf(in),
              ElementsAre(ErrorOn("track", "track is required: 服务类, 管理类 or 教育与研究类")));
  in.track = "TRACK_UNSPECIFIED";
  EXPECT_THAT(ErrorsOf(in), ElementsAre(ErrorOn("track")));
}

TEST(ParseApplicantTest, YearsMustBeWholeNumberFromZeroToSixty) {
  for (const char* bad : {"abc", "-1", "61", "1.5", "5年", "99999999999"}) {
    ApplicantInput in = GoodInput();
    in.years_of_experience = bad;
    EXPECT_THAT(ErrorsOf(in),
                ElementsAre(ErrorOn("years", std::string("years must be a whole number 0–60, "
                                                         "got \"") + bad + "\"")))
        << bad;
  }
  for (const auto& [text, value] :
       std::vector<std::pair<std::string, int>>{{"", 0}, {"0", 0}, {"60", 60}, {" 7 ", 7}}) {
    ApplicantInput in = GoodInput();
    in.years_of_experience = text;
    Applicant a;
    EXPECT_THAT(ErrorsOf(in, &a), IsEmpty()) << text;
    EXPECT_EQ(a.years_of_experience, value) << text;
  }
}

TEST(ParseApplicantTest, PhoneMustBeElevenDigitsStartingWithOne) {
  for (const char* good : {"13800000000", "19912345678"}) {
    ApplicantInput in = GoodInput();
    in.phone = good;
    EXPECT_THAT(ErrorsOf(in), IsEmpty()) << good;
  }
  for (const char* bad : {"1380000000", "138000000000", "23800000000", "1380000000a",
                          "+8613800000000", "138-0000-0000", "１３８００００００００"}) {
    ApplicantInput in = GoodInput();
    in.phone = bad;
    EXPECT_THAT(ErrorsOf(in),
                ElementsAre(ErrorOn("phone",
                                    "phone must be 11 digits starting with 1, e.g. 13800000000")))
        << bad;
  }
}

TEST(ParseApplicantTest, EmailMustLookLikeAnAddress) {
  for (const char* good : {"a@b.cn", "zhang.san+talent@mail.example.org"}) {
    ApplicantInput in = GoodInput();
    in.email = good;
    EXPECT_THAT(ErrorsOf(in), IsEmpty()) << good;
  }
  const std::string long_email = std::string(92, 'a') + "@example.org";  // 104 characters
  for (const std::string& bad :
       std::vector<std::string>{"zhangsan", "@example.org", "a@b@example.org", "a@.org",
                                "a@example", "a@example.", "a b@example.org", "张三@example.org",
                                long_email}) {
    ApplicantInput in = GoodInput();
    in.email = bad;
    EXPECT_THAT(ErrorsOf(in), ElementsAre(ErrorOn("email", "email must look like name@example.org")))
        << bad;
  }
}

TEST(ParseApplicantTest, TextLimitsPerColumn) {
  ApplicantInput in = GoodInput();
  in.full_name = std::string(50, 'n');
  in.organisation = std::string(100, 'o');
  in.region = std::string(50, 'r');
  in.qualification = std::string(50, 'q');
  EXPECT_THAT(ErrorsOf(in), IsEmpty());
  in.full_name += "n";
  in.organisation += "o";
  EXPECT_THAT(ErrorsOf(in),
              ElementsAre(ErrorOn("name", "name must be 1–50 characters, got 51"),
                          ErrorOn("organisation", "organisation must be 1–100 characters, got 101")));
}

TEST(ParseApplicantTest, NameWithLineBreakRefused) {
  ApplicantInput in = GoodInput();
  in.full_name = "张\n三";
  EXPECT_THAT(ErrorsOf(in),
              ElementsAre(ErrorOn("name", "name must not contain control characters, line "
                                          "breaks or invisible formatting (U+000A at "
                                          "character 2); retype it as plain text")));
}

TEST(FieldErrorsToStatusTest, NoErrorsIsOk) {
  EXPECT_THAT(FieldErrorsToStatus({}), IsOk());
}

TEST(FieldErrorsToStatusTest, JoinsColumnAndReasonOfEachError) {
  EXPECT_THAT(FieldErrorsToStatus({{"name", "name is required"},
                                   {"phone", "phone must be 11 digits"}}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "name: name is required; phone: phone must be 11 digits"));
}

}  // namespace
}  // namespace talent::domain

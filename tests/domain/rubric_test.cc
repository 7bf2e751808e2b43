#include "server/domain/rubric.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace talent::domain {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr absl::StatusCode kInvalid = absl::StatusCode::kInvalidArgument;

Criterion MakeCriterion(const std::string& code, int64_t max_tenths, bool veto = false) {
  Criterion c;
  c.code = code;
  c.name_zh = "准则" + code;
  c.name_en = "Criterion " + code;
  c.max_tenths = max_tenths;
  c.veto = veto;
  return c;
}

std::vector<int64_t> Maxima(const Rubric& rubric) {
  std::vector<int64_t> maxima;
  for (const Criterion& c : rubric.criteria) maxima.push_back(c.max_tenths);
  return maxima;
}

// --- DefaultRubric ---------------------------------------------------------

TEST(DefaultRubricTest, SixAreasWithTheSeedProgrammeMaxima) {
  Rubric rubric = DefaultRubric();
  EXPECT_THAT(Maxima(rubric), ElementsAre(150, 150, 200, 200, 150, 150));
  EXPECT_EQ(rubric.TotalTenths(), 1000);
}

TEST(DefaultRubricTest, OnlyTheLastCriterionEthicsIsVeto) {
  Rubric rubric = DefaultRubric();
  ASSERT_EQ(rubric.criteria.size(), 6u);
  EXPECT_EQ(rubric.VetoIndex(), 5);
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(rubric.criteria[i].veto) << i;
  EXPECT_TRUE(rubric.criteria[5].veto);
}

TEST(DefaultRubricTest, CodesAreUniqueAndNamesPresent) {
  Rubric rubric = DefaultRubric();
  std::set<std::string> codes;
  for (const Criterion& c : rubric.criteria) {
    EXPECT_FALSE(c.code.empty());
    EXPECT_FALSE(c.name_zh.empty()) << c.code;
    EXPECT_FALSE(c.name_en.empty()) << c.code;
    codes.insert(c.code);
  }
  EXPECT_EQ(codes.size(), 6u);
}

TEST(DefaultRubricTest, PassesValidationUnchanged) {
  Rubric rubric = DefaultRubric();
  Rubric copy = rubric;
  EXPECT_THAT(ValidateRubric(&copy), IsOk());
  ASSERT_EQ(copy.criteria.size(), rubric.criteria.size());
  for (size_t i = 0; i < rubric.criteria.size(); ++i) {
    EXPECT_EQ(copy.criteria[i].code, rubric.criteria[i].code);
    EXPECT_EQ(copy.criteria[i].name_zh, rubric.criteria[i].name_zh);
    EXPECT_EQ(copy.criteria[i].name_en, rubric.criteria[i].name_en);
    EXPECT_EQ(copy.criteria[i].max_tenths, rubric.criteria[i].max_tenths);
    EXPECT_EQ(copy.criteria[i].veto, rubric.criteria[i].veto);
  }
}

// --- TotalTenths / VetoIndex -----------------------------------------------

TEST(RubricTest, TotalAndVetoIndexOfACustomRubric) {
  Rubric rubric;
  rubric.criteria = {MakeCriterion("a", 1), MakeCriterion("b", 999), MakeCriterion("c", 55)};
  EXPECT_EQ(rubric.TotalTenths(), 1055);
  EXPECT_EQ(rubric.VetoIndex(), -1);
  rubric.criteria[1].veto = true;
  EXPECT_EQ(rubric.VetoIndex(), 1);
}

TEST(RubricTest, EmptyRubricHasNoTotalAndNoVeto) {
  Rubric rubric;
  EXPECT_EQ(rubric.TotalTenths(), 0);
  EXPECT_EQ(rubric.VetoIndex(), -1);
}

// --- ValidateRubric --------------------------------------------------------

// The second veto criterion in rubric order is the one named: here the
// default's ethics, after theory made a veto too.
TEST(ValidateRubricTest, RefusesTwoVetoCriteria) {
  Rubric rubric = DefaultRubric();
  rubric.criteria[0].veto = true;
  EXPECT_THAT(ValidateRubric(&rubric),
              StatusIs(kInvalid, AllOf(HasSubstr("criterion " + rubric.criteria[5].code),
                                       HasSubstr("second veto criterion"))));
}

TEST(ValidateRubricTest, AcceptsNoVetoCriterion) {
  Rubric rubric = DefaultRubric();
  rubric.criteria[5].veto = false;
  EXPECT_THAT(ValidateRubric(&rubric), IsOk());
}

TEST(ValidateRubricTest, RefusesDuplicateCodesNamingTheCode) {
  Rubric rubric = DefaultRubric();
  const std::string code = rubric.criteria[0].code;
  rubric.criteria[3].code = code;
  EXPECT_THAT(ValidateRubric(&rubric), StatusIs(kInvalid, HasSubstr(code)));
}

TEST(ValidateRubricTest, DuplicateIsFoundAfterTrimming) {
  Rubric rubric = DefaultRubric();
  const std::string code = rubric.criteria[0].code;
  rubric.criteria[3].code = " " + code + " ";
  EXPECT_THAT(ValidateRubric(&rubric), StatusIs(kInvalid, HasSubstr(code)));
}

TEST(ValidateRubricTest, RefusesMaximumOfZeroNamingTheCode) {
  Rubric rubric = DefaultRubric();
  rubric.criteria[3].max_tenths = 0;
  EXPECT_THAT(ValidateRubric(&rubric), StatusIs(kInvalid, HasSubstr(rubric.criteria[3].code)));
}

TEST(ValidateRubricTest, RefusesNegativeMaximumNamingTheCode) {
  Rubric rubric = DefaultRubric();
  rubric.criteria[2].max_tenths = -10;
  EXPECT_THAT(ValidateRubric(&rubric), StatusIs(kInvalid, HasSubstr(rubric.criteria[2].code)));
}

TEST(ValidateRubricTest, RefusesMaximumOver100PointsNamingTheCode) {
  Rubric rubric = DefaultRubric();
  rubric.criteria[1].max_tenths = 1001;
  EXPECT_THAT(ValidateRubric(&rubric), StatusIs(kInvalid, HasSubstr(rubric.criteria[1].code)));
}

TEST(ValidateRubricTest, AcceptsMaximaAtTheBounds) {
  Rubric rubric;
  rubric.criteria = {MakeCriterion("tiny", 1), MakeCriterion("huge", 1000, /*veto=*/true)};
  EXPECT_THAT(ValidateRubric(&rubric), IsOk());
}

TEST(ValidateRubricTest, RefusesNoCriteria) {
  Rubric rubric;
  EXPECT_THAT(ValidateRubric(&rubric), StatusIs(kInvalid));
}

TEST(ValidateRubricTest, AcceptsTwentyCriteriaAndRefusesTwentyOne) {
  Rubric rubric;
  for (int i = 0; i < 20; ++i) rubric.criteria.push_back(MakeCriterion(absl::StrCat("c", i), 50));
  EXPECT_THAT(ValidateRubric(&rubric), IsOk());
  rubric.criteria.push_back(MakeCriterion("c20", 50));
  EXPECT_THAT(ValidateRubric(&rubric), StatusIs(kInvalid));
}

TEST(ValidateRubricTest, TotalOfAtMost1000PointsIsAccepted) {
  Rubric rubric;
  for (int i = 0; i < 10; ++i) rubric.criteria.push_back(MakeCriterion(absl::StrCat("c", i), 1000));
  EXPECT_EQ(rubric.TotalTenths(), 10000);
  EXPECT_THAT(ValidateRubric(&rubric), IsOk());
  rubric.criteria.push_back(MakeCriterion("c10", 1));
  EXPECT_THAT(ValidateRubric(&rubric), StatusIs(kInvalid));
}

TEST(ValidateRubricTest, RefusesEmptyNamesNamingTheCode) {
  {
    Rubric rubric = DefaultRubric();
    rubric.criteria[2].name_zh = "";
    EXPECT_THAT(ValidateRubric(&rubric), StatusIs(kInvalid, HasSubstr(rubric.criteria[2].code)));
  }
  {
    Rubric rubric = DefaultRubric();
    rubric.criteria[4].name_en = "";
    EXPECT_THAT(ValidateRubric(&rubric), StatusIs(kInvalid, HasSubstr(rubric.criteria[4].code)));
  }
}

TEST(ValidateRubricTest, NameOfOnlySpacesIsEmpty) {
  Rubric rubric = DefaultRubric();
  rubric.criteria[1].name_zh = " \xE3\x80\x80 ";  // ASCII and ideographic spaces
  EXPECT_THAT(ValidateRubric(&rubric), StatusIs(kInvalid, HasSubstr(rubric.criteria[1].code)));
}

TEST(ValidateRubricTest, NameLengthIsCountedInCharacters) {
  std::string fifty;
  for (int i = 0; i < 50; ++i) fifty += "伦";  // 3 bytes each: 150 bytes
  Rubric rubric = DefaultRubric();
  rubric.criteria[0].name_zh = fifty;
  EXPECT_THAT(ValidateRubric(&rubric), IsOk());
  rubric.criteria[0].name_zh = fifty + "理";
  EXPECT_THAT(ValidateRubric(&rubric), StatusIs(kInvalid, HasSubstr(rubric.criteria[0].code)));
}

TEST(ValidateRubricTest, TrimsCodesAndNames) {
  Rubric rubric;
  rubric.criteria = {MakeCriterion("theory", 150)};
  rubric.criteria[0].code = "  theory\t";
  rubric.criteria[0].name_zh = "\xE3\x80\x80理论武装 ";
  rubric.criteria[0].name_en = " Theory ";
  EXPECT_THAT(ValidateRubric(&rubric), IsOk());
  EXPECT_EQ(rubric.criteria[0].code, "theory");
  EXPECT_EQ(rubric.criteria[0].name_zh, "理论武装");
  EXPECT_EQ(rubric.criteria[0].name_en, "Theory");
}

TEST(ValidateRubricTest, RefusesMalformedCodes) {
  for (const char* code : {"", "Theory", "the ory", "theory-1", "伦理", "abcdefghijklmnopq"}) {
    Rubric rubric = DefaultRubric();
    rubric.criteria[0].code = code;
    EXPECT_THAT(ValidateRubric(&rubric), StatusIs(kInvalid)) << "code: \"" << code << "\"";
  }
}

TEST(ValidateRubricTest, AcceptsCodesOfSixteenLowerCaseLettersDigitsAndUnderscores) {
  Rubric rubric = DefaultRubric();
  rubric.criteria[0].code = "abcdefghijklm_09";
  EXPECT_THAT(ValidateRubric(&rubric), IsOk());
}

}  // namespace
}  // namespace talent::domain

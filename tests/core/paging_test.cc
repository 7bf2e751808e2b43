// Paging of listings: sizes, tokens, and every item exactly once.
#include "tests/core/use_case_fixture.h"

namespace talent::core {
namespace {

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

TEST_F(UseCaseTest, ListProgrammesPagesThroughEveryProgrammeOnce) {
  for (const char* code : {"CC", "AA", "BB"}) {
    ASSERT_THAT(core_->programmes.CreateProgramme(admin_, MakeProgramme(code), ""), IsOk());
  }
  auto first = core_->programmes.ListProgrammes({2, ""});
  ASSERT_THAT(first, IsOk());
  EXPECT_THAT(first->items, ElementsAre(Field(&domain::Programme::code, "AA"),
                                        Field(&domain::Programme::code, "BB")));
  ASSERT_FALSE(first->next_page_token.empty());
  auto second = core_->programmes.ListProgrammes({2, first->next_page_token});
  ASSERT_THAT(second, IsOk());
  EXPECT_THAT(second->items, ElementsAre(Field(&domain::Programme::code, "CC")));
  EXPECT_EQ(second->next_page_token, "");
  auto exact = core_->programmes.ListProgrammes({3, ""});
  ASSERT_THAT(exact, IsOk());
  EXPECT_EQ(exact->items.size(), 3u);
  EXPECT_EQ(exact->next_page_token, "");  // no empty last page
}

TEST_F(UseCaseTest, ListingsRefuseNegativePageSizeAndForeignTokens) {
  EXPECT_THAT(core_->programmes.ListProgrammes({-1, ""}), StatusIs(kInvalid, HasSubstr("page_size")));
  EXPECT_THAT(core_->programmes.ListProgrammes({0, "garbage!"}), StatusIs(kInvalid, HasSubstr("page_token")));
  EXPECT_THAT(core_->users.ListUsers(Role::kUnspecified, {0, "garbage!"}),
              StatusIs(kInvalid, HasSubstr("page_token")));
  SetUpEnrollingCohort();
  EXPECT_THAT(core_->enrolments.ListEnrolments(admin_, InCohort("SCSW", 2023), {0, EncodePageToken("abc")}, kMasked),
              StatusIs(kInvalid, "page_token is not valid; list again without it"));
  EXPECT_THAT(core_->programmes.ListCohorts("SCSW", {0, EncodePageToken("SCSW")}),
              StatusIs(kInvalid, "page_token is not valid; list again without it"));
}

}  // namespace
}  // namespace talent::core

// Programmes, cohorts, users and the audit log without a server: quotas,
// the update mask of 'programme update', and their table rows.
#include "client/programme_cmd.h"

#include "client/audit_cmd.h"
#include "client/cohort_cmd.h"
#include "client/user_cmd.h"
#include "gtest/gtest.h"
#include "tests/client/captured_context.h"
#include "tests/client/cli_error_matchers.h"

namespace talent::client {
namespace {

TEST(ParseQuotasTest, ServiceManagementEducation) {
  v1::TrackQuotas quotas = ParseQuotas("10/8/6");
  EXPECT_EQ(quotas.service(), 10);
  EXPECT_EQ(quotas.management(), 8);
  EXPECT_EQ(quotas.education_research(), 6);
}

TEST(ParseQuotasTest, AnythingButThreeCountsIsAUsageError) {
  for (const char* text : {"10/10", "10/10/10/10", "10/x/10", ""}) {
    EXPECT_CLI_ERROR(ParseQuotas(text), kExitUsage,
                     "--quotas must be SERVICE/MANAGEMENT/EDUCATION counts, e.g. 10/10/10");
  }
}

TEST(CohortOutputTest, ChineseTableOfACohort) {
  CapturedContext captured("zh");
  v1::Cohort cohort;
  cohort.set_programme("programmes/SCSW");
  cohort.set_year(2023);
  cohort.set_state(v1::COHORT_STATE_ENROLLING);
  cohort.mutable_quotas()->set_service(10);
  cohort.mutable_quotas()->set_management(10);
  cohort.mutable_quotas()->set_education_research(10);
  cohort.mutable_applied()->set_service(12);
  PrintCohorts(captured.ctx(), {cohort});
  EXPECT_EQ(captured.out(),
            "批次       状态    名额      申报    入选\n"
            "SCSW/2023  报名中  10/10/10  12/0/0  0/0/0\n");
}

TEST(ProgrammeOutputTest, YearsWithAnEnDash) {
  v1::Programme p;
  p.set_code("SCSW");
  p.set_title("四川社会工作人才计划");
  p.set_issuer("四川省民政厅");
  p.set_start_year(2020);
  p.set_end_year(2030);
  p.set_talent_target(300);
  EXPECT_EQ(ProgrammeRow(p), (std::vector<std::string>{"SCSW", "四川社会工作人才计划",
                                                       "四川省民政厅", "2020–2030", "300"}));
}

TEST(ProgrammeUpdateTest, OnlyTheGivenFieldsAreMasked) {
  ProgrammeUpdateOptions options;
  options.code = "SCSW";
  options.title = "新名称";
  options.target = 320;
  options.update_mask = {"title", "talent_target"};
  v1::UpdateProgrammeRequest req = UpdateProgrammeRequestOf(options);
  EXPECT_EQ(req.programme().name(), "SCSW");
  EXPECT_EQ(req.programme().title(), "新名称");
  EXPECT_EQ(req.programme().talent_target(), 320);
  ASSERT_EQ(req.update_mask_size(), 2);
  EXPECT_EQ(req.update_mask(0), "title");
  EXPECT_EQ(req.update_mask(1), "talent_target");
}

TEST(ProgrammeUpdateTest, NothingToChangeIsAUsageError) {
  ProgrammeUpdateOptions options;
  options.code = "SCSW";
  EXPECT_CLI_ERROR(UpdateProgrammeRequestOf(options), kExitUsage,
                   "name at least one field to change (--title, --issuer, …)");
}

TEST(UserOutputTest, DisabledUserInChinese) {
  CapturedContext captured("zh");
  v1::User user;
  user.set_username("wang.jg");
  user.set_display_name("王建国");
  user.set_role(v1::ROLE_ASSESSOR);
  user.set_organisation("四川大学");
  user.set_disabled(true);
  EXPECT_EQ(UserRow(captured.ctx(), user),
            (std::vector<std::string>{"wang.jg", "王建国", "评审专家", "四川大学", "已停用"}));
}

TEST(TokenOutputTest, TableOfTokens) {
  CapturedContext captured("en");
  v1::Token token;
  token.set_name("users/admin/tokens/3");
  token.set_label("laptop");
  token.set_create_time("2023-01-02");
  PrintTokens(captured.ctx(), {token});
  EXPECT_EQ(captured.out(),
            "ID                    LABEL   CREATED     EXPIRES  REVOKED\n"
            "users/admin/tokens/3  laptop  2023-01-02\n");
}

TEST(AuditOutputTest, EventWithoutUserOrTokenShowsDashes) {
  v1::AuditEvent event;
  event.set_id(5);
  event.set_time("2023-01-02T03:04:05Z");
  event.set_method("CreateCohort");
  event.set_resource("programmes/SCSW/cohorts/2023");
  EXPECT_EQ(AuditRow(event),
            (std::vector<std::string>{"5", "2023-01-02T03:04:05Z", "-", "-", "CreateCohort",
                                      "programmes/SCSW/cohorts/2023", ""}));
}

TEST(AuditOutputTest, EventShowsItsUserAndToken) {
  v1::AuditEvent event;
  event.set_id(9);
  event.set_time("2023-01-02T03:04:05Z");
  event.set_user("li");
  event.set_token_id(12);
  event.set_method("SetScores");
  event.set_resource("r");
  event.set_detail("d");
  EXPECT_EQ(AuditRow(event), (std::vector<std::string>{"9", "2023-01-02T03:04:05Z", "li", "12",
                                                       "SetScores", "r", "d"}));
}

}  // namespace
}  // namespace talent::client

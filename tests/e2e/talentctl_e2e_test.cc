// End-to-end: real talentd and talentctl processes, as a user runs them.
#include <grpcpp/create_channel.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_fixture.h"
#include "tests/testing/process.h"
#include "tests/testing/temp_dir.h"

namespace talent::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using EndToEndTest = CliFixture;

TEST_F(EndToEndTest, ProgrammeTableIsAlignedByDisplayWidth) {
  SeedProgrammeAndCohort();
  ProcessResult r = Ctl({"programme", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "CODE  TITLE                 ISSUER        YEARS      TARGET\n"
            "SCSW  四川社会工作人才计划  四川省民政厅  2020–2030  300\n");
  r = Ctl({"--lang", "zh", "cohort", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "批次       状态    名额      申报   入选\n"
            "SCSW/2023  报名中  10/10/10  0/0/0  0/0/0\n");
}

TEST_F(EndToEndTest, ImportWithBadRowsReportsEveryRowAndImportsNothing) {
  SeedProgrammeAndCohort();
  ProcessResult r =
      Ctl({"enrolment", "import", "--cohort", "SCSW/2023",
           kSource + "/scripts/data/applicants-2023-raw.csv"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out,
            "LINE  COLUMN       REASON\n"
            "10    national_id  national ID check character should be 3, not 0 (mistyped digit?)\n"
            "23    track        track \"志愿类\" is not one of 服务类, 管理类, 教育与研究类 "
            "(service, management, education-research)\n"
            "35    name         name is required\n");
  EXPECT_THAT(r.err, HasSubstr("3 problem(s) in 43 rows; nothing was imported"));
  r = Ctl({"-o", "json", "enrolment", "list", "--cohort", "SCSW/2023"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, Not(HasSubstr("enrolments")));

  r = Ctl({"enrolment", "import", "--cohort", "SCSW/2023", "--dry-run",
           kSource + "/scripts/data/applicants-2023.csv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("all 40 rows are valid (dry run: nothing imported)"));
  r = Ctl({"enrolment", "import", "--cohort", "SCSW/2023",
           kSource + "/scripts/data/applicants-2023.csv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("imported 40 enrolments"));
  r = Ctl({"enrolment", "list", "--cohort", "2023", "--limit", "1"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("1 of 40 enrolments"));
}

TEST_F(EndToEndTest, SelectionFlowAndExitCodes) {
  SeedProgrammeAndCohort();
  ASSERT_EQ(Ctl({"enrolment", "import", "--cohort", "SCSW/2023",
                 kSource + "/scripts/data/applicants-2023.csv"})
                .exit_code,
            0);
  ProcessResult ids = Ctl({"-o", "csv", "enrolment", "list", "--cohort", "SCSW/2023", "--track",
                           "服务类"});
  ASSERT_EQ(ids.exit_code, 0) << ids.err;
  std::vector<std::string> service_ids;
  std::istringstream lines(ids.out);
  std::string line;
  std::getline(lines, line);  // heading
  while (std::getline(lines, line)) service_ids.push_back(line.substr(0, line.find(',')));
  ASSERT_GE(service_ids.size(), 11u);

  std::vector<std::string> recommend = {"enrolment", "recommend", "--level", "county", "--by",
                                        "成都市锦江区民政局", "--date", "2023-04-01"};
  recommend.insert(recommend.end(), service_ids.begin(), service_ids.begin() + 11);
  ProcessResult r = Ctl(recommend);
  ASSERT_EQ(r.exit_code, 0) << r.err;

  std::vector<std::string> select = {"enrolment", "select"};
  select.insert(select.end(), service_ids.begin(), service_ids.begin() + 10);
  r = Ctl(select);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Ctl({"enrolment", "select", service_ids[10]});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_THAT(r.err, HasSubstr("track service is full: quota 10, selected 10"));

  // A level that does not go upward is refused.
  r = Ctl({"enrolment", "recommend", service_ids[0], "--level", "县级", "--by", "x"});
  EXPECT_EQ(r.exit_code, 5) << r.err;

  // Not found, usage, not allowed.
  r = Ctl({"enrolment", "get", "99999"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr("enrolment 99999 not found"));
  r = Ctl({"enrolment", "get", "not-a-number"});
  EXPECT_EQ(r.exit_code, 2);
  r = Ctl({"programme", "frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  r = Ctl({"cohort", "create", "--programme", "SCSW", "--year", "2019"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("year 2019 is outside programme SCSW's years 2020–2030"));
  r = Ctl({"whoami"}, {{"TALENT_TOKEN", "tpm_forged"}});
  EXPECT_EQ(r.exit_code, 4);
  r = Ctl({"whoami"}, {{"TALENT_TOKEN", ""}});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_THAT(r.err, HasSubstr("not logged in"));

  // A viewer reads but may not write, nor see national IDs in full.
  std::string viewer = CreateUserWithToken("chen.li", "查看者", "四川省民政厅", "陈丽");
  ASSERT_FALSE(viewer.empty());
  r = Ctl({"enrolment", "list", "--cohort", "SCSW/2023", "--stage", "selected"},
          {{"TALENT_TOKEN", viewer}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("********"));
  r = Ctl({"enrolment", "get", service_ids[0], "--show-national-id"}, {{"TALENT_TOKEN", viewer}});
  EXPECT_EQ(r.exit_code, 4);
  r = Ctl({"cohort", "cultivate", "SCSW/2023", "--yes"}, {{"TALENT_TOKEN", viewer}});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_THAT(r.err, HasSubstr("StartCultivation is not allowed for the viewer role"));

  // Destructive verbs ask; without a terminal they need --yes.
  r = Ctl({"cohort", "cultivate", "SCSW/2023"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--yes"));
  r = Ctl({"cohort", "cultivate", "SCSW/2023", "--yes"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = Ctl({"enrolment", "add", "--cohort", "SCSW/2023", "--name", "迟到者", "--national-id",
           "11010519491231002X", "--track", "service", "--organisation", "某社工站"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_THAT(r.err, HasSubstr("enrolment is frozen"));
}

TEST_F(EndToEndTest, EverySpellingOfATrackThatTheToolPrintsIsAccepted) {
  SeedProgrammeAndCohort();
  ASSERT_EQ(Ctl({"enrolment", "import", "--cohort", "SCSW/2023",
                 kSource + "/scripts/data/applicants-2023.csv"})
                .exit_code,
            0);
  ProcessResult expected =
      Ctl({"-o", "csv", "enrolment", "list", "--cohort", "SCSW/2023", "--track", "教育与研究类"});
  ASSERT_EQ(expected.exit_code, 0) << expected.err;
  ASSERT_THAT(expected.out, HasSubstr("张伟"));
  for (const char* spelling : {"education-research", "EDUCATION_RESEARCH",
                               "TRACK_EDUCATION_RESEARCH", "Education Research"}) {
    ProcessResult r =
        Ctl({"-o", "csv", "enrolment", "list", "--cohort", "SCSW/2023", "--track", spelling});
    EXPECT_EQ(r.exit_code, 0) << spelling << ": " << r.err;
    EXPECT_EQ(r.out, expected.out) << spelling;
  }
  ProcessResult r =
      Ctl({"enrolment", "list", "--cohort", "SCSW/2023", "--track", "research"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--track must be one of"));
}

TEST_F(EndToEndTest, AViewerNeedsNoOrganisationButAnAssessorDoes) {
  ProcessResult r = Ctl({"user", "create", "leader", "--name", "厅领导", "--role", "viewer"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("user leader created (viewer)."));
  r = Ctl({"user", "create", "expert.x", "--name", "专家", "--role", "assessor"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("organisation is required for an assessor: recusal compares it "
                               "with each candidate's"));
  r = Ctl({"-o", "csv", "user", "list"});
  EXPECT_THAT(r.out, HasSubstr("leader"));
  EXPECT_THAT(r.out, Not(HasSubstr("expert.x")));
}

TEST_F(EndToEndTest, LoginStoresServerAndTokenPrivately) {
  ProcessResult r = Ctl({"login"}, {{"TALENT_TOKEN", ""}}, token_ + "\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("as admin"));
  std::string config = dir_.File("config/talentctl/config");
  struct stat st;
  ASSERT_EQ(stat(config.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  // Login exchanged the token given for a fresh one, saved; the given one is
  // revoked.
  const std::string text = ReadFile(config);
  const size_t at = text.find("token = ");
  ASSERT_NE(at, std::string::npos) << text;
  const std::string saved = text.substr(at + 8, text.find('\n', at) - at - 8);
  EXPECT_EQ(saved.rfind("tpm_", 0), 0u) << saved;
  EXPECT_NE(saved, token_);
  r = Ctl({"whoami"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_THAT(r.err, HasSubstr("the token is not valid"));
  token_ = saved;
  // Later calls need neither flag nor environment.
  r = RunProcess({kTalentctl, "whoami"}, {{"TALENT_TOKEN", ""},
                                   {"TALENT_SERVER", ""},
                                   {"XDG_CONFIG_HOME", dir_.File("config")}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("admin"));
  // A token on the command line is refused unless insisted on.
  r = Ctl({"--token", token_, "whoami"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--token-file"));
  r = Ctl({"--token", token_, "--allow-token-arg", "whoami"}, {{"TALENT_TOKEN", ""}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  WriteFile(dir_.File("token"), token_ + "\n");
  r = Ctl({"--token-file", dir_.File("token"), "whoami"}, {{"TALENT_TOKEN", ""}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(EndToEndTest, AcknowledgedWritesSurviveKillDashNine) {
  SeedProgrammeAndCohort();
  std::vector<std::string> names;
  for (int i = 0; i < 5; ++i) {
    ProcessResult r = Ctl({"user", "create", "assessor" + std::to_string(i), "--name", "专家",
                           "--role", "assessor", "--org", "大学" + std::to_string(i)});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  ASSERT_EQ(Ctl({"enrolment", "import", "--cohort", "SCSW/2023",
                 kSource + "/scripts/data/applicants-2023.csv"})
                .exit_code,
            0);
  // The last acknowledged write, then a crash with no chance to flush.
  ASSERT_EQ(Ctl({"enrolment", "recommend", "1", "--level", "city", "--by", "成都市民政局"})
                .exit_code,
            0);
  EXPECT_EQ(server_->Stop(SIGKILL), 128 + SIGKILL);
  StartServer();
  ProcessResult r = Ctl({"-o", "csv", "user", "list", "--role", "assessor"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (int i = 0; i < 5; ++i) EXPECT_THAT(r.out, HasSubstr("assessor" + std::to_string(i)));
  r = Ctl({"enrolment", "list", "--cohort", "SCSW/2023"});
  EXPECT_THAT(r.err, HasSubstr("40 of 40 enrolments"));
  r = Ctl({"--lang", "en", "enrolment", "get", "1"});
  EXPECT_THAT(r.out, HasSubstr("city 成都市民政局"));
}

TEST_F(EndToEndTest, AuditLogListsChangesAndDetectsTampering) {
  SeedProgrammeAndCohort();
  ProcessResult r = Ctl({"audit", "verify"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // CreateSigningKey and Init (talentd init), the programme, the cohort, open.
  EXPECT_THAT(r.out, ::testing::MatchesRegex("audit log intact: 5 events and 0 covered sheets "
                                             "and results verified; head 5 signed by "
                                             "[A-Za-z0-9_-]{43}\n"));
  r = Ctl({"-o", "csv", "audit", "list", "--limit", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The user and the token the change was made with (the admin's first).
  EXPECT_THAT(r.out, HasSubstr(",admin,1,OpenEnrolment,programmes/SCSW/cohorts/2023,"));

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events "
                             "WHERE id = 2",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  r = Ctl({"audit", "verify"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("audit event 2 is missing"));
}

TEST_F(EndToEndTest, OnlineBackupWhileServing) {
  SeedProgrammeAndCohort();
  std::string copy = dir_.File("backup.db");
  ProcessResult r = RunProcess({kTalentd, "backup", "--db", db_, "--to", copy});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("the signing key is not in the copy"));
  r = RunProcess({kTalentd, "backup", "--db", db_, "--to", copy});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("already exists"));
  // The copy serves with the original signing key (a backup holds the
  // database only), with everything in it.
  server_->Stop(SIGTERM);
  const std::string key = db_ + ".key";
  db_ = copy;
  StartServer({"--key", key});
  r = Ctl({"cohort", "get", "SCSW/2023"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("enrolling"));
  r = Ctl({"audit", "verify"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(EndToEndTest, TlsByFlag) {
  server_->Stop(SIGTERM);
  ProcessResult cert = RunProcess(
      {"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
       "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=talentd-test",
       "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", dir_.File("key.pem"), "-out",
       dir_.File("cert.pem")});
  ASSERT_EQ(cert.exit_code, 0) << cert.err;
  StartServer({"--tls-cert", dir_.File("cert.pem"), "--tls-key", dir_.File("key.pem")});
  ProcessResult r = Ctl({"--tls-ca", dir_.File("cert.pem"), "whoami"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("admin"));
  // A plaintext client cannot talk to it.
  r = Ctl({"--timeout", "2", "whoami"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("talentctl: cannot reach talentd at " + address_));
  // Half a pair is a usage error.
  r = RunProcess({kTalentd, "serve", "--db", db_, "--tls-cert", dir_.File("cert.pem")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--tls-key"));
}

TEST_F(EndToEndTest, RubricAndRulesFromTheCommandLine) {
  SeedProgrammeAndCohort();
  ProcessResult r = Ctl({"--lang", "zh", "rubric", "show", "SCSW/2023"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "代码        考核项目      满分   否决项\n"
            "theory      理论武装      15.0\n"
            "competence  综合素质      15.0\n"
            "system      服务社工体系  20.0\n"
            "talent      带动人才建设  20.0\n"
            "charity     助力慈善事业  15.0\n"
            "ethics      坚守行业伦理  15.0   否决\n"
            "合计                      100.0\n");
  WriteFile(dir_.File("rubric.csv"),
            "\xEF\xBB\xBF"
            "code,name_zh,name_en,max,veto\r\n"
            "practice,实务能力,Practice,70,\r\n"
            "ethics,职业伦理,Ethics,30,是\r\n");
  r = Ctl({"-o", "csv", "rubric", "set", "SCSW/2023", "--file", dir_.File("rubric.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "CODE,CRITERION,MAX,VETO\n"
            "practice,Practice,70.0,\n"
            "ethics,Ethics,30.0,veto\n"
            "TOTAL,,100.0,\n");
  r = Ctl({"rubric", "set", "SCSW/2023", "--criterion", "a:甲:A:60.55"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("criterion a max_points"));

  r = Ctl({"cohort", "rules", "SCSW/2023", "--cap-percent", "20", "--aggregation", "中位数"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("AGGREGATION           median\n"));
  EXPECT_THAT(r.out, HasSubstr("EXCELLENT CAP         20%\n"));
  EXPECT_THAT(r.out, HasSubstr("Excellent cap: 20% of the assessed"));
  r = Ctl({"cohort", "rules", "SCSW/2023", "--good-from", "95"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("bands must decrease"));
  r = Ctl({"-o", "json", "cohort", "rules", "SCSW/2023"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"excellentCapPercent\": 20"));
  EXPECT_THAT(r.out, HasSubstr("\"goodFrom\": \"80.00\""));
}

TEST_F(EndToEndTest, SigtermShutsDownGracefully) {
  EXPECT_EQ(server_->Stop(SIGTERM), 0);
  std::string log = ReadFile(dir_.File("talentd.log"));
  EXPECT_THAT(log, HasSubstr("shutting down"));
  EXPECT_THAT(log, HasSubstr("talentd: stopped"));
}

TEST_F(EndToEndTest, ServerLogsOneLinePerRpcWithoutNationalIds) {
  SeedProgrammeAndCohort();
  ASSERT_EQ(Ctl({"enrolment", "add", "--cohort", "SCSW/2023", "--name", "张三", "--national-id",
                 "11010519491231002X", "--track", "service", "--organisation", "某社工站"})
                .exit_code,
            0);
  server_->Stop(SIGTERM);
  std::string log = ReadFile(dir_.File("talentd.log"));
  EXPECT_THAT(log, HasSubstr("rpc=CreateEnrolment code=OK latency_ms="));
  EXPECT_THAT(log, HasSubstr("user=admin"));
  EXPECT_THAT(log, Not(HasSubstr("11010519491231002X")));
  EXPECT_THAT(log, Not(HasSubstr("张三")));
}

TEST_F(EndToEndTest, HealthAndReflectionServeStandardTools) {
  auto channel = grpc::CreateChannel(address_, grpc::InsecureChannelCredentials());
  auto health = grpc::health::v1::Health::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status status = health->Check(&context, {}, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);

  auto reflection = grpc::reflection::v1alpha::ServerReflection::NewStub(channel);
  grpc::ClientContext reflect_context;
  reflect_context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  auto stream = reflection->ServerReflectionInfo(&reflect_context);
  grpc::reflection::v1alpha::ServerReflectionRequest request;
  request.set_list_services("");
  ASSERT_TRUE(stream->Write(request));
  stream->WritesDone();
  grpc::reflection::v1alpha::ServerReflectionResponse reply;
  ASSERT_TRUE(stream->Read(&reply));
  std::vector<std::string> services;
  for (const auto& s : reply.list_services_response().service()) services.push_back(s.name());
  EXPECT_THAT(services, ::testing::IsSupersetOf({"talent.v1.ProgrammeService",
                                                 "talent.v1.CohortService",
                                                 "talent.v1.EnrolmentService",
                                                 "talent.v1.UserService",
                                                 "grpc.health.v1.Health"}));
  EXPECT_TRUE(stream->Finish().ok());
}

TEST_F(EndToEndTest, RefusesDatabaseNewerThanItself) {
  server_->Stop(SIGTERM);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 999", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  ProcessResult r = RunProcess({kTalentd, "serve", "--db", db_, "--listen", "127.0.0.1:0"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("schema version 999, newer than this talentd understands"));
  r = RunProcess({kTalentd, "serve", "--db", dir_.File("missing.db"), "--listen", "127.0.0.1:0"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("talentd init"));
}

}  // namespace
}  // namespace talent::testing

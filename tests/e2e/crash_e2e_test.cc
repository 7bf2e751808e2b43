// Crash safety under load: a real talentd takes concurrent writes from
// several client threads — enrolments created by an administrator, score
// sheets changed by two assessors — and is killed with SIGKILL at a random
// moment, again and again. After each restart every write a client saw
// acknowledged is in the database, PRAGMA integrity_check says ok, and the
// audit chain verifies (talentctl audit verify).
//
// TALENT_CRASH_ITERATIONS sets the number of kills (default 20;
// scripts/crash.sh runs 200) and TALENT_CRASH_SEED the random seed (default:
// a fresh one, printed). The figures are printed as one line starting with
// "crash:", which scripts/crash.sh reports.
#include <grpcpp/create_channel.h>
#include <signal.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/clock.h"
#include "common/national_id.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "talent/v1/enrolment.grpc.pb.h"
#include "talent/v1/sheet.grpc.pb.h"
#include "tests/testing/cli_fixture.h"

namespace talent::testing {
namespace {

constexpr char kRound[] = "programmes/SCSW/cohorts/2023/rounds/1";
constexpr char kEnrollingCohort[] = "programmes/SCSW/cohorts/2024";

int EnvInt(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::atoi(value) : fallback;
}

// The k-th fictional national ID: region 510104 (成都市锦江区), a birth
// date one day later every 1000 IDs, a sequence number and the check
// character.
std::string NationalIdNumber(int64_t k) {
  common::Date birth = common::DateOfSeconds((k / 1000) * 86400);
  std::string first17 =
      absl::StrFormat("510104%04d%02d%02d%03d", birth.year, birth.month, birth.day, k % 1000);
  return first17 + common::NationalIdCheckCharacter(first17);
}

// Every value of one text column of the database at `path` (read-only, as
// talentd serves it).
std::set<std::string> Column(const std::string& path, const char* sql) {
  std::set<std::string> values;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK) {
      while (sqlite3_step(st) == SQLITE_ROW) {
        values.insert(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
      }
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return values;
}

std::unique_ptr<grpc::ClientContext> Call(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", "Bearer " + token);
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  return context;
}

class CrashTest : public CliFixture {
 protected:
  // Cohort 2023 cultivating with round 1 open, expert.a and expert.b
  // assigned to every candidate (returned, as "enrolments/{id}"); cohort
  // 2024 enrolling.
  std::vector<std::string> SetUpRoundAndAnEnrollingCohort() {
    SeedProgrammeAndCohort();
    std::map<std::string, std::string> ids = ImportSampleApplicants();
    std::vector<std::string> candidates;
    for (const auto& [name, id] : ids) {
      if (candidates.size() == 2) break;
      EXPECT_EQ(Ctl({"enrolment", "recommend", "--level", "county", "--by", "民政局", id})
                    .exit_code,
                0);
      EXPECT_EQ(Ctl({"enrolment", "select", id}).exit_code, 0);
      candidates.push_back("enrolments/" + id);
    }
    EXPECT_EQ(Ctl({"cohort", "cultivate", "SCSW/2023", "--yes"}).exit_code, 0);
    EXPECT_EQ(Ctl({"round", "create", "SCSW/2023", "--title", "中期考核", "--position", "1"})
                  .exit_code,
              0);
    assessor_tokens_ = {CreateUserWithToken("expert.a", "assessor", "西南财经大学"),
                        CreateUserWithToken("expert.b", "assessor", "四川大学")};
    EXPECT_EQ(Ctl({"assignment", "add", "SCSW/2023/1", "--assessor", "expert.a,expert.b",
                   "--all"})
                  .exit_code,
              0);
    EXPECT_EQ(Ctl({"round", "open", "SCSW/2023/1"}).exit_code, 0);
    EXPECT_EQ(Ctl({"cohort", "create", "--programme", "SCSW", "--year", "2024", "--quotas",
                   "10/10/10"})
                  .exit_code,
              0);
    EXPECT_EQ(Ctl({"cohort", "open", "SCSW/2024"}).exit_code, 0);
    return candidates;
  }

  std::vector<std::string> assessor_tokens_;
};

// What the clients saw acknowledged in one life of the server, and what
// they sent without an answer (in flight at the kill, or refused).
struct Acknowledged {
  std::mutex mu;
  std::vector<std::string> national_ids;
  std::vector<std::string> comments;
  std::vector<std::string> unanswered_ids;
};

TEST_F(CrashTest, AcknowledgedWritesSurviveSigkillUnderConcurrentLoad) {
  const std::vector<std::string> candidates = SetUpRoundAndAnEnrollingCohort();
  ASSERT_FALSE(HasFailure());
  ASSERT_EQ(candidates.size(), 2u);

  const int iterations = EnvInt("TALENT_CRASH_ITERATIONS", 20);
  const unsigned seed = static_cast<unsigned>(EnvInt("TALENT_CRASH_SEED", 0)) != 0
                            ? static_cast<unsigned>(EnvInt("TALENT_CRASH_SEED", 0))
                            : std::random_device()();
  std::mt19937 random(seed);
  std::atomic<int64_t> next_person{0};
  int kills = 0;
  int64_t checked = 0, enrolments_checked = 0, sheet_changes_checked = 0;
  int64_t lost = 0, integrity_failures = 0, audit_failures = 0;
  // Creations sent but not answered, and how many of them had committed
  // before the kill: the kills do land while writes are in flight.
  int64_t unanswered = 0, unanswered_committed = 0;

  for (int iteration = 0; iteration < iterations; ++iteration) {
    SCOPED_TRACE(absl::StrCat("iteration ", iteration, ", seed ", seed));
    auto channel = grpc::CreateChannel(address_, grpc::InsecureChannelCredentials());
    auto enrolment_stub = v1::EnrolmentService::NewStub(channel);
    auto sheet_stub = v1::SheetService::NewStub(channel);
    Acknowledged acknowledged;
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;

    // Two administrators' clients creating enrolments.
    for (int t = 0; t < 2; ++t) {
      clients.emplace_back([&] {
        while (!stop) {
          const int64_t k = next_person++;
          v1::CreateEnrolmentRequest req;
          req.set_request_id(absl::StrCat("crash-", k));
          v1::Enrolment* e = req.mutable_enrolment();
          e->set_cohort(kEnrollingCohort);
          e->mutable_person()->set_national_id(NationalIdNumber(k));
          e->mutable_person()->set_full_name(absl::StrCat("申请人", k));
          e->set_track(v1::TRACK_SERVICE);
          e->set_organisation("成都市某社工站");
          v1::Enrolment out;
          grpc::Status status = enrolment_stub->CreateEnrolment(Call(token_).get(), req, &out);
          {
            std::lock_guard<std::mutex> lock(acknowledged.mu);
            (status.ok() ? acknowledged.national_ids : acknowledged.unanswered_ids)
                .push_back(NationalIdNumber(k));
          }
          if (!status.ok()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
      });
    }
    // Each assessor changing their sheet of one candidate, with a new
    // comment every time (each change is a row of the sheet's history).
    for (int t = 0; t < 2; ++t) {
      clients.emplace_back([&, t] {
        for (int n = 0; !stop; ++n) {
          v1::SetScoresRequest req;
          req.set_round(kRound);
          req.set_enrolment(candidates[t]);
          v1::Score* score = req.add_scores();
          score->set_criterion("theory");
          score->set_points(absl::StrCat(n % 15, ".", n % 10));
          const std::string comment = absl::StrCat("crash ", iteration, "/", t, "/", n);
          req.set_comment(comment);
          v1::Sheet out;
          grpc::Status status =
              sheet_stub->SetScores(Call(assessor_tokens_[t]).get(), req, &out);
          if (status.ok()) {
            std::lock_guard<std::mutex> lock(acknowledged.mu);
            acknowledged.comments.push_back(comment);
          } else {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
          }
        }
      });
    }

    // The crash, at a random moment of the load.
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(50, 400)(random)));
    EXPECT_EQ(server_->Stop(SIGKILL), 128 + SIGKILL);
    ++kills;
    stop = true;
    for (std::thread& c : clients) c.join();

    StartServer();
    ASSERT_FALSE(HasFatalFailure());
    const std::set<std::string> persons = Column(db_, "SELECT national_id FROM persons");
    const std::set<std::string> comments =
        Column(db_, "SELECT new_value FROM sheet_history WHERE change = 'comment'");
    for (const std::string& id : acknowledged.national_ids) {
      ++checked;
      ++enrolments_checked;
      if (persons.count(id) == 0) {
        ++lost;
        ADD_FAILURE() << "acknowledged enrolment of " << id << " is lost";
      }
    }
    for (const std::string& comment : acknowledged.comments) {
      ++checked;
      ++sheet_changes_checked;
      if (comments.count(comment) == 0) {
        ++lost;
        ADD_FAILURE() << "acknowledged sheet change \"" << comment << "\" is lost";
      }
    }
    for (const std::string& id : acknowledged.unanswered_ids) {
      ++unanswered;
      unanswered_committed += static_cast<int64_t>(persons.count(id));
    }
    const std::set<std::string> integrity = Column(db_, "PRAGMA integrity_check");
    if (integrity != std::set<std::string>{"ok"}) {
      ++integrity_failures;
      ADD_FAILURE() << "integrity_check: " << *integrity.begin();
    }
    ProcessResult verify = Ctl({"audit", "verify"});
    if (verify.exit_code != 0) {
      ++audit_failures;
      ADD_FAILURE() << "audit verify: " << verify.err;
    }
  }

  std::printf(
      "crash: %d kills, %lld acknowledged writes checked (%lld enrolments, %lld sheet changes), "
      "%lld lost, %lld integrity failures, %lld audit failures; %lld creations unanswered at "
      "the kills, %lld of them committed (seed %u)\n",
      kills, static_cast<long long>(checked), static_cast<long long>(enrolments_checked),
      static_cast<long long>(sheet_changes_checked), static_cast<long long>(lost),
      static_cast<long long>(integrity_failures), static_cast<long long>(audit_failures),
      static_cast<long long>(unanswered), static_cast<long long>(unanswered_committed), seed);
  std::fflush(stdout);
  EXPECT_EQ(kills, iterations);
  EXPECT_GT(enrolments_checked, 0) << "no enrolment was acknowledged: the test proved nothing";
  EXPECT_GT(sheet_changes_checked, 0) << "no sheet change was acknowledged";
  EXPECT_EQ(lost, 0);
  EXPECT_EQ(integrity_failures, 0);
  EXPECT_EQ(audit_failures, 0);
}

}  // namespace
}  // namespace talent::testing

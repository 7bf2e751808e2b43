// End-to-end: the signing key and the kind of database through the real
// talentd and talentctl — init all or nothing, a production database that
// refuses --clock-offset-days (while a rehearsal one takes it; the round
// and certificate tests confirm early with it), the key's encrypted backup
// and its restore, and what `talentd backup` says about the key.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_fixture.h"
#include "tests/testing/process.h"
#include "tests/testing/temp_dir.h"

namespace talent::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

bool Exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

using KeysEndToEndTest = CliFixture;

TEST_F(KeysEndToEndTest, AProductionDatabaseRefusesTheClockOffsetARehearsalOneTakesIt) {
  ASSERT_EQ(server_->Stop(SIGTERM), 0);
  ProcessResult r = RunProcess({kTalentd, "serve", "--db", db_, "--listen", "127.0.0.1:0",
                                "--clock-offset-days", "6"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "talentd: --clock-offset-days refused: this is a production database, whose clock is "
            "never moved; offsets are only for databases made with 'talentd init --rehearsal'\n");
  // Served without it, nothing says rehearsal.
  StartServer();
  if (HasFatalFailure()) return;
  r = Ctl({"user", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_THAT(r.out, Not(HasSubstr("REHEARSAL")));

  // A rehearsal database takes the offset, and the change is audited.
  const std::string rehearsal = dir_.File("rehearsal.db");
  r = RunProcess({kTalentd, "init", "--db", rehearsal, "--admin", "admin", "--rehearsal"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("this is a 演练 REHEARSAL database"));
  const std::string token = r.out.substr(0, r.out.find('\n'));
  ASSERT_EQ(server_->Stop(SIGTERM), 0);
  db_ = rehearsal;
  token_ = token;
  StartServer({"--clock-offset-days", "6"});
  if (HasFatalFailure()) return;
  EXPECT_THAT(ReadFile(dir_.File("talentd.log")),
              HasSubstr("talentd: " + rehearsal + " is a 演练 REHEARSAL database\n"
                        "talentd: the clock offset changed from 0 to 6 day(s) (audited)\n"
                        "talentd: the clock runs 6 day(s) ahead (--clock-offset-days)\n"));
  r = Ctl({"-o", "csv", "audit", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("ChangeClockOffset"));
  EXPECT_THAT(r.out, HasSubstr("clock offset 0 → 6 days"));
  EXPECT_EQ(r.err, "talentctl: 演练 REHEARSAL database — nothing in it is real\n");
}

TEST_F(KeysEndToEndTest, InitIsAllOrNothing) {
  TempDir dir;
  const std::string db = dir.File("new.db");
  // An existing key file: nothing is created.
  WriteFile(db + ".key", "not mine");
  ProcessResult r = RunProcess({kTalentd, "init", "--db", db, "--admin", "admin"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "talentd: key file " + db + ".key already exists; 'talentd init' makes a new "
                   "key and changed nothing (move the file away, or pass --key with a free "
                   "path)\n");
  EXPECT_FALSE(Exists(db));
  EXPECT_EQ(ReadFile(db + ".key"), "not mine");
  // An existing database: nothing is created.
  r = RunProcess({kTalentd, "init", "--db", db_, "--key", dir.File("other.key"), "--admin", "x"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "talentd: " + db_ + " already exists; 'talentd init' makes a new database and "
                   "changed nothing\n");
  EXPECT_FALSE(Exists(dir.File("other.key")));
  // A failure after the files were made (an invalid username) removes them.
  r = RunProcess({kTalentd, "init", "--db", db, "--key", dir.File("k.key"), "--admin", "bad name!"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("(nothing was created: run 'talentd init' again)"));
  for (const std::string& file : {db, db + "-wal", db + "-shm", dir.File("k.key")}) {
    EXPECT_FALSE(Exists(file)) << file;
  }
  // Then it succeeds, and the token is shown.
  r = RunProcess({kTalentd, "init", "--db", db, "--key", dir.File("k.key"), "--admin", "admin"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("tpm_", 0), 0u);
  r = RunProcess({kTalentd, "key", "list", "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("current (signing)"));
}

TEST_F(KeysEndToEndTest, TheKeyBacksUpEncryptedAndRestores) {
  const std::string backup = dir_.File("key.backup");
  // Not a terminal: the passphrase is one line of stdin.
  ProcessResult r = RunProcess({kTalentd, "key", "export", "--db", db_, "--to", backup}, {},
                               "correct horse battery\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("encrypted with the passphrase"));
  struct stat st;
  ASSERT_EQ(::stat(backup.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(ReadFile(backup).rfind("talent-key-backup-v1\n", 0), 0u);
  r = RunProcess({kTalentd, "key", "export", "--db", db_, "--to", backup}, {}, "another one\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("already exists"));

  // Wrong passphrase, an existing key file, a damaged backup: refused.
  const std::string restored = dir_.File("restored.key");
  r = RunProcess({kTalentd, "key", "import", "--from", backup, "--key", restored}, {},
                 "wrong horse battery\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "talentd: cannot open backup " + backup +
                       ": wrong passphrase, or the file was changed\n");
  EXPECT_FALSE(Exists(restored));
  r = RunProcess({kTalentd, "key", "import", "--from", backup, "--key", db_ + ".key"}, {},
                 "correct horse battery\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("already exists; import never overwrites a key"));
  std::string text = ReadFile(backup);
  WriteFile(dir_.File("cut.backup"), text.substr(0, text.size() / 2));
  r = RunProcess({kTalentd, "key", "import", "--from", dir_.File("cut.backup"), "--key", restored},
                 {}, "correct horse battery\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("is not a complete talentd key backup"));

  // The round trip: the same key file, byte for byte, and it serves.
  r = RunProcess({kTalentd, "key", "import", "--from", backup, "--key", restored}, {},
                 "correct horse battery\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFile(restored), ReadFile(db_ + ".key"));
  ASSERT_EQ(::stat(restored.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(server_->Stop(SIGTERM), 0);
  StartServer({"--key", restored});
  if (HasFatalFailure()) return;
  EXPECT_EQ(Ctl({"cert", "pubkey"}).exit_code, 0);
}

TEST_F(KeysEndToEndTest, BackupSaysTheKeyIsNotInTheCopyAndHowToKeepIt) {
  ProcessResult r = RunProcess({kTalentd, "backup", "--db", db_, "--to", dir_.File("copy.db")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("the signing key is not in the copy: back it up on its own, "
                               "encrypted, with 'talentd key export --db " + db_ + " --to BACKUP'"));
}

}  // namespace
}  // namespace talent::testing

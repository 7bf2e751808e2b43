// The group commit under a failing disk (FaultVfs): a batch whose commit
// cannot be made durable fails for every write in it and leaves nothing
// behind, also in the image a crash would leave; a write or read that
// throws fails alone; nothing hangs; and nothing acknowledged is ever lost.
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/audit_log.h"
#include "server/storage/store.h"
#include "tests/storage/fault_vfs.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace talent::storage {
namespace {

using ::talent::storage::testing::FaultVfs;
using ::talent::storage::testing::FileKind;
using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::talent::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr auto kHang = std::chrono::seconds(20);

// The exact refusal of a batch that failed whole, for each SQLite error.
std::string NothingWritten(const std::string& cause) {
  return "the database could not commit (" + cause +
         "); nothing in this batch was written — retry";
}

// One audit event named `name` (its resource) with a payload of `bytes`, so
// that a few of them fill several pages of the WAL.
Store::Work Event(const std::string& name, int bytes = 3000) {
  return [name, bytes](Connection& db) {
    return AuditLog::Append(db, 1685577600, domain::Actor{1, "admin", 0, ""}, "FaultTest", name, std::string(bytes, 'x'));
  };
}

// The resources of the audit events in the database at `path`, read with
// SQLite's default VFS as a restarted talentd would, or "<error>" entries.
std::set<std::string> EventsIn(const std::string& path) {
  std::set<std::string> names;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return {"<cannot open>"};
  }
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT resource FROM audit_events WHERE method = 'FaultTest'", -1,
                         &st, nullptr) != SQLITE_OK) {
    names.insert(std::string("<error> ") + sqlite3_errmsg(db));
  } else {
    while (sqlite3_step(st) == SQLITE_ROW) {
      names.insert(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    }
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return names;
}

std::string IntegrityOf(const std::string& path) {
  sqlite3* db = nullptr;
  std::string result = "<cannot open>";
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      result = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return result;
}

class StoreFaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    vfs_.Clear();
    Open(/*create=*/true);
  }
  void TearDown() override {
    vfs_.Clear();
    store_.reset();
  }

  void Open(bool create) {
    StoreOptions options;
    options.create = create;
    options.readers = 1;
    options.vfs = FaultVfs::kName;
    auto store = Store::Open(path_, options);
    ASSERT_THAT(store, IsOk());
    store_ = std::move(*store);
  }

  // What a kill -9 right now would leave: the database and its WAL as the
  // operating system has them (without the shared-memory index, so that
  // SQLite recovers from the WAL), copied to `name`.
  std::string CrashImage(const std::string& name) {
    const std::string copy = dir_.File(name);
    std::filesystem::copy_file(path_, copy);
    if (std::filesystem::exists(path_ + "-wal")) {
      std::filesystem::copy_file(path_ + "-wal", copy + "-wal");
    }
    return copy;
  }

  // Closes the store (no fault armed) and reopens it.
  void Reopen() {
    vfs_.Clear();
    store_.reset();
    Open(/*create=*/false);
  }

  // Runs `works` as one batch, in this order: a first write takes the lead
  // and holds it, changing nothing, until all of them are queued behind it
  // (one after the other); then it runs
  // `arm` (to arm a fault) and lets them go. Returns their statuses. A write
  // that has not returned after kHang fails the test; the store is then
  // leaked so that the stuck threads touch nothing freed.
  std::vector<absl::Status> RunAsOneBatch(const std::vector<Store::Work>& works,
                                          const std::function<void()>& arm = {}) {
    struct Shared {
      std::mutex mu;
      std::condition_variable cv;
      bool holding = false;
      bool release = false;
      size_t finished = 0;
      std::vector<absl::Status> statuses;
    };
    auto shared = std::make_shared<Shared>();
    shared->statuses.resize(works.size());
    Store* store = store_.get();
    const int64_t batches_before = store->write_stats().batches;
    std::thread holder([shared, store, arm] {
      EXPECT_THAT(store->WriteIfDecided([&](Connection&) -> absl::StatusOr<bool> {
        std::unique_lock<std::mutex> lock(shared->mu);
        shared->holding = true;
        shared->cv.notify_all();
        shared->cv.wait(lock, [&] { return shared->release; });
        if (arm) arm();
        return false;
      }),
                  IsOk());
    });
    {
      std::unique_lock<std::mutex> lock(shared->mu);
      shared->cv.wait(lock, [&] { return shared->holding; });
    }
    // One at a time, so that the batch runs them in this order.
    std::vector<std::thread> writers;
    const auto queued_by = std::chrono::steady_clock::now() + kHang;
    for (size_t i = 0; i < works.size(); ++i) {
      writers.emplace_back([shared, store, work = works[i], i] {
        absl::Status status = store->Write(work);
        std::lock_guard<std::mutex> lock(shared->mu);
        shared->statuses[i] = status;
        ++shared->finished;
        shared->cv.notify_all();
      });
      while (store->write_stats().queued < static_cast<int>(i + 1) &&
             std::chrono::steady_clock::now() < queued_by) {
        std::this_thread::sleep_for(std::chrono::microseconds(100));
      }
    }
    EXPECT_EQ(store->write_stats().queued, static_cast<int>(works.size()));
    bool all_finished;
    {
      std::unique_lock<std::mutex> lock(shared->mu);
      shared->release = true;
      shared->cv.notify_all();
      all_finished =
          shared->cv.wait_for(lock, kHang, [&] { return shared->finished == works.size(); });
    }
    if (!all_finished) {
      ADD_FAILURE() << "a write did not return within " << kHang.count() << " s";
      (void)store_.release();  // leaked: the stuck threads may still use it
      holder.detach();
      for (std::thread& t : writers) t.detach();
      return shared->statuses;
    }
    holder.join();
    for (std::thread& t : writers) t.join();
    // The holder's batch and the one batch of `works`.
    EXPECT_EQ(store->write_stats().batches, batches_before + 2);
    return shared->statuses;
  }

  // One write on its own thread; nullopt (and a failure) when it has not
  // returned after kHang.
  std::optional<absl::Status> WriteWithin(Store::Work work) {
    auto done = std::make_shared<std::promise<absl::Status>>();
    std::future<absl::Status> result = done->get_future();
    std::thread([done, store = store_.get(), work] { done->set_value(store->Write(work)); })
        .detach();
    if (result.wait_for(kHang) != std::future_status::ready) {
      ADD_FAILURE() << "the write did not return within " << kHang.count() << " s";
      (void)store_.release();  // leaked: the stuck thread may still use it
      return std::nullopt;
    }
    return result.get();
  }

  FaultVfs& vfs_ = FaultVfs::Get();
  TempDir dir_;
  std::string path_ = dir_.File("talent.db");
  std::unique_ptr<Store> store_;
};

// One WAL frame: a 4096-byte page and its 24-byte header.
constexpr int64_t kFrame = 4096 + 24;

TEST_F(StoreFaultTest, DiskFillingUpMidCommitFailsEveryWriteOfTheBatch) {
  ASSERT_THAT(store_->Write(Event("before")), IsOk());
  const int injected_before = vfs_.injected();
  // Room for two frames: the batch's commit fails at its third.
  std::vector<absl::Status> statuses =
      RunAsOneBatch({Event("a"), Event("b"), Event("c"), Event("d")},
                    [this] { vfs_.SetFreeBytes(2 * kFrame); });
  const std::string refused = NothingWritten("disk full, sqlite 13");
  EXPECT_THAT(statuses, ElementsAre(StatusIs(absl::StatusCode::kUnavailable, refused),
                                    StatusIs(absl::StatusCode::kUnavailable, refused),
                                    StatusIs(absl::StatusCode::kUnavailable, refused),
                                    StatusIs(absl::StatusCode::kUnavailable, refused)));
  EXPECT_GE(vfs_.injected(), injected_before + 1);
  EXPECT_EQ(store_->write_stats().failed_batches, 1);
  const std::string crash = CrashImage("crash.db");

  // Once there is room again, writes succeed.
  vfs_.Clear();
  EXPECT_THAT(store_->Write(Event("after")), IsOk());

  EXPECT_THAT(EventsIn(crash), ElementsAre("before"));
  EXPECT_EQ(IntegrityOf(crash), "ok");
  Reopen();
  EXPECT_THAT(EventsIn(path_), ElementsAre("after", "before"));
  EXPECT_EQ(IntegrityOf(path_), "ok");
}

TEST_F(StoreFaultTest, FailedSyncOfTheCommitFailsEveryWriteAndLeavesNothingToRecover) {
  ASSERT_THAT(store_->Write(Event("before")), IsOk());
  std::vector<absl::Status> statuses = RunAsOneBatch(
      {Event("a"), Event("b"), Event("c")}, [this] { vfs_.FailSyncs(FileKind::kWal, 1); });
  const std::string refused = NothingWritten("I/O error while syncing, sqlite 1034");
  EXPECT_THAT(statuses, ElementsAre(StatusIs(absl::StatusCode::kUnavailable, refused),
                                    StatusIs(absl::StatusCode::kUnavailable, refused),
                                    StatusIs(absl::StatusCode::kUnavailable, refused)));
  // The batch's frames reached the WAL file, only not the disk: a crash now
  // must not bring them back (the Store has written over them).
  const std::string crash = CrashImage("crash.db");
  EXPECT_THAT(EventsIn(crash), ElementsAre("before"));
  EXPECT_EQ(IntegrityOf(crash), "ok");

  EXPECT_THAT(store_->Write(Event("after")), IsOk());
  Reopen();
  EXPECT_THAT(EventsIn(path_), ElementsAre("after", "before"));
}

TEST_F(StoreFaultTest, DiskFailingAlsoForTheOverwriteAnswersDataLoss) {
  ASSERT_THAT(store_->Write(Event("before")), IsOk());
  // Every write to the WAL fails from the batch's commit on, so the Store
  // cannot write over what the commit left: it cannot promise nothing.
  std::vector<absl::Status> statuses = RunAsOneBatch(
      {Event("a"), Event("b")}, [this] { vfs_.FailWritesAfter(FileKind::kWal, kFrame); });
  const std::string unsure =
      "the database could not commit (I/O error while writing, sqlite 778) and the disk is "
      "still failing: this batch may be in the database after a restart; check before retrying";
  EXPECT_THAT(statuses, ElementsAre(StatusIs(absl::StatusCode::kDataLoss, unsure),
                                    StatusIs(absl::StatusCode::kDataLoss, unsure)));
  vfs_.Clear();
  EXPECT_THAT(store_->Write(Event("after")), IsOk());
  Reopen();
  EXPECT_THAT(EventsIn(path_), ElementsAre("after", "before"));
}

TEST_F(StoreFaultTest, TransactionRolledBackUnderAWorkFailsTheWholeBatch) {
  ASSERT_THAT(store_->Write(Event("before")), IsOk());
  // The second work's read fails: SQLite answers an I/O error by rolling
  // back the whole transaction, the first work's event with it. The third
  // must not then run (and commit) on its own.
  Store::Work failing_read = [this](Connection& db) -> absl::Status {
    // The users table is not among the pages the batch has changed (those
    // stay in memory): with the clean pages dropped, its root page is read
    // from the disk.
    sqlite3_db_release_memory(db.raw());
    vfs_.FailReads(FileKind::kDatabase, 1000);
    vfs_.FailReads(FileKind::kWal, 1000);
    absl::StatusOr<Statement*> count = db.Prepare("SELECT COUNT(*) FROM users");
    absl::Status status = count.ok() ? (*count)->Step().status() : count.status();
    vfs_.Clear();
    return status;
  };
  std::atomic<bool> third_ran{false};
  Store::Work third = [&third_ran](Connection& db) {
    third_ran = true;
    return Event("c")(db);
  };
  std::vector<absl::Status> statuses = RunAsOneBatch({Event("a"), failing_read, third});
  const std::string refused = NothingWritten("I/O error while reading, sqlite 266");
  EXPECT_THAT(statuses, ElementsAre(StatusIs(absl::StatusCode::kUnavailable, refused),
                                    StatusIs(absl::StatusCode::kUnavailable, refused),
                                    StatusIs(absl::StatusCode::kUnavailable, refused)));
  EXPECT_FALSE(third_ran);
  EXPECT_THAT(store_->Write(Event("after")), IsOk());
  Reopen();
  EXPECT_THAT(EventsIn(path_), ElementsAre("after", "before"));
}

TEST_F(StoreFaultTest, AWorkThatThrowsFailsAloneAndLaterWritesGoOn) {
  Store::Work throws = [](Connection& db) -> absl::Status {
    absl::Status written = Event("thrown")(db);
    if (!written.ok()) return written;
    throw std::runtime_error("boom");
  };
  // Inside a batch: the others stand.
  std::vector<absl::Status> statuses = RunAsOneBatch({Event("a"), throws, Event("c")});
  EXPECT_THAT(statuses,
              ElementsAre(IsOk(),
                          StatusIs(absl::StatusCode::kInternal,
                                   "a write failed with an exception (boom); it changed nothing"),
                          IsOk()));
  // Leading a batch of its own: the lead is handed on all the same.
  std::optional<absl::Status> alone = WriteWithin(throws);
  ASSERT_TRUE(alone.has_value());
  EXPECT_THAT(*alone, StatusIs(absl::StatusCode::kInternal,
                               "a write failed with an exception (boom); it changed nothing"));
  std::optional<absl::Status> after = WriteWithin(Event("after"));
  ASSERT_TRUE(after.has_value());
  EXPECT_THAT(*after, IsOk());
  // Not a std::exception.
  std::optional<absl::Status> odd = WriteWithin([](Connection&) -> absl::Status { throw 42; });
  ASSERT_TRUE(odd.has_value());
  EXPECT_THAT(*odd, StatusIs(absl::StatusCode::kInternal,
                             "a write failed with an exception; it changed nothing"));
  Reopen();
  EXPECT_THAT(EventsIn(path_), ElementsAre("a", "after", "c"));
}

// A read that throws used to keep its reader connection: with the pool
// empty, every later read waited forever.
TEST_F(StoreFaultTest, AReadThatThrowsFailsAndGivesItsConnectionBack) {
  for (int i = 0; i < 3; ++i) {  // more than the one reader of this store
    EXPECT_THAT(store_->Read([](Connection&) -> absl::Status {
      throw std::runtime_error("boom");
    }),
                StatusIs(absl::StatusCode::kInternal, "a read failed with an exception (boom)"));
  }
  auto done = std::make_shared<std::promise<absl::Status>>();
  std::future<absl::Status> read = done->get_future();
  std::thread([done, store = store_.get()] {
    done->set_value(store->Read([](Connection&) { return absl::OkStatus(); }));
  }).detach();
  if (read.wait_for(kHang) != std::future_status::ready) {
    (void)store_.release();  // leaked: the stuck thread may still use it
    FAIL() << "the read did not return within " << kHang.count() << " s";
  }
  EXPECT_THAT(read.get(), IsOk());
}

// Eight writers against a disk that keeps failing in every way FaultVfs
// knows, at random: whatever was acknowledged is there, in the crash image
// and after reopening; whatever was refused as "nothing written" is not.
TEST_F(StoreFaultTest, NoAcknowledgedWriteIsLostUnderRandomFaults) {
  constexpr int kWriters = 8;
  constexpr int kEach = 25;
  std::atomic<bool> stop{false};
  std::thread chaos([&] {
    std::mt19937 random(20230601);
    while (!stop) {
      switch (random() % 5) {
        case 0: vfs_.SetFreeBytes(static_cast<int64_t>(random() % 6) * kFrame); break;
        case 1: vfs_.FailSyncs(FileKind::kWal, 1 + static_cast<int>(random() % 2)); break;
        case 2: vfs_.FailWritesAfter(FileKind::kWal, static_cast<int64_t>(random() % 8) * kFrame);
          break;
        case 3: vfs_.FailReads(FileKind::kWal, 1); break;
        default: vfs_.Clear(); break;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(200 + random() % 2000));
      vfs_.Clear();
      std::this_thread::sleep_for(std::chrono::microseconds(random() % 1000));
    }
  });
  std::mutex mu;
  std::set<std::string> acknowledged, refused, unsure;
  std::vector<std::string> unexpected;
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < kEach; ++i) {
        const std::string name = absl::StrCat("w", w, "/", i);
        absl::Status status = store_->Write(Event(name, 1000 + 500 * (i % 8)));
        std::lock_guard<std::mutex> lock(mu);
        if (status.ok()) {
          acknowledged.insert(name);
        } else if (status.code() == absl::StatusCode::kUnavailable) {
          refused.insert(name);
        } else if (status.code() == absl::StatusCode::kDataLoss) {
          unsure.insert(name);
        } else {
          unexpected.push_back(name + ": " + status.ToString());
        }
      }
    });
  }
  for (std::thread& t : writers) t.join();
  stop = true;
  chaos.join();
  vfs_.Clear();
  EXPECT_THAT(unexpected, IsEmpty());
  // Both outcomes happened, or the test proved nothing.
  EXPECT_GT(acknowledged.size(), 0u);
  EXPECT_GT(refused.size(), 0u);
  RecordProperty("acknowledged", static_cast<int>(acknowledged.size()));
  RecordProperty("refused", static_cast<int>(refused.size()));
  RecordProperty("unsure", static_cast<int>(unsure.size()));

  const std::string crash = CrashImage("crash.db");
  Reopen();
  for (const std::string& image : {crash, path_}) {
    SCOPED_TRACE(image);
    std::set<std::string> present = EventsIn(image);
    for (const std::string& name : acknowledged) EXPECT_EQ(present.count(name), 1u) << name;
    for (const std::string& name : refused) EXPECT_EQ(present.count(name), 0u) << name;
    EXPECT_EQ(IntegrityOf(image), "ok");
  }
  int64_t verified = -1;
  ASSERT_THAT(store_->Read([&](Connection& db) -> absl::Status {
    auto checked = AuditLog::Verify(db);
    if (!checked.ok()) return checked.status();
    verified = checked->events;
    return absl::OkStatus();
  }),
              IsOk());
  EXPECT_EQ(static_cast<size_t>(verified), EventsIn(path_).size());
}

}  // namespace
}  // namespace talent::storage

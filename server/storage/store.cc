#include "server/storage/store.h"

#include "common/status_macros.h"
#include "server/storage/migrations.h"

namespace talent::storage {

absl::StatusOr<std::unique_ptr<Store>> Store::Open(const std::string& path,
                                                   const StoreOptions& options) {
  std::unique_ptr<Store> store(new Store());
  store->path_ = path;
  ASSIGN_OR_RETURN(store->writer_,
                   Connection::Open(path, Connection::Mode::kReadWrite, options.create));
  RETURN_IF_ERROR(Migrate(store->writer_.get()));
  for (int i = 0; i < std::max(1, options.readers); ++i) {
    ASSIGN_OR_RETURN(auto reader, Connection::Open(path, Connection::Mode::kReadOnly, false));
    store->free_readers_.push_back(reader.get());
    store->readers_.push_back(std::move(reader));
  }
  return store;
}

absl::Status Store::Write(const Work& work) {
  std::lock_guard<std::mutex> lock(write_mu_);
  ASSIGN_OR_RETURN(auto tx, Transaction::Begin(writer_.get(), Transaction::Kind::kImmediate));
  RETURN_IF_ERROR(work(*writer_));
  return tx->Commit();
}

absl::Status Store::Read(const Work& work) {
  Connection* connection;
  {
    std::unique_lock<std::mutex> lock(read_mu_);
    read_cv_.wait(lock, [this] { return !free_readers_.empty(); });
    connection = free_readers_.back();
    free_readers_.pop_back();
  }
  absl::Status status = [&]() -> absl::Status {
    ASSIGN_OR_RETURN(auto tx, Transaction::Begin(connection, Transaction::Kind::kDeferred));
    RETURN_IF_ERROR(work(*connection));
    return tx->Commit();
  }();
  {
    std::lock_guard<std::mutex> lock(read_mu_);
    free_readers_.push_back(connection);
  }
  read_cv_.notify_one();
  return status;
}

}  // namespace talent::storage

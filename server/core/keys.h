// The signing keys as talentd administers them outside serving — `talentd
// init` records the first key, `talentd serve` checks (or adopts) the key
// of its key file, `talentd key rotate` makes a new one and retires the
// old, `talentd key list` — and the database's kind and clock offset
// (DatabaseSettings). They work over the Store and a Clock before any
// Context exists, because they decide the key and the kind a Context is
// made with. Each call is one transaction and leaves an audit event when it
// writes. Thread-safe as the Store; the key files are the caller's to keep
// from concurrent rotations (talentd runs one command at a time).
//
// Rotation of the key file KEY, crash-safe at every step:
//   1. the new key is written to KEY.next (whole and synced, or not at all);
//   2. one transaction retires the current key (valid_until = now) and
//      trusts the new one from the same moment, with an audit event;
//   3. KEY is kept as KEY.retired-<id> (a hard link), and KEY.next is
//      renamed over KEY.
// A kill anywhere leaves a state the next `serve` or `key rotate` resolves
// before anything else (FinishInterruptedRotation): KEY.next whose key is
// not trusted never reached the database and is removed (KEY stays
// current); KEY.next whose key is current is moved into place (3).
#ifndef TALENT_SERVER_CORE_KEYS_H_
#define TALENT_SERVER_CORE_KEYS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/clock.h"
#include "server/core/signing_key.h"
#include "server/domain/key_rules.h"
#include "server/storage/store.h"

namespace talent::core {

// Where rotation keeps its files, beside the key file `key_path`.
std::string NextKeyPath(const std::string& key_path);                 // KEY.next
std::string RetiredKeyPath(const std::string& key_path, int64_t id);  // KEY.retired-<id>

class Keys {
 public:
  Keys(storage::Store* store, const common::Clock* clock) : store_(store), clock_(clock) {}

  // `talentd init`: trusts `key` from now as the current key and records the
  // database's kind. FAILED_PRECONDITION when the database has a key already.
  absl::Status Initialise(const SigningKey& key, domain::DatabaseKind kind);

  // `talentd serve`: finishes an interrupted rotation, loads the key file,
  // and, on a database with no trusted key (one from before the table),
  // adopts its key as current (valid from the earliest certificate's issue
  // time, else now; audit event AdoptSigningKey). FAILED_PRECONDITION when
  // the file's key is not the current one (domain::DecideServingKey says
  // what to do); the key file's own errors as LoadSigningKeyFile. `notes`
  // get a line for what was done besides loading.
  absl::StatusOr<SigningKey> LoadForServing(const std::string& key_path,
                                            std::vector<std::string>* notes);

  // `talentd key rotate` (see above). `stop_after` < 3 stops after that
  // step, as a kill would (tests of recovery).
  struct Rotation {
    domain::TrustedKey retired;
    domain::TrustedKey current;
    std::string retired_path;  // where the old key file is kept
  };
  absl::StatusOr<Rotation> Rotate(const std::string& key_path, std::vector<std::string>* notes,
                                  int stop_after = 3);

  // Every trusted key, oldest first.
  absl::StatusOr<std::vector<domain::TrustedKey>> List();

  // Step 3 or its undoing, when KEY.next exists (above); nothing otherwise.
  // FAILED_PRECONDITION when KEY.next holds a key the database retired
  // (explaining what to do).
  absl::Status FinishInterruptedRotation(const std::string& key_path,
                                         std::vector<std::string>* notes);

 private:
  storage::Store* const store_;
  const common::Clock* const clock_;
};

// The database's kind and the clock offset talentd serves it with.
class DatabaseSettings {
 public:
  DatabaseSettings(storage::Store* store, const common::Clock* clock)
      : store_(store), clock_(clock) {}

  // The kind `talentd init` made it (production for a database from before).
  absl::StatusOr<domain::DatabaseKind> Kind();
  // The clock offset, in days, the database last served with (0 if never).
  absl::StatusOr<int> LastClockOffsetDays();
  // `talentd serve [--clock-offset-days N]`: FAILED_PRECONDITION when the
  // flag is given to a production database (domain::CheckClockOffset); a
  // change from the last offset is stored with an audit event
  // ChangeClockOffset ("clock offset 0 → 6 days"). Returns the old offset.
  absl::StatusOr<int> StartClock(domain::DatabaseKind kind, bool offset_given, int offset_days);

 private:
  storage::Store* const store_;
  const common::Clock* const clock_;
};

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_KEYS_H_

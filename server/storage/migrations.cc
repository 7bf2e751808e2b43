#include "server/storage/migrations.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace talent::storage {
namespace {

// Append only: never edit a step that has shipped; add a new one.
const char* const kMigrations[] = {
    // 1: programmes, cohorts, people, enrolments, users, tokens, audit.
    R"sql(
CREATE TABLE programmes (
  id            INTEGER PRIMARY KEY,
  code          TEXT    NOT NULL UNIQUE,
  title         TEXT    NOT NULL,
  issuer        TEXT    NOT NULL,
  start_year    INTEGER NOT NULL,
  end_year      INTEGER NOT NULL,
  talent_target INTEGER NOT NULL CHECK (talent_target > 0),
  create_time   INTEGER NOT NULL,
  update_time   INTEGER NOT NULL,
  CHECK (start_year <= end_year)
);

CREATE TABLE cohorts (
  id                       INTEGER PRIMARY KEY,
  programme_id             INTEGER NOT NULL REFERENCES programmes(id),
  year                     INTEGER NOT NULL,
  state                    INTEGER NOT NULL CHECK (state BETWEEN 1 AND 4),
  quota_service            INTEGER NOT NULL CHECK (quota_service >= 0),
  quota_management         INTEGER NOT NULL CHECK (quota_management >= 0),
  quota_education_research INTEGER NOT NULL CHECK (quota_education_research >= 0),
  create_time              INTEGER NOT NULL,
  update_time              INTEGER NOT NULL,
  UNIQUE (programme_id, year)
);

CREATE TABLE users (
  id           INTEGER PRIMARY KEY,
  username     TEXT    NOT NULL UNIQUE,
  display_name TEXT    NOT NULL,
  role         INTEGER NOT NULL CHECK (role BETWEEN 1 AND 3),
  organisation TEXT    NOT NULL,
  disabled     INTEGER NOT NULL DEFAULT 0,
  create_time  INTEGER NOT NULL
);

CREATE TABLE tokens (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id),
  secret_hash BLOB    NOT NULL UNIQUE,
  label       TEXT    NOT NULL DEFAULT '',
  create_time INTEGER NOT NULL,
  expire_time INTEGER NOT NULL DEFAULT 0,
  revoke_time INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX tokens_by_user ON tokens(user_id);

CREATE TABLE persons (
  id          INTEGER PRIMARY KEY,
  national_id TEXT    NOT NULL UNIQUE CHECK (length(national_id) = 18),
  full_name   TEXT    NOT NULL,
  gender      INTEGER NOT NULL CHECK (gender IN (1, 2)),
  birth_date  TEXT    NOT NULL,
  phone       TEXT    NOT NULL DEFAULT '',
  email       TEXT    NOT NULL DEFAULT '',
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL
);

CREATE TABLE enrolments (
  id                  INTEGER PRIMARY KEY,
  cohort_id           INTEGER NOT NULL REFERENCES cohorts(id),
  programme_id        INTEGER NOT NULL REFERENCES programmes(id),
  person_id           INTEGER NOT NULL REFERENCES persons(id),
  track               INTEGER NOT NULL CHECK (track BETWEEN 1 AND 3),
  organisation        TEXT    NOT NULL,
  region              TEXT    NOT NULL DEFAULT '',
  qualification       TEXT    NOT NULL DEFAULT '',
  years_of_experience INTEGER NOT NULL DEFAULT 0,
  stage               INTEGER NOT NULL CHECK (stage BETWEEN 1 AND 9),
  stage_reason        TEXT    NOT NULL DEFAULT '',
  create_time         INTEGER NOT NULL,
  update_time         INTEGER NOT NULL,
  -- Also the index for finding a person's enrolments.
  UNIQUE (person_id, cohort_id)
);
CREATE INDEX enrolments_by_cohort ON enrolments(cohort_id, track, stage);
-- The rule "at most one open enrolment per person and programme", enforced
-- by the database too (open = applied, recommended, selected, active).
CREATE UNIQUE INDEX enrolments_one_open ON enrolments(programme_id, person_id)
  WHERE stage IN (1, 2, 3, 5);

CREATE TABLE recommendations (
  id           INTEGER PRIMARY KEY,
  enrolment_id INTEGER NOT NULL REFERENCES enrolments(id),
  level        INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
  body         TEXT    NOT NULL,
  date         TEXT    NOT NULL,
  recorded_by  INTEGER NOT NULL REFERENCES users(id),
  create_time  INTEGER NOT NULL,
  UNIQUE (enrolment_id, level)
);

CREATE TABLE idempotency (
  user_id     INTEGER NOT NULL,
  method      TEXT    NOT NULL,
  request_id  TEXT    NOT NULL,
  resource    TEXT    NOT NULL,
  create_time INTEGER NOT NULL,
  PRIMARY KEY (user_id, method, request_id)
) WITHOUT ROWID;

CREATE TABLE audit_events (
  id        INTEGER PRIMARY KEY,
  time      INTEGER NOT NULL,
  user_id   INTEGER,
  method    TEXT    NOT NULL,
  resource  TEXT    NOT NULL,
  detail    TEXT    NOT NULL,
  prev_hash BLOB    NOT NULL,
  hash      BLOB    NOT NULL
);
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql",
    // 2: a cohort's rubric and assessment rules (defaults when absent).
    R"sql(
CREATE TABLE rubric_criteria (
  cohort_id  INTEGER NOT NULL REFERENCES cohorts(id),
  position   INTEGER NOT NULL,
  code       TEXT    NOT NULL,
  name_zh    TEXT    NOT NULL,
  name_en    TEXT    NOT NULL,
  max_tenths INTEGER NOT NULL CHECK (max_tenths BETWEEN 1 AND 1000),
  veto       INTEGER NOT NULL DEFAULT 0 CHECK (veto IN (0, 1)),
  PRIMARY KEY (cohort_id, position),
  UNIQUE (cohort_id, code)
) WITHOUT ROWID;

CREATE TABLE cohort_rules (
  cohort_id                INTEGER PRIMARY KEY REFERENCES cohorts(id),
  aggregation              INTEGER NOT NULL CHECK (aggregation BETWEEN 1 AND 3),
  min_sheets               INTEGER NOT NULL,
  excellent_from           INTEGER NOT NULL,
  good_from                INTEGER NOT NULL,
  pass_from                INTEGER NOT NULL,
  veto_percent             INTEGER NOT NULL,
  excellent_cap_percent    INTEGER NOT NULL,
  disagreement_tenths      INTEGER NOT NULL,
  notice_days              INTEGER NOT NULL,
  eliminate_fail           INTEGER NOT NULL,
  eliminate_absent         INTEGER NOT NULL,
  eliminate_bottom_k       INTEGER NOT NULL,
  eliminate_bottom_percent INTEGER NOT NULL,
  eliminate_two_pass       INTEGER NOT NULL,
  update_time              INTEGER NOT NULL
);
)sql",
    // 3: assessment rounds, declared conflicts, assignments.
    R"sql(
CREATE TABLE rounds (
  id           INTEGER PRIMARY KEY,
  cohort_id    INTEGER NOT NULL REFERENCES cohorts(id),
  name         TEXT    NOT NULL,
  position     INTEGER NOT NULL,
  final        INTEGER NOT NULL CHECK (final IN (0, 1)),
  state        INTEGER NOT NULL CHECK (state BETWEEN 1 AND 5),
  notice_start INTEGER NOT NULL DEFAULT 0,
  notice_end   INTEGER NOT NULL DEFAULT 0,
  create_time  INTEGER NOT NULL,
  update_time  INTEGER NOT NULL,
  UNIQUE (cohort_id, name),
  UNIQUE (cohort_id, position)
);
CREATE UNIQUE INDEX rounds_one_final ON rounds(cohort_id) WHERE final = 1;

CREATE TABLE conflicts (
  assessor_id  INTEGER NOT NULL REFERENCES users(id),
  enrolment_id INTEGER NOT NULL REFERENCES enrolments(id),
  reason       TEXT    NOT NULL,
  recorded_by  INTEGER NOT NULL REFERENCES users(id),
  create_time  INTEGER NOT NULL,
  PRIMARY KEY (assessor_id, enrolment_id)
) WITHOUT ROWID;

CREATE TABLE assignments (
  round_id     INTEGER NOT NULL REFERENCES rounds(id),
  enrolment_id INTEGER NOT NULL REFERENCES enrolments(id),
  assessor_id  INTEGER NOT NULL REFERENCES users(id),
  create_time  INTEGER NOT NULL,
  PRIMARY KEY (round_id, enrolment_id, assessor_id)
) WITHOUT ROWID;
CREATE INDEX assignments_by_assessor ON assignments(assessor_id, round_id);
)sql",
    // 4: score sheets, their points per criterion, and their history.
    R"sql(
CREATE TABLE sheets (
  id           INTEGER PRIMARY KEY,
  round_id     INTEGER NOT NULL REFERENCES rounds(id),
  enrolment_id INTEGER NOT NULL REFERENCES enrolments(id),
  assessor_id  INTEGER NOT NULL REFERENCES users(id),
  state        INTEGER NOT NULL CHECK (state IN (1, 2)),
  comment      TEXT    NOT NULL DEFAULT '',
  update_time  INTEGER NOT NULL,
  UNIQUE (round_id, enrolment_id, assessor_id)
);

-- Points per criterion (position in the rubric), in tenths.
CREATE TABLE sheet_points (
  sheet_id INTEGER NOT NULL REFERENCES sheets(id),
  position INTEGER NOT NULL,
  tenths   INTEGER NOT NULL CHECK (tenths >= 0),
  PRIMARY KEY (sheet_id, position)
) WITHOUT ROWID;

-- Every change of a sheet: what, from what to what, who, when, why.
CREATE TABLE sheet_history (
  id        INTEGER PRIMARY KEY,
  sheet_id  INTEGER NOT NULL REFERENCES sheets(id),
  time      INTEGER NOT NULL,
  user_id   INTEGER NOT NULL REFERENCES users(id),
  change    TEXT    NOT NULL,
  old_value TEXT    NOT NULL,
  new_value TEXT    NOT NULL,
  reason    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX sheet_history_by_sheet ON sheet_history(sheet_id, id);
)sql",
    // 5: absences from a round.
    R"sql(
CREATE TABLE absences (
  round_id        INTEGER NOT NULL REFERENCES rounds(id),
  enrolment_id    INTEGER NOT NULL REFERENCES enrolments(id),
  excuse_accepted INTEGER NOT NULL CHECK (excuse_accepted IN (0, 1)),
  reason          TEXT    NOT NULL,
  recorded_by     INTEGER NOT NULL REFERENCES users(id),
  create_time     INTEGER NOT NULL,
  PRIMARY KEY (round_id, enrolment_id)
) WITHOUT ROWID;
)sql",
    // 6: appeals, confirmed results (stored as computed), and what
    // confirmation does to enrolments.
    R"sql(
CREATE TABLE appeals (
  id            INTEGER PRIMARY KEY,
  round_id      INTEGER NOT NULL REFERENCES rounds(id),
  enrolment_id  INTEGER NOT NULL REFERENCES enrolments(id),
  reason        TEXT    NOT NULL,
  state         INTEGER NOT NULL CHECK (state BETWEEN 1 AND 3),
  resolution    TEXT    NOT NULL DEFAULT '',
  filed_by      INTEGER NOT NULL REFERENCES users(id),
  filed_time    INTEGER NOT NULL,
  resolved_by   INTEGER REFERENCES users(id),
  resolved_time INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX appeals_by_round ON appeals(round_id, state);

-- A sheet reopened by an amended appeal may be rewritten during the notice.
ALTER TABLE sheets ADD COLUMN appeal_id INTEGER REFERENCES appeals(id);

CREATE TABLE round_results (
  round_id           INTEGER NOT NULL REFERENCES rounds(id),
  enrolment_id       INTEGER NOT NULL REFERENCES enrolments(id),
  absent             INTEGER NOT NULL,
  excused            INTEGER NOT NULL,
  sheets             INTEGER NOT NULL,
  score              INTEGER NOT NULL,
  criteria           TEXT    NOT NULL,
  spread             INTEGER NOT NULL,
  rank               INTEGER NOT NULL,
  rating             INTEGER NOT NULL,
  capped             INTEGER NOT NULL,
  veto               INTEGER NOT NULL,
  disagreement       INTEGER NOT NULL,
  tie_over_cap       INTEGER NOT NULL,
  tie_at_cut         INTEGER NOT NULL,
  eliminated         INTEGER NOT NULL,
  elimination_reason TEXT    NOT NULL,
  PRIMARY KEY (round_id, enrolment_id)
) WITHOUT ROWID;

ALTER TABLE rounds ADD COLUMN assessed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rounds ADD COLUMN excellent_cap INTEGER NOT NULL DEFAULT -1;
ALTER TABLE rounds ADD COLUMN cap_exceeded_by_tie INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rounds ADD COLUMN rules_text TEXT NOT NULL DEFAULT '';

-- Rated excellent in the confirmed final round: may be certified.
ALTER TABLE enrolments ADD COLUMN certificate_eligible INTEGER NOT NULL DEFAULT 0;
)sql",
    // 7: certificates. Each row keeps the facts exactly as signed (a later
    // change of the programme's title does not change an issued
    // certificate), the key that signed them and the signature.
    R"sql(
CREATE TABLE certificates (
  id                 INTEGER PRIMARY KEY,
  number             TEXT    NOT NULL UNIQUE,
  enrolment_id       INTEGER NOT NULL UNIQUE REFERENCES enrolments(id),
  cohort_id          INTEGER NOT NULL REFERENCES cohorts(id),
  track              INTEGER NOT NULL CHECK (track BETWEEN 1 AND 3),
  sequence           INTEGER NOT NULL CHECK (sequence > 0),
  holder_name        TEXT    NOT NULL,
  masked_national_id TEXT    NOT NULL,
  programme_code     TEXT    NOT NULL,
  programme_title    TEXT    NOT NULL,
  cohort_year        INTEGER NOT NULL,
  final_score        INTEGER NOT NULL,
  rating             TEXT    NOT NULL,
  issuer             TEXT    NOT NULL,
  issue_date         TEXT    NOT NULL,
  public_key         BLOB    NOT NULL CHECK (length(public_key) = 32),
  signature          BLOB    NOT NULL CHECK (length(signature) = 64),
  issue_time         INTEGER NOT NULL,
  issued_by          INTEGER NOT NULL REFERENCES users(id),
  revoke_time        INTEGER NOT NULL DEFAULT 0,
  revoke_reason      TEXT    NOT NULL DEFAULT '',
  revoked_by         INTEGER REFERENCES users(id),
  UNIQUE (cohort_id, track, sequence)
);
)sql",
    // 8: due procedure.
    R"sql(
-- The audit chain names who acted: the username and the token (its id),
-- hashed with the rest (format 2, common/audit_chain.h), and what each
-- event left in the covered tables (content_hash over audit_covers).
ALTER TABLE audit_events ADD COLUMN username TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_events ADD COLUMN token_id INTEGER;
ALTER TABLE audit_events ADD COLUMN format INTEGER NOT NULL DEFAULT 1;
ALTER TABLE audit_events ADD COLUMN content_hash BLOB NOT NULL DEFAULT x'';
CREATE INDEX audit_events_by_user ON audit_events(user_id, id);
CREATE INDEX audit_events_by_token ON audit_events(token_id, id);

-- What each event left in a covered thing ("sheet/<id>": a sheet with its
-- points and history; "results/<round id>": a round's stored results): the
-- digest of its rows right after the event (empty: gone).
CREATE TABLE audit_covers (
  event_id INTEGER NOT NULL REFERENCES audit_events(id),
  key      TEXT    NOT NULL,
  digest   BLOB    NOT NULL,
  PRIMARY KEY (key, event_id)
) WITHOUT ROWID;
CREATE INDEX audit_covers_by_event ON audit_covers(event_id);
CREATE TRIGGER audit_covers_no_update BEFORE UPDATE ON audit_covers
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_covers_no_delete BEFORE DELETE ON audit_covers
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- Sheet history names the token too.
ALTER TABLE sheet_history ADD COLUMN token_id INTEGER;

-- Keys and the kind of database (operations.md §5, §11).
-- signing_keys: every key the register trusts. A certificate is valid when
-- its key is here and its issue time lies in [valid_from, valid_until]
-- (valid_until 0: the current key, the only one that signs; at most one).
-- A database from before this step has none: `talentd serve` adopts its
-- key file's key.
CREATE TABLE signing_keys (
  id          INTEGER PRIMARY KEY,
  public_key  BLOB    NOT NULL UNIQUE CHECK (length(public_key) = 32),
  valid_from  INTEGER NOT NULL,
  valid_until INTEGER NOT NULL DEFAULT 0 CHECK (valid_until = 0 OR valid_until >= valid_from),
  create_time INTEGER NOT NULL
);
CREATE UNIQUE INDEX signing_keys_one_current ON signing_keys(valid_until) WHERE valid_until = 0;
-- database_settings: kind = production | rehearsal (set by `talentd init
-- --rehearsal`; a database from before this step is production), and
-- clock_offset_days = the offset `talentd serve` last ran with.
CREATE TABLE database_settings (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO database_settings (name, value) VALUES ('kind', 'production');
-- End of keys and the kind of database.
)sql",
    // 9: people act with their own credentials.
    R"sql(
-- Invitations (people act with their own credentials; lifecycles.md §7):
-- the one-time code a user redeems for a token of their own. Only the
-- code's SHA-256 hash is kept. created_by NULL: the server itself. A newer
-- invitation for the user, or disabling them, sets void_time; redeeming
-- sets redeem_time and the token it gave.
CREATE TABLE invitations (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id),
  code_hash   BLOB    NOT NULL UNIQUE,
  create_time INTEGER NOT NULL,
  expire_time INTEGER NOT NULL,
  created_by  INTEGER REFERENCES users(id),
  redeem_time INTEGER NOT NULL DEFAULT 0,
  token_id    INTEGER REFERENCES tokens(id),
  void_time   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX invitations_by_user ON invitations(user_id, id);
-- End of invitations.
)sql",
    // 10: results that follow the reader's language.
    R"sql(
-- The rules a round's stored results were computed under, in Chinese
-- beside rules_text's English ('' for rounds confirmed before).
ALTER TABLE rounds ADD COLUMN rules_text_zh TEXT NOT NULL DEFAULT '';
)sql",
    // 11: the public notice (公示) and its confirmed list.
    R"sql(
-- How the public raises an objection during a notice, printed on it
-- ('' until an administrator sets it).
ALTER TABLE programmes ADD COLUMN objection_contact TEXT NOT NULL DEFAULT '';
-- When a round was confirmed (0 until then): the date of its confirmed
-- list. A round confirmed before this step was last updated then.
ALTER TABLE rounds ADD COLUMN confirm_time INTEGER NOT NULL DEFAULT 0;
UPDATE rounds SET confirm_time = update_time WHERE state = 5;
)sql",
    // 12: the request id of the call behind each audit event.
    R"sql(
-- The request id (x-request-id) of the call that made the change; '' for
-- events written before, and for the server's own. Hashed into the event
-- only when not '' (audit.md), so the events before keep their hashes.
ALTER TABLE audit_events ADD COLUMN request_id TEXT NOT NULL DEFAULT '';
)sql",
    // 13: the history of cohorts before the system (lifecycles.md §1.1).
    R"sql(
-- Cohorts recorded from paper records by a history import: CLOSED, no
-- rounds; their enrolments hold their final stages, and their certificates
-- were issued on paper (issue_date) and registered on import (issue_time).
-- A table of its own, so that the cohorts and certificates tables keep
-- their shape.
CREATE TABLE imported_cohorts (
  cohort_id   INTEGER PRIMARY KEY REFERENCES cohorts(id),
  import_time INTEGER NOT NULL,
  imported_by INTEGER NOT NULL REFERENCES users(id)
);
)sql",
};

constexpr int kLatest = static_cast<int>(sizeof(kMigrations) / sizeof(kMigrations[0]));

}  // namespace

int LatestSchemaVersion() { return kLatest; }

absl::StatusOr<int> SchemaVersion(Connection* connection) {
  ASSIGN_OR_RETURN(Statement * st, connection->Prepare("PRAGMA user_version"));
  ASSIGN_OR_RETURN(bool row, st->Step());
  int version = row ? static_cast<int>(st->ColumnInt(0)) : 0;
  st->Reset();
  return version;
}

absl::Status Migrate(Connection* connection) {
  ASSIGN_OR_RETURN(int version, SchemaVersion(connection));
  if (version > kLatest) {
    return absl::FailedPreconditionError(absl::StrCat(
        "database ", connection->path(), " has schema version ", version,
        ", newer than this talentd understands (", kLatest, "); run a newer talentd"));
  }
  for (int next = version + 1; next <= kLatest; ++next) {
    ASSIGN_OR_RETURN(auto tx, Transaction::Begin(connection, Transaction::Kind::kImmediate));
    RETURN_IF_ERROR(connection->Execute(kMigrations[next - 1]));
    // PRAGMA takes no bound parameters; `next` is our own integer.
    RETURN_IF_ERROR(
        connection->Execute(absl::StrCat("PRAGMA user_version = ", next).c_str()));
    RETURN_IF_ERROR(tx->Commit());
  }
  return absl::OkStatus();
}

}  // namespace talent::storage

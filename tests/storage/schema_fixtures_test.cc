// Real databases of every schema version released so far
// (tests/storage/fixtures/schema-vN.db, made by make_fixtures.py from each
// release's own migration steps, with hand-written rows in every table),
// migrated forward by the Store as talentd opens them: every row of every
// table keeps every value it had, the columns added since get their
// defaults, the schema ends up identical to a new database's, and the file
// is sound (integrity_check, foreign_key_check). A new migration adds its
// fixture here.
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/migrations.h"
#include "server/storage/store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace talent::storage {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::TempDir;

// The connection caches statements by the address of their SQL text: each
// distinct text built here gets one address that lives as long as the test.
const char* Interned(const std::string& sql) {
  static auto* texts = new std::set<std::string>;
  return texts->insert(sql).first->c_str();
}

// Every row of a query, each row its columns' quote()d values.
std::vector<std::vector<std::string>> Rows(Connection& db, const std::string& sql) {
  std::vector<std::vector<std::string>> out;
  auto st = db.Prepare(Interned(sql));
  EXPECT_THAT(st, IsOk()) << sql;
  if (!st.ok()) return out;
  for (;;) {
    auto row = (*st)->Step();
    EXPECT_THAT(row, IsOk()) << sql;
    if (!row.ok() || !*row) break;
    std::vector<std::string> values;
    for (int i = 0; i < (*st)->ColumnCount(); ++i) values.push_back((*st)->ColumnText(i));
    out.push_back(std::move(values));
  }
  (*st)->Reset();
  return out;
}

std::vector<std::string> Tables(Connection& db) {
  std::vector<std::string> out;
  for (auto& row : Rows(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
    out.push_back(row[0]);
  }
  return out;
}

std::vector<std::string> Columns(Connection& db, const std::string& table) {
  std::vector<std::string> out;
  for (auto& row : Rows(db, absl::StrCat("SELECT name FROM pragma_table_info('", table, "')"))) {
    out.push_back(row[0]);
  }
  return out;
}

// The rows of `table`, only `columns`, quoted, in a stable order.
std::vector<std::vector<std::string>> TableRows(Connection& db, const std::string& table,
                                                const std::vector<std::string>& columns) {
  std::vector<std::string> quoted, order;
  for (size_t i = 0; i < columns.size(); ++i) {
    quoted.push_back(absl::StrCat("quote(\"", columns[i], "\")"));
    order.push_back(absl::StrCat(i + 1));
  }
  return Rows(db, absl::StrCat("SELECT ", absl::StrJoin(quoted, ", "), " FROM \"", table,
                               "\" ORDER BY ", absl::StrJoin(order, ", ")));
}

// What a version's file holds: each table's columns and rows.
struct Snapshot {
  std::map<std::string, std::vector<std::string>> columns;
  std::map<std::string, std::vector<std::vector<std::string>>> rows;
};

Snapshot Take(Connection& db) {
  Snapshot s;
  for (const std::string& table : Tables(db)) {
    s.columns[table] = Columns(db, table);
    s.rows[table] = TableRows(db, table, s.columns[table]);
  }
  return s;
}

std::vector<std::vector<std::string>> Schema(Connection& db) {
  return Rows(db, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name");
}

std::string Fixture(int version) {
  return absl::StrCat(TALENT_SOURCE_DIR, "/tests/storage/fixtures/schema-v", version, ".db");
}

// A Store over `path` (migrating it as talentd would) and a look inside.
template <typename Look>
void WithStore(const std::string& path, Look look) {
  StoreOptions options;
  auto store = Store::Open(path, options);
  ASSERT_THAT(store, IsOk());
  ASSERT_THAT((*store)->Read([&](Connection& db) {
    look(db);
    return absl::OkStatus();
  }),
              IsOk());
}

class SchemaFixtureTest : public ::testing::TestWithParam<int> {};

TEST_P(SchemaFixtureTest, MigratesForwardKeepingEveryRow) {
  const int version = GetParam();
  TempDir dir;
  const std::string path = dir.File(absl::StrCat("v", version, ".db"));
  std::filesystem::copy_file(Fixture(version), path);

  // The file as that release left it.
  Snapshot before;
  {
    auto old = Connection::Open(path, Connection::Mode::kReadOnly, false);
    ASSERT_THAT(old, IsOk());
    auto v = SchemaVersion(old->get());
    ASSERT_THAT(v, IsOk());
    ASSERT_EQ(*v, version) << "the fixture is of another version";
    before = Take(**old);
  }
  ASSERT_FALSE(before.rows.empty());
  for (const auto& [table, rows] : before.rows) {
    EXPECT_FALSE(rows.empty()) << table << " has no row in the version " << version << " fixture";
  }

  // A new database, for the schema every migrated file must end up with.
  std::vector<std::vector<std::string>> fresh_schema;
  {
    StoreOptions create;
    create.create = true;
    auto fresh = Store::Open(dir.File("fresh.db"), create);
    ASSERT_THAT(fresh, IsOk());
    ASSERT_THAT((*fresh)->Read([&](Connection& db) {
      fresh_schema = Schema(db);
      return absl::OkStatus();
    }),
                IsOk());
  }

  WithStore(path, [&](Connection& db) {
    auto v = SchemaVersion(&db);
    ASSERT_THAT(v, IsOk());
    EXPECT_EQ(*v, LatestSchemaVersion());
    EXPECT_EQ(Schema(db), fresh_schema) << "migrated schema differs from a new database's";
    EXPECT_EQ(Rows(db, "PRAGMA integrity_check"), (std::vector<std::vector<std::string>>{{"ok"}}));
    EXPECT_TRUE(Rows(db, "PRAGMA foreign_key_check").empty());
    for (const auto& [table, columns] : before.columns) {
      SCOPED_TRACE(table);
      EXPECT_EQ(TableRows(db, table, columns), before.rows[table]);
    }
    // Columns added after the fixture's version take their defaults.
    if (version < 6) {
      EXPECT_EQ(Rows(db, "SELECT excellent_cap, assessed, rules_text FROM rounds"),
                (std::vector<std::vector<std::string>>(
                    version >= 3 ? 1 : 0, std::vector<std::string>{"-1", "0", ""})));
      EXPECT_EQ(Rows(db, "SELECT id, certificate_eligible FROM enrolments ORDER BY id"),
                (std::vector<std::vector<std::string>>{{"1", "0"}, {"2", "0"}}));
    }
    if (version < 8) {
      // A database from before the kinds of database is production, and its
      // key is adopted by `talentd serve`: no trusted key yet.
      EXPECT_EQ(Rows(db, "SELECT name, value FROM database_settings"),
                (std::vector<std::vector<std::string>>{{"kind", "production"}}));
      EXPECT_TRUE(Rows(db, "SELECT id FROM signing_keys").empty());
      // Its events are of the first audit format, naming no token.
      EXPECT_EQ(Rows(db, "SELECT format, quote(token_id), username FROM audit_events "
                         "ORDER BY id LIMIT 1"),
                (std::vector<std::vector<std::string>>{{"1", "NULL", ""}}));
    }
    if (version < 10) {
      // Results stored before kept their rules in English only.
      EXPECT_EQ(Rows(db, "SELECT DISTINCT rules_text_zh FROM rounds"),
                (std::vector<std::vector<std::string>>(version >= 3 ? 1 : 0,
                                                       std::vector<std::string>{""})));
    }
    if (version < 11) {
      // No contact for objections yet; a round confirmed before was last
      // updated when it was confirmed.
      EXPECT_EQ(Rows(db, "SELECT DISTINCT objection_contact FROM programmes"),
                (std::vector<std::vector<std::string>>{{""}}));
      EXPECT_TRUE(Rows(db, "SELECT id FROM rounds WHERE state = 5 AND confirm_time != update_time "
                           "OR state != 5 AND confirm_time != 0")
                      .empty());
    }
    if (version < 12) {
      // Events written before carry no request id.
      EXPECT_EQ(Rows(db, "SELECT DISTINCT request_id FROM audit_events"),
                (std::vector<std::vector<std::string>>{{""}}));
    }
    if (version < 13) {
      // History imports came with version 13: every older cohort ran here.
      EXPECT_TRUE(Rows(db, "SELECT cohort_id FROM imported_cohorts").empty());
    }
    if (version < 9) {
      // Invitations came with version 9: an older database has none.
      EXPECT_TRUE(Rows(db, "SELECT id FROM invitations").empty());
    }
    if (version >= 4 && version < 6) {
      EXPECT_EQ(Rows(db, "SELECT quote(appeal_id) FROM sheets"),
                (std::vector<std::vector<std::string>>{{"NULL"}}));
    }
  });
}

INSTANTIATE_TEST_SUITE_P(EveryReleasedVersion, SchemaFixtureTest, ::testing::Range(1, 14),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return absl::StrCat("Version", info.param);
                         });

TEST(SchemaFixtureCoverageTest, EveryReleasedVersionHasAFixture) {
  // When a migration is added, its fixture must be too (make_fixtures.py).
  for (int version = 1; version <= LatestSchemaVersion(); ++version) {
    EXPECT_TRUE(std::filesystem::exists(Fixture(version))) << Fixture(version);
  }
}

}  // namespace
}  // namespace talent::storage

// core/storage/migrations.h: the device database schema as numbered migrations under PRAGMA user_version.
// Each migration runs in one BEGIN IMMEDIATE transaction together with the user_version bump, so a kill
// mid-migration leaves the database at the previous version, never half-migrated.
// To add one: write its SQL in the module that owns the tables, then append it to the list in migrations.cpp with
// the next free number (written at the top of the list). Never edit a shipped migration.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace waymark {

class Db;

struct Migration {
  int version;
  const char* name;
  const char* sql;
  // Runs with foreign keys off (SQLite's procedure for rebuilding a table that others reference, as 51 rebuilds
  // the outbox): PRAGMA foreign_key_check must then find nothing before the transaction commits. Default: false.
  bool foreign_keys_off = false;
};

const std::vector<Migration>& device_migrations();

struct MigrateOptions {
  // Called inside each migration's transaction after its SQL ran and before commit (tests use it to
  // kill the process mid-migration). Default: none.
  std::function<void(int version)> before_commit;
};

// Brings db up to the newest version. Refuses (throws DbError) a database newer than this build knows.
int migrate(Db& db, const std::vector<Migration>& migrations, const MigrateOptions& opt = {});

}  // namespace waymark

#include "core/storage/migrations.h"

#include <sqlite3.h>

#include "core/catalogue/catalogue.h"
#include "core/accounts/child_settings.h"
#include "core/storage/db.h"
#include "core/sync/sync_client.h"
#include "core/myviews/meetings.h"
#include "core/ops/provisioning.h"

namespace waymark {

namespace {

// 1: the foundation: device facts, accounts, PIN attempts, and an append-only audit log.
const char* kFoundation = R"SQL(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE children (
  number       TEXT PRIMARY KEY CHECK (length(number) BETWEEN 1 AND 16),
  first_name   TEXT NOT NULL,
  pin_hash     TEXT NOT NULL,
  lang         TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en','cy')),
  release_date TEXT,            -- YYYY-MM-DD, NULL when not known yet
  release_la   TEXT,            -- ONS local authority code, NULL when not known yet
  dob          TEXT,            -- YYYY-MM-DD
  wing         TEXT NOT NULL DEFAULT '',
  active       INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE staff (
  number   TEXT PRIMARY KEY CHECK (length(number) BETWEEN 1 AND 16),
  name     TEXT NOT NULL,
  pin_hash TEXT NOT NULL,
  roles    TEXT NOT NULL,       -- comma-separated: education, approver, wing_officer, it
  active   INTEGER NOT NULL DEFAULT 1
) STRICT;

-- Kept per typed number (known or not), so a lock survives restarts and unknown numbers teach nothing.
CREATE TABLE pin_attempts (
  kind         TEXT NOT NULL CHECK (kind IN ('child','staff')),
  number       TEXT NOT NULL,
  failed       INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,  -- unix seconds
  PRIMARY KEY (kind, number)
) STRICT;

CREATE TABLE audit (
  seq    INTEGER PRIMARY KEY AUTOINCREMENT,
  at     INTEGER NOT NULL,      -- unix seconds
  actor  TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
)SQL";

// 2: the outbox: finalized records waiting to leave the device (see core/messaging/outbox.h).
const char* kOutbox = R"SQL(
CREATE TABLE outbox (
  id         TEXT PRIMARY KEY,             -- minted once at finalize, reused on every retry
  seq        INTEGER NOT NULL UNIQUE,      -- per-device sequence number, only goes up
  kind       TEXT NOT NULL CHECK (kind IN ('message','enquiry','myviews')),
  child      TEXT NOT NULL,
  body       TEXT NOT NULL,                -- JSON, immutable
  created_at INTEGER NOT NULL,
  state      TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting','sent','delivered','read','refused')),
  state_at   INTEGER NOT NULL,
  attempts   INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
) STRICT;
CREATE INDEX outbox_by_state ON outbox(state, seq);
CREATE INDEX outbox_by_child ON outbox(child, kind, seq);
CREATE TRIGGER outbox_immutable BEFORE UPDATE OF id, seq, kind, child, body, created_at ON outbox
BEGIN SELECT RAISE(ABORT, 'outbox records are immutable; supersede with a new record'); END;
)SQL";

}  // namespace

// Numbering for this first release, so the parts could be built side by side: 1-9 foundation,
// 10-19 courses and jobs, 20-29 My Views and meetings, 30-39 sync and messages, 40-49 accessibility,
// 50-59 provisioning. Once this release is on a device, a new migration MUST take a number above the
// highest in this list and go at the end: migrate() applies only versions above the database's
// user_version, so a number filled in lower down (say 14) would never run on a device already at 50.
const std::vector<Migration>& device_migrations() {
  static const std::vector<Migration> list = {
      {1, "foundation", kFoundation},
      {2, "outbox", kOutbox},
      {10, "catalogue", kCatalogueSchema},
      {11, "content packs", kPackSchema},
      {12, "catalogue tables a wipe keeps", kCatalogueWipeKeep},
      {13, "Welsh words on listings", kCatalogueWelsh},
      {20, "meetings", kMeetingsSql},
      {21, "myviews", kMyViewsSql},
      {30, "sync and messages", kSyncMigration},
      {31, "content packs offered over sync", kSyncPackMigration},
      {40, "child settings", kChildSettingsSql},
      {50, "provisioning: tables a wipe keeps", kProvisioningMigration50},
  };
  return list;
}

int migrate(Db& db, const std::vector<Migration>& migrations, const MigrateOptions& opt) {
  int current = db.user_version();
  int newest = migrations.empty() ? 0 : migrations.back().version;
  if (current > newest)
    throw DbError(SQLITE_ERROR, "the database is version " + std::to_string(current) +
                                    " but this program only knows up to version " + std::to_string(newest) +
                                    "; use a newer Waymark");
  for (const Migration& m : migrations) {
    if (m.version <= current) continue;
    Txn txn(db);
    // Re-read inside the write lock: another process may have migrated meanwhile.
    if (db.user_version() >= m.version) continue;
    db.exec(m.sql);
    db.set_user_version(m.version);
    if (opt.before_commit) opt.before_commit(m.version);
    txn.commit();
    current = m.version;
  }
  return current;
}

}  // namespace waymark

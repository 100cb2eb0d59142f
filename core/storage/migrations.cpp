#include "core/storage/migrations.h"

#include <sqlite3.h>

#include <string>

#include "core/accounts/accounts.h"
#include "core/accounts/child_settings.h"
#include "core/catalogue/catalogue.h"
#include "core/catalogue/pack.h"
#include "core/catalogue/search_index.h"
#include "core/messaging/history.h"
#include "core/messaging/outbox.h"
#include "core/myviews/meetings.h"
#include "core/myviews/myviews.h"
#include "core/plan/device_plan.h"
#include "core/ops/provisioning.h"
#include "core/storage/db.h"
#include "core/storage/device_store.h"
#include "core/sync/carried_drafts.h"
#include "core/sync/departures.h"
#include "core/sync/device_key.h"
#include "core/sync/sync_client.h"

namespace waymark {

// Numbering for this first release, so the parts could be built side by side: 1-9 foundation,
// 10-19 courses and jobs, 20-29 My Views and meetings, 30-39 sync and messages, 40-49 accessibility,
// 50-59 provisioning. Once this release is on a device, a new migration MUST take a number above the
// highest in this list and go at the end: migrate() applies only versions above the database's
// user_version, so a number filled in lower down (say 14) would never run on a device already at 50.
//
// Each module keeps the SQL of its own tables (core/<domain>/...: look for the k...Sql name below); this list only
// orders them. Migrations 1 and 12 were shipped as one script each over tables of more than one module: each
// module keeps its part, joined here byte for byte. A shipped script never changes: tests/core/storage_test.cpp
// pins every one by its SHA-256.
const std::vector<Migration>& device_migrations() {
  // NEXT FREE NUMBER: 59 (52 is skipped). Append it at the end of this list.
  static const std::string foundation = std::string(kMetaSql) + kAccountsSql + kAuditSql;
  static const std::string catalogue_wipe_keep = std::string(kWipeKeepTableSql) + kCatalogueWipeKeepRows;
  static const std::string ops_wipe_keep = std::string(kWipeKeepTableSql) + kOpsWipeKeepRows;
  static const std::string plan_device = std::string(kPlanDeviceSql) + kOutboxPlanAnswerSql;
  static const std::vector<Migration> list = {
      {1, "foundation", foundation.c_str()},  // storage (meta, audit) and accounts (children, staff, pin_attempts)
      {2, "outbox", kOutboxSql},
      {10, "catalogue", kCatalogueSchema},
      {11, "content packs", kPackSchema},
      {12, "catalogue tables a wipe keeps", catalogue_wipe_keep.c_str()},
      {13, "Welsh words on listings", kCatalogueWelsh},
      {20, "meetings", kMeetingsSql},  // core/myviews/meetings.cpp
      {21, "myviews", kMyViewsSql},    // core/myviews/myviews.cpp
      {30, "sync and messages", kSyncMigration},
      {31, "content packs offered over sync", kSyncPackMigration},
      {40, "child settings", kChildSettingsSql},
      {50, "provisioning: tables a wipe keeps", ops_wipe_keep.c_str()},
      {51, "my plan, and plan answers in the outbox", plan_device.c_str(), true},  // core/plan/device_plan.cpp
      {53, "catalogue generation for the in-memory search index", kCatalogueGenerationSql},
      {54, "children leaving on a transfer", kDeparturesSql},  // core/sync/departures.cpp
      {55, "the sync key stays sealed", kDeviceKeySql},        // core/sync/device_key.cpp
      {56, "what a transferred child wrote elsewhere", kHistorySql, true},  // core/messaging/history.cpp
      {57, "a transferred child's unsent words", kCarriedDraftsSql, true},  // core/sync/carried_drafts.cpp
      {58, "the unused full-text index of the listings dropped", kDropListingsFtsSql},  // core/catalogue/search_index.cpp
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
    // PRAGMA foreign_keys is a no-op inside a transaction: turned off before it, and back on however it ends.
    struct ForeignKeysBackOn {
      Db& db;
      bool on;
      ~ForeignKeysBackOn() {
        try {
          if (on) db.exec("PRAGMA foreign_keys=ON;");
        } catch (const DbError&) {  // a pragma on an open connection does not fail; never throw from here
        }
      }
    } back_on{db, m.foreign_keys_off};
    if (m.foreign_keys_off && db.backend())
      throw DbError(SQLITE_MISUSE, "migration " + std::to_string(m.version) + " turns foreign keys off: SQLite only");
    if (m.foreign_keys_off) db.exec("PRAGMA foreign_keys=OFF;");
    Txn txn(db);
    // Re-read inside the write lock: another process (another gateway node) may have migrated meanwhile.
    if (db.user_version() >= m.version) continue;
    db.exec(db.backend() ? db.backend()->migration_sql(m.sql) : std::string(m.sql));
    if (m.foreign_keys_off) {
      Stmt fk(db, "PRAGMA foreign_key_check");
      if (fk.step())
        throw DbError(SQLITE_CONSTRAINT, "migration " + std::to_string(m.version) + " would break a reference from " +
                                             fk.text(0) + " to " + fk.text(2));
    }
    db.set_user_version(m.version);
    if (opt.before_commit) opt.before_commit(m.version);
    txn.commit();
    current = m.version;
  }
  return current;
}

}  // namespace waymark

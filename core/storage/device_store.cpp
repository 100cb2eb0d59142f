#include "core/storage/device_store.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>

#include "core/base/atomic_file.h"
#include "core/storage/meta_keys.h"
#include "core/storage/migrations.h"

namespace fs = std::filesystem;

namespace waymark {

// Migration 1 (the foundation) in the parts each module owns; core/storage/migrations.cpp joins them.
// Device facts: meta_get and meta_set.
const char* const kMetaSql = R"SQL(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

)SQL";

// The append-only audit log: audit().
const char* const kAuditSql = R"SQL(CREATE TABLE audit (
  seq    INTEGER PRIMARY KEY AUTOINCREMENT,
  at     INTEGER NOT NULL,      -- unix seconds
  actor  TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
)SQL";

std::string device_db_path(const std::string& dir) { return (fs::path(dir) / "waymark.db").string(); }

namespace {
std::string marker_path(const std::string& dir) { return (fs::path(dir) / "waymark.running").string(); }

bool process_alive(long pid) {
  if (pid <= 0) return false;
  if (kill(static_cast<pid_t>(pid), 0) == 0) return true;
  return errno == EPERM;
}

// true when a marker exists whose process is gone
bool unclean_marker(const std::string& dir) {
  std::ifstream in(marker_path(dir));
  if (!in) return false;
  long pid = 0;
  in >> pid;
  if (pid == static_cast<long>(getpid())) return false;
  return !process_alive(pid);
}

FileWriteResult write_marker(const std::string& dir) {
  return write_file_atomic(marker_path(dir), std::to_string(getpid()) + "\n");
}
}  // namespace

long kiosk_running_pid(const std::string& dir) {
  std::ifstream in(marker_path(dir));
  long pid = 0;
  if (!(in >> pid) || pid <= 0 || pid == static_cast<long>(getpid())) return 0;
  return process_alive(pid) ? pid : 0;
}

DeviceOpenResult open_device(const std::string& dir, const DeviceOpenOptions& opt) {
  DeviceOpenResult r;
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    if (!opt.create) {
      r.error = "There is no Waymark data folder at " + dir + ".";
      return r;
    }
    fs::create_directories(dir, ec);
    if (ec) {
      r.error = "Cannot create the data folder " + dir + ": " + ec.message();
      return r;
    }
    ::chmod(dir.c_str(), 0700);
  }
  const std::string path = device_db_path(dir);
  if (!opt.create && !fs::exists(path)) {
    r.error = "There is no Waymark database in " + dir + ". Run `waymarkctl init` or `waymarkctl demo-seed` first.";
    return r;
  }
  r.was_unclean = unclean_marker(dir);
  try {
    auto db = std::make_unique<Db>(path);
    if (r.was_unclean) {
      std::string qc = db->quick_check();
      if (qc != "ok") {
        r.error = "The Waymark database in " + dir +
                  " is damaged (after an unclean shutdown the check said: " + qc +
                  "). It has been left exactly as it is. Nothing will sync. Ask IT to run `waymarkctl doctor`.";
        return r;
      }
    }
    migrate(*db, device_migrations());
    if (opt.track_running)
      if (FileWriteResult w = write_marker(dir); !w.ok()) {
        r.error = "Cannot mark the data folder " + dir + " as in use (" + w.error + "). Ask IT to run `waymarkctl doctor`.";
        return r;
      }
    r.db = std::move(db);
  } catch (const DbError& e) {
    r.error = std::string("The Waymark database in ") + dir + " cannot be opened: " + e.what() +
              ". It has been left exactly as it is. Ask IT to run `waymarkctl doctor`.";
    r.db.reset();
  }
  return r;
}

int64_t database_bytes(const Db& db) {
  int64_t total = 0;
  for (const std::string& f : {db.path(), db.path() + "-wal"}) {
    std::error_code ec;
    const auto n = fs::file_size(f, ec);
    if (!ec) total += static_cast<int64_t>(n);
  }
  return total;
}

void mark_clean_shutdown(const std::string& dir) {
  std::error_code ec;
  fs::remove(marker_path(dir), ec);
}

std::string meta_get(Db& db, const std::string& key, const std::string& fallback) {
  Stmt s(db, "SELECT value FROM meta WHERE key = :k");
  s.bind(":k", key);
  if (s.step()) return s.text(0);
  return fallback;
}

void meta_set(Db& db, const std::string& key, const std::string& value) {
  require_transaction(db, "meta_set");
  Stmt s(db, "INSERT INTO meta(key, value) VALUES(:k, :v) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  s.bind(":k", key).bind(":v", value).run();
}

namespace {
// Moves the WAL into the file and truncates it; false when another connection kept it from finishing.
bool checkpoint_truncate(Db& db) {
  Stmt s(db, "PRAGMA wal_checkpoint(TRUNCATE)");
  return s.step() && s.i64(0) == 0;
}
}  // namespace

bool rebuild_after_secrets(Db& db, bool changed) {
  const bool pending = meta_get(db, kMetaPinRebuildPending) == "1";
  if (!changed && !pending) return false;  // nothing to write: no fsync at start
  bool done = false;
  try {
    done = checkpoint_truncate(db);
    if (done) db.exec("VACUUM;");
    done = done && checkpoint_truncate(db);
  } catch (const DbError&) {
    done = false;
  }
  // Not finished (waymarkctl beside a running kiosk): the next call (the kiosk's start, before sync opens its
  // connection) rebuilds the file.
  if (done == pending) {
    Txn txn(db);
    meta_set(db, kMetaPinRebuildPending, done ? "" : "1");
    txn.commit();
  }
  return done;
}

SecureDeleteOn::SecureDeleteOn(Db& db) : db_(db), was_on_(db.pragma_text("secure_delete") == "1") {
  db_.exec("PRAGMA secure_delete=ON;");
}

SecureDeleteOn::~SecureDeleteOn() {
  try {
    if (!was_on_) db_.exec("PRAGMA secure_delete=OFF;");
  } catch (const DbError&) {  // a pragma on an open connection does not fail; never throw from a destructor
  }
}

void audit(Db& db, int64_t at_s, const std::string& actor, const std::string& action, const std::string& detail) {
  require_transaction(db, "audit");
  Stmt s(db, "INSERT INTO audit(at, actor, action, detail) VALUES(:at, :actor, :action, :detail)");
  s.bind(":at", at_s).bind(":actor", actor).bind(":action", action).bind(":detail", detail).run();
}

}  // namespace waymark

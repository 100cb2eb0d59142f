// core/storage/device_store.h: opening a device data folder (DIR/waymark.db) safely.
//
// The kiosk marks the folder while it runs (DIR/waymark.running holds its pid). If the marker is there
// and that process is gone, the last run ended uncleanly (crash, kill, power cut), so the database gets a
// `quick_check` before anything else touches it. A damaged file is never recreated or "repaired" silently:
// opening is refused with a plain reason, the file stays as it is for IT, and nothing syncs.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/storage/db.h"

namespace waymark {

struct DeviceOpenOptions {
  bool track_running = false;  // default false: only the kiosk marks the folder as in use
  bool create = true;          // default true: create the folder and database when absent
};

struct DeviceOpenResult {
  std::unique_ptr<Db> db;   // null when refused
  bool was_unclean = false; // the previous run did not shut down cleanly
  std::string error;        // plain-words reason when refused
};

std::string device_db_path(const std::string& dir);
DeviceOpenResult open_device(const std::string& dir, const DeviceOpenOptions& opt = {});
// Bytes the database takes on disk: its file and its write-ahead log (0 for an in-memory one).
int64_t database_bytes(const Db& db);
// The process id in DIR/waymark.running when a kiosk is running on this folder now (not this process), else 0.
long kiosk_running_pid(const std::string& dir);
// Removes the running marker (call after a clean shutdown with the database closed).
void mark_clean_shutdown(const std::string& dir);

// Key/value facts about the device (establishment name, wing, settings).
std::string meta_get(Db& db, const std::string& key, const std::string& fallback = {});
void meta_set(Db& db, const std::string& key, const std::string& value);  // inside a transaction (db.h)

// After secrets were overwritten (PIN hashes sealed or removed, the sync key sealed): rebuilds the file (WAL
// checkpoint and truncate, VACUUM) so no old copy stays in a freed page or the WAL. `changed`: this call's caller
// just changed them; else it rebuilds only when an earlier rebuild could not finish (another connection had the
// file open; meta pin_rebuild_pending). True when it rebuilt. Outside a transaction; writes nothing when idle.
bool rebuild_after_secrets(Db& db, bool changed);

// secure_delete on for its lifetime (freed bytes are zeroed), back as it was after.
class SecureDeleteOn {
public:
  explicit SecureDeleteOn(Db& db);
  ~SecureDeleteOn();
  SecureDeleteOn(const SecureDeleteOn&) = delete;
  SecureDeleteOn& operator=(const SecureDeleteOn&) = delete;

private:
  Db& db_;
  bool was_on_;
};

// Migration 1 starts with kMetaSql and ends with kAuditSql (the accounts' tables come between).
extern const char* const kMetaSql;
extern const char* const kAuditSql;

// Appends to the append-only audit log. Inside a transaction (db.h): with the change it records.
void audit(Db& db, int64_t at_s, const std::string& actor, const std::string& action, const std::string& detail = {});

}  // namespace waymark

// core/ops/provisioning.h: what establishment IT does to a device data folder, as functions over the
// database so waymarkctl and the tests share one implementation.
//
// Index
//  - meta keys       : the device facts other parts write and `doctor`/`status` read
//  - schema          : the wipe_keep list (migration 50, with a part of 12)
//  - wipe            : remove every child's data, keep enrolment, staff and device settings    (wipe.cpp)
//  - decommission    : remove everything in the data folder, keys included                   (decommission.cpp)
//  - doctor          : health checks reported as ok / warning / failed lines with what to do (doctor.cpp)
//  - status          : a summary of the device (waymarkctl status --json)                     (device_status.cpp)
// Staff PIN rules are the accounts module's (staff_pin_problem in core/accounts/accounts.h).
//
// What wipe keeps: the tables listed in `wipe_keep` (migration 50: meta, staff, audit) and the staff rows of
// pin_attempts. Every other table is emptied. A later part whose table holds no child data (a course
// catalogue, a content pack) adds its table to `wipe_keep` in its own migration; a table nobody listed is
// treated as child data and emptied, so a new table can never leak a child's data through a wipe.
// Audit rows that name a child (by number or first name) are removed too: the one sanctioned exception to
// the append-only audit log, recorded in the log itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/clock.h"
#include "core/storage/db.h"
#include "core/storage/meta_keys.h"  // kMetaGatewayUrl, kMetaDeviceId: callers of this header use them

namespace waymark {

// ---------------------------------------------------------------- schema (numbers 50-59 belong to ops)
extern const char* const kWipeKeepTableSql;  // the list of tables a wipe keeps: starts migrations 12 and 50
extern const char* const kOpsWipeKeepRows;   // the rest of 50: the foundation's tables a wipe keeps

// ---------------------------------------------------------------- wipe
struct ChildProfile;
// Inside the caller's transaction: removes the (append-only) audit rows that name one of `children` by number or
// first name, and with any_child_actor every row a child did ("child:..."). Returns how many went. Used by the
// wipe and by the removal of one transferred child (core/sync/departures.h).
int remove_audit_rows_naming(Db& db, const std::vector<ChildProfile>& children, bool any_child_actor);
struct WipeReport {
  int children_removed = 0;
  int outbox_removed = 0;
  int audit_rows_removed = 0;
  std::vector<std::string> tables_emptied;  // every table the wipe emptied (children, outbox, ...)
  std::vector<std::string> tables_kept;
  int64_t file_bytes_before = 0;
  int64_t file_bytes_after = 0;
};

// Counts outbox records that have not reached the gateway yet (wipe refuses to destroy them unless forced).
int outbox_waiting(Db& db);

// Removes every child's data with secure_delete on, then checkpoints the WAL (TRUNCATE) and VACUUMs, so no
// freed page or WAL frame keeps a child's bytes. Throws DbError on failure (nothing is removed then).
WipeReport wipe_children(Db& db, const Clock& clock, const std::string& actor);

// ---------------------------------------------------------------- decommission
struct DecommissionReport {
  std::vector<std::string> removed;  // files removed, relative to the data folder
  std::string error;                 // non-empty: something could not be removed
};
// Overwrites every regular file in the folder with zeros, removes it, then removes the folder.
// The database must be closed first. The gateway is told by the caller before this runs.
DecommissionReport remove_data_folder(const std::string& dir);
// Whether a kiosk runs on the folder now: kiosk_running_pid (core/storage/device_store.h, the marker's owner).

// ---------------------------------------------------------------- doctor
enum class Health { Ok, Skipped, Warning, Failed };
const char* health_name(Health h);

struct DoctorLine {
  std::string check;  // "database", "fonts", ...
  Health level = Health::Ok;
  std::string what;   // what was found, in plain words
  std::string todo;   // what to do about it (empty when ok)
};

struct DoctorOptions {
  std::string data_dir;
  std::string assets_dir;                 // default: core's assets_dir()
  std::vector<std::string> speech_dirs;   // default: the usual espeak-ng-data folders
  int64_t now_s = 0;                      // default 0: the system clock
  int64_t disk_warn_bytes = 1LL << 30;    // default 1 GiB
  int64_t disk_fail_bytes = 200LL << 20;  // default 200 MiB
  int64_t outbox_warn_age_s = 24 * 3600;  // default 24 hours
  int64_t sync_warn_age_s = 24 * 3600;    // default 24 hours
  int64_t sync_fail_age_s = 7 * 24 * 3600;  // default 7 days
  int64_t pack_warn_days = 14;            // default 14 days
  int64_t clock_warn_s = 120;             // default 2 minutes: this device's clock vs the gateway's, warning
  int64_t clock_skew_s = 300;             // default 5 minutes: failed (and the gateway's signature window)
  std::string pin_pepper;                 // default empty: $WAYMARK_PIN_PEPPER_FILE or the systemd credential
};

// Runs every check. Never throws: a check that cannot run is a failed line saying why.
std::vector<DoctorLine> run_doctor(const DoctorOptions& opt);
// The gateway checks: "gateway" (reachable with the pinned key, and this device known and active there, by a
// signed POST /v1/hello that changes nothing; a few seconds at most) and "gateway clock" (this device's
// system clock against the gateway's time from that answer: warning over clock_warn_s, failed over
// clock_skew_s). When the gateway gives no time, the stored time of the last sync is the fallback ("clock").
std::vector<DoctorLine> doctor_gateway_checks(Db& db, const DoctorOptions& opt, int64_t now_s);

// ---------------------------------------------------------------- status
// A JSON object (as text) describing the device; the same facts `waymarkctl status` prints.
std::string device_status_json(const std::string& data_dir, int64_t now_s);

}  // namespace waymark

// gateway/store/admin.h: what the establishment's admin commands (waymark-gateway's command line) call.
//
// Index
//  - workers       : add, list, find by email
//  - children      : add or update one (with its roster change to the wing), read one, import a CSV
//  - contacts      : allow or revoke a worker for a child, list them
//  - meetings      : book, move or cancel (also from the web inbox)
//  - devices       : enrolment codes, list, revoke
//  - review        : the establishment's read-only review of a child's messages (audited)
//  - demo          : the demo roster, workers and meetings
// Every function that writes opens its own BEGIN IMMEDIATE transaction and audits the change; `now_ms` is
// passed in so tests control time. Refusals are std::invalid_argument with plain words.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/storage/db.h"

namespace waymark::gateway {

// ---------------------------------------------------------------- workers
struct WorkerRow {
  int64_t id = 0;
  std::string name, email, org;
  bool active = true;
};
int64_t add_worker(Db& db, const std::string& name, const std::string& email, const std::string& org,
                   const std::string& password, const std::string& actor, int64_t now_ms);
std::vector<WorkerRow> list_workers(Db& db);
std::optional<WorkerRow> worker_by_email(Db& db, const std::string& email);

// ---------------------------------------------------------------- children
struct ChildRow {
  std::string number, first_name, dob, wing, release_date, release_la, lang = "en";
  bool active = true;
  std::string establishment = {};  // its code; empty on a put: the child's own, or for a new child the one
                              // resolve_establishment finds for the wing (gateway/store/establishments.h)
};
// Validates every field (plain-words std::invalid_argument); adds or updates; a PIN is required for a new
// child and optional for an update. Emits the roster change to the child's wing (and the old wing on a move).
// A child stays in their establishment: naming another is refused (children move with transfer_child).
void put_child(Db& db, const ChildRow& c, const std::optional<std::string>& pin, const std::string& actor,
               int64_t now_ms);
std::optional<ChildRow> get_child(Db& db, const std::string& number);
struct ImportResult {
  int added = 0, updated = 0;
  std::vector<std::pair<std::string, std::string>> new_pins;  // number, PIN for each new child
  std::vector<std::string> errors;                            // "line N: why"
};
// CSV: number,first_name,dob,wing,release_date,release_la,lang (a header line is allowed). All or nothing.
// `establishment` (a code) as ChildRow's; a child of another establishment in the file is an error.
ImportResult import_children_csv(Db& db, const std::string& csv_text, const std::string& actor, int64_t now_ms,
                                 const std::string& establishment = {});

// ---------------------------------------------------------------- contacts
void set_contact(Db& db, const std::string& child, int64_t worker_id, bool allowed, const std::string& actor,
                 int64_t now_ms);
struct ContactRow {
  std::string child;
  int64_t worker_id = 0;
  std::string name, org;
  bool allowed = false;
};
std::vector<ContactRow> list_contacts(Db& db, const std::string& child);

// ---------------------------------------------------------------- meetings
struct MeetingRow {
  std::string id, child, kind, date, time, place, with_whom;
  bool cancelled = false;
};
// Books (an empty id: a new one) or changes a meeting, and sends it to the child's wing. Returns its id.
std::string put_meeting(Db& db, MeetingRow m, const std::string& actor, int64_t now_ms);

// ---------------------------------------------------------------- devices
// A one-time code a device enrols with on that wing of that establishment (a code; empty: as
// resolve_establishment finds it), valid `hours` (1 to 336). Only its hash is kept.
std::string issue_enrol_code(Db& db, const std::string& wing, int hours, const std::string& actor, int64_t now_ms,
                             const std::string& establishment = {});

struct DeviceRow {
  std::string id, wing, label;
  int64_t enrolled_at = 0, last_seen = 0, seq_high = 0;
  bool revoked = false;
  std::string establishment = {};  // its code
};
// Every device, or (a code) one establishment's.
std::vector<DeviceRow> list_devices(Db& db, const std::string& establishment = {});
void revoke_device(Db& db, const std::string& device_id, const std::string& actor, int64_t now_ms);

// ---------------------------------------------------------------- review
struct ReviewMessage {
  std::string id, direction, worker, text, state;  // direction: "from child" / "to child"
  int64_t at = 0;
};
// The establishment's read-only review; the review itself is audited.
std::vector<ReviewMessage> review_messages(Db& db, const std::string& child, const std::string& actor, int64_t now_ms);

// ---------------------------------------------------------------- demo
// Once per database (meta demo_seeded): false when it was already seeded.
bool seed_gateway_demo(Db& db, int64_t now_ms);

}  // namespace waymark::gateway

// gateway/store.h: the gateway's storage and the rules of docs/sync-protocol.md.
//
// Index
//  - ApiError        : an expected refusal (HTTP status, code, plain words); the server turns it into JSON
//  - open_gateway    : DIR/gateway.db with the gateway's own migrations (WAL, synchronous=FULL)
//  - admin           : workers, children, contacts, meetings, enrolment codes, devices, message review
//  - device API      : enrol, authenticate, up, down
//  - worker API      : session, inbox, read, send
// Every function that writes opens its own BEGIN IMMEDIATE transaction; `now_ms` is passed in so tests
// control time. Every change of contacts, devices and roster goes into the append-only audit table.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/storage/db.h"

namespace waymark::gateway {

using nlohmann::json;

struct ApiError : std::runtime_error {
  ApiError(int st, std::string c, const std::string& msg) : std::runtime_error(msg), status(st), code(std::move(c)) {}
  int status;
  std::string code;
};

std::string gateway_db_path(const std::string& dir);
// Opens (creating when `create`) and migrates. Throws std::runtime_error with plain words.
std::unique_ptr<Db> open_gateway(const std::string& dir, bool create = false);
bool gateway_initialised(Db& db);
void gateway_init(Db& db, const std::string& establishment, int64_t now_ms);
std::string gateway_meta(Db& db, const std::string& key, const std::string& fallback = {});
// After restoring a backup: a new epoch, so every device re-reads the feed and re-sends what it may lost.
std::string gateway_new_epoch(Db& db, const std::string& actor, int64_t now_ms);

// ---------------------------------------------------------------- admin
struct WorkerRow {
  int64_t id = 0;
  std::string name, email, org;
  bool active = true;
};
int64_t add_worker(Db& db, const std::string& name, const std::string& email, const std::string& org,
                   const std::string& password, const std::string& actor, int64_t now_ms);
std::vector<WorkerRow> list_workers(Db& db);
std::optional<WorkerRow> worker_by_email(Db& db, const std::string& email);

struct ChildRow {
  std::string number, first_name, dob, wing, release_date, release_la, lang = "en";
  bool active = true;
};
// Validates every field (plain-words std::invalid_argument); adds or updates; a PIN is required for a new
// child and optional for an update. Emits the roster change to the child's wing (and the old wing on a move).
void put_child(Db& db, const ChildRow& c, const std::optional<std::string>& pin, const std::string& actor,
               int64_t now_ms);
std::optional<ChildRow> get_child(Db& db, const std::string& number);
struct ImportResult {
  int added = 0, updated = 0;
  std::vector<std::pair<std::string, std::string>> new_pins;  // number, PIN for each new child
  std::vector<std::string> errors;                            // "line N: why"
};
// CSV: number,first_name,dob,wing,release_date,release_la,lang (a header line is allowed). All or nothing.
ImportResult import_children_csv(Db& db, const std::string& csv_text, const std::string& actor, int64_t now_ms);

void set_contact(Db& db, const std::string& child, int64_t worker_id, bool allowed, const std::string& actor,
                 int64_t now_ms);
struct ContactRow {
  std::string child;
  int64_t worker_id = 0;
  std::string name, org;
  bool allowed = false;
};
std::vector<ContactRow> list_contacts(Db& db, const std::string& child);

struct MeetingRow {
  std::string id, child, kind, date, time, place, with_whom;
  bool cancelled = false;
};
std::string put_meeting(Db& db, MeetingRow m, const std::string& actor, int64_t now_ms);

std::string issue_enrol_code(Db& db, const std::string& wing, int hours, const std::string& actor, int64_t now_ms);

struct DeviceRow {
  std::string id, wing, label;
  int64_t enrolled_at = 0, last_seen = 0, seq_high = 0;
  bool revoked = false;
};
std::vector<DeviceRow> list_devices(Db& db);
void revoke_device(Db& db, const std::string& device_id, const std::string& actor, int64_t now_ms);

struct ReviewMessage {
  std::string id, direction, worker, text, state;  // direction: "from child" / "to child"
  int64_t at = 0;
};
// The establishment's read-only review; the review itself is audited.
std::vector<ReviewMessage> review_messages(Db& db, const std::string& child, const std::string& actor, int64_t now_ms);

bool seed_gateway_demo(Db& db, int64_t now_ms);

// ---------------------------------------------------------------- device API
json api_enrol(Db& db, const json& req, int64_t now_ms);
struct Device {
  std::string id, wing;
  int64_t revoked_at = 0;  // non-zero only when authenticate(allow_revoked = true) let a revoked device through
};
// Checks the signed headers; throws ApiError 401 on any failure. A revoked device is refused unless
// allow_revoked (only /v1/leave, so a decommission that is run twice gets the same answer).
Device authenticate(Db& db, const std::string& device_id, const std::string& time_ms, const std::string& sig_b64,
                    const std::string& method, const std::string& path, const std::string& body, int64_t now_ms,
                    bool allow_revoked = false);
json api_up(Db& db, const Device& d, const json& req, int64_t now_ms);
json api_down(Db& db, const Device& d, const json& req, int64_t now_ms);
// POST /v1/hello: the doctor's probe. Reads only: the device's standing, the gateway's time and epoch.
json api_hello(Db& db, const Device& d, const json& req, int64_t now_ms);
// POST /v1/leave: a decommissioned device revokes its own key (audited). Idempotent: a revoked device asking
// again gets the same answer with "already": true.
json api_leave(Db& db, const Device& d, const json& req, int64_t now_ms);

// ---------------------------------------------------------------- worker API
json api_worker_session(Db& db, const json& req, int64_t now_ms);
int64_t worker_from_token(Db& db, const std::string& bearer, int64_t now_ms);
json api_worker_inbox(Db& db, int64_t worker_id, int64_t now_ms);
json api_worker_read(Db& db, int64_t worker_id, const json& req, int64_t now_ms);
// A worker opened a child's My Views response or "I'm interested" record (the caller has checked the worker may
// see the child): it is marked read once, and the device that sent it gets "delivered" (if it had not) and
// "read" receipts, so the kiosk can say "read by your worker". Returns false when it was already read.
bool mark_record_opened(Db& db, const std::string& record_id, int64_t now_ms);
json api_worker_send(Db& db, int64_t worker_id, const json& req, int64_t now_ms);

// Strict JSON: parses an object, refusing anything else (ApiError 400).
json parse_object(const std::string& body);

}  // namespace waymark::gateway

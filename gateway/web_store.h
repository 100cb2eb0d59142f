// gateway/web_store.h: storage for the YOT worker's web inbox and the security review (docs/web-inbox.md).
//
// Index
//  - schema          : migration 100 (web sessions, sign-in failures, password codes, security staff, view log)
//  - principals      : who signs in (a YOT worker or a member of the establishment's security staff)
//  - passwords       : one-time codes printed by the admin command; setting a password with a code
//  - sign-in         : Argon2id check, allowed email domains, lockout after repeated failures
//  - sessions        : random 256-bit tokens stored as SHA-256, idle and absolute expiry, a CSRF token each
//  - allocation      : which children a worker may see (an allowed contact row; see docs/web-inbox.md)
//  - child data      : conversation, My Views and enquiry records, meetings, each checked against allocation
//  - view log        : append-only record of who looked at which child's data
// Every function that writes opens its own BEGIN IMMEDIATE transaction; `now_ms` is passed in so tests
// control time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/storage/db.h"

namespace waymark::gateway {

// The SQL of gateway migration 100 (added to the list in store.cpp).
extern const char* const kWebSchemaSql;

// ---------------------------------------------------------------- limits (the defaults are the policy)
inline constexpr int kLockoutFailures = 5;                     // failures in a row before the lock
inline constexpr int64_t kLockoutMs = 15 * 60'000;             // how long the lock lasts
inline constexpr int64_t kSessionIdleMs = 30 * 60'000;         // a session ends after 30 min without use
inline constexpr int64_t kSessionMaxMs = 8 * 3600'000;         // and after 8 hours whatever happens
inline constexpr int64_t kPasswordCodeMs = 72 * 3600'000;      // a one-time code works for 72 hours
inline constexpr size_t kMinPasswordChars = 12;

// ---------------------------------------------------------------- principals
enum class PrincipalKind { Worker, Security };
const char* principal_kind_name(PrincipalKind k);  // "worker" or "security"

struct Principal {
  PrincipalKind kind = PrincipalKind::Worker;
  int64_t id = 0;
  std::string name, email, org_or_role;
  // "worker 3 (Sam Taylor)": how the audit and view log name this person.
  std::string label() const;
};
std::optional<Principal> principal_by_email(Db& db, const std::string& email);

// Security staff: their own accounts (not YOT workers), role "security". Returns the new id.
int64_t add_security_staff(Db& db, const std::string& name, const std::string& email, const std::string& actor,
                           int64_t now_ms);
std::vector<Principal> list_security_staff(Db& db);

// ---------------------------------------------------------------- allowed email domains
// Stored in meta "web_allowed_domains" (comma-separated, lower case). Empty: any domain.
std::vector<std::string> allowed_domains(Db& db);
void set_allowed_domains(Db& db, const std::vector<std::string>& domains, const std::string& actor, int64_t now_ms);
bool email_domain_allowed(Db& db, const std::string& email);

// ---------------------------------------------------------------- passwords
// A one-time code (12 characters from an unambiguous alphabet, 60 bits) for the account with that email,
// valid kPasswordCodeMs. Earlier unused codes for the same account stop working. Only its hash is kept.
// Throws std::invalid_argument (no such account, domain not allowed).
std::string issue_password_code(Db& db, const std::string& email, const std::string& actor, int64_t now_ms);
// Sets the password when the code is right for that email, unused and unexpired. Returns an empty string on
// success or plain words for the person at the browser. Ends every session of that account.
std::string set_password_with_code(Db& db, const std::string& email, const std::string& code,
                                   const std::string& password, int64_t now_ms);

// ---------------------------------------------------------------- sign-in
struct SignInResult {
  std::optional<Principal> who;  // set on success
  std::string error;             // plain words otherwise (never says whether the email exists)
  bool locked = false;
};
SignInResult web_sign_in(Db& db, const std::string& email, const std::string& password, int64_t now_ms);

// ---------------------------------------------------------------- sessions
struct WebSession {
  std::string token;  // only returned by create_session; never stored
  std::string csrf;
  Principal who;
  int64_t expires_at = 0;
};
WebSession create_session(Db& db, const Principal& who, int64_t now_ms);
// The session for a cookie token: valid, unexpired (idle and absolute), its account still active.
// Touches last_seen. std::nullopt otherwise.
std::optional<WebSession> session_from_token(Db& db, const std::string& token, int64_t now_ms);
void end_session(Db& db, const std::string& token, int64_t now_ms);

// ---------------------------------------------------------------- allocation
// A child is allocated to a worker when the contacts row (child, worker) has allowed = 1, and both the
// worker and the child are active. This is the same rule the device API uses for who a child may message.
bool child_allocated(Db& db, int64_t worker_id, const std::string& child);

struct ChildSummary {
  std::string number, first_name, release_date, release_la, wing, lang;
  std::string next_meeting_kind, next_meeting_date, next_meeting_time;  // empty when none is booked
  int unread = 0;
  int myviews = 0;
  int enquiries = 0;
};
std::vector<ChildSummary> allocated_children(Db& db, int64_t worker_id, const std::string& today);
std::optional<ChildSummary> allocated_child(Db& db, int64_t worker_id, const std::string& child,
                                            const std::string& today);

// ---------------------------------------------------------------- child data
struct ConversationItem {
  std::string id;
  bool from_child = false;
  std::string text;
  int64_t at_ms = 0;
  std::string state;  // from the child: "new" (not read yet) or "read"; to the child: "sent"
  std::string worker_name;
};
// Messages between this worker and the child, oldest first.
std::vector<ConversationItem> conversation(Db& db, int64_t worker_id, const std::string& child);
std::vector<std::string> unread_ids(Db& db, int64_t worker_id, const std::string& child);

struct ChildRecord {
  std::string id;
  int64_t received_ms = 0, created_s = 0;
  nlohmann::json body;  // parsed; an object (a body that does not parse is shown as {"text": raw})
};
// Accepted records of a kind ("myviews" or "enquiry") for the child, newest first.
std::vector<ChildRecord> child_records(Db& db, const std::string& child, const std::string& kind);
std::optional<ChildRecord> child_record(Db& db, const std::string& child, const std::string& kind,
                                        const std::string& id);

struct WebMeeting {
  std::string id, child, kind, date, time, place, with_whom;
  bool cancelled = false;
};
std::vector<WebMeeting> child_meetings(Db& db, const std::string& child);
std::optional<WebMeeting> meeting_by_id(Db& db, const std::string& id);

// ---------------------------------------------------------------- view log
void log_view(Db& db, const Principal& who, const std::string& child, const std::string& what, int64_t now_ms);
struct ViewRow {
  int64_t at_ms = 0;
  std::string actor, child, what;
};
std::vector<ViewRow> views_of_child(Db& db, const std::string& child, int limit);
std::vector<ViewRow> recent_views(Db& db, int limit);

// The establishment's whole roster (for the security review): number, first name, wing.
struct RosterRow {
  std::string number, first_name, wing;
};
std::vector<RosterRow> roster(Db& db);

}  // namespace waymark::gateway

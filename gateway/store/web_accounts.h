// gateway/store/web_accounts.h: who signs in to the web inbox and the security review, and how
// (docs/web-inbox.md).
//
// Index
//  - limits     : session and code lifetimes (the defaults are the policy)
//  - principals : a YOT worker, a member of the establishment's security staff, a management-board member
//                 (figures only: board_accounts.h), or one establishment's IT (it_accounts.h)
//  - accounts   : adding a security, board or IT account: one function for the three
//  - domains    : the email domains allowed to sign in
//  - passwords  : one-time codes printed by the admin command; setting a password with a code
//  - sessions   : random 256-bit tokens stored as SHA-256, idle and absolute expiry, a CSRF token each; a
//                 browser's cookie or an API client's bearer token
// Signing in itself, with its throttles, is sign_in.h. Every function that writes opens its own BEGIN
// IMMEDIATE transaction; account changes and sign-outs are audited. `now_ms` is passed in so tests control time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/storage/db.h"

namespace waymark::gateway {

// ---------------------------------------------------------------- limits (the defaults are the policy)
inline constexpr int64_t kSessionIdleMs = 30 * 60'000;         // a session ends after 30 min without use
inline constexpr int64_t kSessionMaxMs = 8 * 3600'000;         // and after 8 hours whatever happens
inline constexpr int64_t kPasswordCodeMs = 72 * 3600'000;      // a one-time code works for 72 hours
inline constexpr size_t kMinPasswordChars = 12;

// ---------------------------------------------------------------- principals
enum class PrincipalKind { Worker, Security, Board, It };
const char* principal_kind_name(PrincipalKind k);  // "worker", "security", "board" or "it"
std::optional<PrincipalKind> principal_kind_from(const std::string& name);
// The table that holds each kind's accounts (id, name, email, password_hash, active) and what shows as its
// third column (org, role, scope, or an IT account's establishment code, read through its establishment_id):
// constants, so SQL built from them never holds a value.
const char* accounts_table(PrincipalKind k);
const char* accounts_detail_column(PrincipalKind k);

struct Principal {
  PrincipalKind kind = PrincipalKind::Worker;
  int64_t id = 0;
  std::string name, email, org_or_role;  // a board member's: the scope ("all", "yot:Leeds YOT", ...); IT's: "BRK"
  // "worker 3 (Sam Taylor)": how the audit and view log name this person.
  std::string label() const;
};
std::optional<Principal> principal_by_email(Db& db, const std::string& email);
// An email address as accounts are looked up and counted: trimmed, lower case.
std::string normal_email(const std::string& email);

// ---------------------------------------------------------------- accounts
// Adds a security, board or IT account (workers are admin.h's): checks the name and email, refuses an email
// any account already has, and audits KIND.add with "ID EMAIL NOTE". `column` is the kind's one column besides
// name and email (a constant: establishment_id or scope) and `value` what goes in it. Returns the new id.
struct AccountColumn {
  const char* column;
  std::variant<int64_t, std::string> value;
};
int64_t add_account(Db& db, PrincipalKind kind, const std::string& name, const std::string& email, const AccountColumn& extra,
                    const std::string& note, const std::string& actor, int64_t now_ms);

// Security staff: their own accounts (not YOT workers), role "security", each reviewing one establishment's
// children (a code; empty: the first establishment, the one `init` named). Returns the new id.
int64_t add_security_staff(Db& db, const std::string& name, const std::string& email, const std::string& actor,
                           int64_t now_ms, const std::string& establishment = {});
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
// success or plain words for the person at the browser. Ends every session and token of that account and
// clears its failed sign-ins. Wrong codes are counted per address (`address`, the TCP peer; refusals.h) and
// past kPasswordCodeRefusalsPerWindow refused before any check.
std::string set_password_with_code(Db& db, const std::string& email, const std::string& code,
                                   const std::string& password, const std::string& address, int64_t now_ms);

// ---------------------------------------------------------------- sessions
// How the token travels: a browser's cookie, or an API client's bearer token (/v1/worker/...). A token only
// works the way it was given out; both kinds follow the same expiry and end the same ways.
enum class SessionVia { Cookie, Bearer };

struct WebSession {
  std::string token;  // only returned by create_session; never stored
  std::string csrf;
  Principal who;
  int64_t expires_at = 0;
};
WebSession create_session(Db& db, const Principal& who, int64_t now_ms, SessionVia via = SessionVia::Cookie);
// The session for a token: given out `via` this way, unexpired (idle and absolute), its account still active.
// Touches last_seen. std::nullopt otherwise.
std::optional<WebSession> session_from_token(Db& db, const std::string& token, int64_t now_ms,
                                             SessionVia via = SessionVia::Cookie);
// Sign-out: the session ends on the server (audited). Returns false when there was no such session.
bool end_session(Db& db, const std::string& token, int64_t now_ms, SessionVia via = SessionVia::Cookie);

}  // namespace waymark::gateway

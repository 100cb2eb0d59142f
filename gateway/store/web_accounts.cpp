#include "gateway/store/web_accounts.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "core/base/secrets.h"
#include "core/base/text.h"
#include "core/sync/sync_proto.h"
#include "gateway/store/audit.h"
#include "gateway/store/establishments.h"
#include "gateway/store/checks.h"
#include "gateway/store/codes.h"
#include "gateway/store/database.h"
#include "gateway/store/refusals.h"

namespace waymark::gateway {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string normalise_code(const std::string& code) {
  std::string out;
  for (char c : code) {
    if (c == '-' || c == ' ') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

Principal read_principal(Stmt& s, PrincipalKind k) {
  Principal p;
  p.kind = k;
  p.id = s.i64(0);
  p.name = s.text(1);
  p.email = s.text(2);
  p.org_or_role = s.text(3);
  return p;
}

std::optional<Principal> principal_by_id(Db& db, PrincipalKind k, int64_t id) {
  Stmt s(db, std::string("SELECT id, name, email, ") + accounts_detail_column(k) + " FROM " + accounts_table(k) +
                 " WHERE id = :id AND active = 1");
  s.bind(":id", id);
  if (!s.step()) return std::nullopt;
  return read_principal(s, k);
}

}  // namespace

// ================================================================= principals
namespace {
// Each kind of account: its name in sessions, codes and the audit log, its table and that table's third column.
struct KindInfo {
  PrincipalKind kind;
  const char* name;
  const char* table;
  const char* detail;
};
constexpr KindInfo kKinds[] = {{PrincipalKind::Worker, "worker", "workers", "org"},
                               {PrincipalKind::Security, "security", "security_staff", "role"},
                               {PrincipalKind::Board, "board", "board_members", "scope"},
                               {PrincipalKind::It, "it", "it_accounts",
                                "(SELECT e.code FROM establishments e WHERE e.id = it_accounts.establishment_id)"}};
const KindInfo& info(PrincipalKind k) {
  for (const KindInfo& i : kKinds)
    if (i.kind == k) return i;
  return kKinds[0];
}
}  // namespace

const char* principal_kind_name(PrincipalKind k) { return info(k).name; }
const char* accounts_table(PrincipalKind k) { return info(k).table; }
const char* accounts_detail_column(PrincipalKind k) { return info(k).detail; }

std::optional<PrincipalKind> principal_kind_from(const std::string& name) {
  for (const KindInfo& i : kKinds)
    if (name == i.name) return i.kind;
  return std::nullopt;
}

std::string Principal::label() const {
  return std::string(principal_kind_name(kind)) + " " + std::to_string(id) + " (" + name + ")";
}

std::string normal_email(const std::string& email) { return lower(trim(email)); }

// Every kind's table is asked every time, even after a match: sign-in looks an address up before anything else,
// and stopping at the first table made an unknown address (four lookups) slower than a worker's (one), which on
// PostgreSQL, a round trip each, told a guesser whether an address has an account.
std::optional<Principal> principal_by_email(Db& db, const std::string& email) {
  std::optional<Principal> found;
  for (const KindInfo& k : kKinds) {
    Stmt s(db, std::string("SELECT id, name, email, ") + k.detail + " FROM " + k.table + " WHERE lower(email) = lower(:e)");
    s.bind(":e", email);
    if (s.step() && !found) found = read_principal(s, k.kind);
  }
  return found;
}

void refuse_email_in_use(Db& db, const std::string& email) {
  const auto p = principal_by_email(db, email);
  if (!p) return;
  const char* kind = "a YOT worker";
  switch (p->kind) {
    case PrincipalKind::Worker: break;
    case PrincipalKind::Security: kind = "a security staff account"; break;
    case PrincipalKind::Board: kind = "a board member"; break;
    case PrincipalKind::It: kind = "an establishment IT account"; break;
  }
  throw std::invalid_argument(std::string("the email ") + p->email + " is already used by " + kind + " (" + p->name +
                              "): one email, one account");
}

int64_t add_account(Db& db, PrincipalKind kind, const std::string& name, const std::string& email, const AccountColumn& extra,
                    const std::string& note, const std::string& actor, int64_t now_ms) {
  check_person(name, email);
  Txn t(db);
  refuse_email_in_use(db, email);
  Stmt s(db, std::string("INSERT INTO ") + accounts_table(kind) + "(name, email, " + extra.column +
                 ") VALUES(:n, :e, :x) RETURNING id");
  s.bind(":n", name).bind(":e", email);
  std::visit([&s](const auto& v) { s.bind(":x", v); }, extra.value);
  s.step();
  const int64_t id = s.i64(0);
  s.reset();  // the INSERT is done at the first step; SQLite refuses a COMMIT while it is still open
  audit(db, now_ms, actor, std::string(principal_kind_name(kind)) + ".add", std::to_string(id) + " " + email + " " + note);
  t.commit();
  return id;
}

int64_t add_security_staff(Db& db, const std::string& name, const std::string& email, const std::string& actor,
                           int64_t now_ms, const std::string& establishment) {
  const auto est = establishment.empty() ? establishment_by_id(db, 1) : establishment_by_code(db, establishment);
  if (!est) throw std::invalid_argument("there is no establishment " + establishment);
  return add_account(db, PrincipalKind::Security, name, email, {"establishment_id", est->id}, "(" + est->code + ")", actor, now_ms);
}

std::vector<Principal> list_security_staff(Db& db) {
  std::vector<Principal> out;
  Stmt s(db, "SELECT id, name, email, role FROM security_staff WHERE active = 1 ORDER BY id");
  while (s.step()) out.push_back(read_principal(s, PrincipalKind::Security));
  return out;
}

// ================================================================= allowed domains
std::vector<std::string> allowed_domains(Db& db) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : gateway_meta(db, "web_allowed_domains") + ",") {
    if (c == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  return out;
}

void set_allowed_domains(Db& db, const std::vector<std::string>& domains, const std::string& actor, int64_t now_ms) {
  std::string joined;
  for (const std::string& raw : domains) {
    const std::string d = lower(trim(raw));
    if (d.empty()) continue;
    if (d.size() > 120 || d.find('.') == std::string::npos ||
        !std::all_of(d.begin(), d.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-'; }))
      throw std::invalid_argument("\"" + raw + "\" is not a domain name like leeds-yot.gov.uk");
    joined += (joined.empty() ? "" : ",") + d;
  }
  Txn t(db);
  set_gateway_meta(db, "web_allowed_domains", joined);
  audit(db, now_ms, actor, "web.domains", joined.empty() ? "any domain" : joined);
  t.commit();
}

bool email_domain_allowed(Db& db, const std::string& email) {
  const auto list = allowed_domains(db);
  if (list.empty()) return true;
  const auto at = email.rfind('@');
  if (at == std::string::npos) return false;
  const std::string d = lower(email.substr(at + 1));
  return std::find(list.begin(), list.end(), d) != list.end();
}

// ================================================================= passwords
std::string issue_password_code(Db& db, const std::string& email, const std::string& actor, int64_t now_ms) {
  const std::string code = one_time_code();
  Txn t(db);
  const auto p = principal_by_email(db, email);
  if (!p) throw std::invalid_argument("there is no worker, security, board or IT account with the email " + email);
  if (!email_domain_allowed(db, p->email))
    throw std::invalid_argument("the email domain of " + p->email + " is not in the allowed list (see web-domains)");
  Stmt old(db, "UPDATE web_password_codes SET used_at = :now WHERE kind = :k AND principal = :p AND used_at IS NULL");
  old.bind(":now", now_ms).bind(":k", principal_kind_name(p->kind)).bind(":p", p->id).run();
  Stmt s(db,
         "INSERT INTO web_password_codes(code_hash, kind, principal, issued_at, expires_at) VALUES(:h, :k, :p, :now, :e)");
  s.bind(":h", sync::sha256_hex(normalise_code(code))).bind(":k", principal_kind_name(p->kind)).bind(":p", p->id);
  s.bind(":now", now_ms).bind(":e", now_ms + kPasswordCodeMs).run();
  audit(db, now_ms, actor, "web.password_code", p->label());
  t.commit();
  return code;
}

std::string set_password_with_code(Db& db, const std::string& email, const std::string& code,
                                   const std::string& password, const std::string& address, int64_t now_ms) {
  const std::string addr = address_key(address);
  const std::string too_many = "Too many wrong codes from your network. Try again in " +
                               std::to_string((seconds_to_next_window(now_ms) + 59) / 60) + " minutes.";
  if (refusals_now(db, "password_code", addr, now_ms) >= kPasswordCodeRefusalsPerWindow) return too_many;
  const size_t n = utf8_length(password);
  if (!utf8_valid(password) || n < kMinPasswordChars || n > 200)
    return "The new password must be at least 12 characters (a few words in a row work well).";
  const std::string hash = hash_secret(password);  // before the write lock: Argon2id is slow on purpose
  Txn t(db);
  if (refusals_now(db, "password_code", addr, now_ms) >= kPasswordCodeRefusalsPerWindow) return too_many;
  const auto p = principal_by_email(db, email);
  Stmt s(db,
         "SELECT principal FROM web_password_codes WHERE code_hash = :h AND kind = :k AND used_at IS NULL AND expires_at > :now");
  s.bind(":h", sync::sha256_hex(normalise_code(code))).bind(":k", p ? principal_kind_name(p->kind) : "worker").bind(":now", now_ms);
  if (!p || !s.step() || s.i64(0) != p->id) {
    count_refusal(db, "password_code", addr, "web.password_code_refused", normal_email(email).substr(0, 120), now_ms);
    t.commit();
    return "That code and email do not match, or the code was used or is too old. Ask for a new code.";
  }
  Stmt u(db, "UPDATE web_password_codes SET used_at = :now WHERE code_hash = :h");
  u.bind(":now", now_ms).bind(":h", sync::sha256_hex(normalise_code(code))).run();
  Stmt pw(db, std::string("UPDATE ") + accounts_table(p->kind) + " SET password_hash = :h WHERE id = :id");
  pw.bind(":h", hash).bind(":id", p->id).run();
  Stmt end(db, "DELETE FROM web_sessions WHERE kind = :k AND principal = :p");
  end.bind(":k", principal_kind_name(p->kind)).bind(":p", p->id).run();
  Stmt clr(db, "DELETE FROM sign_in_failures WHERE email = :e");
  clr.bind(":e", normal_email(p->email)).run();
  audit(db, now_ms, p->label(), "web.password_set", "");
  t.commit();
  return {};
}

// ================================================================= sessions
namespace {
const char* via_name(SessionVia v) { return v == SessionVia::Cookie ? "cookie" : "bearer"; }
}  // namespace

WebSession create_session(Db& db, const Principal& who, int64_t now_ms, SessionVia via) {
  WebSession s;
  s.token = random_url_token(32);
  s.csrf = random_url_token(32);
  s.who = who;
  s.expires_at = now_ms + kSessionMaxMs;
  Txn t(db);
  Stmt d(db, "DELETE FROM web_sessions WHERE expires_at <= :now OR last_seen <= :idle");
  d.bind(":now", now_ms).bind(":idle", now_ms - kSessionIdleMs).run();
  Stmt i(db,
         "INSERT INTO web_sessions(token_hash, kind, principal, csrf, created_at, last_seen, expires_at, via) "
         "VALUES(:h, :k, :p, :c, :now, :now, :e, :v)");
  i.bind(":h", sync::sha256_hex(s.token)).bind(":k", principal_kind_name(who.kind)).bind(":p", who.id);
  i.bind(":c", s.csrf).bind(":now", now_ms).bind(":e", s.expires_at).bind(":v", via_name(via)).run();
  t.commit();
  return s;
}

std::optional<WebSession> session_from_token(Db& db, const std::string& token, int64_t now_ms, SessionVia via) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  const std::string h = sync::sha256_hex(token);
  WebSession ws;
  PrincipalKind kind = PrincipalKind::Worker;
  int64_t pid = 0;
  {
    Stmt s(db, "SELECT kind, principal, csrf, expires_at, last_seen FROM web_sessions WHERE token_hash = :h AND via = :v");
    s.bind(":h", h).bind(":v", via_name(via));
    if (!s.step()) return std::nullopt;
    if (s.i64(3) <= now_ms || s.i64(4) + kSessionIdleMs <= now_ms) return std::nullopt;
    const auto k = principal_kind_from(s.text(0));
    if (!k) return std::nullopt;
    kind = *k;
    pid = s.i64(1);
    ws.csrf = s.text(2);
    ws.expires_at = s.i64(3);
  }
  const auto p = principal_by_id(db, kind, pid);
  if (!p) return std::nullopt;
  ws.who = *p;
  Txn t(db);
  Stmt u(db, "UPDATE web_sessions SET last_seen = :now WHERE token_hash = :h");
  u.bind(":now", now_ms).bind(":h", h).run();
  t.commit();
  return ws;
}

bool end_session(Db& db, const std::string& token, int64_t now_ms, SessionVia via) {
  Txn t(db);
  Stmt s(db, "SELECT kind, principal FROM web_sessions WHERE token_hash = :h AND via = :v");
  s.bind(":h", sync::sha256_hex(token)).bind(":v", via_name(via));
  if (!s.step()) return false;
  const std::string actor = s.text(0) + " " + std::to_string(s.i64(1));
  Stmt d(db, "DELETE FROM web_sessions WHERE token_hash = :h");
  d.bind(":h", sync::sha256_hex(token)).run();
  audit(db, now_ms, actor, via == SessionVia::Cookie ? "web.sign_out" : "worker.sign_out", "");
  t.commit();
  return true;
}

}  // namespace waymark::gateway

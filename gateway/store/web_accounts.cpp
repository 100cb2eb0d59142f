#include "gateway/store/web_accounts.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <tuple>

#include "core/base/secrets.h"
#include "core/base/text.h"
#include "core/sync/sync_proto.h"
#include "gateway/store/audit.h"
#include "gateway/store/checks.h"
#include "gateway/store/codes.h"
#include "gateway/store/database.h"

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

// The stored hash and active flag of an account.
std::pair<std::string, bool> password_hash_of(Db& db, const Principal& p) {
  Stmt s(db, p.kind == PrincipalKind::Worker ? "SELECT password_hash, active FROM workers WHERE id = :id"
                                             : "SELECT password_hash, active FROM security_staff WHERE id = :id");
  s.bind(":id", p.id);
  if (!s.step()) return {"", false};
  return {s.text(0), s.i64(1) != 0};
}

std::optional<Principal> principal_by_id(Db& db, PrincipalKind k, int64_t id) {
  Stmt s(db, k == PrincipalKind::Worker
                 ? "SELECT id, name, email, org FROM workers WHERE id = :id AND active = 1"
                 : "SELECT id, name, email, role FROM security_staff WHERE id = :id AND active = 1");
  s.bind(":id", id);
  if (!s.step()) return std::nullopt;
  return read_principal(s, k);
}

}  // namespace

// ================================================================= principals
const char* principal_kind_name(PrincipalKind k) { return k == PrincipalKind::Worker ? "worker" : "security"; }

std::string Principal::label() const {
  return std::string(principal_kind_name(kind)) + " " + std::to_string(id) + " (" + name + ")";
}

std::optional<Principal> principal_by_email(Db& db, const std::string& email) {
  {
    Stmt s(db, "SELECT id, name, email, org FROM workers WHERE lower(email) = lower(:e)");
    s.bind(":e", email);
    if (s.step()) return read_principal(s, PrincipalKind::Worker);
  }
  Stmt s(db, "SELECT id, name, email, role FROM security_staff WHERE lower(email) = lower(:e)");
  s.bind(":e", email);
  if (s.step()) return read_principal(s, PrincipalKind::Security);
  return std::nullopt;
}

int64_t add_security_staff(Db& db, const std::string& name, const std::string& email, const std::string& actor,
                           int64_t now_ms) {
  check_person(name, email);
  Txn t(db);
  if (principal_by_email(db, email)) throw std::invalid_argument("an account with that email already exists");
  Stmt s(db, "INSERT INTO security_staff(name, email) VALUES(:n, :e)");
  s.bind(":n", name).bind(":e", email).run();
  const int64_t id = db.last_insert_rowid();
  audit(db, now_ms, actor, "security.add", std::to_string(id) + " " + email);
  t.commit();
  return id;
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
  if (!p) throw std::invalid_argument("there is no worker or security account with the email " + email);
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
                                   const std::string& password, int64_t now_ms) {
  const size_t n = utf8_length(password);
  if (!utf8_valid(password) || n < kMinPasswordChars || n > 200)
    return "The new password must be at least 12 characters (a few words in a row work well).";
  const std::string hash = hash_secret(password);  // before the write lock: Argon2id is slow on purpose
  Txn t(db);
  const auto p = principal_by_email(db, email);
  Stmt s(db,
         "SELECT principal FROM web_password_codes WHERE code_hash = :h AND kind = :k AND used_at IS NULL AND expires_at > :now");
  s.bind(":h", sync::sha256_hex(normalise_code(code))).bind(":k", p ? principal_kind_name(p->kind) : "worker").bind(":now", now_ms);
  if (!p || !s.step() || s.i64(0) != p->id) {
    audit(db, now_ms, "web", "web.password_code_refused", lower(email));
    t.commit();
    return "That code and email do not match, or the code was used or is too old. Ask for a new code.";
  }
  Stmt u(db, "UPDATE web_password_codes SET used_at = :now WHERE code_hash = :h");
  u.bind(":now", now_ms).bind(":h", sync::sha256_hex(normalise_code(code))).run();
  Stmt pw(db, p->kind == PrincipalKind::Worker ? "UPDATE workers SET password_hash = :h WHERE id = :id"
                                               : "UPDATE security_staff SET password_hash = :h WHERE id = :id");
  pw.bind(":h", hash).bind(":id", p->id).run();
  Stmt end(db, "DELETE FROM web_sessions WHERE kind = :k AND principal = :p");
  end.bind(":k", principal_kind_name(p->kind)).bind(":p", p->id).run();
  Stmt clr(db, "DELETE FROM web_login_failures WHERE email = :e");
  clr.bind(":e", lower(p->email)).run();
  audit(db, now_ms, p->label(), "web.password_set", "");
  t.commit();
  return {};
}

// ================================================================= sign-in
SignInResult web_sign_in(Db& db, const std::string& email_in, const std::string& password, int64_t now_ms) {
  SignInResult r;
  const std::string email = lower(trim(email_in));
  const std::string kLocked =
      "Too many tries. This account is locked for 15 minutes. If you have forgotten your password, ask the establishment for a new code.";
  if (email.empty() || email.size() > 120 || password.empty() || password.size() > 1024) {
    r.error = "Enter your email address and password.";
    return r;
  }
  {
    Stmt s(db, "SELECT locked_until FROM web_login_failures WHERE email = :e");
    s.bind(":e", email);
    if (s.step() && s.i64(0) > now_ms) {
      r.error = kLocked;
      r.locked = true;
      return r;
    }
  }
  const auto p = principal_by_email(db, email);
  std::string hash;
  bool active = false;
  if (p) std::tie(hash, active) = password_hash_of(db, *p);
  // Verify even when there is no account (or no password yet) so the time taken tells nothing.
  static const std::string kDummy = hash_secret("not-a-password-at-all");
  const bool ok = verify_secret(hash.empty() ? kDummy : hash, password) && p && active && !hash.empty() &&
                  email_domain_allowed(db, email);
  Txn t(db);
  if (!ok) {
    Stmt f(db,
           "INSERT INTO web_login_failures(email, failures, locked_until, last_at) VALUES(:e, 1, 0, :now) "
           "ON CONFLICT(email) DO UPDATE SET failures = CASE WHEN locked_until > 0 AND locked_until <= :now THEN 1 "
           "ELSE failures + 1 END, locked_until = CASE WHEN locked_until > 0 AND locked_until <= :now THEN 0 "
           "ELSE locked_until END, last_at = :now");
    f.bind(":e", email).bind(":now", now_ms).run();
    Stmt c(db, "SELECT failures FROM web_login_failures WHERE email = :e");
    c.bind(":e", email);
    c.step();
    const int64_t failures = c.i64(0);
    if (failures >= kLockoutFailures) {
      Stmt l(db, "UPDATE web_login_failures SET locked_until = :u WHERE email = :e");
      l.bind(":u", now_ms + kLockoutMs).bind(":e", email).run();
      audit(db, now_ms, "web", "web.locked", email + " after " + std::to_string(failures) + " failures");
      r.error = kLocked;
      r.locked = true;
    } else {
      audit(db, now_ms, "web", "web.sign_in_failed", email);
      r.error = "That email and password do not match.";
    }
    t.commit();
    return r;
  }
  Stmt clr(db, "DELETE FROM web_login_failures WHERE email = :e");
  clr.bind(":e", email).run();
  audit(db, now_ms, p->label(), "web.sign_in", "");
  t.commit();
  r.who = p;
  return r;
}

// ================================================================= sessions
WebSession create_session(Db& db, const Principal& who, int64_t now_ms) {
  WebSession s;
  s.token = random_url_token(32);
  s.csrf = random_url_token(32);
  s.who = who;
  s.expires_at = now_ms + kSessionMaxMs;
  Txn t(db);
  Stmt d(db, "DELETE FROM web_sessions WHERE expires_at <= :now OR last_seen <= :idle");
  d.bind(":now", now_ms).bind(":idle", now_ms - kSessionIdleMs).run();
  Stmt i(db,
         "INSERT INTO web_sessions(token_hash, kind, principal, csrf, created_at, last_seen, expires_at) "
         "VALUES(:h, :k, :p, :c, :now, :now, :e)");
  i.bind(":h", sync::sha256_hex(s.token)).bind(":k", principal_kind_name(who.kind)).bind(":p", who.id);
  i.bind(":c", s.csrf).bind(":now", now_ms).bind(":e", s.expires_at).run();
  t.commit();
  return s;
}

std::optional<WebSession> session_from_token(Db& db, const std::string& token, int64_t now_ms) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  const std::string h = sync::sha256_hex(token);
  WebSession ws;
  PrincipalKind kind;
  int64_t pid = 0;
  {
    Stmt s(db, "SELECT kind, principal, csrf, expires_at, last_seen FROM web_sessions WHERE token_hash = :h");
    s.bind(":h", h);
    if (!s.step()) return std::nullopt;
    if (s.i64(3) <= now_ms || s.i64(4) + kSessionIdleMs <= now_ms) return std::nullopt;
    kind = s.text(0) == "worker" ? PrincipalKind::Worker : PrincipalKind::Security;
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

void end_session(Db& db, const std::string& token, int64_t now_ms) {
  Txn t(db);
  Stmt s(db, "SELECT kind, principal FROM web_sessions WHERE token_hash = :h");
  s.bind(":h", sync::sha256_hex(token));
  if (s.step()) {
    const std::string actor = s.text(0) + " " + std::to_string(s.i64(1));
    Stmt d(db, "DELETE FROM web_sessions WHERE token_hash = :h");
    d.bind(":h", sync::sha256_hex(token)).run();
    audit(db, now_ms, actor, "web.sign_out", "");
  }
  t.commit();
}

}  // namespace waymark::gateway

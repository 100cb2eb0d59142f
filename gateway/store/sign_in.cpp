#include "gateway/store/sign_in.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "core/base/secrets.h"
#include "gateway/store/audit.h"
#include "gateway/store/refusals.h"

namespace waymark::gateway {

namespace {

const char* const kScope = "sign_in";  // one count per address for every sign-in route

// Argon2id with the same parameters as every stored hash, made once. Every sign-in asks for it first, so the
// one-off cost of making it falls on whichever try comes first, known address or not.
const std::string& dummy_hash() {
  static const std::string h = hash_secret("not-a-password-at-all");
  return h;
}

// The stored hash and active flag of an account ("" when it has no password yet).
std::pair<std::string, bool> password_hash_of(Db& db, const Principal& p) {
  Stmt s(db, std::string("SELECT password_hash, active FROM ") + accounts_table(p.kind) + " WHERE id = :id");
  s.bind(":id", p.id);
  if (!s.step()) return {"", false};
  return {s.text(0), s.i64(1) != 0};
}

bool address_known(Db& db, const Principal& p, const std::string& addr, int64_t now_ms) {
  Stmt s(db, "SELECT 1 FROM sign_in_addresses WHERE kind = :k AND principal = :p AND addr = :a AND last_at > :since");
  s.bind(":k", principal_kind_name(p.kind)).bind(":p", p.id).bind(":a", addr).bind(":since", now_ms - kKnownAddressMs);
  return s.step();
}

// Inside the caller's transaction.
void remember_address(Db& db, const Principal& p, const std::string& addr, int64_t now_ms) {
  Stmt d(db, "DELETE FROM sign_in_addresses WHERE kind = :k AND principal = :p AND last_at <= :since");
  d.bind(":k", principal_kind_name(p.kind)).bind(":p", p.id).bind(":since", now_ms - kKnownAddressMs).run();
  Stmt s(db,
         "INSERT INTO sign_in_addresses(kind, principal, addr, last_at) VALUES(:k, :p, :a, :now) "
         "ON CONFLICT(kind, principal, addr) DO UPDATE SET last_at = excluded.last_at");
  s.bind(":k", principal_kind_name(p.kind)).bind(":p", p.id).bind(":a", addr).bind(":now", now_ms).run();
}

std::string wait_words(int64_t seconds) {
  if (seconds < 120) return std::to_string(std::max<int64_t>(seconds, 1)) + " seconds";
  return std::to_string((seconds + 59) / 60) + " minutes";
}

SignInResult throttled(int64_t seconds, const std::string& why) {
  SignInResult r;
  r.status = 429;
  r.retry_after_s = std::max<int64_t>(seconds, 1);
  r.error = why + " Try again in " + wait_words(r.retry_after_s) +
            ". If you have forgotten your password, ask the establishment for a new one-time code.";
  return r;
}

// The failures counted for (email, known), 0 when a day has passed since the last one.
std::pair<int64_t, int64_t> failures_of(Db& db, const std::string& email, bool known, int64_t now_ms) {
  Stmt s(db, "SELECT failures, last_at FROM sign_in_failures WHERE email = :e AND known = :k");
  s.bind(":e", email).bind(":k", known ? 1 : 0);
  if (!s.step() || s.i64(1) <= now_ms - kFailureMemoryMs) return {0, 0};
  return {s.i64(0), s.i64(1)};
}

// Inside the caller's transaction: counts a failure before the check. Returns the count with it.
int64_t count_failure(Db& db, const std::string& email, bool known, int64_t failures_before, int64_t now_ms) {
  if (failures_before == 0) {  // a first failure: forgotten rows go now, so the table stays small
    Stmt d(db, "DELETE FROM sign_in_failures WHERE last_at <= :old");
    d.bind(":old", now_ms - kFailureMemoryMs).run();
  }
  Stmt s(db,
         "INSERT INTO sign_in_failures(email, known, failures, last_at) VALUES(:e, :k, :f, :now) "
         "ON CONFLICT(email, known) DO UPDATE SET failures = excluded.failures, last_at = excluded.last_at");
  s.bind(":e", email).bind(":k", known ? 1 : 0).bind(":f", failures_before + 1).bind(":now", now_ms).run();
  return failures_before + 1;
}

}  // namespace

int64_t sign_in_delay_ms(int64_t failures) {
  if (failures < kFreeFailures) return 0;
  const int64_t doublings = std::min<int64_t>(failures - kFreeFailures, 8);
  return std::min(kFirstDelayMs << doublings, kMaxDelayMs);
}

SignInResult sign_in(Db& db, const SignInAttempt& a, int64_t now_ms) {
  const std::string& dummy = dummy_hash();
  const std::string email = normal_email(a.email);
  if (email.empty() || email.size() > 120 || a.password.empty() || a.password.size() > 1024) {
    SignInResult r;
    r.error = "Enter your email address and password.";
    return r;
  }
  const std::string addr = address_key(a.address);
  const auto p = principal_by_email(db, email);
  const bool known = p && address_known(db, *p, addr, now_ms);

  // 1. Throttle, and count the try as a failure before it is checked, in one write transaction: parallel
  //    tries see each other's counts.
  int64_t failures = 0;
  {
    Txn t(db);
    if (refusals_now(db, kScope, addr, now_ms) >= kSignInRefusalsPerWindow)
      return throttled(seconds_to_next_window(now_ms), "Too many tries from your network.");  // nothing written
    const auto [before, last_at] = failures_of(db, email, known, now_ms);
    const int64_t wait_until = last_at + sign_in_delay_ms(before);
    if (before >= kFreeFailures && now_ms < wait_until) {
      count_refusal(db, kScope, addr, a.route + ".sign_in_refused", "throttled", now_ms);
      t.commit();
      return throttled((wait_until - now_ms + 999) / 1000, "Too many tries for this account.");
    }
    failures = count_failure(db, email, known, before, now_ms);
    reserve_refusal(db, kScope, addr, now_ms);
    t.commit();
  }

  // 2. Argon2id, outside the write lock (slow on purpose); the same work when there is no such account.
  std::string hash;
  bool active = false;
  if (p) std::tie(hash, active) = password_hash_of(db, *p);
  const bool ok = verify_secret(hash.empty() ? dummy : hash, a.password) && p && active && !hash.empty() &&
                  email_domain_allowed(db, email);

  // 3. Settle: a failure is already counted; a success takes its count back.
  Txn t(db);
  if (!ok) {
    audit_refusal_once(db, kScope, addr, a.route + ".sign_in_refused", "wrong email or password", now_ms);
    if (failures == kFreeFailures)
      audit(db, now_ms, "from " + addr, a.route + ".sign_in_throttled",
            email + ": " + std::to_string(failures) + " failures in a row, later tries are spaced out");
    t.commit();
    SignInResult r;
    r.error = "That email and password do not match.";
    return r;
  }
  Stmt clr(db, "DELETE FROM sign_in_failures WHERE email = :e AND known = :k");
  clr.bind(":e", email).bind(":k", known ? 1 : 0).run();
  uncount_refusal(db, kScope, addr, now_ms);
  remember_address(db, *p, addr, now_ms);
  audit(db, now_ms, p->label(), a.route + ".sign_in", "from " + addr);
  t.commit();
  SignInResult r;
  r.who = p;
  r.status = 200;
  return r;
}

}  // namespace waymark::gateway

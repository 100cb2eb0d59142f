#include "gateway/store/refusals.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstdio>

#include "gateway/store/audit.h"

namespace waymark::gateway {

namespace {
int64_t window_of(int64_t now_ms) { return now_ms - now_ms % kRefusalWindowMs; }
}  // namespace

std::string address_key(const std::string& remote_addr) {
  in6_addr a6{};
  if (inet_pton(AF_INET6, remote_addr.c_str(), &a6) != 1) return remote_addr.substr(0, 64);  // IPv4, or unknown
  const unsigned char* b = a6.s6_addr;
  static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  char out[64];
  if (std::equal(kMapped, kMapped + 12, b)) {
    std::snprintf(out, sizeof out, "%u.%u.%u.%u", b[12], b[13], b[14], b[15]);
  } else {
    std::snprintf(out, sizeof out, "%x:%x:%x:%x::/64", (b[0] << 8) | b[1], (b[2] << 8) | b[3], (b[4] << 8) | b[5],
                  (b[6] << 8) | b[7]);
  }
  return out;
}

int64_t refusals_now(Db& db, const std::string& scope, const std::string& addr_key, int64_t now_ms) {
  Stmt s(db, "SELECT count FROM refusals WHERE scope = :s AND addr = :a AND window_start = :w");
  s.bind(":s", scope).bind(":a", addr_key).bind(":w", window_of(now_ms));
  return s.step() ? s.i64(0) : 0;
}

int64_t seconds_to_next_window(int64_t now_ms) {
  return (window_of(now_ms) + kRefusalWindowMs - now_ms + 999) / 1000;
}

void reserve_refusal(Db& db, const std::string& scope, const std::string& addr_key, int64_t now_ms) {
  const int64_t w = window_of(now_ms);
  Stmt up(db, "UPDATE refusals SET count = count + 1 WHERE scope = :s AND addr = :a AND window_start = :w");
  up.bind(":s", scope).bind(":a", addr_key).bind(":w", w).run();
  if (db.changes() > 0) return;
  // A new window: the old ones go first, so the table holds a week at most.
  Stmt prune(db, "DELETE FROM refusals WHERE window_start < :old");
  prune.bind(":old", now_ms - kRefusalKeepMs).run();
  Stmt ins(db, "INSERT INTO refusals(scope, addr, window_start, count, audited) VALUES(:s, :a, :w, 1, 0)");
  ins.bind(":s", scope).bind(":a", addr_key).bind(":w", w).run();
}

void audit_refusal_once(Db& db, const std::string& scope, const std::string& addr_key, const std::string& action,
                        const std::string& detail, int64_t now_ms) {
  Stmt mark(db, "UPDATE refusals SET audited = 1 WHERE scope = :s AND addr = :a AND window_start = :w AND audited = 0");
  mark.bind(":s", scope).bind(":a", addr_key).bind(":w", window_of(now_ms)).run();
  if (db.changes() == 0) return;  // this window's audit row is written: the count says the rest
  audit(db, now_ms, "from " + addr_key, action,
        detail + (detail.empty() ? "" : "; ") + "later refusals from this address in the same 15 minutes are counted in `refusals`");
}

void count_refusal(Db& db, const std::string& scope, const std::string& addr_key, const std::string& action,
                   const std::string& detail, int64_t now_ms) {
  reserve_refusal(db, scope, addr_key, now_ms);
  audit_refusal_once(db, scope, addr_key, action, detail, now_ms);
}

void uncount_refusal(Db& db, const std::string& scope, const std::string& addr_key, int64_t now_ms) {
  Stmt s(db, "UPDATE refusals SET count = CASE WHEN count > 0 THEN count - 1 ELSE 0 END WHERE scope = :s AND addr = :a AND window_start = :w");
  s.bind(":s", scope).bind(":a", addr_key).bind(":w", window_of(now_ms)).run();
}

}  // namespace waymark::gateway

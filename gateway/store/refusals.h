// gateway/store/refusals.h: what a stranger can make the gateway write. Requests that come before any
// sign-in or enrolment (a wrong enrolment code, a wrong password, a wrong one-time password code) are counted
// per address and per 15-minute window in one row that is updated in place (`refusals`), capped before any
// other write, and audited once per address and window; windows older than a week are pruned. The state is in
// the database, so several nodes over one database share it. The limits are in docs/operating.md.
#pragma once

#include <cstdint>
#include <string>

#include "core/storage/db.h"

namespace waymark::gateway {

inline constexpr int64_t kRefusalWindowMs = 15 * 60'000;           // one window
inline constexpr int64_t kRefusalKeepMs = 7 * 24 * 3600'000;       // windows older than this are pruned
inline constexpr int64_t kEnrolRefusalsPerWindow = 10;             // wrong enrolment codes per address
inline constexpr int64_t kSignInRefusalsPerWindow = 20;            // wrong or throttled sign-ins per address
inline constexpr int64_t kPasswordCodeRefusalsPerWindow = 10;      // wrong one-time password codes per address

// The key an address is counted under: an IPv4 address as it is ("::ffff:a.b.c.d" as a.b.c.d), an IPv6
// address as its /64 ("2001:db8:1:2::/64"), since one household or host is given a whole /64.
std::string address_key(const std::string& remote_addr);

// The refusals counted for (scope, address) in the current window. Reads only.
int64_t refusals_now(Db& db, const std::string& scope, const std::string& addr_key, int64_t now_ms);
// Seconds until the current window ends (at least 1): when a capped address may try again.
int64_t seconds_to_next_window(int64_t now_ms);

// Inside the caller's transaction. Counts one refusal: the row of this window is updated in place (a new
// window prunes old ones). The first refusal of a window writes one audit row (`action`, the address and
// `detail`); later ones only raise the count.
void count_refusal(Db& db, const std::string& scope, const std::string& addr_key, const std::string& action,
                   const std::string& detail, int64_t now_ms);
// The two halves of count_refusal, for a try that is counted before it is checked (a sign-in, so parallel
// tries cannot pass the cap together): reserve_refusal counts it; then audit_refusal_once when it was wrong,
// or uncount_refusal when it was right.
void reserve_refusal(Db& db, const std::string& scope, const std::string& addr_key, int64_t now_ms);
void audit_refusal_once(Db& db, const std::string& scope, const std::string& addr_key, const std::string& action,
                        const std::string& detail, int64_t now_ms);
void uncount_refusal(Db& db, const std::string& scope, const std::string& addr_key, int64_t now_ms);

}  // namespace waymark::gateway

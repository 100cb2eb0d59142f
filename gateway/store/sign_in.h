// gateway/store/sign_in.h: the one sign-in of YOT workers, security staff, board members and establishment IT, with
// one set of rules, for every route that signs someone in (the web's POST /sign-in and POST /v1/worker/session).
// The rules, also in docs/web-inbox.md and docs/operating.md:
//  - allowed domains : an address outside web-domains never signs in, even with the right password
//  - same work       : Argon2id runs for every checked try, against a dummy hash for an unknown address or an
//                      account without a password, so neither the answer nor its time tells who exists
//  - per account     : failures are counted, before the check, in the same BEGIN IMMEDIATE transaction that
//                      reads them (parallel tries cannot slip past); after 3 a try must wait 5 minutes, then
//                      10, 20, 40, 60 (the cap), answered "try again in N" with no password check. An account is
//                      never hard-locked. Failures from the account's known addresses (where it signed in
//                      within 90 days) and from anywhere else are counted apart, so a stranger's guesses do
//                      not slow the worker down at their usual address. A success clears its own count.
//  - per address     : at most kSignInRefusalsPerWindow wrong or throttled tries per address (IPv6: /64) per
//                      15-minute window, across every account: past that, refused with no check and no write
//  - audit           : successes one row each; refusals one row per address and window with a count
//                      (refusals.h); the account's first throttled failure one row
// The caller makes the session (create_session in web_accounts.h): a cookie for the web, a bearer token for
// the API; both end on sign-out, after 30 idle minutes, at 8 hours, and when the password changes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/storage/db.h"
#include "gateway/store/web_accounts.h"

namespace waymark::gateway {

inline constexpr int kFreeFailures = 3;                        // failures in a row before tries are spaced out
inline constexpr int64_t kFirstDelayMs = 5 * 60'000;           // the wait after the 3rd; doubles each time
inline constexpr int64_t kMaxDelayMs = 60 * 60'000;            // and never more than this
inline constexpr int64_t kFailureMemoryMs = 24 * 3600'000;     // a day without failures forgets them
inline constexpr int64_t kKnownAddressMs = 90LL * 24 * 3600'000;  // an address is known this long after a sign-in

// How long a try must wait after `failures` failures in a row (0: it may go ahead now).
int64_t sign_in_delay_ms(int64_t failures);

struct SignInAttempt {
  std::string email, password;
  std::string address;  // the TCP peer, as the server saw it
  std::string route;    // "web" or "worker": the audit actions are ROUTE.sign_in and ROUTE.sign_in_throttled
};

struct SignInResult {
  std::optional<Principal> who;  // set on success
  std::string error;             // plain words otherwise (never says whether the email exists)
  int status = 401;              // 401 a wrong email or password (or domain), 429 throttled (see retry_after_s)
  int64_t retry_after_s = 0;     // when throttled
};
SignInResult sign_in(Db& db, const SignInAttempt& a, int64_t now_ms);

}  // namespace waymark::gateway

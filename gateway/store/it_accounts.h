// gateway/store/it_accounts.h: establishment IT's web accounts (issue 14, gateway migration 109). Each is bound to
// one establishment and, at /it (gateway/web/pages_it*.cpp), sees and changes only that establishment's devices,
// enrolment codes, roster and contacts, and transfers only its own children. An IT account signs in like
// everyone else (sign_in.h, web_accounts.h: one set of rules) and opens no other page.
//
// Index
//  - accounts : add (to an establishment on this gateway), list, the establishment an account looks after
//  - views    : what the IT pages list that the admin commands do not: enrolment codes waiting to be used
// Writers open their own BEGIN IMMEDIATE transaction and audit (it.add); refusals are std::invalid_argument.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/storage/db.h"
#include "gateway/store/establishments.h"

namespace waymark::gateway {

// ---------------------------------------------------------------- accounts
struct ItAccount {
  int64_t id = 0;
  std::string name, email;
  std::string establishment;  // its code, "BRK"
};
// `establishment` is a code (empty: the only establishment, else refused asking for one). Returns the new id.
int64_t add_it_account(Db& db, const std::string& name, const std::string& email, const std::string& establishment,
                       const std::string& actor, int64_t now_ms);
std::vector<ItAccount> list_it_accounts(Db& db);
// The establishment an active IT account looks after; std::nullopt for no such account.
std::optional<Establishment> it_establishment(Db& db, int64_t it_id);

// ---------------------------------------------------------------- views
struct PendingEnrolCode {
  std::string wing;
  int64_t issued_at = 0, expires_at = 0;  // unix ms
};
// One establishment's enrolment codes not used yet and not expired at `now_ms`, newest first (never the code:
// only its hash is kept).
std::vector<PendingEnrolCode> pending_enrol_codes(Db& db, int64_t establishment_id, int64_t now_ms);

}  // namespace waymark::gateway

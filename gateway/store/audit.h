// gateway/store/audit.h: the gateway's append-only audit log (the `audit` table: a trigger refuses updates
// and deletes). Every change of workers, children, contacts, meetings, devices, packs and web accounts, and
// every refusal worth a second look (a CSRF mismatch, a child not allocated), is written through audit().
#pragma once

#include <cstdint>
#include <string>

#include "core/storage/db.h"

namespace waymark::gateway {

// Runs inside the caller's transaction, so the entry commits or rolls back with the change it describes.
// `at` is stored in whole seconds.
void audit(Db& db, int64_t now_ms, const std::string& actor, const std::string& action, const std::string& detail);

}  // namespace waymark::gateway

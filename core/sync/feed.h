// core/sync/feed.h: applying the gateway's change feed on the kiosk (docs/sync-protocol.md, "POST /v1/down",
// the table of kinds): the roster (`child`), contacts, meetings, workers' messages, receipts and content pack
// offers, "My plan" (`plan`, `application`), a transferred child leaving (`child_left`, departures.h) and what a
// transferred child wrote on another establishment's kiosks (`history`, core/messaging/history.h). Every apply is an upsert by a stable key, so a page applied
// twice changes nothing; the caller applies a page and stores its cursor in one transaction. Unknown kinds and
// malformed changes are skipped (a newer gateway may send more), never allowed to stop the sync.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "core/accounts/pin_seal.h"
#include "core/storage/db.h"
#include "core/sync/round.h"

namespace waymark {

// Device migration 30 (contacts, inbox, receipts, synced_meetings, message_drafts), listed in core/storage/migrations.cpp.
extern const char* const kSyncMigration;

namespace sync {
// One change {"seq", "kind", "data"} of a /v1/down page; counts what it applied into rep. A roster child's PIN
// hash is kept only when the child can sign in here (active, on my_wing), sealed with `seal` when there is one.
void apply_change(Db& db, const nlohmann::json& change, const std::string& my_wing, int64_t now_s, SyncReport& rep,
                  const PinSeal* seal = nullptr);
}  // namespace sync

}  // namespace waymark

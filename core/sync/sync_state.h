// core/sync/sync_state.h: what sync keeps in the device's meta table between rounds (the keys are named in
// core/storage/meta_keys.h): the gateway's time as this device last heard it, and the last good round.
#pragma once

#include <cstdint>

#include "core/storage/db.h"

namespace waymark {

// Newest authenticated gateway time this device has seen (unix ms), 0 if none: the floor of the kiosk's clock.
int64_t gateway_time_floor(Db& db);
// The gateway's time at the last round whose feed was applied (unix ms), 0 if never.
int64_t last_sync_ms(Db& db);

namespace sync {
int64_t meta_i64(Db& db, const char* key);       // 0 when absent or not a number
void raise_gateway_time(Db& db, int64_t time_ms);  // keeps the newest (caller owns the transaction)
// A feed page was applied at gateway time time_ms (caller owns the transaction): the floor and "last sync".
void note_round_ok(Db& db, int64_t time_ms);
}  // namespace sync

}  // namespace waymark

#include "core/sync/sync_state.h"

#include <string>

#include "core/storage/device_store.h"
#include "core/storage/meta_keys.h"

namespace waymark {

namespace sync {

int64_t meta_i64(Db& db, const char* key) {
  try {
    return std::stoll(meta_get(db, key, "0"));
  } catch (const std::exception&) {
    return 0;
  }
}

void raise_gateway_time(Db& db, int64_t time_ms) {
  if (time_ms > meta_i64(db, kMetaGatewayTimeMs)) meta_set(db, kMetaGatewayTimeMs, std::to_string(time_ms));
}

void note_round_ok(Db& db, int64_t time_ms) {
  raise_gateway_time(db, time_ms);
  meta_set(db, kMetaLastSyncMs, std::to_string(time_ms));
}

}  // namespace sync

int64_t gateway_time_floor(Db& db) { return sync::meta_i64(db, kMetaGatewayTimeMs); }

int64_t last_sync_ms(Db& db) {
  if (const int64_t ms = sync::meta_i64(db, kMetaLastSyncMs); ms > 0) return ms;
  return sync::meta_i64(db, kMetaOldLastSyncAt) * 1000;  // a database from before the keys were merged
}

}  // namespace waymark

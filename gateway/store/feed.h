// gateway/store/feed.h: writing to the change feed devices read with /v1/down (the `changes` table,
// append-only; docs/sync-protocol.md). A change is scoped to a wing, to one device, or (neither) to every
// device. Each function runs inside the caller's transaction, with the change it announces.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/storage/db.h"

namespace waymark::gateway {

void emit(Db& db, const std::optional<std::string>& wing, const std::optional<std::string>& device,
          const std::string& kind, const nlohmann::json& payload);
// A "delivered" or "read" receipt for one record, to the device that sent it.
void emit_receipt(Db& db, const std::string& record_id, const std::string& device_id, const std::string& state,
                  int64_t now_ms);
// The contact row (child, worker) as it stands now, to the child's wing. Nothing when there is no such row.
void emit_contact(Db& db, const std::string& child, int64_t worker_id);

}  // namespace waymark::gateway

// gateway/store/feed.h: writing to the change feed devices read with /v1/down (the `changes` table,
// append-only; docs/sync-protocol.md). A change is scoped to a wing, to one device, or (neither) to every
// device. A wing is one establishment's (WingRef). Each function runs inside the caller's transaction, with the change it announces.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/storage/db.h"

namespace waymark::gateway {

// A wing of one establishment (gateway/store/establishments.h): two establishments may both have an Oak wing.
struct WingRef {
  int64_t establishment = 1;
  std::string name;
  bool operator==(const WingRef&) const = default;
};

void emit(Db& db, const std::optional<WingRef>& wing, const std::optional<std::string>& device,
          const std::string& kind, const nlohmann::json& payload);
// A "delivered" or "read" receipt for one record, to the device that sent it (and, for a child who was
// transferred, the record with its new state to their wing: child_history.h).
void emit_receipt(Db& db, const std::string& record_id, const std::string& device_id, const std::string& state,
                  int64_t now_ms);
// The contact row (child, worker) as it stands now, to the child's wing. Nothing when there is no such row.
void emit_contact(Db& db, const std::string& child, int64_t worker_id);

}  // namespace waymark::gateway

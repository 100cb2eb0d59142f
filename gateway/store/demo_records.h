// gateway/store/demo_records.h: records as a kiosk would have sent them, for the demos (demo-seed): the demo
// children's own (Alex's "I'm interested", gateway/store/plan_demo.cpp) and the board report's year of
// fictional history (board_demo.cpp). They come from one revoked device, "demo history", on the first
// establishment's Oak wing, so nothing is ever sent back to a real kiosk for them. Inside the caller's
// transaction.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/storage/db.h"

namespace waymark::gateway {

// The "demo history" device's id, made (revoked, enrolled at 0) the first time it is asked for.
std::string demo_history_device(Db& db);

// An accepted record from `device` (its next sequence number), received at `received_ms`, for `worker` (a
// message's; 0 for none), delivered then and read or opened by the worker at `read_ms` (0: not yet). Returns
// its id.
std::string put_demo_record(Db& db, const std::string& device, const std::string& kind, const std::string& child,
                            const nlohmann::json& body, int64_t received_ms, int64_t worker, int64_t read_ms);

}  // namespace waymark::gateway

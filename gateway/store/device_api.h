// gateway/store/device_api.h: what a wing device may ask of the gateway (docs/sync-protocol.md). The server's
// /v1 routes (gateway/net/v1_routes.cpp) call these with the parsed request; refusals are ApiError.
//
// Index
//  - api_enrol     : POST /v1/enrol, a one-time code and the device's public key make an enrolled device
//  - authenticate  : the signed headers of every other request
//  - api_up        : POST /v1/up, outbox records in, receipts out (same id and body: the original receipt)
//  - api_down      : POST /v1/down, the change feed from a cursor, in the current epoch
//  - api_hello     : POST /v1/hello, the doctor's probe; reads only
//  - api_leave     : POST /v1/leave, a decommissioned device revokes its own key
// `now_ms` is passed in so tests control time.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/storage/db.h"
#include "core/storage/group_commit.h"

namespace waymark::gateway {

// `address` is the TCP peer: wrong codes are counted per address and, past kEnrolRefusalsPerWindow in 15
// minutes, refused (429) before the code is looked at (gateway/store/refusals.h).
nlohmann::json api_enrol(Db& db, const nlohmann::json& req, const std::string& address, int64_t now_ms);

struct Device {
  std::string id, wing;
  int64_t establishment = 1;  // the establishment the device was enrolled to (gateway/store/establishments.h)
  int64_t revoked_at = 0;  // non-zero only when authenticate(allow_revoked = true) let a revoked device through
};
// Checks the signed headers; throws ApiError 401 on any failure. A revoked device is refused unless
// allow_revoked (only /v1/leave, so a decommission that is run twice gets the same answer).
Device authenticate(Db& db, const std::string& device_id, const std::string& time_ms, const std::string& sig_b64,
                    const std::string& method, const std::string& path, const std::string& body, int64_t now_ms,
                    bool allow_revoked = false);

// With `together`, the records are stored in a write transaction shared with other requests' uploads (one
// durable commit for all: core/storage/group_commit.h); without, in one of its own.
nlohmann::json api_up(Db& db, const Device& d, const nlohmann::json& req, int64_t now_ms,
                      GroupCommit* together = nullptr);
nlohmann::json api_down(Db& db, const Device& d, const nlohmann::json& req, int64_t now_ms);
// Reads only: the device's standing, the gateway's time and epoch.
nlohmann::json api_hello(Db& db, const Device& d, const nlohmann::json& req, int64_t now_ms);
// Audited. Idempotent: a revoked device asking again gets the same answer with "already": true.
nlohmann::json api_leave(Db& db, const Device& d, const nlohmann::json& req, int64_t now_ms);

}  // namespace waymark::gateway

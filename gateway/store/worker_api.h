// gateway/store/worker_api.h: what a YOT worker may do through the gateway (/v1/worker/..., and the web
// inbox, which calls the same functions): sign in for a bearer token, read their inbox (which sends the
// child's kiosk "delivered"), mark messages read ("read"), and message a child they are a contact for.
// `now_ms` is passed in so tests control time; refusals are ApiError.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/storage/db.h"

namespace waymark::gateway {

nlohmann::json api_worker_session(Db& db, const nlohmann::json& req, int64_t now_ms);
// The worker a bearer token belongs to; ApiError 401 when it is unknown, expired or the worker inactive.
int64_t worker_from_token(Db& db, const std::string& bearer, int64_t now_ms);
nlohmann::json api_worker_inbox(Db& db, int64_t worker_id, int64_t now_ms);
nlohmann::json api_worker_read(Db& db, int64_t worker_id, const nlohmann::json& req, int64_t now_ms);
// A worker opened a child's My Views response or "I'm interested" record (the caller has checked the worker may
// see the child): it is marked read once, and the device that sent it gets "delivered" (if it had not) and
// "read" receipts, so the kiosk can say "read by your worker". Returns false when it was already read.
bool mark_record_opened(Db& db, const std::string& record_id, int64_t now_ms);
nlohmann::json api_worker_send(Db& db, int64_t worker_id, const nlohmann::json& req, int64_t now_ms);

}  // namespace waymark::gateway

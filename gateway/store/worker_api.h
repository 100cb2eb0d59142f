// gateway/store/worker_api.h: what a YOT worker may do through the gateway (/v1/worker/..., and the web
// inbox, which calls the same functions): sign in for a bearer token (the one sign-in of sign_in.h; the token
// is a session of web_accounts.h given out as a bearer token), sign out, read their inbox (messages, and answers to
// "My plan"; listing sends the child's kiosk "delivered"), mark them read ("read"), and message a child they are a
// contact for.
// `now_ms` is passed in so tests control time; refusals are ApiError.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/storage/db.h"

namespace waymark::gateway {

// `address` is the TCP peer (sign-ins are throttled per address). ApiError 401 bad_login, 429 too_many_tries,
// 403 for a security staff account.
nlohmann::json api_worker_session(Db& db, const nlohmann::json& req, const std::string& address, int64_t now_ms);
// The worker a bearer token belongs to; ApiError 401 when it is unknown, ended, expired (idle or absolute) or
// the worker inactive. Each use keeps it alive.
int64_t worker_from_token(Db& db, const std::string& bearer, int64_t now_ms);
// Ends the token on the server (audited worker.sign_out); ApiError 401 when it was not a live token.
nlohmann::json api_worker_sign_out(Db& db, const std::string& bearer, int64_t now_ms);
nlohmann::json api_worker_inbox(Db& db, int64_t worker_id, int64_t now_ms);
nlohmann::json api_worker_read(Db& db, int64_t worker_id, const nlohmann::json& req, int64_t now_ms);
// A worker opened a child's My Views response, "I'm interested" record or answer to the plan (the caller has checked the worker may
// see the child): it is marked read once, and the device that sent it gets "delivered" (if it had not) and
// "read" receipts, so the kiosk can say "read by your worker". Returns false when it was already read.
bool mark_record_opened(Db& db, const std::string& record_id, int64_t now_ms);
nlohmann::json api_worker_send(Db& db, int64_t worker_id, const nlohmann::json& req, int64_t now_ms);

}  // namespace waymark::gateway

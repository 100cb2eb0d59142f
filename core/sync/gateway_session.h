// core/sync/gateway_session.h: signed requests to the enrolled gateway (docs/sync-protocol.md, "Device
// identity and request authentication"), shared by the round (round.cpp) and the pack fetch (pack_fetch.cpp).
// Internal to core/sync. A "clock" refusal is answered once by signing again with the gateway's time.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/base/clock.h"
#include "core/sync/http_client.h"

namespace waymark::sync {

struct GatewaySession {
  HttpClient& http;  // the round's connection (round.h, SyncLink)
  std::string device_id, secret_key;
  int64_t skew_ms = 0;  // gateway time - our time, learnt from a "clock" refusal
  const Clock& clock;
};

struct Answer {
  bool ok = false;
  nlohmann::json body;     // the 200 answer, an object
  std::string error, code; // plain words; the gateway's error code when it refused
};

// A signed POST of a JSON body; the answer must be a JSON object.
Answer signed_post(GatewaySession& s, const std::string& path, const nlohmann::json& req);
// A signed GET (the pack download). The answer is raw bytes, so refusals are read here from their JSON.
HttpResult signed_get(GatewaySession& s, const std::string& path, const std::vector<std::string>& extra,
                      size_t max_bytes, std::string* refusal);

// Lenient reads of a gateway answer's fields: a missing or wrong-typed field gives the default.
int64_t jint(const nlohmann::json& j, const char* k, int64_t def = 0);
std::string jstr(const nlohmann::json& j, const char* k, size_t max_cp = 200);  // sanitized, at most max_cp code points
bool jbool(const nlohmann::json& j, const char* k);

}  // namespace waymark::sync

#include "core/sync/gateway_session.h"
#include "core/base/json_limits.h"

#include "core/base/text.h"
#include "core/sync/sync_proto.h"

namespace waymark::sync {

using nlohmann::json;

Answer signed_post(GatewaySession& s, const std::string& path, const json& req) {
  const std::string body = req.dump();
  Answer a;
  for (int attempt = 0; attempt < 2; attempt++) {
    const int64_t t = wall_now_ms() + s.skew_ms;
    const std::string sig = base64_encode(
        sign_detached(string_to_sign("POST", path, s.device_id, t, body), s.secret_key));
    HttpResult r = s.http.post(path, body,
                               {"X-Waymark-Device: " + s.device_id, "X-Waymark-Time: " + std::to_string(t),
                                "X-Waymark-Signature: " + sig});
    if (r.status == 0) {
      a.error = r.error;
      return a;
    }
    json j = parse_json_limited(r.body);
    if (j.is_discarded() || !j.is_object()) {
      a.error = "The gateway sent an answer that is not JSON (HTTP " + std::to_string(r.status) + ").";
      return a;
    }
    if (r.status == 200) {
      a.ok = true;
      a.body = std::move(j);
      return a;
    }
    a.code = j.value("error", "");
    a.error = "The gateway refused: " + j.value("message", "HTTP " + std::to_string(r.status));
    if (r.status == 401 && a.code == "clock" && attempt == 0 && j.contains("time_ms") && j["time_ms"].is_number_integer()) {
      s.skew_ms = j["time_ms"].get<int64_t>() - wall_now_ms();
      continue;
    }
    return a;
  }
  return a;
}

// A signed GET (the pack download). The answer is raw bytes, so refusals are read here from their JSON.
HttpResult signed_get(GatewaySession& s, const std::string& path, const std::vector<std::string>& extra, size_t max_bytes,
                      std::string* refusal) {
  HttpResult r;
  for (int attempt = 0; attempt < 2; attempt++) {
    const int64_t t = wall_now_ms() + s.skew_ms;
    const std::string sig =
        base64_encode(sign_detached(string_to_sign("GET", path, s.device_id, t, ""), s.secret_key));
    std::vector<std::string> headers = {"X-Waymark-Device: " + s.device_id, "X-Waymark-Time: " + std::to_string(t),
                                        "X-Waymark-Signature: " + sig};
    headers.insert(headers.end(), extra.begin(), extra.end());
    r = s.http.get(path, headers, max_bytes);
    if (r.status == 0 || r.status == 200 || r.status == 206) return r;
    json j = parse_json_limited(r.body);
    const std::string code = j.is_object() ? j.value("error", "") : "";
    if (refusal) *refusal = code;
    r.error = "The gateway refused: " +
              (j.is_object() ? j.value("message", "HTTP " + std::to_string(r.status)) : "HTTP " + std::to_string(r.status));
    if (r.status == 401 && code == "clock" && attempt == 0 && j.contains("time_ms") && j["time_ms"].is_number_integer()) {
      s.skew_ms = j["time_ms"].get<int64_t>() - wall_now_ms();
      continue;
    }
    return r;
  }
  return r;
}

int64_t jint(const json& j, const char* k, int64_t def) {
  auto it = j.find(k);
  return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : def;
}
std::string jstr(const json& j, const char* k, size_t max_cp) {
  auto it = j.find(k);
  if (it == j.end() || !it->is_string()) return {};
  return sanitize_text(it->get_ref<const std::string&>(), max_cp, false);
}
bool jbool(const json& j, const char* k) {
  auto it = j.find(k);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

}  // namespace waymark::sync

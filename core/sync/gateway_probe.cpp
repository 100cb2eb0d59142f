#include "core/sync/gateway_probe.h"
#include "core/base/clock.h"
#include "core/base/json_limits.h"

#include <curl/curl.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/storage/device_store.h"
#include "core/ops/provisioning.h"
#include "core/base/secrets.h"
#include "core/sync/device_key.h"
#include "core/sync/sync_proto.h"
#include "core/base/text.h"

namespace waymark {

using nlohmann::json;

namespace {

// The meta keys enrol_device (core/sync/enrol.cpp) writes, named in core/storage/meta_keys.h.
constexpr const char* kPinKey = kMetaSyncPin;


// Field readers that never throw on a wrong type (a confused or hostile answer is just "not the protocol's").
std::string jstr(const json& j, const char* k) {
  if (!j.is_object()) return {};
  auto it = j.find(k);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
bool jtrue(const json& j, const char* k) {
  if (!j.is_object()) return false;
  auto it = j.find(k);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

struct Settings {
  GatewayLink link = GatewayLink::Ok;
  std::string error, url, device_id, pin, secret_key;
  std::optional<GatewayAddress> addr;
};

Settings load_settings(Db& db, const PinSeal* seal) {
  Settings s;
  s.url = meta_get(db, kMetaGatewayUrl);
  s.device_id = meta_get(db, kMetaDeviceId);
  if (s.url.empty()) {
    s.link = GatewayLink::NotEnrolled;
    s.error = "This device is not enrolled with a gateway.";
    return s;
  }
  s.addr = parse_gateway_url(s.url);
  s.pin = meta_get(db, kPinKey);
  DeviceKeyRead key = read_device_key(db, seal);
  s.secret_key = std::move(key.secret_key);
  if (key.state == DeviceKeyState::SealedNoPepper || key.state == DeviceKeyState::OtherPepper) {
    s.link = GatewayLink::KeySealed;
    s.error = key.error;
  } else if (!s.addr || !valid_pin_string(s.pin) || !sync::is_hex_id(s.device_id) || s.secret_key.empty()) {
    s.link = GatewayLink::BadSettings;
    s.error = "The gateway settings stored on this device are incomplete or damaged (address, pinned key or device key).";
  }
  if (s.link != GatewayLink::Ok) wipe(s.secret_key);
  return s;
}

GatewayLink transport_link(const HttpResult& r) {
  switch (static_cast<CURLcode>(r.transport_code)) {
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH: return GatewayLink::PinMismatch;
    case CURLE_OPERATION_TIMEDOUT: return GatewayLink::Timeout;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_USE_SSL_FAILED: return GatewayLink::Tls;
    default: return r.pin_mismatch ? GatewayLink::PinMismatch : GatewayLink::Unreachable;
  }
}

// One signed POST with the device's key; a "clock" refusal is retried once with the gateway's time, so a
// device whose clock is far out still learns where it stands (and the doctor can say how far out it is).
struct Signed {
  HttpResult http;
  json body;             // the answer's JSON object (or null)
  int64_t gateway_time_ms = 0, local_time_ms = 0, round_trip_ms = 0;
};

Signed signed_request(HttpClient& client, const Settings& s, const std::string& path, const json& req) {
  const std::string body = req.dump();
  Signed out;
  int64_t skew = 0;
  for (int attempt = 0; attempt < 2; attempt++) {
    const int64_t before = wall_now_ms();
    const int64_t t = before + skew;
    const std::string sig = sync::base64_encode(sync::sign_detached(sync::string_to_sign("POST", path, s.device_id, t, body), s.secret_key));
    out.http = client.post(path, body,
                           {"X-Waymark-Device: " + s.device_id, "X-Waymark-Time: " + std::to_string(t), "X-Waymark-Signature: " + sig});
    const int64_t after = wall_now_ms();
    out.body = json();
    if (out.http.status == 0) return out;
    json j = parse_json_limited(out.http.body);
    if (j.is_object()) out.body = std::move(j);
    auto it = out.body.is_object() ? out.body.find("time_ms") : out.body.end();
    if (out.body.is_object() && it != out.body.end() && it->is_number_integer()) {
      out.gateway_time_ms = it->get<int64_t>();
      out.local_time_ms = before + (after - before) / 2;
      out.round_trip_ms = after - before;
    }
    if (out.http.status == 401 && out.body.is_object() && jstr(out.body, "error") == "clock" && attempt == 0 &&
        out.gateway_time_ms > 0) {
      skew = out.gateway_time_ms - out.local_time_ms;
      continue;
    }
    return out;
  }
  return out;
}

// The standing a refusal describes.
GatewayLink refusal_link(const Signed& r, std::string& error) {
  const std::string code = jstr(r.body, "error");
  const std::string msg = sanitize_text(jstr(r.body, "message"), 200, false);
  if (code == "unknown_device") {
    error = "The gateway does not know this device.";
    return GatewayLink::UnknownDevice;
  }
  if (code == "revoked_device") {
    error = "The gateway has revoked this device.";
    return GatewayLink::Revoked;
  }
  if (code == "bad_signature") {
    error = "The gateway does not accept this device's signature (the device key is not the one it enrolled).";
    return GatewayLink::Refused;
  }
  if (r.http.status == 404) {
    error = "The gateway does not offer this check (HTTP 404): it is an older waymark-gateway.";
    return GatewayLink::Refused;
  }
  if (!r.body.is_object()) {
    error = "The gateway sent an answer that is not the protocol's (HTTP " + std::to_string(r.http.status) + ").";
    return GatewayLink::BadAnswer;
  }
  error = "The gateway refused (HTTP " + std::to_string(r.http.status) + (msg.empty() ? "" : ": " + msg) + ").";
  return GatewayLink::Refused;
}

}  // namespace

const char* gateway_link_name(GatewayLink l) {
  switch (l) {
    case GatewayLink::Ok: return "ok";
    case GatewayLink::NotEnrolled: return "not_enrolled";
    case GatewayLink::BadSettings: return "bad_settings";
    case GatewayLink::KeySealed: return "key_sealed";
    case GatewayLink::Unreachable: return "unreachable";
    case GatewayLink::Timeout: return "timeout";
    case GatewayLink::PinMismatch: return "pin_mismatch";
    case GatewayLink::Tls: return "tls";
    case GatewayLink::UnknownDevice: return "unknown_device";
    case GatewayLink::Revoked: return "revoked";
    case GatewayLink::Refused: return "refused";
    case GatewayLink::BadAnswer: return "bad_answer";
  }
  return "?";
}

HttpOptions probe_http_options() {
  HttpOptions o;
  o.connect_timeout_ms = 3000;
  o.total_timeout_ms = 6000;
  return o;
}

GatewayProbe probe_gateway(Db& db, const HttpOptions& http, const PinSeal* seal) {
  GatewayProbe p;
  Settings s = load_settings(db, seal);
  p.url = s.url;
  p.device_id = s.device_id;
  if (s.link != GatewayLink::Ok) {
    p.link = s.link;
    p.error = s.error;
    return p;
  }
  HttpClient client(*s.addr, s.pin, http);
  const Signed r = signed_request(client, s, "/v1/hello", json::object());
  wipe(s.secret_key);
  p.gateway_time_ms = r.gateway_time_ms;
  p.local_time_ms = r.local_time_ms;
  p.round_trip_ms = r.round_trip_ms;
  if (r.http.status == 0) {
    p.link = transport_link(r.http);
    p.error = r.http.error;
    return p;
  }
  if (r.http.status != 200) {
    p.link = refusal_link(r, p.error);
    return p;
  }
  if (!r.body.is_object() || jstr(r.body, "device_id") != s.device_id || r.gateway_time_ms <= 0) {
    p.link = GatewayLink::BadAnswer;
    p.error = "The gateway's answer does not match this device.";
    return p;
  }
  if (!jtrue(r.body, "active")) {
    p.link = GatewayLink::Revoked;
    p.error = "The gateway says this device is not active.";
    return p;
  }
  p.link = GatewayLink::Ok;
  p.wing = sanitize_text(jstr(r.body, "wing"), 40, false);
  p.epoch = sanitize_text(jstr(r.body, "epoch"), 64, false);
  return p;
}

LeaveResult leave_gateway(Db& db, const std::string& reason, const HttpOptions& http, const PinSeal* seal) {
  LeaveResult out;
  Settings s = load_settings(db, seal);
  out.url = s.url;
  out.device_id = s.device_id;
  if (s.link != GatewayLink::Ok) {
    out.link = s.link;
    out.error = s.error;
    return out;
  }
  HttpClient client(*s.addr, s.pin, http);
  const Signed r = signed_request(client, s, "/v1/leave", json{{"reason", sanitize_text(reason, 120, false)}});
  wipe(s.secret_key);
  if (r.http.status == 0) {
    out.link = transport_link(r.http);
    out.error = r.http.error;
    return out;
  }
  if (r.http.status != 200) {
    out.link = refusal_link(r, out.error);
    return out;
  }
  if (!r.body.is_object() || jstr(r.body, "device_id") != s.device_id || !jtrue(r.body, "revoked")) {
    out.link = GatewayLink::BadAnswer;
    out.error = "The gateway's answer does not say this device is revoked.";
    return out;
  }
  out.ok = true;
  out.already = jtrue(r.body, "already");
  out.link = GatewayLink::Ok;
  return out;
}

}  // namespace waymark

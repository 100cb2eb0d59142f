#include "core/sync/enrol.h"
#include "core/base/json_limits.h"

#include <nlohmann/json.hpp>

#include "core/base/secrets.h"
#include "core/base/text.h"
#include "core/storage/device_store.h"
#include "core/storage/meta_keys.h"
#include "core/sync/device_key.h"
#include "core/sync/gateway_session.h"
#include "core/sync/http_client.h"
#include "core/sync/sync_proto.h"
#include "core/sync/sync_state.h"

namespace waymark {

using nlohmann::json;

bool device_enrolled(Db& db) { return !meta_get(db, kMetaDeviceId).empty(); }

EnrolResult enrol_device(Db& db, const std::string& gateway_url, const std::string& pin, const std::string& code,
                         const std::string& label, const Clock& clock, bool force, const PinSeal* seal) {
  EnrolResult out;
  auto addr = parse_gateway_url(gateway_url);
  if (!addr) {
    out.error = "The gateway address must look like https://HOST:PORT.";
    return out;
  }
  if (!valid_pin_string(pin)) {
    out.error = "The pin must look like sha256//BASE64 (from `waymark-gateway pin`).";
    return out;
  }
  if (device_enrolled(db) && !force) {
    out.error = "This device is already enrolled. Use --force to enrol it again with a new key.";
    return out;
  }
  if (!seal && PinSeal::is_sealed(meta_get(db, kMetaSyncDeviceKey))) {
    out.error = "This device's sync key is sealed with its pepper: enrol it again with the pepper (run waymarkctl through "
                "systemd-run with the credential, or WAYMARK_PIN_PEPPER_FILE; docs/operating.md, \"The sync key on a device\").";
    return out;
  }
  sync::DeviceKeys keys = sync::make_device_keys();
  HttpClient http(*addr, pin);
  json req{{"code", code}, {"public_key", sync::base64_encode(keys.public_key)}, {"label", sanitize_text(label, 64, false)}};
  HttpResult r = http.post("/v1/enrol", req.dump(), {});
  if (r.status == 0) {
    out.error = r.error;
    return out;
  }
  json j = parse_json_limited(r.body);
  if (r.status != 200 || j.is_discarded() || !j.is_object()) {
    out.error = j.is_object() ? j.value("message", "The gateway refused.") : "The gateway refused (HTTP " + std::to_string(r.status) + ").";
    return out;
  }
  out.device_id = j.value("device_id", "");
  out.wing = j.value("wing", "");
  out.establishment = j.value("establishment", "");
  if (!sync::is_hex_id(out.device_id) || out.wing.empty()) {
    out.error = "The gateway's answer is missing the device id or wing.";
    return out;
  }
  Txn t(db);
  meta_set(db, kMetaGatewayUrl, addr->base());
  meta_set(db, kMetaSyncPin, pin);
  meta_set(db, kMetaDeviceId, out.device_id);
  store_device_key(db, keys.secret_key, seal);
  meta_set(db, kMetaSyncEpoch, j.value("epoch", ""));
  meta_set(db, kMetaSyncCursor, "0");
  meta_set(db, kMetaSyncResendAfter, "0");
  meta_set(db, kMetaWing, out.wing);
  if (!out.establishment.empty()) meta_set(db, kMetaEstablishment, out.establishment);
  sync::raise_gateway_time(db, sync::jint(j, "time_ms"));
  audit(db, clock.now_s(), "waymarkctl", "enrol", out.device_id + " wing " + out.wing + " at " + addr->base());
  t.commit();
  wipe(keys.secret_key);
  out.ok = true;
  return out;
}

}  // namespace waymark

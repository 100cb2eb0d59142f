// `waymarkctl status`: the device's facts as JSON, each asked of the module that owns it.
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "core/accounts/accounts.h"
#include "core/base/clock.h"
#include "core/messaging/outbox.h"
#include "core/ops/provisioning.h"
#include "core/storage/device_store.h"
#include "core/sync/sync_client.h"

namespace waymark {

std::string device_status_json(const std::string& data_dir, int64_t now) {
  nlohmann::json j;
  j["data_dir"] = data_dir;
  const long pid = kiosk_running_pid(data_dir);
  j["kiosk_running"] = pid != 0;
  if (pid) j["kiosk_pid"] = pid;
  DeviceOpenOptions o;
  o.create = false;
  DeviceOpenResult r = open_device(data_dir, o);
  if (!r.db) {
    j["ok"] = false;
    j["error"] = r.error;
    return j.dump(2);
  }
  Db& db = *r.db;
  j["ok"] = true;
  j["schema_version"] = db.user_version();
  j["establishment"] = meta_get(db, "establishment");
  j["wing"] = meta_get(db, "wing");
  const std::string url = meta_get(db, kMetaGatewayUrl);
  j["enrolled"] = !url.empty();
  j["gateway_url"] = url.empty() ? nlohmann::json() : nlohmann::json(url);
  const std::string dev = meta_get(db, kMetaDeviceId);
  j["device_id"] = dev.empty() ? nlohmann::json() : nlohmann::json(dev);
  const std::string last = meta_get(db, kMetaLastSyncAt);
  j["last_sync_at"] = last.empty() ? nlohmann::json() : nlohmann::json(std::atoll(last.c_str()));
  const ManualClock at_now(now * 1000);
  Accounts accounts(db, at_now);
  j["children"] = accounts.all_children().size();
  j["staff"] = accounts.all_staff().size();
  const OutboxBacklog backlog = outbox_backlog(db);
  j["outbox_waiting"] = backlog.waiting;
  j["outbox_oldest_age_s"] = backlog.oldest_waiting_at ? nlohmann::json(now - *backlog.oldest_waiting_at) : nlohmann::json();
  const auto d = latest_pack_download(db);
  j["content_pack_download"] = d ? nlohmann::json(describe_pack_download(*d)) : nlohmann::json();
  j["database_bytes"] = database_bytes(db);
  return j.dump(2);
}

}  // namespace waymark

// provisioning/cmd_sync.cpp: waymarkctl enrol and sync (docs/sync-protocol.md).
#include <unistd.h>

#include <cstdio>
#include <string>

#include "core/base/clock.h"
#include "core/storage/device_store.h"
#include "core/sync/sync_client.h"
#include "provisioning/cli.h"

namespace waymark::cli {

namespace {

int cmd_enrol(const Args& a) {
  if (a.data.empty() || a.get("--gateway").empty() || a.get("--pin").empty() || a.get("--code").empty()) {
    std::fprintf(stderr, "waymarkctl enrol: --data, --gateway, --pin and --code are required\n");
    return 2;
  }
  DeviceOpenResult r = open_device(a.data);
  if (!r.db) {
    std::fprintf(stderr, "waymarkctl enrol: %s\n", r.error.c_str());
    return 1;
  }
  SystemClock clock;
  std::string label = a.get("--label");
  if (label.empty()) {
    char host[128] = {};
    if (gethostname(host, sizeof host - 1) == 0) label = host;
  }
  std::unique_ptr<PinSeal> seal;  // the key is stored sealed with it (or plain without one: the kiosk seals it)
  if (!pin_seal_for(a, "enrol", seal)) return 1;
  EnrolResult e = enrol_device(*r.db, a.get("--gateway"), a.get("--pin"), a.get("--code"), label, clock, a.has("--force"),
                               seal.get());
  if (!e.ok) {
    std::fprintf(stderr, "waymarkctl enrol: %s\n", e.error.c_str());
    return 1;
  }
  std::printf("enrolled as device %s on wing %s of %s\n", e.device_id.c_str(), e.wing.c_str(), e.establishment.c_str());
  SyncOptions so;
  so.pin_seal = seal.get();
  SyncReport s = sync_once(*r.db, clock, so);
  std::printf("%s\n", s.summary().c_str());
  return s.ok ? 0 : 1;
}

int cmd_sync(const Args& a) {
  if (a.data.empty()) {
    std::fprintf(stderr, "waymarkctl sync: --data DIR is required\n");
    return 2;
  }
  DeviceOpenOptions o;
  o.create = false;
  DeviceOpenResult r = open_device(a.data, o);
  if (!r.db) {
    std::fprintf(stderr, "waymarkctl sync: %s\n", r.error.c_str());
    return 1;
  }
  SystemClock clock;
  SyncOptions so;
  std::unique_ptr<PinSeal> seal;
  if (!pin_seal_for(a, "sync", seal)) return 1;
  so.pin_seal = seal.get();
  SyncReport s = sync_once(*r.db, clock, so);
  std::printf("%s\n", s.summary().c_str());
  if (auto d = latest_pack_download(*r.db)) std::printf("content pack %s\n", describe_pack_download(*d).c_str());
  return s.ok ? 0 : 1;
}

}  // namespace

const Command kEnrolCommand{
    "enrol", "enrol --data DIR --gateway URL --pin PIN --code CODE  enrol with the gateway, then sync",
    "usage: waymarkctl enrol --data DIR --gateway https://HOST:PORT --pin sha256//BASE64 --code CODE [--label TEXT] [--force]\n"
    "Makes this device's key pair, exchanges the one-time code for the device's identity, stores the\n"
    "gateway address and its pinned key, and does a first sync. A used, expired or wrong code is refused.\n"
    "The pin comes from `waymark-gateway pin` on the gateway machine.",
    {{.options = {"--data", "--gateway", "--pin", "--code", "--label"}, .flags = {"--force"}}},
    cmd_enrol};

const Command kSyncCommand{
    "sync", "sync --data DIR                                    one sync round now; prints what moved",
    "usage: waymarkctl sync --data DIR\n"
    "Runs one sync round now (outbox up, then roster, contacts, meetings, messages and receipts down)\n"
    "and prints what moved, then fetches and installs a content pack the gateway offered (going on from\n"
    "where an earlier round stopped) and prints what became of the newest one.",
    {{.options = {"--data"}}},
    cmd_sync};

}  // namespace waymark::cli

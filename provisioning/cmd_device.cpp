// provisioning/cmd_device.cpp: waymarkctl init, demo-seed, check. (staff: cmd_staff.cpp)
#include <cstdio>
#include "core/storage/meta_keys.h"
#include <string>

#include "core/accounts/accounts.h"
#include "core/base/clock.h"
#include "core/ops/demo.h"
#include "core/storage/device_store.h"
#include "provisioning/cli.h"

namespace waymark::cli {

namespace {

int cmd_init(const Args& a) {
  if (a.data.empty() || a.get("--establishment").empty() || a.get("--wing").empty()) {
    std::fprintf(stderr, "waymarkctl init: --data, --establishment and --wing are required\n");
    return 2;
  }
  DeviceOpenResult r = open_device(a.data);
  if (!r.db) {
    std::fprintf(stderr, "waymarkctl init: %s\n", r.error.c_str());
    return 1;
  }
  SystemClock clock;
  Txn txn(*r.db);
  meta_set(*r.db, kMetaEstablishment, a.get("--establishment"));
  meta_set(*r.db, kMetaWing, a.get("--wing"));
  audit(*r.db, clock.now_s(), "waymarkctl", "init", a.get("--establishment") + " / " + a.get("--wing"));
  txn.commit();
  std::printf("initialised %s for %s, wing %s\n", a.data.c_str(), a.get("--establishment").c_str(), a.get("--wing").c_str());
  return 0;
}

int cmd_demo_seed(const Args& a) {
  if (a.data.empty()) {
    std::fprintf(stderr, "waymarkctl demo-seed: --data DIR is required\n");
    return 2;
  }
  DeviceOpenResult r = open_device(a.data);
  if (!r.db) {
    std::fprintf(stderr, "waymarkctl demo-seed: %s\n", r.error.c_str());
    return 1;
  }
  SystemClock clock;
  std::unique_ptr<PinSeal> seal;
  if (!pin_seal_for(a, "demo-seed", seal)) return 1;
  if (seed_demo(*r.db, clock, seal.get())) {
    std::printf("seeded the demo establishment into %s\n", a.data.c_str());
    const std::string pack_error = meta_get(*r.db, kMetaDemoPackError);
    if (!pack_error.empty()) std::fprintf(stderr, "waymarkctl demo-seed: warning: %s\n", pack_error.c_str());
  }
  else std::printf("the demo establishment is already in %s\n", a.data.c_str());
  return 0;
}

int cmd_check(const Args& a) {
  DeviceOpenOptions o;
  o.create = false;
  DeviceOpenResult r = open_device(a.data, o);
  if (!r.db) {
    std::fprintf(stderr, "waymarkctl check: %s\n", r.error.c_str());
    return 1;
  }
  const std::string ic = r.db->integrity_check();
  std::printf("database: %s (schema version %d)\n", ic.c_str(), r.db->user_version());
  SystemClock clock;
  Accounts acc(*r.db, clock);
  std::printf("children: %zu, staff: %zu\n", acc.all_children().size(), acc.all_staff().size());
  return ic == "ok" ? 0 : 1;
}

}  // namespace

const Command kInitCommand{
    "init", "init --data DIR --establishment NAME --wing NAME   create an empty device data folder",
    "usage: waymarkctl init --data DIR --establishment NAME --wing NAME\n"
    "Creates the device data folder and its database. Safe to run again: it only sets the names.",
    {{.options = {"--data", "--establishment", "--wing"}}},
    cmd_init};

const Command kDemoSeedCommand{
    "demo-seed", "demo-seed --data DIR                               the demo establishment (children 1001, 1002)",
    "usage: waymarkctl demo-seed --data DIR\n"
    "Creates DIR (if needed) with the demo establishment: children 1001 (PIN 1357) and 1002 (PIN 2468),\n"
    "staff 9001 (PIN 8642, education and approver) and 9002 (PIN 7531, wing officer and approver).\n"
    "Does nothing if the demo is already there.",
    {{.options = {"--data"}}},
    cmd_demo_seed};

const Command kCheckCommand{
    "check", "check --data DIR                                   check the database and count what is in it",
    "usage: waymarkctl check --data DIR\nRuns SQLite's integrity check and counts what is stored.",
    {{.options = {"--data"}}},
    cmd_check};

}  // namespace waymark::cli

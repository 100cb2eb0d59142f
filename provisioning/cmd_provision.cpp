// provisioning/cmd_provision.cpp: waymarkctl doctor, wipe, status, decommission.
// The work is in core/ops (doctor.cpp, wipe.cpp, device_status.cpp, decommission.cpp); this file is options, words and exit codes.
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "core/base/clock.h"
#include "core/storage/device_store.h"
#include "core/sync/gateway_probe.h"
#include "core/ops/provisioning.h"
#include "provisioning/cli.h"

namespace waymark::cli {

namespace {

bool need_data(const Args& a, const char* cmd) {
  if (!a.data.empty()) return true;
  std::fprintf(stderr, "waymarkctl %s: --data DIR is required (see waymarkctl %s --help)\n", cmd, cmd);
  return false;
}

// The kiosk holds the database open and keeps children's screens in memory: stop it first.
bool kiosk_stopped(const std::string& dir, const char* cmd) {
  const long pid = kiosk_running_pid(dir);
  if (!pid) return true;
  std::fprintf(stderr,
               "waymarkctl %s: the kiosk is running on this data folder (process %ld). Stop it first:\n"
               "  systemctl stop waymark-kiosk\n",
               cmd, pid);
  return false;
}

int cmd_doctor(const Args& a) {
  if (!need_data(a, "doctor")) return 2;
  DoctorOptions opt;
  opt.data_dir = a.data;
  opt.assets_dir = a.get("--assets");
  const std::vector<DoctorLine> lines = run_doctor(opt);
  bool failed = false, warned = false;
  for (const DoctorLine& l : lines) {
    failed = failed || l.level == Health::Failed;
    warned = warned || l.level == Health::Warning;
  }
  if (a.has("--json")) {
    nlohmann::json arr = nlohmann::json::array();
    for (const DoctorLine& l : lines)
      arr.push_back({{"check", l.check}, {"level", health_name(l.level)}, {"what", l.what}, {"todo", l.todo}});
    std::printf("%s\n", nlohmann::json{{"checks", arr}, {"result", failed ? "failed" : warned ? "warning" : "ok"}}.dump(2).c_str());
  } else {
    for (const DoctorLine& l : lines) {
      std::printf("%-8s %-20s %s\n", health_name(l.level), l.check.c_str(), l.what.c_str());
      if (!l.todo.empty()) std::printf("%-8s %-20s -> %s\n", "", "", l.todo.c_str());
    }
    std::printf("%s\n", failed ? "doctor: something failed; fix the failed lines first"
                        : warned ? "doctor: working, with warnings"
                                 : "doctor: everything checked is ok");
  }
  return failed ? 1 : warned ? 3 : 0;
}

int cmd_wipe(const Args& a) {
  if (!need_data(a, "wipe")) return 2;
  if (!a.has("--yes")) {
    std::fprintf(stderr, "waymarkctl wipe: this removes every child's data and cannot be undone; add --yes\n");
    return 2;
  }
  if (!kiosk_stopped(a.data, "wipe")) return 1;
  DeviceOpenOptions o;
  o.create = false;
  DeviceOpenResult r = open_device(a.data, o);
  if (!r.db) {
    std::fprintf(stderr, "waymarkctl wipe: %s\n", r.error.c_str());
    return 1;
  }
  const int waiting = outbox_waiting(*r.db);
  if (waiting > 0 && !a.has("--force")) {
    std::fprintf(stderr,
                 "waymarkctl wipe: %d record(s) from children have not reached the gateway yet; nothing was removed.\n"
                 "Let the device sync first (waymarkctl doctor shows the outbox), or add --force to destroy them.\n",
                 waiting);
    return 1;
  }
  SystemClock clock;
  WipeReport w = wipe_children(*r.db, clock, "waymarkctl");
  std::printf("wiped: %d children, %d outbox records, %d audit lines naming a child\n", w.children_removed,
              w.outbox_removed, w.audit_rows_removed);
  std::string emptied;
  for (const std::string& t : w.tables_emptied) emptied += (emptied.empty() ? "" : ", ") + t;
  std::printf("emptied: %s\n", emptied.c_str());
  std::string kept;
  for (const std::string& t : w.tables_kept) kept += (kept.empty() ? "" : ", ") + t;
  std::printf("kept: %s\n", kept.c_str());
  std::printf("database files: %lld bytes before, %lld after\n", static_cast<long long>(w.file_bytes_before),
              static_cast<long long>(w.file_bytes_after));
  return 0;
}

int cmd_status(const Args& a) {
  if (!need_data(a, "status")) return 2;
  const std::string js = device_status_json(a.data, SystemClock().now_s());
  const nlohmann::json j = nlohmann::json::parse(js);
  if (a.has("--json")) {
    std::printf("%s\n", js.c_str());
  } else {
    for (const auto& [k, v] : j.items()) std::printf("%-22s %s\n", k.c_str(), v.is_string() ? v.get<std::string>().c_str() : v.dump().c_str());
  }
  return j.value("ok", false) ? 0 : 1;
}

int cmd_decommission(const Args& a) {
  if (!need_data(a, "decommission")) return 2;
  if (!a.has("--yes")) {
    std::fprintf(stderr, "waymarkctl decommission: this removes everything on the device and cannot be undone; add --yes\n");
    return 2;
  }
  if (!kiosk_stopped(a.data, "decommission")) return 1;
  {
    DeviceOpenOptions o;
    o.create = false;
    DeviceOpenResult r = open_device(a.data, o);
    if (r.db) {
      const int waiting = outbox_waiting(*r.db);
      if (waiting > 0 && !a.has("--force")) {
        std::fprintf(stderr,
                     "waymarkctl decommission: %d record(s) from children have not reached the gateway yet; nothing "
                     "was removed. Let the device sync, or add --force.\n",
                     waiting);
        return 1;
      }
      const std::string url = meta_get(*r.db, kMetaGatewayUrl);
      const std::string dev = meta_get(*r.db, kMetaDeviceId, "(unknown id)");
      if (!url.empty() && !a.has("--offline")) {
        // The gateway revokes this device's key first; only then is anything removed here. Asking again
        // after a failed wipe is safe: the gateway answers "already revoked".
        std::unique_ptr<PinSeal> seal;  // opens a sealed sync key (run through systemd-run with the credential)
        if (!pin_seal_for(a, "decommission", seal)) return 1;
        const LeaveResult left = leave_gateway(*r.db, "decommissioned with waymarkctl", probe_http_options(), seal.get());
        if (left.ok) {
          std::printf("the gateway at %s has revoked device %s%s\n", url.c_str(), dev.c_str(),
                      left.already ? " (it was already revoked)" : "");
        } else if (left.link == GatewayLink::UnknownDevice) {
          // The pinned gateway answered and holds no key for this device: there is nothing to revoke.
          std::printf("the gateway at %s does not know device %s, so there is nothing to revoke there\n", url.c_str(),
                      dev.c_str());
        } else {
          std::fprintf(stderr,
                       "waymarkctl decommission: could not tell the gateway at %s to revoke this device: %s\n"
                       "Nothing was removed. If the gateway cannot be reached, run again with --offline, then revoke the\n"
                       "device on the gateway machine: waymark-gateway devices revoke --data DIR --device %s\n",
                       url.c_str(), left.error.c_str(), dev.c_str());
          return 1;
        }
      }
      SystemClock clock;
      wipe_children(*r.db, clock, "waymarkctl");
      if (!url.empty() && a.has("--offline"))
        std::printf("the gateway was NOT told: revoke device %s on the gateway machine "
                    "(waymark-gateway devices revoke --data DIR --device %s)\n",
                    dev.c_str(), dev.c_str());
    } else {
      std::fprintf(stderr, "waymarkctl decommission: the database did not open (%s); removing the files anyway\n",
                   r.error.c_str());
    }
  }
  DecommissionReport d = remove_data_folder(a.data);
  for (const std::string& f : d.removed) std::printf("removed %s\n", f.c_str());
  if (!d.error.empty()) {
    std::fprintf(stderr, "waymarkctl decommission: %s\n", d.error.c_str());
    return 1;
  }
  std::printf("decommissioned: %s is gone\n", a.data.c_str());
  return 0;
}

}  // namespace

const Command kDoctorCommand{
    "doctor", "doctor --data DIR [--json]                          health checks: ok / warning / failed, what to do",
    "usage: waymarkctl doctor --data DIR [--assets DIR] [--json]\n"
    "Checks the device and prints one line per check: ok, skipped, warning or failed, with what to do.\n"
    "Checks: database integrity, set-up, the gateway (reachable with the pinned key, this device known and\n"
    "active there; a few seconds at most), this device's clock against the gateway's, content pack validity\n"
    "and expiry, outbox (anything waiting over 24 hours), last sync, crashes, fonts, speech data, free disk.\n"
    "Exit status: 0 all ok, 1 at least one check failed, 2 usage error, 3 warnings but nothing failed.",
    {{.options = {"--data", "--assets"}, .flags = {"--json"}}},
    cmd_doctor};

const Command kStatusCommand{
    "status", "status --data DIR [--json]                          what this device is and how it is doing",
    "usage: waymarkctl status --data DIR [--json]\n"
    "Prints what this device is: establishment, wing, enrolment, counts, outbox, last sync, kiosk running.\n"
    "Exit status: 0 the database opened, 1 it did not, 2 usage error.",
    {{.options = {"--data"}, .flags = {"--json"}}},
    cmd_status};

const Command kWipeCommand{
    "wipe", "wipe --data DIR --yes [--force]                     remove every child's data; keep enrolment and staff",
    "usage: waymarkctl wipe --data DIR --yes [--force]\n"
    "Removes every child's data from the device: accounts, drafts, forms, messages, the outbox, sign-in\n"
    "attempts and audit lines that name a child. Keeps the enrolment, staff accounts and device settings.\n"
    "Deleted rows are overwritten (secure_delete), the WAL is checkpointed and truncated, and the file is\n"
    "rebuilt (VACUUM), so no copy stays in the database files. Stop the kiosk first.\n"
    "  --yes     required: there is no undo\n"
    "  --force   also destroy records still waiting to reach the gateway (otherwise wipe refuses)\n"
    "Exit status: 0 wiped, 1 failed or refused, 2 usage error.",
    {{.options = {"--data"}, .flags = {"--yes", "--force"}}},
    cmd_wipe};

const Command kDecommissionCommand{
    "decommission", "decommission --data DIR --yes [--offline]          remove everything, keys included",
    "usage: waymarkctl decommission --data DIR --yes [--offline] [--force]\n"
    "Takes the device out of service: asks the gateway to revoke this device's key (it refuses to go on\n"
    "if the gateway cannot be reached), wipes the database, then overwrites and removes every file in the\n"
    "data folder, the device key included. The device must be enrolled again.\n"
    "  --yes      required: there is no undo\n"
    "  --offline  go ahead without telling the gateway (then revoke the device on the gateway machine:\n"
    "             waymark-gateway devices revoke --data DIR --device ID)\n"
    "  --force    also destroy records still waiting to reach the gateway\n"
    "Exit status: 0 decommissioned, 1 failed or refused, 2 usage error.",
    {{.options = {"--data"}, .flags = {"--yes", "--offline", "--force"}}},
    cmd_decommission};

}  // namespace waymark::cli

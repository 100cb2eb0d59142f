// gateway/cli/cmd_devices.cpp: waymark-gateway enrol-code and devices: letting a wing device in, and
// shutting one out.
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "gateway/cli/commands.h"
#include "gateway/store/store.h"

namespace waymark::gateway::cli {

namespace {

int cmd_enrol_code(const Args& a) {
  if (!a.has("--data") || a.get("--wing").empty()) return usage_error("enrol-code", "--data and --wing are required");
  const int hours = a.has("--hours") ? std::atoi(a.get("--hours").c_str()) : 24;
  auto db = open_or_fail(a);
  try {
    const std::string code = issue_enrol_code(*db, a.get("--wing"), hours, actor(), now_ms(), a.get("--establishment"));
    std::printf("one-time code for wing %s, valid %d hours:\n%s\n", a.get("--wing").c_str(), hours, code.c_str());
  } catch (const std::invalid_argument& e) {
    return failed("enrol-code", e.what());
  }
  return 0;
}

int cmd_devices(const Args& a) {
  const std::string& sub = a.pos[1];
  if (!a.has("--data")) return usage_error("devices", "--data is required");
  auto db = open_or_fail(a);
  const std::string est = a.get("--establishment");  // establishment IT: only its own devices
  try {
    if (sub == "list") {
      if (!est.empty()) resolve_establishment(*db, est);
      for (const DeviceRow& d : list_devices(*db, est))
        std::printf("%s\t%s\t%s\t%s\tseq %lld\t%s\n", d.id.c_str(), d.establishment.c_str(), d.wing.c_str(), d.label.c_str(),
                    static_cast<long long>(d.seq_high), d.revoked ? "revoked" : "active");
      return 0;
    }
    check_device_in_scope(*db, est, a.get("--device"), actor(), now_ms());
    revoke_device(*db, a.get("--device"), actor(), now_ms());
  } catch (const std::invalid_argument& e) {
    return failed("devices revoke", e.what());
  }
  std::puts("revoked");
  return 0;
}

}  // namespace

const Command kEnrolCodeCommand{
    "enrol-code", "enrol-code --data DIR --wing NAME [--hours N]       a one-time device enrolment code",
    "usage: waymark-gateway enrol-code --data DIR --wing NAME [--establishment CODE] [--hours N]\n"
    "Issues a one-time enrolment code for a device on that wing of that establishment, valid N hours (default 24).\n"
    "--establishment is needed only when the gateway serves more than one and the wing does not say which.\n"
    "The code is printed once, as the last line; only its hash is kept.",
    {{.options = {"--data", "--wing", "--establishment", "--hours"}}},
    cmd_enrol_code};

const Command kDevicesCommand{
    "devices", "devices list|revoke --data DIR ...                   enrolled devices",
    "usage: waymark-gateway devices list --data DIR [--establishment CODE]\n"
    "       waymark-gateway devices revoke --data DIR --device ID [--establishment CODE]\n"
    "A revoked device is refused from its next request on. With --establishment (an establishment's IT) only that\n"
    "establishment's devices are listed or revoked; naming another's device is refused and audited.",
    {{.sub = "list", .options = {"--data", "--establishment"}}, {.sub = "revoke", .options = {"--data", "--device", "--establishment"}}},
    cmd_devices};

}  // namespace waymark::gateway::cli

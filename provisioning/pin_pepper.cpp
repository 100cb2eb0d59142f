// provisioning/pin_pepper.cpp: waymarkctl's commands that write or check PINs, or use the sync key (demo-seed,
// staff, enrol, sync, decommission, the staff sign-in of pack and listing commands), use the device's PIN pepper
// like the kiosk does: from WAYMARK_PIN_PEPPER_FILE, or the systemd credential when run with one (docs/operating.md,
// "Children's PINs on a device"). Without one they store hashes and the key plain, and the kiosk seals them at its
// next start.
#include <cstdio>

#include "provisioning/cli.h"

namespace waymark::cli {

bool pin_seal_for(const Args& a, const char* cmd, std::unique_ptr<PinSeal>& out) {
  PinPepperLookup pep = find_pin_pepper({}, a.data);
  if (!pep.error.empty()) {
    std::fprintf(stderr, "waymarkctl %s: %s\n", cmd, pep.error.c_str());
    return false;
  }
  out = std::move(pep.seal);
  return true;
}

}  // namespace waymark::cli

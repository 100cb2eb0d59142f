// kiosk/app_pins.cpp: the kiosk's start for the secrets its pepper seals: finding the pepper, sealing a plain sync
// key and tidying the stored PIN hashes (docs/operating.md, "Children's PINs on a device" and "The sync key on a
// device"). Split from app.cpp, which starts everything else.
#include <cstdio>

#include "core/base/secrets.h"
#include "core/sync/device_key.h"
#include "kiosk/app.h"

namespace waymark::kiosk {

void App::open_pin_seal() {
  PinPepperLookup pep = find_pin_pepper(opt_.pin_pepper, opt_.data_dir);
  if (!pep.error.empty()) {
    fatal_ = pep.error;  // a pepper named but unusable: nobody could sign in, so say why instead
  } else if (pep.seal) {
    pin_seal_ = std::move(pep.seal);
    std::fprintf(stderr, "waymark-kiosk: PIN hashes sealed with the pepper from %s (key %s)\n", pep.source.c_str(),
                 pin_seal_->key_id().c_str());
  }
  if (fatal_.empty() && !pin_seal_)
    std::fprintf(stderr, "waymark-kiosk: no PIN pepper (--pin-pepper, %s or the systemd credential %s): PIN hashes "
                         "are stored unsealed, and a copy of the data folder could be guessed against\n",
                 kPinPepperEnv, kPinPepperCredential);
}

void App::tidy_pins() {
  if (!accounts_ || !fatal_.empty()) return;
  try {
    if (pin_seal_ && seal_device_key(*db_, *pin_seal_, clock_.now_s()))
      std::fprintf(stderr, "waymark-kiosk: the sync key is now sealed with the pepper\n");
    DeviceKeyRead key = read_device_key(*db_, pin_seal_.get());
    wipe(key.secret_key);
    // Not fatal: the children can still use the kiosk; sync says the same each round, and doctor says what to do.
    if (key.state != DeviceKeyState::None && key.state != DeviceKeyState::Sealed && key.state != DeviceKeyState::Plain)
      std::fprintf(stderr, "waymark-kiosk: %s\n", key.error.c_str());
  } catch (const DbError& e) {
    std::fprintf(stderr, "waymark-kiosk: could not seal the sync key: %s\n", e.what());
  }
  try {
    const PinHashTidy t = accounts_->tidy_pin_hashes();
    if (t.sealed > 0 || t.cleared > 0 || t.reread > 0)
      std::fprintf(stderr, "waymark-kiosk: %d PIN hashes sealed, %d of children not on this wing removed, %d sealed with "
                   "another pepper to be read again from the gateway%s\n", t.sealed, t.cleared, t.reread,
                   t.compacted ? "; the database was rebuilt" : "; the rebuild waits for the next start");
  } catch (const DbError& e) {
    std::fprintf(stderr, "waymark-kiosk: could not tidy the PIN hashes: %s\n", e.what());
  }
  const PinHashCensus c = accounts_->pin_hash_census();
  // Without the pepper nobody whose hash is sealed can sign in: say so plainly rather than refuse every PIN.
  if (!pin_seal_ && c.other_pepper > 0 && c.plain == 0)
    fatal_ = "This device's PIN pepper is missing: nobody can sign in. IT: see docs/operating.md, \"Children's PINs "
             "on a device\".";
  else if (c.other_pepper > 0)
    std::fprintf(stderr, "waymark-kiosk: %d PIN hashes cannot be opened with this pepper; those accounts cannot sign in "
                         "until their PIN is set again (waymarkctl doctor)\n", c.other_pepper);
}

}  // namespace waymark::kiosk

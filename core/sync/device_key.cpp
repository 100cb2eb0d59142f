// core/sync/device_key.cpp: the device's sync key sealed with the pepper (device_key.h). The pepper's seal is the
// PIN hashes' own (core/accounts/pin_seal.h): one pepper, one key, one format on the device.
#include "core/sync/device_key.h"

#include "core/base/secrets.h"
#include "core/storage/device_store.h"
#include "core/storage/meta_keys.h"
#include "core/sync/sync_proto.h"

namespace waymark {

// 55. A build from before cannot read a sealed key and would call the device's settings damaged (and IT would
// enrol it again): the version bump makes such a build refuse the file instead. And once the key is sealed, no
// program may write a plain one over it (one run without the pepper must fail, not undo the seal); a new sealed
// key (enrolment again, with the pepper) is fine. The kiosk seals a plain key at its start (seal_device_key).
const char* const kDeviceKeySql = R"SQL(
CREATE TRIGGER meta_sync_key_stays_sealed BEFORE UPDATE OF value ON meta
WHEN OLD.key = 'sync_device_key' AND OLD.value LIKE '$wmseal1$%' AND NEW.value NOT LIKE '$wmseal1$%'
BEGIN
  SELECT RAISE(ABORT, 'the sync key is sealed with the device pepper: a plain key is never written over it');
END;
)SQL";

namespace {

constexpr size_t kSecretKeyBytes = 64;  // libsodium's Ed25519 secret key: seed and public key

const char* const kFix = " IT: see docs/operating.md, \"The sync key on a device\".";

}  // namespace

DeviceKeyRead read_device_key(Db& db, const PinSeal* seal) {
  DeviceKeyRead r;
  std::string stored = meta_get(db, kMetaSyncDeviceKey);
  if (stored.empty()) {
    r.error = "This device is not enrolled: it has no sync key.";
    return r;
  }
  if (!PinSeal::is_sealed(stored)) {
    r.state = sync::base64_decode(stored, r.secret_key) && r.secret_key.size() == kSecretKeyBytes ? DeviceKeyState::Plain
                                                                                                   : DeviceKeyState::Damaged;
  } else if (!seal) {
    r.state = DeviceKeyState::SealedNoPepper;
    r.error = std::string("This device's sync key is sealed and its pepper is missing, so it cannot sync.") + kFix;
  } else if (PinSeal::key_id_of(stored) != seal->key_id()) {
    r.state = DeviceKeyState::OtherPepper;
    r.error = "This device's sync key was sealed with another pepper (key " + PinSeal::key_id_of(stored) +
              ", this one is " + seal->key_id() + "), so it cannot sync." + kFix;
  } else if (auto opened = seal->open(stored); opened && opened->size() == kSecretKeyBytes) {
    r.state = DeviceKeyState::Sealed;
    r.secret_key = std::move(*opened);
  } else {
    if (opened) wipe(*opened);
    r.state = DeviceKeyState::Damaged;
  }
  if (r.state == DeviceKeyState::Damaged) {
    wipe(r.secret_key);
    r.secret_key.clear();
    r.error = std::string("This device's sync key is damaged.") + kFix;
  }
  wipe(stored);
  return r;
}

void store_device_key(Db& db, const std::string& secret_key, const PinSeal* seal) {
  require_transaction(db, "store_device_key");
  std::string b64 = sync::base64_encode(secret_key);
  meta_set(db, kMetaSyncDeviceKey, seal ? seal->seal(secret_key) : b64);
  wipe(b64);
}

bool seal_device_key(Db& db, const PinSeal& seal, int64_t now_s) {
  DeviceKeyRead k = read_device_key(db, nullptr);
  bool sealed = false;
  if (k.state == DeviceKeyState::Plain) {
    // Overwritten in place (secure delete zeroes the freed bytes), then the rebuild drops every old page.
    SecureDeleteOn zeroed(db);
    Txn t(db);
    meta_set(db, kMetaSyncDeviceKey, seal.seal(k.secret_key));
    meta_set(db, kMetaPinRebuildPending, "1");
    audit(db, now_s, "kiosk", "sync_key.seal", "the sync key sealed with the device pepper (key " + seal.key_id() + ")");
    t.commit();
    sealed = true;
  }
  wipe(k.secret_key);
  rebuild_after_secrets(db, sealed);
  return sealed;
}

}  // namespace waymark

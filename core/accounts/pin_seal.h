// core/accounts/pin_seal.h: the device's PIN pepper, and PIN hashes sealed with it, so that a copy of the data
// folder alone cannot test one PIN guess (docs/operating.md, "Children's PINs on a device").
//
// The pepper is 32 random bytes kept OUTSIDE the data folder: on a wing device a systemd credential sealed to
// the TPM (LoadCredentialEncrypted=, read from $CREDENTIALS_DIRECTORY/waymark-pin-pepper); in tests and the
// demo a file named by an option or by WAYMARK_PIN_PEPPER_FILE. A stored hash is the Argon2id string encrypted
// and authenticated with a key derived from the pepper (libsodium secretbox, XSalsa20-Poly1305):
//     $wmseal1$KEYID$BASE64(24-byte nonce | box)      KEYID: 16 hex digits naming the pepper, not revealing it
// Without the pepper the Argon2id salt and output are unknown, so a guess cannot even be tried offline.
// The same seal keeps the device's sync key (core/sync/device_key.h): one pepper seals every secret the device
// stores, so the name says PIN only because PINs came first (the credential's name is on every device).
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>

namespace waymark {

constexpr const char* kPinPepperEnv = "WAYMARK_PIN_PEPPER_FILE";       // a file path, for tests and the demo
constexpr const char* kPinPepperCredential = "waymark-pin-pepper";     // the systemd credential's name

class PinSeal {
public:
  static constexpr size_t kPepperBytes = 32;
  explicit PinSeal(const std::array<unsigned char, kPepperBytes>& pepper);
  ~PinSeal();  // wipes the key
  PinSeal(const PinSeal&) = delete;
  PinSeal& operator=(const PinSeal&) = delete;

  // A fresh random pepper (tests, and `create_pin_pepper_file`).
  static std::unique_ptr<PinSeal> random();

  // A secret (an Argon2id string, or the sync key's bytes) sealed: `$wmseal1$KEYID$...`.
  std::string seal(const std::string& secret) const;
  // The secret inside, or nothing when it was sealed with another pepper or is damaged.
  std::optional<std::string> open(const std::string& stored) const;
  const std::string& key_id() const { return key_id_; }

  static bool is_sealed(const std::string& stored);
  // The KEYID of a sealed value ("" when it is not one).
  static std::string key_id_of(const std::string& stored);

private:
  std::array<unsigned char, 32> key_{};
  std::string key_id_;
};

struct PinPepperLookup {
  std::unique_ptr<PinSeal> seal;  // null when none was found, or when it could not be used (then error says why)
  std::string source;             // where it came from, for the log and doctor ("" when none)
  std::string error;              // plain words when a pepper was named but is unusable
};

// The first of: `path` (an option), $WAYMARK_PIN_PEPPER_FILE, $CREDENTIALS_DIRECTORY/waymark-pin-pepper. A file
// inside `data_dir`, readable by group or others, or not 32 bytes (raw, or 64 hex digits) is refused: a pepper
// stored with the data it protects protects nothing.
PinPepperLookup find_pin_pepper(const std::string& path, const std::string& data_dir);

// Writes a new random pepper (32 raw bytes, mode 0600) to `path`, which must not exist and must not be inside
// `data_dir`. Empty on success, else the reason. For tests and the demo; a device gets a systemd credential.
std::string create_pin_pepper_file(const std::string& path, const std::string& data_dir);

}  // namespace waymark

#include "core/sync/sync_proto.h"

#include <sodium.h>

#include <stdexcept>

#include "core/base/secrets.h"

namespace waymark::sync {

std::string sha256_hex(std::string_view data) {
  crypto_init();
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

std::string base64_encode(std::string_view bin) {
  crypto_init();
  const size_t n = sodium_base64_ENCODED_LEN(bin.size(), sodium_base64_VARIANT_ORIGINAL);
  std::string out(n, '\0');
  sodium_bin2base64(out.data(), n, reinterpret_cast<const unsigned char*>(bin.data()), bin.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(n - 1);
  return out;
}

bool base64_decode(std::string_view b64, std::string& out) {
  crypto_init();
  out.assign(b64.size(), '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.data(), b64.size(), nullptr,
                        &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != b64.data() + b64.size()) {
    out.clear();
    return false;
  }
  out.resize(len);
  return true;
}

std::string string_to_sign(std::string_view method, std::string_view path, std::string_view device_id,
                           int64_t time_ms, std::string_view body) {
  std::string s = "waymark-v1\n";
  s.append(method).append("\n").append(path).append("\n").append(device_id).append("\n");
  s.append(std::to_string(time_ms)).append("\n").append(sha256_hex(body));
  return s;
}

DeviceKeys make_device_keys() {
  crypto_init();
  DeviceKeys k;
  k.public_key.assign(crypto_sign_PUBLICKEYBYTES, '\0');
  k.secret_key.assign(crypto_sign_SECRETKEYBYTES, '\0');
  crypto_sign_keypair(reinterpret_cast<unsigned char*>(k.public_key.data()),
                      reinterpret_cast<unsigned char*>(k.secret_key.data()));
  return k;
}

std::string sign_detached(std::string_view msg, const std::string& secret_key) {
  crypto_init();
  if (secret_key.size() != crypto_sign_SECRETKEYBYTES) throw std::runtime_error("the device key is damaged");
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(msg.data()), msg.size(),
                       reinterpret_cast<const unsigned char*>(secret_key.data()));
  return sig;
}

bool verify_detached(std::string_view msg, std::string_view sig, std::string_view public_key) {
  crypto_init();
  if (sig.size() != crypto_sign_BYTES || public_key.size() != crypto_sign_PUBLICKEYBYTES) return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig.data()),
                                     reinterpret_cast<const unsigned char*>(msg.data()), msg.size(),
                                     reinterpret_cast<const unsigned char*>(public_key.data())) == 0;
}

bool is_hex_id(std::string_view s) {
  if (s.size() != 32) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace waymark::sync

#include "core/base/secrets.h"

#include <sodium.h>

#include <cstdio>
#include <mutex>
#include <stdexcept>

namespace waymark {

namespace {
constexpr unsigned long long kOps = 2;
constexpr size_t kMem = 19u * 1024u * 1024u;
constexpr unsigned long long kPinOps = 3;
constexpr size_t kPinMem = 64u * 1024u * 1024u;

std::string argon2id(std::string_view secret, unsigned long long ops, size_t mem) {
  crypto_init();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, secret.data(), secret.size(), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("out of memory while hashing a secret");
  return out;
}
}  // namespace

void crypto_init() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  });
}

std::string hash_secret(std::string_view secret) { return argon2id(secret, kOps, kMem); }

std::string hash_pin(std::string_view pin) { return argon2id(pin, kPinOps, kPinMem); }

bool pin_hash_is_weaker(const std::string& encoded_hash) {
  crypto_init();
  // 1: made with other settings. Never lower a stronger hash: only weaker ones count.
  if (crypto_pwhash_str_needs_rehash(encoded_hash.c_str(), kPinOps, kPinMem) != 1) return false;
  unsigned long m = 0, t = 0;
  if (std::sscanf(encoded_hash.c_str(), "$argon2id$v=19$m=%lu,t=%lu,", &m, &t) != 2) return true;
  return m * 1024u < kPinMem || (m * 1024u == kPinMem && t < kPinOps);
}

bool verify_secret(const std::string& encoded_hash, std::string_view secret) {
  crypto_init();
  return crypto_pwhash_str_verify(encoded_hash.c_str(), secret.data(), secret.size()) == 0;
}

std::string random_id() {
  crypto_init();
  unsigned char b[16];
  randombytes_buf(b, sizeof b);
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, b, sizeof b);
  return hex;
}

void wipe(std::string& s) {
  if (!s.empty()) sodium_memzero(s.data(), s.size());
  s.clear();
  s.shrink_to_fit();
}

}  // namespace waymark

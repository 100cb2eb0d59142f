// core/base/secrets.h: hashing PINs and passwords (Argon2id via libsodium), random ids, wiping memory.
#pragma once

#include <string>
#include <string_view>

namespace waymark {

// Initialises libsodium once; safe to call from any thread.
void crypto_init();

// Argon2id, 2 passes over 19 MiB (the OWASP minimum for Argon2id), encoded with its own salt and
// parameters so they can be raised later without breaking stored hashes.
std::string hash_secret(std::string_view secret);
bool verify_secret(const std::string& encoded_hash, std::string_view secret);

// PINs (children's, made on the gateway, and staff's, made on the device): Argon2id, 3 passes over 64 MiB
// (RFC 9106's second recommended setting), as much as a sign-in can afford on a wing device (docs/operating.md,
// "Children's PINs on a device", has the figures). A 4-digit PIN has only 10,000 values, so this cost is the
// fallback; the device's pepper (core/accounts/pin_seal.h) is what keeps a copied folder from giving one up.
std::string hash_pin(std::string_view pin);
// Whether a stored PIN hash was made with weaker settings than hash_pin's (then a sign-in re-hashes it).
bool pin_hash_is_weaker(const std::string& encoded_hash);

// 128 random bits as 32 lowercase hex characters.
std::string random_id();

// Overwrites a string's bytes before it is released.
void wipe(std::string& s);

}  // namespace waymark

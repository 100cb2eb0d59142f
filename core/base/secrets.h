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

// 128 random bits as 32 lowercase hex characters.
std::string random_id();

// Overwrites a string's bytes before it is released.
void wipe(std::string& s);

}  // namespace waymark

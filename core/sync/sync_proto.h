// core/sync/sync_proto.h: the pieces of docs/sync-protocol.md that the kiosk and the gateway must agree on
// byte for byte: the string a device signs, hashing and base64, the device key pair, and the limits.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace waymark::sync {

inline constexpr size_t kMaxRequestBytes = 1u << 20;     // the gateway refuses bigger bodies (413)
inline constexpr size_t kMaxResponseBytes = 8u << 20;    // the kiosk abandons bigger answers
inline constexpr int kMaxUpRecords = 100;                // records per /v1/up
inline constexpr int kMaxDownLimit = 1000;               // changes per /v1/down page
inline constexpr size_t kMaxMessageChars = 1000;         // a message's text, in code points
inline constexpr size_t kMaxBodyBytes = 64u * 1024u;     // one outbox body
inline constexpr int64_t kClockWindowMs = 300'000;       // signed time must be within 5 minutes
inline constexpr uint64_t kMaxPackBytes = 64ull << 20;   // a content pack the gateway publishes and a device fetches
inline constexpr size_t kPackChunkBytes = 1u << 20;      // default bytes per GET /v1/packs range request

std::string sha256_hex(std::string_view data);
std::string base64_encode(std::string_view bin);
// Standard alphabet with padding; returns false on anything else.
bool base64_decode(std::string_view b64, std::string& out);

// "waymark-v1\nMETHOD\nPATH\nDEVICE\nTIME\nSHA256HEX(body)"
std::string string_to_sign(std::string_view method, std::string_view path, std::string_view device_id,
                           int64_t time_ms, std::string_view body);

struct DeviceKeys {
  std::string public_key;  // 32 bytes
  std::string secret_key;  // 64 bytes (libsodium's Ed25519 secret key: seed + public key)
};
DeviceKeys make_device_keys();
std::string sign_detached(std::string_view msg, const std::string& secret_key);  // 64 bytes
bool verify_detached(std::string_view msg, std::string_view sig, std::string_view public_key);

bool is_hex_id(std::string_view s);  // 32 lowercase hex characters

}  // namespace waymark::sync

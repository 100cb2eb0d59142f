// core/catalogue/pack_bytes.h: for the pack module's own files only: what pack_format.cpp knows about the bytes of a
// pack that verifying (pack_verify.cpp), keys (pack_keys.cpp) and publishing (pack_publish.cpp) also need.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/catalogue/pack.h"

namespace waymark::pack_bytes {

inline constexpr uint32_t kMaxFiles = 256;
inline constexpr uint64_t kMaxPack = 512ull << 20;  // 512 MiB in all

std::string to_hex(const unsigned char* p, size_t n);
bool from_hex(const std::string& hex, unsigned char* out, size_t n);
// What the Ed25519 signature covers: a context line, then the manifest's bytes.
std::string signed_message(const std::string& manifest);
PackCheck refuse(PackError e, std::string reason);
bool valid_pack_id(const std::string& id);  // [a-z0-9-], 1..64
// Splits a pack into its manifest, signature and files, checking every length; false with *why on any damage.
bool parse_pack_structure(const std::string& b, std::string& manifest, std::string& sig, std::vector<PackFile>& files,
                          PackCheck* why);

}  // namespace waymark::pack_bytes

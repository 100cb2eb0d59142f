// tests/common/folder_scan.h: what a copy of a data folder gives away. Every byte of its files (the database, its
// WAL, anything else), to search for a secret that must not be there in any form: the PIN seal's and the sync
// key's tests (docs/operating.md, "Children's PINs on a device" and "The sync key on a device").
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "core/sync/sync_proto.h"

namespace waymark::test {

inline std::string folder_bytes(const std::string& dir) {
  std::string all;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    all.append(std::istreambuf_iterator<char>(in), {});
  }
  return all;
}

// Whether an Ed25519 secret key is in `bytes` in any form: its secret half raw, its base64, or the start of it.
inline bool holds_key(const std::string& bytes, const std::string& key) {
  const std::string b64 = sync::base64_encode(key);
  return bytes.find(key.substr(0, 32)) != std::string::npos || bytes.find(b64) != std::string::npos ||
         bytes.find(b64.substr(0, 40)) != std::string::npos;
}

}  // namespace waymark::test

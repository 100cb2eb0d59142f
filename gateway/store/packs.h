// gateway/store/packs.h: content packs the establishment publishes to its kiosks (docs/sync-protocol.md, "Content packs").
//
// Index
//  - kGatewayPacksSql : gateway migration 101 (the packs table)
//  - publish_pack     : checks a pack file, stores it under DATA/packs/SHA256.pack, records it and offers it to
//                       every wing with a `pack` change, in one transaction (the file is written first)
//  - list / find      : what was published
//  - parse_byte_range : the one form of HTTP Range the download endpoint answers
// The gateway checks a pack's format, manifest, sizes and hashes, but not the curator's signature: each
// device decides with its own trusted keys. A version not newer than the newest published for the same pack
// id is refused, and so is an expired pack.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/storage/db.h"

namespace waymark::gateway {

extern const char* const kGatewayPacksSql;

struct PublishedPack {
  std::string sha256, pack_id, created, expires, key_id, published_by;
  int64_t version = 0, size = 0, published_at = 0;  // published_at: unix ms
};

std::string pack_store_path(const std::string& data_dir, const std::string& sha256);  // DATA/packs/SHA256.pack

// Throws std::invalid_argument with a plain sentence when the pack is refused (nothing is recorded then).
PublishedPack publish_pack(Db& db, const std::string& data_dir, const std::string& bytes, const std::string& actor,
                           int64_t now_ms);
// Reads the file (refusing one over 64 MiB before reading it) and publishes it.
PublishedPack publish_pack_file(Db& db, const std::string& data_dir, const std::string& file, const std::string& actor,
                                int64_t now_ms);
std::vector<PublishedPack> list_packs(Db& db);
std::optional<PublishedPack> find_pack(Db& db, const std::string& sha256);

// "bytes=FIRST-" or "bytes=FIRST-LAST" against a resource of `size` bytes. Returns false (answer 416) for
// anything else: several ranges, a suffix range, FIRST beyond the end, LAST before FIRST.
bool parse_byte_range(const std::string& header, int64_t size, int64_t& first, int64_t& last);

}  // namespace waymark::gateway

// core/sync/pack_fetch.h: content packs the gateway offers (docs/sync-protocol.md, "Content packs"). A
// `pack` change newer than the installed pack is recorded as wanted, in the feed page's transaction; after
// the feed the newest wanted pack is fetched in bounded range requests into DATA/packs/partial-SHA256 (a
// later round goes on from there), checked against the offer's size and SHA-256, and installed with
// install_pack (the device's trusted keys, installed version and date decide). A kill at any moment loses
// nothing: the partial file keeps every byte already appended, and content changes only in install_pack.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/base/clock.h"
#include "core/storage/db.h"
#include "core/sync/round.h"

namespace waymark {

// Device migration 31: pack_downloads, the content packs the gateway offered and what became of each.
extern const char* const kSyncPackMigration;

// The newest content pack the gateway offered and what became of it, for `waymarkctl sync` and `status`.
struct PackDownload {
  std::string sha256, pack_id, state;  // state: wanted, installed, refused, superseded
  int64_t version = 0, size = 0, have = 0;  // have: bytes downloaded so far (wanted only)
  int attempts = 0;
  std::string reason;                  // refused: why; wanted: the last download problem, if any
};
std::optional<PackDownload> latest_pack_download(Db& db);
// One line: "demo v2: refused: unknown-key: The pack is signed by a key this device does not trust ..."
std::string describe_pack_download(const PackDownload& d);
std::string pack_partial_path(Db& db, const std::string& sha256);  // empty for an in-memory database

namespace wire {
struct PackOffer;
}
namespace sync {
struct GatewaySession;
// A `pack` change (in the page's transaction): recorded as wanted when newer than the installed pack.
void offer_pack(Db& db, const wire::PackOffer& offer, int64_t now_s, SyncReport& rep);
// After the feed, outside every page transaction: fetches and installs the newest wanted pack.
void fetch_pack(Db& db, GatewaySession& s, const Clock& clock, const SyncOptions& opt, SyncReport& rep);
}  // namespace sync

}  // namespace waymark

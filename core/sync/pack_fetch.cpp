#include "core/sync/pack_fetch.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/base/dates.h"
#include "core/base/text.h"
#include "core/catalogue/pack.h"
#include "core/storage/device_store.h"
#include "core/sync/gateway_session.h"
#include "core/sync/sync_proto.h"
#include "core/sync/sync_state.h"
#include "core/sync/wire.h"

namespace waymark {

// (a newer one came). No child data: a wipe keeps it.
const char* const kSyncPackMigration = R"SQL(
CREATE TABLE pack_downloads (
  sha256     TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  pack_id    TEXT NOT NULL,
  version    INTEGER NOT NULL CHECK (version >= 1),
  size       INTEGER NOT NULL CHECK (size >= 1),
  expires    TEXT NOT NULL,
  state      TEXT NOT NULL CHECK (state IN ('wanted','installed','refused','superseded')),
  offered_at INTEGER NOT NULL,        -- unix seconds (device clock) the change was applied
  done_at    INTEGER,
  attempts   INTEGER NOT NULL DEFAULT 0,
  reason     TEXT                     -- refused: why; wanted: the last download problem
) STRICT;
CREATE INDEX pack_downloads_by_state ON pack_downloads(state, version);
CREATE TABLE IF NOT EXISTS wipe_keep (
  name TEXT PRIMARY KEY,
  why  TEXT NOT NULL
) STRICT;
INSERT OR IGNORE INTO wipe_keep(name, why) VALUES
  ('pack_downloads', 'content packs offered by the gateway (no child data)');
)SQL";

namespace {

bool lower_hex64(const std::string& h) {
  return h.size() == 64 && std::all_of(h.begin(), h.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

void note_pack(Db& db, const std::string& sha, const std::string& state, const std::string& reason, int64_t now_s,
               bool attempt) {
  Txn t(db);
  Stmt u(db,
         "UPDATE pack_downloads SET state = :st, reason = :r, attempts = attempts + :a, "
         "done_at = CASE WHEN :st = 'wanted' THEN done_at ELSE :now END WHERE sha256 = :h");
  u.bind(":st", state).bind(":r", reason.empty() ? std::nullopt : std::optional<std::string>(reason));
  u.bind(":a", attempt ? 1 : 0).bind(":now", now_s).bind(":h", sha).run();
  if (state == "installed" || state == "refused")
    audit(db, now_s, "sync", state == "installed" ? "pack-fetched" : "pack-refused", sha.substr(0, 16) + " " + reason);
  t.commit();
}

int64_t file_size_or_zero(const std::string& path) {
  std::error_code ec;
  const auto n = std::filesystem::file_size(path, ec);
  return ec ? 0 : static_cast<int64_t>(n);
}

// "bytes FIRST-LAST/TOTAL" must say exactly what was asked for.
bool content_range_is(const std::string& v, int64_t first, int64_t last, int64_t total) {
  return v == "bytes " + std::to_string(first) + "-" + std::to_string(last) + "/" + std::to_string(total);
}

}  // namespace

namespace sync {

// Fetches the newest wanted pack into DATA/packs/partial-SHA256 in bounded range requests, going on from
// the partial file's size, then checks size and sha256 and installs it (install_pack: the device's trusted
// keys, installed version and today decide). Runs outside every transaction except its own short ones; a
// kill at any point leaves the partial file (what was received stays) and the installed content as it was.
void fetch_pack(Db& db, GatewaySession& s, const Clock& clock, const SyncOptions& opt, SyncReport& rep) {
  PackDownload w;
  {
    Stmt q(db, "SELECT sha256, pack_id, version, size FROM pack_downloads WHERE state = 'wanted' ORDER BY version DESC LIMIT 1");
    if (!q.step()) return;
    w.sha256 = q.text(0);
    w.pack_id = q.text(1);
    w.version = q.i64(2);
    w.size = q.i64(3);
  }
  const std::string partial = pack_partial_path(db, w.sha256);
  if (partial.empty()) return;  // an in-memory database has no data folder
  const int64_t now_s = std::max(clock.now_s(), gateway_time_floor(db) / 1000);
  std::error_code ec;
  if (auto cur = installed_pack(db); cur && cur->version >= w.version) {
    // installed meanwhile (this round before a kill, or by hand from a file)
    const bool same = cur->pack_id == w.pack_id && cur->version == w.version;
    note_pack(db, w.sha256, same ? "installed" : "superseded", "", now_s, false);
    std::filesystem::remove(partial, ec);
    return;
  }
  std::filesystem::create_directories(std::filesystem::path(partial).parent_path(), ec);
  int64_t have = file_size_or_zero(partial);
  if (have > w.size) {  // not this pack's bytes: start again
    std::filesystem::remove(partial, ec);
    have = 0;
  }
  rep.pack_resumed_from = have;
  const std::string path = "/v1/packs/" + w.sha256;
  const size_t chunk = std::max<size_t>(4096, std::min(opt.pack_chunk_bytes, sync::kMaxResponseBytes));
  auto stopped = [&](const std::string& why) {
    rep.pack_error = "The content pack " + w.pack_id + " v" + std::to_string(w.version) + " did not finish downloading (" +
                     std::to_string(have) + " of " + std::to_string(w.size) + " bytes): " + why +
                     " It goes on from there at the next sync.";
    note_pack(db, w.sha256, "wanted", why, now_s, true);
  };
  if (have < w.size) {
    FILE* f = std::fopen(partial.c_str(), "ab");
    if (!f) {
      stopped("the device cannot write " + partial + ".");
      return;
    }
    std::string problem;
    while (have < w.size) {
      if (opt.cancel && opt.cancel->load()) {
        problem = "the kiosk was stopping.";
        break;
      }
      const int64_t last = std::min<int64_t>(have + static_cast<int64_t>(chunk), w.size) - 1;
      std::string refusal;
      HttpResult r = signed_get(s, path, {"Range: bytes=" + std::to_string(have) + "-" + std::to_string(last)},
                                chunk + 1, &refusal);
      if (r.status == 0) {
        problem = r.error;
        break;
      }
      if (r.status == 404 && refusal == "unknown_pack") {
        std::fclose(f);
        std::filesystem::remove(partial, ec);
        const std::string why = "The gateway no longer has this pack.";
        rep.pack_refused = why;
        note_pack(db, w.sha256, "refused", why, now_s, true);
        return;
      }
      if (r.status == 416) {  // the gateway's copy is shorter than what we hold: start again
        std::fclose(f);
        std::filesystem::remove(partial, ec);
        have = 0;
        stopped("the gateway did not accept the range asked for, so the download starts again.");
        return;
      }
      if (r.status != 206) {
        problem = r.error.empty() ? "HTTP " + std::to_string(r.status) + "." : r.error;
        break;
      }
      if (!content_range_is(r.content_range, have, last, w.size) || static_cast<int64_t>(r.body.size()) != last - have + 1) {
        problem = "the gateway sent a different part of the pack than was asked for.";
        break;
      }
      if (std::fwrite(r.body.data(), 1, r.body.size(), f) != r.body.size() || std::fflush(f) != 0) {
        problem = "the device could not write the pack (is the disk full?).";
        break;
      }
      have += static_cast<int64_t>(r.body.size());
      rep.pack_bytes += static_cast<int64_t>(r.body.size());
    }
    ::fsync(::fileno(f));
    std::fclose(f);
    if (!problem.empty()) {
      have = file_size_or_zero(partial);
      stopped(problem);
      return;
    }
  }

  // complete: the size and fingerprint the gateway announced, then the device's own checks
  std::string bytes;
  {
    std::ifstream in(partial, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (static_cast<int64_t>(bytes.size()) != w.size || sync::sha256_hex(bytes) != w.sha256) {
    std::filesystem::remove(partial, ec);
    rep.pack_error = "The downloaded content pack " + w.pack_id + " v" + std::to_string(w.version) +
                     " did not match its fingerprint, so it was thrown away. It is fetched again at the next sync.";
    note_pack(db, w.sha256, "wanted", "the download did not match its fingerprint and was fetched again", now_s, true);
    return;
  }
  InstallResult ir = install_pack(db, bytes, civil_from_days(now_s / 86400), now_s, "sync");
  std::filesystem::remove(partial, ec);
  if (ir.check.ok()) {
    rep.pack_installed = w.pack_id + " v" + std::to_string(w.version);
    note_pack(db, w.sha256, "installed", "", now_s, true);
  } else {
    // refused for good: the same bytes would be refused again, so they are not fetched again
    rep.pack_refused = ir.check.reason;
    note_pack(db, w.sha256, "refused", std::string(pack_error_name(ir.check.error)) + ": " + ir.check.reason, now_s, true);
  }
}

// A `pack` change: the gateway published a content pack. One newer than what is installed is recorded as
// wanted (in the page's transaction, with the cursor); the download happens after the feed, outside it.
// Older offers still waiting are superseded: only the newest is fetched.
// The offer's shape (a hash, a size this device can fetch, a date) was checked by wire::PackOffer.
void offer_pack(Db& db, const wire::PackOffer& d, int64_t now_s, SyncReport& rep) {
  const std::string& sha = d.sha256;
  const std::string id = sanitize_text(d.pack_id, 64, false);
  const int64_t version = d.version;
  const int64_t size = d.size;
  const std::string& expires = d.expires;
  if (id.empty()) return;
  if (auto cur = installed_pack(db); cur && version <= cur->version) {
    // Not fetched. Another pack id is worth a line in `waymarkctl sync`: install_pack compares versions
    // whatever the id, so IT should know why it never arrives.
    const bool other = cur->pack_id != id;
    Stmt ins(db,
             "INSERT OR IGNORE INTO pack_downloads(sha256, pack_id, version, size, expires, state, offered_at, done_at, reason) "
             "VALUES(:h, :id, :v, :n, :e, :st, :now, :now, :r)");
    ins.bind(":h", sha).bind(":id", id).bind(":v", version).bind(":n", size).bind(":e", expires);
    ins.bind(":st", other ? "refused" : "superseded").bind(":now", now_s);
    ins.bind(":r", other ? std::optional<std::string>("not-newer: version " + std::to_string(version) + " is not newer than " +
                                                      cur->pack_id + " v" + std::to_string(cur->version) +
                                                      ", which is installed. Only a newer version can be installed.")
                         : std::nullopt)
        .run();
    return;
  }
  int64_t newest = 0;
  {
    Stmt q(db, "SELECT coalesce(max(version), 0) FROM pack_downloads WHERE state IN ('wanted','installed')");
    q.step();
    newest = q.i64(0);
  }
  Stmt ins(db,
           "INSERT OR IGNORE INTO pack_downloads(sha256, pack_id, version, size, expires, state, offered_at) "
           "VALUES(:h, :id, :v, :n, :e, :st, :now)");
  ins.bind(":h", sha).bind(":id", id).bind(":v", version).bind(":n", size).bind(":e", expires);
  ins.bind(":st", version > newest ? "wanted" : "superseded").bind(":now", now_s).run();
  if (db.changes() == 0) return;  // offered before (a page applied again, or a restored gateway's feed)
  Stmt old(db, "UPDATE pack_downloads SET state = 'superseded', done_at = :now WHERE state = 'wanted' AND version < :v");
  old.bind(":now", now_s).bind(":v", version).run();
  rep.packs_offered++;
}

}  // namespace sync

std::string pack_partial_path(Db& db, const std::string& sha256) {
  const std::string& p = db.path();
  if (p.empty() || p == ":memory:" || p.rfind("file:", 0) == 0 || !lower_hex64(sha256)) return {};
  return (std::filesystem::path(p).parent_path() / "packs" / ("partial-" + sha256)).string();
}

std::string describe_pack_download(const PackDownload& d) {
  std::string s = d.pack_id + " v" + std::to_string(d.version) + ": ";
  if (d.state == "wanted") {
    s += "downloading, " + std::to_string(d.have) + " of " + std::to_string(d.size) + " bytes";
    if (!d.reason.empty()) s += " (last try: " + d.reason + ")";
  } else if (d.state == "refused") {
    s += "refused: " + d.reason;
  } else if (d.state == "superseded") {
    s += "not needed (a newer or equal version is installed or wanted)";
  } else {
    s += "installed";
  }
  return s;
}

std::optional<PackDownload> latest_pack_download(Db& db) {
  Stmt q(db,
         "SELECT sha256, pack_id, version, size, state, attempts, coalesce(reason, '') FROM pack_downloads "
         "ORDER BY version DESC, offered_at DESC LIMIT 1");
  if (!q.step()) return std::nullopt;
  PackDownload d;
  d.sha256 = q.text(0);
  d.pack_id = q.text(1);
  d.version = q.i64(2);
  d.size = q.i64(3);
  d.state = q.text(4);
  d.attempts = static_cast<int>(q.i64(5));
  d.reason = q.text(6);
  if (d.state == "wanted") {
    const std::string partial = pack_partial_path(db, d.sha256);
    if (!partial.empty()) d.have = file_size_or_zero(partial);
  }
  return d;
}

}  // namespace waymark

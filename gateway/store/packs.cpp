#include "gateway/store/packs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/base/atomic_file.h"
#include "core/base/dates.h"
#include "core/catalogue/pack.h"
#include "core/sync/sync_proto.h"
#include "gateway/store/audit.h"
#include "gateway/store/feed.h"

namespace fs = std::filesystem;

namespace waymark::gateway {

// 101: published content packs. The bytes live in DATA/packs/SHA256.pack; a row is written only after its
// file is safely on disk, so a row never names a missing file. Rows never change.
const char* const kGatewayPacksSql = R"SQL(
CREATE TABLE packs (
  sha256       TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  pack_id      TEXT NOT NULL,
  version      INTEGER NOT NULL CHECK (version >= 1),
  size         INTEGER NOT NULL CHECK (size >= 1),
  created      TEXT NOT NULL,
  expires      TEXT NOT NULL,
  key_id       TEXT NOT NULL,
  published_at INTEGER NOT NULL,      -- unix ms
  published_by TEXT NOT NULL,
  UNIQUE (pack_id, version)
) STRICT;
CREATE TRIGGER packs_no_update BEFORE UPDATE ON packs BEGIN SELECT RAISE(ABORT, 'published packs do not change'); END;
)SQL";

namespace {

std::string mb(uint64_t bytes) { return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MB"; }

int64_t newest_version(Db& db, const std::string& pack_id) {
  Stmt s(db, "SELECT coalesce(max(version), 0) FROM packs WHERE pack_id = :id");
  s.bind(":id", pack_id);
  s.step();
  return s.i64(0);
}

void refuse_not_newer(int64_t version, int64_t newest, const std::string& pack_id) {
  if (version <= newest)
    throw std::invalid_argument("version " + std::to_string(version) + " of the pack " + pack_id +
                                " is not newer than version " + std::to_string(newest) +
                                ", which is already published; give the new pack a higher version");
}

// Stores the bytes with core's atomic write (the whole file or none of it) in a folder only the gateway reads.
void write_durably(const std::string& dir, const std::string& name, const std::string& bytes) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create " + dir + ": " + ec.message());
  ::chmod(dir.c_str(), 0700);
  AtomicWriteOptions stored;
  stored.mode = 0600;
  if (const FileWriteResult w = write_file_atomic((fs::path(dir) / name).string(), bytes, stored); !w.ok())
    throw std::runtime_error("cannot store the pack in " + dir + ": " + w.error);
}

PublishedPack row(Stmt& s) {
  PublishedPack p;
  p.sha256 = s.text(0);
  p.pack_id = s.text(1);
  p.version = s.i64(2);
  p.size = s.i64(3);
  p.created = s.text(4);
  p.expires = s.text(5);
  p.key_id = s.text(6);
  p.published_at = s.i64(7);
  p.published_by = s.text(8);
  return p;
}
constexpr const char* kColumns = "sha256, pack_id, version, size, created, expires, key_id, published_at, published_by";

}  // namespace

std::string pack_store_path(const std::string& data_dir, const std::string& sha256) {
  return (fs::path(data_dir) / "packs" / (sha256 + ".pack")).string();
}

PublishedPack publish_pack(Db& db, const std::string& data_dir, const std::string& bytes, const std::string& actor,
                           int64_t now_ms) {
  if (bytes.size() > sync::kMaxPackBytes)
    throw std::invalid_argument("the pack is " + mb(bytes.size()) + "; the gateway takes packs up to " + mb(sync::kMaxPackBytes));
  VerifyOptions vo;
  vo.today = civil_from_days(now_ms / 86'400'000);
  const PackCheck c = inspect_pack(bytes, vo);  // format, manifest, every file's size and hash, expiry
  if (!c.ok()) throw std::invalid_argument(c.reason);
  const PackManifest& m = c.manifest;
  refuse_not_newer(m.version, newest_version(db, m.pack_id), m.pack_id);  // before writing anything

  PublishedPack p;
  p.sha256 = sync::sha256_hex(bytes);
  p.pack_id = m.pack_id;
  p.version = m.version;
  p.size = static_cast<int64_t>(bytes.size());
  p.created = m.created;
  p.expires = m.expires;
  p.key_id = m.key_id;
  p.published_at = now_ms;
  p.published_by = actor;
  write_durably((fs::path(data_dir) / "packs").string(), p.sha256 + ".pack", bytes);

  Txn t(db);
  refuse_not_newer(m.version, newest_version(db, m.pack_id), m.pack_id);  // again, under the write lock
  Stmt ins(db,
           "INSERT INTO packs(sha256, pack_id, version, size, created, expires, key_id, published_at, published_by) "
           "VALUES(:h, :id, :v, :n, :c, :e, :k, :at, :by)");
  ins.bind(":h", p.sha256).bind(":id", p.pack_id).bind(":v", p.version).bind(":n", p.size).bind(":c", p.created);
  ins.bind(":e", p.expires).bind(":k", p.key_id).bind(":at", p.published_at).bind(":by", p.published_by).run();
  // every wing: a change with neither a wing nor a device is read by every device (docs/sync-protocol.md)
  const nlohmann::json payload = {{"pack_id", p.pack_id}, {"version", p.version}, {"sha256", p.sha256},
                                  {"size", p.size},       {"expires", p.expires}};
  emit(db, std::nullopt, std::nullopt, "pack", payload);
  audit(db, now_ms, actor, "pack.publish",
        p.pack_id + " v" + std::to_string(p.version) + " sha256 " + p.sha256 + " " + std::to_string(p.size) +
            " bytes, expires " + p.expires + ", key " + p.key_id);
  t.commit();
  return p;
}

PublishedPack publish_pack_file(Db& db, const std::string& data_dir, const std::string& file, const std::string& actor,
                                int64_t now_ms) {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) throw std::invalid_argument("cannot read " + file + ": " + ec.message());
  if (size > sync::kMaxPackBytes)
    throw std::invalid_argument("the pack is " + mb(size) + "; the gateway takes packs up to " + mb(sync::kMaxPackBytes));
  std::ifstream in(file, std::ios::binary);
  std::string bytes(static_cast<size_t>(size), '\0');
  if (!in || !in.read(bytes.data(), static_cast<std::streamsize>(size))) throw std::invalid_argument("cannot read " + file);
  return publish_pack(db, data_dir, bytes, actor, now_ms);
}

std::vector<PublishedPack> list_packs(Db& db) {
  std::vector<PublishedPack> out;
  Stmt s(db, std::string("SELECT ") + kColumns + " FROM packs ORDER BY pack_id, version");
  while (s.step()) out.push_back(row(s));
  return out;
}

std::optional<PublishedPack> find_pack(Db& db, const std::string& sha256) {
  Stmt s(db, std::string("SELECT ") + kColumns + " FROM packs WHERE sha256 = :h");
  s.bind(":h", sha256);
  if (!s.step()) return std::nullopt;
  return row(s);
}

bool parse_byte_range(const std::string& h, int64_t size, int64_t& first, int64_t& last) {
  const std::string pre = "bytes=";
  if (h.rfind(pre, 0) != 0 || h.size() > 64) return false;
  const std::string spec = h.substr(pre.size());
  const auto dash = spec.find('-');
  if (dash == std::string::npos || dash == 0) return false;  // no suffix ranges ("-N")
  auto number = [](const std::string& t, int64_t& v) {
    if (t.empty() || t.size() > 15) return false;
    v = 0;
    for (char c : t) {
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    return true;
  };
  if (!number(spec.substr(0, dash), first)) return false;
  const std::string rest = spec.substr(dash + 1);
  if (rest.empty()) last = size - 1;
  else if (!number(rest, last)) return false;  // also refuses "N-M,O-P"
  if (first >= size || last < first) return false;
  if (last >= size) last = size - 1;
  return true;
}

}  // namespace waymark::gateway

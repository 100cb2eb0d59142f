#include "core/base/clock.h"
#include "core/base/json_limits.h"
#include "core/catalogue/pack.h"
#include "core/catalogue/pack_version.h"

#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/base/csv.h"
#include "core/catalogue/curation.h"
#include "core/storage/device_store.h"
#include "core/myviews/forms.h"
#include "core/base/secrets.h"

namespace fs = std::filesystem;

namespace waymark {

namespace {
constexpr char kMagic[8] = {'W', 'M', 'P', 'A', 'C', 'K', '0', '1'};
constexpr const char* kSigContext = "waymark-pack-v1\n";
constexpr uint32_t kMaxManifest = 1u << 20;        // 1 MiB
constexpr uint32_t kMaxFiles = 256;
constexpr uint64_t kMaxFile = 256ull << 20;         // 256 MiB each
constexpr uint64_t kMaxPack = 512ull << 20;         // 512 MiB in all

std::string to_hex(const unsigned char* p, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.pop_back();
  return out;
}

bool from_hex(const std::string& hex, unsigned char* out, size_t n) {
  if (hex.size() != n * 2) return false;
  size_t got = 0;
  return sodium_hex2bin(out, n, hex.c_str(), hex.size(), nullptr, &got, nullptr) == 0 && got == n;
}

std::string signed_message(const std::string& manifest) { return std::string(kSigContext) + manifest; }

// a cursor over the pack's bytes that never reads past the end
struct Reader {
  const std::string& b;
  size_t pos = 0;
  bool need(uint64_t n) const { return n <= b.size() - pos; }
  bool u16(uint32_t& v) {
    if (!need(2)) return false;
    v = (static_cast<uint32_t>(static_cast<unsigned char>(b[pos])) << 8) | static_cast<unsigned char>(b[pos + 1]);
    pos += 2;
    return true;
  }
  bool u32(uint32_t& v) {
    if (!need(4)) return false;
    v = 0;
    for (int i = 0; i < 4; i++) v = (v << 8) | static_cast<unsigned char>(b[pos++]);
    return true;
  }
  bool u64(uint64_t& v) {
    if (!need(8)) return false;
    v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | static_cast<unsigned char>(b[pos++]);
    return true;
  }
  bool bytes(uint64_t n, std::string& out) {
    if (!need(n)) return false;
    out.assign(b, pos, static_cast<size_t>(n));
    pos += static_cast<size_t>(n);
    return true;
  }
};

void put_u16(std::string& o, uint32_t v) {
  o += static_cast<char>((v >> 8) & 0xFF);
  o += static_cast<char>(v & 0xFF);
}
void put_u32(std::string& o, uint32_t v) {
  for (int i = 3; i >= 0; i--) o += static_cast<char>((v >> (8 * i)) & 0xFF);
}
void put_u64(std::string& o, uint64_t v) {
  for (int i = 7; i >= 0; i--) o += static_cast<char>((v >> (8 * i)) & 0xFF);
}

PackCheck refuse(PackError e, std::string reason) {
  PackCheck c;
  c.error = e;
  c.reason = std::move(reason);
  return c;
}

bool valid_pack_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}
}  // namespace

const char* pack_error_name(PackError e) {
  switch (e) {
    case PackError::None: return "ok";
    case PackError::CannotRead: return "cannot-read";
    case PackError::Truncated: return "truncated";
    case PackError::Malformed: return "malformed";
    case PackError::TooBig: return "too-big";
    case PackError::PathEscape: return "path-escape";
    case PackError::BadManifest: return "bad-manifest";
    case PackError::UnknownKey: return "unknown-key";
    case PackError::BadSignature: return "bad-signature";
    case PackError::MissingFile: return "missing-file";
    case PackError::ExtraFile: return "extra-file";
    case PackError::SizeMismatch: return "size-mismatch";
    case PackError::HashMismatch: return "hash-mismatch";
    case PackError::Expired: return "expired";
    case PackError::NotNewer: return "not-newer";
    case PackError::BadContent: return "bad-content";
  }
  return "unknown";
}

// ---------------------------------------------------------------- keys
std::string PublicKey::key_id() const {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, bytes.data(), bytes.size());
  return to_hex(h, 8);
}
std::string PublicKey::hex() const { return to_hex(bytes.data(), bytes.size()); }

PublicKey SecretKey::public_key() const {
  PublicKey p;
  crypto_sign_ed25519_sk_to_pk(p.bytes.data(), bytes.data());
  p.name = name;
  return p;
}

void generate_keypair(const std::string& name, PublicKey& pub, SecretKey& sec) {
  crypto_init();
  crypto_sign_keypair(pub.bytes.data(), sec.bytes.data());
  pub.name = name;
  sec.name = name;
}

std::string public_key_file(const PublicKey& k) {
  nlohmann::json j = {{"type", "waymark-ed25519-public"}, {"name", k.name}, {"key_id", k.key_id()}, {"key", k.hex()}};
  return j.dump(2) + "\n";
}

std::string secret_key_file(const SecretKey& k) {
  nlohmann::json j = {{"type", "waymark-ed25519-secret"},
                      {"name", k.name},
                      {"key_id", k.public_key().key_id()},
                      {"key", to_hex(k.bytes.data(), k.bytes.size())}};
  return j.dump(2) + "\n";
}

namespace {
bool parse_key_json(const std::string& text, const char* type, std::string& name, std::string& hex, std::string* error) {
  nlohmann::json j = parse_json_limited(text);
  if (j.is_discarded() || !j.is_object() || !j.contains("type") || !j["type"].is_string() || !j.contains("key") ||
      !j["key"].is_string()) {
    if (error) *error = "this is not a Waymark key file";
    return false;
  }
  if (j["type"].get<std::string>() != type) {
    if (error) *error = std::string("this key file is a ") + j["type"].get<std::string>() + ", not a " + type;
    return false;
  }
  name = j.contains("name") && j["name"].is_string() ? j["name"].get<std::string>() : std::string();
  hex = j["key"].get<std::string>();
  return true;
}
}  // namespace

bool parse_public_key(const std::string& text, PublicKey& out, std::string* error) {
  std::string name, hex;
  if (!parse_key_json(text, "waymark-ed25519-public", name, hex, error)) return false;
  if (!from_hex(hex, out.bytes.data(), out.bytes.size())) {
    if (error) *error = "the key in this file is not 64 hex characters";
    return false;
  }
  out.name = name;
  return true;
}

bool parse_secret_key(const std::string& text, SecretKey& out, std::string* error) {
  std::string name, hex;
  if (!parse_key_json(text, "waymark-ed25519-secret", name, hex, error)) return false;
  if (!from_hex(hex, out.bytes.data(), out.bytes.size())) {
    if (error) *error = "the key in this file is not 128 hex characters";
    return false;
  }
  out.name = name;
  return true;
}

void trust_key(Db& db, const PublicKey& k, int64_t now_s) {
  Txn txn(db);
  Stmt s(db,
         "INSERT INTO trusted_keys(key_id, public_key, name, added_at) VALUES(:id, :pk, :name, :now) "
         "ON CONFLICT(key_id) DO UPDATE SET name = excluded.name");
  s.bind(":id", k.key_id()).bind(":pk", k.hex()).bind(":name", k.name).bind(":now", now_s).run();
  audit(db, now_s, "waymarkctl", "key-trust", k.key_id() + " " + k.name);
  txn.commit();
}

bool untrust_key(Db& db, const std::string& key_id) {
  Txn txn(db);
  Stmt s(db, "DELETE FROM trusted_keys WHERE key_id = :id");
  s.bind(":id", key_id).run();
  const bool removed = db.changes() > 0;
  if (removed) audit(db, wall_now_s(), "waymarkctl", "key-untrust", key_id);
  txn.commit();
  return removed;
}

std::vector<PublicKey> trusted_keys(Db& db) {
  std::vector<PublicKey> out;
  Stmt s(db, "SELECT public_key, name FROM trusted_keys ORDER BY added_at, key_id");
  while (s.step()) {
    PublicKey k;
    if (!from_hex(s.text(0), k.bytes.data(), k.bytes.size())) continue;
    k.name = s.text(1);
    out.push_back(k);
  }
  return out;
}

// ---------------------------------------------------------------- building
bool safe_pack_path(const std::string& p) {
  if (p.empty() || p.size() > 128) return false;
  if (p.front() == '/' || p.front() == '.') return false;
  size_t seg_start = 0;
  for (size_t i = 0; i <= p.size(); i++) {
    if (i == p.size() || p[i] == '/') {
      const std::string seg = p.substr(seg_start, i - seg_start);
      if (seg.empty() || seg == "." || seg == ".." || seg.front() == '.') return false;
      seg_start = i + 1;
      continue;
    }
    const char c = p[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
      return false;
  }
  return true;
}

std::string sha256_hex(const std::string& data) {
  crypto_init();
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return to_hex(h, sizeof h);
}

namespace {
std::string manifest_text(const std::string& pack_id, int64_t version, const std::string& created, const std::string& expires,
                          const std::string& as_of, const std::string& key_id, const std::vector<PackFile>& files) {
  nlohmann::json m;
  m["format"] = 1;
  m["pack_id"] = pack_id;
  m["version"] = version;
  m["created"] = created;
  m["expires"] = expires;
  m["as_of"] = as_of;
  m["key_id"] = key_id;
  m["files"] = nlohmann::json::array();
  for (const auto& f : files)
    m["files"].push_back({{"path", f.path}, {"sha256", sha256_hex(f.data)}, {"size", f.data.size()}});
  return m.dump(1) + "\n";
}

std::string serialize_pack(const std::string& manifest, const unsigned char* sig, const std::vector<PackFile>& files) {
  std::string out(kMagic, sizeof kMagic);
  put_u32(out, static_cast<uint32_t>(manifest.size()));
  out += manifest;
  put_u32(out, crypto_sign_BYTES);
  out.append(reinterpret_cast<const char*>(sig), crypto_sign_BYTES);
  put_u32(out, static_cast<uint32_t>(files.size()));
  for (const auto& f : files) {
    put_u16(out, static_cast<uint32_t>(f.path.size()));
    out += f.path;
    put_u64(out, f.data.size());
    out += f.data;
  }
  return out;
}
}  // namespace

std::string build_pack(const std::string& pack_id, int64_t version, const std::string& created, const std::string& expires,
                       const std::string& as_of, const std::vector<PackFile>& files, const SecretKey& key) {
  crypto_init();
  const std::string manifest = manifest_text(pack_id, version, created, expires, as_of, key.public_key().key_id(), files);
  const std::string msg = signed_message(manifest);
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), key.bytes.data());
  return serialize_pack(manifest, sig, files);
}

std::string build_unsigned_pack(const std::string& pack_id, int64_t version, const std::string& created,
                                const std::string& expires, const std::string& as_of, const std::vector<PackFile>& files) {
  const unsigned char zero[crypto_sign_BYTES] = {};
  return serialize_pack(manifest_text(pack_id, version, created, expires, as_of, "unsigned", files), zero, files);
}

bool read_pack_folder(const std::string& dir, std::vector<PackFile>& files, std::string* error) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    if (error) *error = dir + " is not a folder";
    return false;
  }
  files.clear();
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->is_symlink()) {
      if (error) *error = it->path().string() + " is a symbolic link; packs hold only plain files";
      return false;
    }
    if (!it->is_regular_file()) continue;
    const std::string rel = fs::relative(it->path(), dir, ec).generic_string();
    if (!safe_pack_path(rel)) {
      if (error) *error = "the file name \"" + rel + "\" is not allowed in a pack (letters, digits, . _ - and / only)";
      return false;
    }
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    if (!in.good() && !in.eof()) {
      if (error) *error = "cannot read " + it->path().string();
      return false;
    }
    files.push_back(PackFile{rel, ss.str()});
  }
  if (ec) {
    if (error) *error = "cannot list " + dir + ": " + ec.message();
    return false;
  }
  if (files.empty()) {
    if (error) *error = dir + " has no files";
    return false;
  }
  if (files.size() > kMaxFiles) {
    if (error) *error = dir + " has more than 256 files";
    return false;
  }
  std::sort(files.begin(), files.end(), [](const PackFile& a, const PackFile& b) { return a.path < b.path; });
  return true;
}

// ---------------------------------------------------------------- verifying
bool parse_pack_structure(const std::string& b, std::string& manifest, std::string& sig, std::vector<PackFile>& files,
                          PackCheck* why) {
  auto no = [&](PackError e, std::string r) {
    if (why) *why = refuse(e, std::move(r));
    return false;
  };
  if (b.size() > kMaxPack) return no(PackError::TooBig, "The pack is bigger than 512 MB, which is more than any pack should be.");
  if (b.size() < sizeof kMagic || std::memcmp(b.data(), kMagic, sizeof kMagic) != 0)
    return no(b.size() < sizeof kMagic ? PackError::Truncated : PackError::Malformed,
              "This is not a Waymark content pack (it does not start the way a pack starts).");
  Reader r{b, sizeof kMagic};
  const char* cut = "The pack is cut short: it ends in the middle. It may not have finished copying.";
  uint32_t mlen = 0;
  if (!r.u32(mlen)) return no(PackError::Truncated, cut);
  if (mlen == 0 || mlen > kMaxManifest) return no(PackError::Malformed, "The pack's manifest has an impossible size.");
  if (!r.bytes(mlen, manifest)) return no(PackError::Truncated, cut);
  uint32_t slen = 0;
  if (!r.u32(slen)) return no(PackError::Truncated, cut);
  if (slen != crypto_sign_BYTES) return no(PackError::Malformed, "The pack's signature has the wrong size.");
  if (!r.bytes(slen, sig)) return no(PackError::Truncated, cut);
  uint32_t nfiles = 0;
  if (!r.u32(nfiles)) return no(PackError::Truncated, cut);
  if (nfiles > kMaxFiles) return no(PackError::Malformed, "The pack says it holds more than 256 files.");
  files.clear();
  std::set<std::string> names;
  for (uint32_t i = 0; i < nfiles; i++) {
    uint32_t plen = 0;
    if (!r.u16(plen)) return no(PackError::Truncated, cut);
    if (plen == 0 || plen > 128) return no(PackError::Malformed, "A file name in the pack has an impossible length.");
    PackFile f;
    if (!r.bytes(plen, f.path)) return no(PackError::Truncated, cut);
    if (!safe_pack_path(f.path))
      return no(PackError::PathEscape, "The pack has a file named \"" + f.path.substr(0, 60) +
                                           "\" that would land outside the pack. It is refused.");
    if (!names.insert(f.path).second) return no(PackError::Malformed, "The pack holds " + f.path + " twice.");
    uint64_t size = 0;
    if (!r.u64(size)) return no(PackError::Truncated, cut);
    if (size > kMaxFile) return no(PackError::TooBig, f.path + " in the pack is bigger than 256 MB.");
    if (!r.bytes(size, f.data)) return no(PackError::Truncated, cut);
    files.push_back(std::move(f));
  }
  if (r.pos != b.size()) return no(PackError::Malformed, "The pack has extra bytes after its last file.");
  return true;
}

namespace {
// verify_pack and inspect_pack: with check_signature false the key and signature are not checked (the
// gateway stores packs whose curator key it need not know; every device checks the signature itself).
PackCheck check_pack(const std::string& b, const std::vector<PublicKey>& keys, const VerifyOptions& opt,
                     bool check_signature) {
  crypto_init();
  std::string manifest, sig;
  std::vector<PackFile> files;
  {
    PackCheck why;
    if (!parse_pack_structure(b, manifest, sig, files, &why)) return why;
  }

  // the manifest: its shape first, then the key and signature before any of its values are believed
  nlohmann::json m = parse_json_limited(manifest);
  if (m.is_discarded() || !m.is_object()) return refuse(PackError::BadManifest, "The pack's manifest is not readable.");
  auto str = [&](const char* k) { return m.contains(k) && m[k].is_string() ? m[k].get<std::string>() : std::string(); };
  PackCheck c;
  PackManifest& pm = c.manifest;
  pm.key_id = str("key_id");
  if (pm.key_id.empty()) return refuse(PackError::BadManifest, "The pack's manifest does not say which key signed it.");
  if (pm.key_id == "unsigned")
    return refuse(PackError::BadSignature, "The pack has not been signed yet. A curator signs it with `waymarkctl pack sign`.");
  const PublicKey* key = nullptr;
  for (const auto& k : keys)
    if (k.key_id() == pm.key_id) key = &k;
  if (!check_signature) {
    // nothing to check against
  } else if (!key)
    return refuse(PackError::UnknownKey, "The pack is signed by a key this device does not trust (key " +
                                             pm.key_id.substr(0, 16) + "). Ask IT to check where it came from.");
  const std::string msg = signed_message(manifest);
  if (check_signature && crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig.data()),
                                  reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), key->bytes.data()) != 0)
    return refuse(PackError::BadSignature,
                  "The pack's signature does not match: it has been changed since it was signed, or it was not "
                  "signed with " + (key->name.empty() ? std::string("that key") : key->name + "'s key") + ".");

  if (!m.contains("format") || !m["format"].is_number_integer() || m["format"].get<int64_t>() != 1)
    return refuse(PackError::BadManifest, "The pack is in a format this version of Waymark does not know.");
  pm.pack_id = str("pack_id");
  pm.created = str("created");
  pm.expires = str("expires");
  pm.as_of = str("as_of");
  if (!valid_pack_id(pm.pack_id)) return refuse(PackError::BadManifest, "The pack's id is missing or not allowed.");
  if (!m.contains("version") || !m["version"].is_number_integer() || m["version"].get<int64_t>() < 1 ||
      m["version"].get<int64_t>() > kMaxPackVersion)
    return refuse(PackError::BadManifest, "The pack's version is missing or not a whole number from 1 to " +
                                              std::to_string(kMaxPackVersion) + ".");
  pm.version = m["version"].get<int64_t>();
  const auto exp = parse_date(pm.expires);
  if (!exp) return refuse(PackError::BadManifest, "The pack's expiry date is missing or not a date.");
  if (!pm.as_of.empty() && !parse_date(pm.as_of)) return refuse(PackError::BadManifest, "The pack's \"as of\" date is not a date.");
  if (!m.contains("files") || !m["files"].is_array() || m["files"].size() > kMaxFiles)
    return refuse(PackError::BadManifest, "The pack's manifest has no list of files.");
  for (const auto& e : m["files"]) {
    if (!e.is_object() || !e.contains("path") || !e["path"].is_string() || !e.contains("sha256") ||
        !e["sha256"].is_string() || !e.contains("size") || !e["size"].is_number_unsigned())
      return refuse(PackError::BadManifest, "A file in the pack's manifest lacks its path, sha256 or size.");
    PackManifest::Entry en{e["path"].get<std::string>(), e["sha256"].get<std::string>(), e["size"].get<uint64_t>()};
    if (!safe_pack_path(en.path))
      return refuse(PackError::PathEscape, "The pack's manifest names a file \"" + en.path.substr(0, 60) +
                                               "\" that would land outside the pack. It is refused.");
    pm.files.push_back(std::move(en));
  }

  // every file named, present, the right size and hash; nothing extra
  std::set<std::string> listed;
  for (const auto& en : pm.files)
    if (!listed.insert(en.path).second) return refuse(PackError::BadManifest, "The manifest lists " + en.path + " twice.");
  for (const auto& f : files)
    if (!listed.count(f.path))
      return refuse(PackError::ExtraFile, "The pack holds " + f.path + ", which its manifest does not list.");
  std::vector<PackFile> ordered;
  for (const auto& en : pm.files) {
    auto it = std::find_if(files.begin(), files.end(), [&](const PackFile& f) { return f.path == en.path; });
    if (it == files.end())
      return refuse(PackError::MissingFile, "The pack is missing " + en.path + ", which its manifest lists.");
    if (it->data.size() != en.size)
      return refuse(PackError::SizeMismatch, en.path + " is " + std::to_string(it->data.size()) + " bytes but the manifest says " +
                                                 std::to_string(en.size) + ". The pack has been changed or damaged.");
    if (sha256_hex(it->data) != en.sha256)
      return refuse(PackError::HashMismatch,
                    en.path + " does not match its fingerprint in the manifest. The pack has been changed or damaged.");
    ordered.push_back(std::move(*it));
  }

  if (opt.check_expiry && *exp < opt.today)
    return refuse(PackError::Expired, "The pack expired on " + pm.expires + ". Ask for a newer one.");
  if (opt.installed_version && pm.version <= *opt.installed_version)
    return refuse(PackError::NotNewer, "The pack is version " + std::to_string(pm.version) +
                                           ", but version " + std::to_string(*opt.installed_version) +
                                           " is already installed. Only a newer version can be installed.");
  c.files = std::move(ordered);
  return c;
}
}  // namespace

PackCheck verify_pack(const std::string& b, const std::vector<PublicKey>& keys, const VerifyOptions& opt) {
  return check_pack(b, keys, opt, true);
}

PackCheck inspect_pack(const std::string& b, const VerifyOptions& opt) { return check_pack(b, {}, opt, false); }

bool resign_pack(const std::string& bytes, const SecretKey& key, std::string& out, std::string* error) {
  std::string manifest, sig;
  std::vector<PackFile> files;
  PackCheck why;
  if (!parse_pack_structure(bytes, manifest, sig, files, &why)) {
    if (error) *error = why.reason;
    return false;
  }
  nlohmann::json m = parse_json_limited(manifest);
  auto str = [&](const char* k) { return m.contains(k) && m[k].is_string() ? m[k].get<std::string>() : std::string(); };
  if (m.is_discarded() || !m.is_object() || !m.contains("version") || !m["version"].is_number_integer() ||
      !valid_pack_id(str("pack_id")) || !parse_date(str("expires"))) {
    if (error) *error = "the pack's manifest is not readable";
    return false;
  }
  // the files are re-hashed here, so signing also proves what is in the pack now
  out = build_pack(str("pack_id"), m["version"].get<int64_t>(), str("created"), str("expires"), str("as_of"), files, key);
  return true;
}

PackCheck verify_pack_file(const std::string& path, const std::vector<PublicKey>& keys, const VerifyOptions& opt) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return refuse(PackError::CannotRead, "Cannot read " + path + ": " + ec.message() + ".");
  if (size > kMaxPack) return refuse(PackError::TooBig, "The pack is bigger than 512 MB, which is more than any pack should be.");
  std::ifstream in(path, std::ios::binary);
  std::string bytes(static_cast<size_t>(size), '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size)))
    return refuse(PackError::CannotRead, "Cannot read " + path + ".");
  return verify_pack(bytes, keys, opt);
}

// ---------------------------------------------------------------- installing
std::optional<InstalledPack> installed_pack(Db& db) {
  Stmt s(db,
         "SELECT pack_id, version, created, expires, as_of, key_id, installed_at, listings FROM pack_installs "
         "ORDER BY seq DESC LIMIT 1");
  if (!s.step()) return std::nullopt;
  return InstalledPack{s.text(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.text(5), s.i64(6), s.i64(7)};
}

namespace {
void insert_raw(Stmt& i, const Listing& l) {
  i.reset();
  i.bind(":id", l.id);
  i.bind(":kind", l.kind).bind(":title", l.title).bind(":provider", l.provider).bind(":la", l.la_code);
  i.bind(":place", l.place).bind(":start", l.start_date).bind(":dur", l.duration).bind(":req", l.requirements);
  i.bind(":sum", l.summary).bind(":level", l.level).bind(":interest", l.interest).bind(":exp", l.expires);
  i.bind(":status", l.status).bind(":origin", l.origin).bind(":eb", l.edited_by).bind(":ea", l.edited_at);
  i.bind(":ab", l.approved_by).bind(":aa", l.approved_at);
  i.bind(":tcy", l.title_cy).bind(":scy", l.summary_cy).bind(":rcy", l.requirements_cy).bind(":dcy", l.duration_cy).run();
}
}  // namespace

InstallResult install_pack(Db& db, const std::string& bytes, CivilDate today, int64_t now_s, const std::string& actor) {
  InstallResult res;
  VerifyOptions vo;
  vo.today = today;
  if (auto cur = installed_pack(db)) vo.installed_version = cur->version;
  res.check = verify_pack(bytes, trusted_keys(db), vo);
  if (!res.check.ok()) return res;
  const PackManifest& pm = res.check.manifest;
  auto bad = [&](const std::string& why) {
    res.check.error = PackError::BadContent;
    res.check.reason = why;
    res.check.files.clear();
    return res;
  };

  // the content, checked in full before the database is touched
  const PackFile* la_file = nullptr;
  const PackFile* listings_file = nullptr;
  for (const auto& f : res.check.files) {
    if (f.path == "local_authorities.csv") la_file = &f;
    if (f.path == "listings.csv") listings_file = &f;
  }
  std::vector<LocalAuthority> las;
  std::set<std::string> la_codes;
  if (la_file) {
    std::string err;
    if (!parse_la_csv(la_file->data, las, &err)) return bad("The pack's local_authorities.csv is not right: " + err + ".");
    for (const auto& la : las) la_codes.insert(la.code);
  } else {
    for (const auto& la : la_all(db)) la_codes.insert(la.code);
  }
  std::vector<Listing> listings;
  if (listings_file) {
    CsvResult csv = parse_csv(listings_file->data);
    if (!csv.error.empty()) return bad("The pack's listings.csv cannot be read: " + csv.error + ".");
    if (csv.rows.empty()) return bad("The pack's listings.csv has no header.");
    const auto& header = csv.rows[0].fields;
    std::set<std::string> ids;
    listings.reserve(csv.rows.size());
    for (size_t i = 1; i < csv.rows.size(); i++) {
      const std::string at = "The pack's listings.csv line " + std::to_string(csv.rows[i].line) + " ";
      Listing l;
      std::string err;
      if (!listing_from_csv(header, csv.rows[i].fields, l, &err)) return bad(at + err + ".");
      if (l.status != "approved") return bad(at + "is not approved; a pack carries approved listings only.");
      const auto problems = validate_listing(nullptr, l, std::nullopt);
      if (!problems.empty()) return bad(at + "(" + l.id + "): " + problems.front().message);
      if (!la_codes.count(l.la_code)) return bad(at + "(" + l.id + "): the area " + l.la_code + " is not in the local-authority table.");
      if (!ids.insert(l.id).second) return bad(at + "repeats the id " + l.id + ".");
      l.origin = "pack";
      l.edited_by = "pack:" + pm.pack_id;
      l.approved_by = "pack:" + pm.pack_id;
      l.edited_at = l.approved_at = now_s;
      listings.push_back(std::move(l));
    }
  }

  // My Views form definitions (forms/*.json): each checked as `waymarkctl form-install` checks it
  std::vector<const PackFile*> forms;
  {
    std::set<std::pair<std::string, int>> seen;
    for (const auto& f : res.check.files) {
      if (f.path.rfind("forms/", 0) != 0 || f.path.size() < 11 || f.path.compare(f.path.size() - 5, 5, ".json") != 0)
        continue;
      if (f.data.size() > kMaxFormBytes) return bad("The pack's " + f.path + " is too big for a form (over 256 KB).");
      FormParse fp = parse_form(f.data);
      if (!fp.form) return bad("The pack's " + f.path + " is not a form this device can use: " + fp.error + ".");
      if (!seen.insert({fp.form->id, fp.form->version}).second)
        return bad("The pack holds version " + std::to_string(fp.form->version) + " of the form " + fp.form->id + " twice.");
      forms.push_back(&f);
    }
  }

  // one transaction: all of it or none of it
  Txn txn(db);
  for (const PackFile* f : forms) {
    // old versions stay (drafts keep the version they started with); a version never changes its words
    std::string err;
    if (!form_install(db, f->data, now_s, &err))
      return bad("The pack's " + f->path + " cannot be installed: " + err + ".");
  }
  if (auto cur = installed_pack(db); cur && pm.version <= cur->version) {  // re-read under the write lock
    res.check.error = PackError::NotNewer;
    res.check.reason = "Version " + std::to_string(cur->version) + " was installed meanwhile; this one is not newer.";
    return res;
  }
  if (la_file) replace_local_authorities(db, las);
  if (listings_file) {
    db.exec("DELETE FROM listings WHERE origin = 'pack'");
    Stmt ins(db,
             "INSERT OR REPLACE INTO listings(id, kind, title, provider, la_code, place, start_date, duration, requirements, "
             "summary, level, interest, expires, status, origin, edited_by, edited_at, approved_by, approved_at, title_cy, "
             "summary_cy, requirements_cy, duration_cy) VALUES(:id, :kind, :title, :provider, :la, :place, :start, :dur, :req, "
             ":sum, :level, :interest, :exp, :status, :origin, :eb, :ea, :ab, :aa, :tcy, :scy, :rcy, :dcy)");
    for (const auto& l : listings) insert_raw(ins, l);
    db.exec("INSERT INTO listings_fts(listings_fts) VALUES('rebuild')");
  }
  db.exec("DELETE FROM pack_files");
  {
    Stmt f(db, "INSERT INTO pack_files(path, sha256, content) VALUES(:p, :h, :c)");
    for (size_t i = 0; i < res.check.files.size(); i++) {
      const auto& pf = res.check.files[i];
      f.reset();
      f.bind(":p", pf.path).bind(":h", pm.files[i].sha256).bind_blob(":c", pf.data.data(), pf.data.size()).run();
    }
  }
  nlohmann::json mj = {{"pack_id", pm.pack_id}, {"version", pm.version}, {"created", pm.created},
                       {"expires", pm.expires}, {"as_of", pm.as_of},     {"key_id", pm.key_id}};
  Stmt h(db,
         "INSERT INTO pack_installs(pack_id, version, created, expires, as_of, key_id, installed_at, listings, manifest) "
         "VALUES(:id, :v, :c, :e, :a, :k, :now, :n, :m)");
  h.bind(":id", pm.pack_id).bind(":v", pm.version).bind(":c", pm.created).bind(":e", pm.expires).bind(":a", pm.as_of);
  h.bind(":k", pm.key_id).bind(":now", now_s).bind(":n", static_cast<int64_t>(listings.size())).bind(":m", mj.dump()).run();
  audit(db, now_s, actor, "pack-install",
        pm.pack_id + " v" + std::to_string(pm.version) + ", " + std::to_string(listings.size()) + " listings, " +
            std::to_string(forms.size()) + " forms, key " + pm.key_id);
  txn.commit();
  res.listings = static_cast<int64_t>(listings.size());
  res.local_authorities = static_cast<int64_t>(las.size());
  res.forms = static_cast<int64_t>(forms.size());
  return res;
}

std::vector<PackFile> export_pack_files(Db& db, CivilDate today) {
  std::vector<PackFile> out;
  std::string listings = csv_line(listing_columns());
  for (const Listing& l : listings_all(db, "approved"))
    if (listing_showable(l, today)) listings += csv_line(listing_fields(l));
  out.push_back(PackFile{"listings.csv", listings});
  out.push_back(PackFile{"local_authorities.csv", la_csv(la_all(db))});
  std::sort(out.begin(), out.end(), [](const PackFile& a, const PackFile& b) { return a.path < b.path; });
  return out;
}

std::optional<std::string> pack_file(Db& db, const std::string& path) {
  Stmt s(db, "SELECT content FROM pack_files WHERE path = :p");
  s.bind(":p", path);
  if (!s.step()) return std::nullopt;
  auto v = s.blob(0);
  return std::string(v.begin(), v.end());
}

// ---------------------------------------------------------------- publishing
std::string iso_utc(int64_t unix_s) {
  const std::time_t t = static_cast<std::time_t>(unix_s);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool publish_pack(Db& db, const SecretKey& key, CivilDate today, int64_t now_s, const std::string& actor,
                  const std::string& pack_id, const std::string& expires, PublishedPack& out, std::string* error) {
  auto fail = [&](std::string why) {
    if (error) *error = std::move(why);
    return false;
  };
  const auto cur = installed_pack(db);
  const std::string id = !pack_id.empty() ? pack_id : (cur ? cur->pack_id : std::string("catalogue"));
  if (!valid_pack_id(id)) return fail("The pack id must be 1 to 64 small letters, digits or dashes.");
  const std::string exp = !expires.empty() ? expires : format_date(add_days(today, kDefaultExpiryDays));
  const auto exp_d = parse_date(exp);
  if (!exp_d) return fail("The pack's expiry must be a date like 2027-06-30.");
  if (*exp_d < today) return fail("The pack's expiry date has already passed.");
  const std::vector<PackFile> files = export_pack_files(db, today);
  // every row again, as a device will check it: a pack no device would take is not made
  int64_t rows = 0;
  for (const PackFile& f : files) {
    if (f.path != "listings.csv") continue;
    const CsvResult csv = parse_csv(f.data);
    if (!csv.error.empty() || csv.rows.empty()) return fail("The listings could not be written: " + csv.error);
    for (size_t i = 1; i < csv.rows.size(); i++) {
      Listing l;
      std::string e, why;
      if (!listing_from_csv(csv.rows[0].fields, csv.rows[i].fields, l, &e)) why = e;
      else if (auto p = validate_listing(nullptr, l, std::nullopt); !p.empty()) why = p.front().message;
      else if (auto fl = safety_check(l); !fl.empty()) why = "the safety check found " + describe(fl.front());
      else if (l.status != "approved") why = "it is not approved";
      if (!why.empty()) return fail("Listing \"" + l.title + "\" (" + l.id + ") cannot go in a pack: " + why);
      rows++;
    }
  }
  if (rows == 0) return fail("There are no approved listings to publish.");
  Txn txn(db);
  int64_t last = cur ? cur->version : 0;
  if (const std::string pv = meta_get(db, "pack.published_version"); !pv.empty())
    last = std::max<int64_t>(last, std::strtoll(pv.c_str(), nullptr, 10));
  const int64_t version = last + 1;
  if (version > kMaxPackVersion) return fail("The next version would be above " + std::to_string(kMaxPackVersion) + ".");
  out.bytes = build_pack(id, version, iso_utc(now_s), exp, format_date(today), files, key);
  out.pack_id = id;
  out.version = version;
  out.listings = rows;
  meta_set(db, "pack.published_version", std::to_string(version));
  audit(db, now_s, actor, "pack-publish",
        "pack " + id + " version " + std::to_string(version) + ", " + std::to_string(rows) + " listings, key " +
            key.public_key().key_id());
  txn.commit();
  return true;
}

}  // namespace waymark

// The pack's bytes: the file format (see pack.h), building and signing packs, reading a folder into one.
#include <sodium.h>
#include "core/base/json_limits.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/base/dates.h"
#include "core/base/secrets.h"
#include "core/catalogue/pack.h"
#include "core/catalogue/pack_bytes.h"

namespace fs = std::filesystem;

namespace waymark {

namespace {
constexpr char kMagic[8] = {'W', 'M', 'P', 'A', 'C', 'K', '0', '1'};
constexpr const char* kSigContext = "waymark-pack-v1\n";
constexpr uint32_t kMaxManifest = 1u << 20;        // 1 MiB
constexpr uint64_t kMaxFile = 256ull << 20;         // 256 MiB each
using pack_bytes::kMaxFiles;
using pack_bytes::kMaxPack;
using pack_bytes::refuse;

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
}  // namespace

namespace pack_bytes {
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
}  // namespace pack_bytes

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
  return pack_bytes::to_hex(h, sizeof h);
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
  const std::string msg = pack_bytes::signed_message(manifest);
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

bool resign_pack(const std::string& bytes, const SecretKey& key, std::string& out, std::string* error) {
  std::string manifest, sig;
  std::vector<PackFile> files;
  PackCheck why;
  if (!pack_bytes::parse_pack_structure(bytes, manifest, sig, files, &why)) {
    if (error) *error = why.reason;
    return false;
  }
  nlohmann::json m = parse_json_limited(manifest);
  auto str = [&](const char* k) { return m.contains(k) && m[k].is_string() ? m[k].get<std::string>() : std::string(); };
  if (m.is_discarded() || !m.is_object() || !m.contains("version") || !m["version"].is_number_integer() ||
      !pack_bytes::valid_pack_id(str("pack_id")) || !parse_date(str("expires"))) {
    if (error) *error = "the pack's manifest is not readable";
    return false;
  }
  // the files are re-hashed here, so signing also proves what is in the pack now
  out = build_pack(str("pack_id"), m["version"].get<int64_t>(), str("created"), str("expires"), str("as_of"), files, key);
  return true;
}

}  // namespace waymark

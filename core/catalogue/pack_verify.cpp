// Verifying a pack: its structure, the signature before any manifest value is believed, every file's size and
// hash, expiry and version. All in memory: nothing is stored until this says yes.
#include <sodium.h>
#include "core/catalogue/pack_version.h"
#include "core/base/json_limits.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "core/base/secrets.h"
#include "core/catalogue/pack.h"
#include "core/catalogue/pack_bytes.h"

namespace fs = std::filesystem;

namespace waymark {

using pack_bytes::kMaxFiles;
using pack_bytes::kMaxPack;
using pack_bytes::refuse;

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
    if (!pack_bytes::parse_pack_structure(b, manifest, sig, files, &why)) return why;
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
  const std::string msg = pack_bytes::signed_message(manifest);
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
  if (!pack_bytes::valid_pack_id(pm.pack_id)) return refuse(PackError::BadManifest, "The pack's id is missing or not allowed.");
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

}  // namespace waymark

// core/catalogue/pack.h: signed content packs (curated listings, the local-authority table, form definitions).
//
// A pack is ONE file, in a format this code reads itself with a bounds check on every length:
//   "WMPACK01"                          8 bytes, the magic and format version
//   u32 manifest length, manifest       JSON, at most 1 MiB (big-endian lengths throughout)
//   u32 signature length (64), sig      Ed25519 detached signature over "waymark-pack-v1\n" + manifest bytes
//   u32 file count (at most 256)
//   per file: u16 path length, path, u64 size, bytes
//   nothing after the last file
// The manifest: {"format":1, "pack_id", "version" (only goes up), "created", "expires" (YYYY-MM-DD),
//                "as_of" (YYYY-MM-DD, the day the content was true), "key_id", "files":[{"path","sha256","size"}]}
//
// Verification happens entirely in memory before anything is stored; installing switches to the new content
// in ONE transaction. Every refusal has a code and a sentence a person understands, and leaves the current
// content untouched.
//
// Where: pack_keys.cpp (keys), pack_format.cpp (the bytes: build, sign, read a folder), pack_verify.cpp,
// pack_install.cpp (install, what is installed, export), pack_publish.cpp, pack_schema.cpp (migration 11).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/catalogue/catalogue.h"
#include "core/base/dates.h"
#include "core/storage/db.h"

namespace waymark {

extern const char* const kPackSchema;  // migration 11: trusted_keys, pack_files, pack_installs

// ---------------------------------------------------------------- keys
struct PublicKey {
  std::array<unsigned char, 32> bytes{};
  std::string name;
  std::string key_id() const;  // 16 hex characters: the start of the key's SHA-256
  std::string hex() const;
};
struct SecretKey {
  std::array<unsigned char, 64> bytes{};  // libsodium's Ed25519 secret key (seed + public key)
  std::string name;
  PublicKey public_key() const;
};
void generate_keypair(const std::string& name, PublicKey& pub, SecretKey& sec);
// Key files are small JSON documents: {"type":"waymark-ed25519-public"|"waymark-ed25519-secret","name","key":hex}
std::string public_key_file(const PublicKey& k);
std::string secret_key_file(const SecretKey& k);
bool parse_public_key(const std::string& text, PublicKey& out, std::string* error);
bool parse_secret_key(const std::string& text, SecretKey& out, std::string* error);

// The device's trusted-key list (keys that may sign packs for it).
void trust_key(Db& db, const PublicKey& k, int64_t now_s);  // own transaction; replaces the name if present
bool untrust_key(Db& db, const std::string& key_id);
std::vector<PublicKey> trusted_keys(Db& db);

// ---------------------------------------------------------------- the pack
struct PackFile {
  std::string path;
  std::string data;
};

struct PackManifest {
  int format = 1;
  std::string pack_id;   // [a-z0-9-], 1..64
  int64_t version = 0;   // 1 or more
  std::string created;   // ISO 8601 UTC, e.g. 2026-11-23T12:00:00Z
  std::string expires;   // YYYY-MM-DD: the pack is refused after this day
  std::string as_of;     // YYYY-MM-DD: the day its content was true
  std::string key_id;
  struct Entry {
    std::string path, sha256;
    uint64_t size = 0;
  };
  std::vector<Entry> files;
};

enum class PackError {
  None, CannotRead, Truncated, Malformed, TooBig, PathEscape, BadManifest, UnknownKey, BadSignature,
  MissingFile, ExtraFile, SizeMismatch, HashMismatch, Expired, NotNewer, BadContent
};
const char* pack_error_name(PackError e);

struct PackCheck {
  PackError error = PackError::None;
  std::string reason;  // a plain sentence when refused
  PackManifest manifest;
  std::vector<PackFile> files;  // verified, in manifest order
  bool ok() const { return error == PackError::None; }
};

// A safe relative path inside a pack: 1..128 bytes of [A-Za-z0-9._-] in segments split by "/", no empty,
// "." or ".." segment, not starting with "/" or a dot.
bool safe_pack_path(const std::string& p);
std::string sha256_hex(const std::string& data);

// Builds the manifest JSON for files (sha256 and size computed here) and signs it.
std::string build_pack(const std::string& pack_id, int64_t version, const std::string& created, const std::string& expires,
                       const std::string& as_of, const std::vector<PackFile>& files, const SecretKey& key);
// Signs (or re-signs) a built pack with key: the manifest keeps its id, version and dates; hashes are recomputed.
bool resign_pack(const std::string& bytes, const SecretKey& key, std::string& out, std::string* error);
// An unsigned pack (all-zero signature, key id "unsigned") for `waymarkctl pack build` without --key.
std::string build_unsigned_pack(const std::string& pack_id, int64_t version, const std::string& created,
                                const std::string& expires, const std::string& as_of, const std::vector<PackFile>& files);
// Same, from a folder (every regular file in it, sorted by path). false + error on unsafe names or read failure.
bool read_pack_folder(const std::string& dir, std::vector<PackFile>& files, std::string* error);

struct VerifyOptions {
  CivilDate today;                          // packs expiring before today are refused
  std::optional<int64_t> installed_version; // a version not newer than this is refused
  bool check_expiry = true;                 // default true
};
// Reads and verifies a pack against the keys given (any one of them must match the manifest's key id).
PackCheck verify_pack(const std::string& bytes, const std::vector<PublicKey>& keys, const VerifyOptions& opt);
// The same checks without the signature (format, manifest, every file's size and hash, expiry and version
// as opt says): for the gateway, which stores and hands out packs but leaves trusting the curator's key to
// each device. The manifest's key id is reported, never believed.
PackCheck inspect_pack(const std::string& bytes, const VerifyOptions& opt);
PackCheck verify_pack_file(const std::string& path, const std::vector<PublicKey>& keys, const VerifyOptions& opt);

// ---------------------------------------------------------------- installing
struct InstalledPack {
  std::string pack_id;
  int64_t version = 0;
  std::string created, expires, as_of, key_id;
  int64_t installed_at = 0;
  int64_t listings = 0;
  // Days from `today` to the pack's last valid day (its expiry date): 0 = today is the last, negative = it
  // expired that many days ago. nullopt when the stored expiry is not a date.
  std::optional<int64_t> days_left(CivilDate today) const;
};
// The installed pack (the newest install), as `waymarkctl pack status` and `doctor` report it; none when no
// pack was ever installed.
std::optional<InstalledPack> installed_pack(Db& db);

struct InstallResult {
  PackCheck check;        // check.ok() false: refused, nothing changed
  int64_t listings = 0;
  int64_t local_authorities = 0;
  int64_t forms = 0;      // My Views form definitions (forms/*.json) installed or already there
};
// Verifies against the device's trusted keys and installed version, checks the content (listings.csv rows,
// local_authorities.csv, forms/*.json My Views definitions with the same checks as `waymarkctl form-install`),
// then swaps it in with one transaction: a bad form refuses the whole pack. Form versions are added, never
// removed (a draft keeps the version it started with). actor goes into the audit log.
InstallResult install_pack(Db& db, const std::string& bytes, CivilDate today, int64_t now_s, const std::string& actor);

// The files for the next pack from this device's approved, unexpired listings and its local-authority table.
std::vector<PackFile> export_pack_files(Db& db, CivilDate today);
// ---------------------------------------------------------------- publishing (the curator's office PC)
struct PublishedPack {
  std::string bytes;      // the signed pack, ready to write to a file
  std::string pack_id;
  int64_t version = 0;
  int64_t listings = 0;
};
// The next signed pack version from this device's approved, unexpired listings (export_pack_files), as
// `waymarkctl pack publish` and staff mode's Publish make it. The version is one more than the higher of the
// installed pack's and the last one published here (kept in meta "pack.published_version", so publishing twice
// without installing still goes up). pack_id empty: the installed pack's id, else "catalogue"; expires empty:
// today + 6 months. Every row is checked again (validation, safety check, approved); a bad row refuses the
// whole pack with its reason. Audited as `actor`.
bool publish_pack(Db& db, const SecretKey& key, CivilDate today, int64_t now_s, const std::string& actor,
                  const std::string& pack_id, const std::string& expires, PublishedPack& out, std::string* error);
// ISO 8601 UTC for a unix time, e.g. 2026-11-23T12:00:00Z.
std::string iso_utc(int64_t unix_s);

// The stored copy of a file from the installed pack (form definitions and the like).
std::optional<std::string> pack_file(Db& db, const std::string& path);

}  // namespace waymark

// Signing keys: making them, their small JSON files, and the list of keys this device trusts.
#include <sodium.h>
#include "core/base/json_limits.h"

#include <nlohmann/json.hpp>

#include "core/base/clock.h"
#include "core/base/secrets.h"
#include "core/catalogue/pack.h"
#include "core/catalogue/pack_bytes.h"
#include "core/storage/device_store.h"

namespace waymark {

using pack_bytes::from_hex;
using pack_bytes::to_hex;

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

}  // namespace waymark

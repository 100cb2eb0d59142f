// Fuzz target: what a signed pack carries (listings.csv, local_authorities.csv, forms/*.json), installed on an
// in-memory device database that trusts the signing key. The input is split at "\n====\n" into those three
// files, so the content checks behind the signature are reached (a fuzzer cannot forge Ed25519).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/catalogue/pack.h"
#include "core/storage/db.h"
#include "core/storage/migrations.h"

using namespace waymark;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static PublicKey pub;
  static SecretKey sec;
  static bool keyed = false;
  if (!keyed) {
    generate_keypair("fuzz", pub, sec);
    keyed = true;
  }
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::vector<PackFile> files;
  const char* names[] = {"listings.csv", "local_authorities.csv", "forms/fuzz.json"};
  for (const char* name : names) {
    const size_t cut = in.find("\n====\n");
    const std::string_view part = in.substr(0, cut);
    if (!part.empty() || files.empty()) files.push_back({name, std::string(part)});
    if (cut == std::string_view::npos) break;
    in.remove_prefix(cut + 6);
  }
  // One database for the whole run (migrating one per input was 3 runs a second): each pack is one version
  // newer than the last, so an installed one never makes the next "not newer".
  static std::unique_ptr<Db> db;
  static int64_t version = 0;
  if (!db) {
    db = std::make_unique<Db>(":memory:");
    migrate(*db, device_migrations());
    trust_key(*db, pub, 1'764'000'000);
  }
  const std::string bytes = build_pack("fuzz", ++version, "2026-12-01T12:00:00Z", "2027-06-30", "2026-12-01", files, sec);
  const InstallResult r = install_pack(*db, bytes, CivilDate{2026, 12, 2}, 1'764'000'000, "fuzz");
  if (!r.check.ok() && r.check.reason.empty()) __builtin_trap();
  return 0;
}

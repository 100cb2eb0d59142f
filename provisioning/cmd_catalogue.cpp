// provisioning/cmd_catalogue.cpp: waymarkctl keys, pack and listings: content packs for IT and curators, and
// listing curation from an office PC (the same rules as staff mode: validation, safety check, two people).
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/accounts/accounts.h"
#include "core/base/atomic_file.h"
#include "core/catalogue/catalogue.h"
#include "core/base/clock.h"
#include "core/base/csv.h"
#include "core/catalogue/curation.h"
#include "core/storage/device_store.h"
#include "core/catalogue/pack.h"
#include "core/catalogue/pack_version.h"
#include "provisioning/cli.h"

namespace fs = std::filesystem;

namespace waymark::cli {

namespace {
bool read_file(const std::string& path, std::string& out, std::string& err) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    err = "cannot read " + path;
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

// Secret keys are 0600 from the first byte; everything is fsynced before it has its final name.
bool write_file(const std::string& path, const std::string& data, bool secret, std::string& err) {
  AtomicWriteOptions o;
  if (secret) o.mode = 0600;
  const FileWriteResult w = write_file_atomic(path, data, o);
  err = w.error;
  return w.ok();
}

int fail(const char* cmd, const std::string& why, int code = 1) {
  std::fprintf(stderr, "waymarkctl %s: %s\n", cmd, why.c_str());
  return code;
}

std::unique_ptr<Db> open_existing(const Args& a, const char* cmd, int& code) {
  if (a.data.empty()) {
    code = fail(cmd, "--data DIR is required", 2);
    return nullptr;
  }
  DeviceOpenOptions o;
  o.create = false;
  DeviceOpenResult r = open_device(a.data, o);
  if (!r.db) {
    code = fail(cmd, r.error);
    return nullptr;
  }
  return std::move(r.db);
}

std::string utc_now_iso() {
  const std::time_t t = static_cast<std::time_t>(wall_now_s());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::vector<PublicKey> keys_from_args(const Args& a, std::string& err) {
  std::vector<PublicKey> keys;
  for (const auto& [k, v] : a.opts) {
    if (k != "--key") continue;
    std::string text;
    PublicKey pk;
    if (!read_file(v, text, err)) return {};
    if (!parse_public_key(text, pk, &err)) {
      err = v + ": " + err;
      return {};
    }
    keys.push_back(pk);
  }
  return keys;
}

bool load_secret(const std::string& path, SecretKey& sk, std::string& err) {
  std::string text;
  if (!read_file(path, text, err)) return false;
  if (!parse_secret_key(text, sk, &err)) {
    err = path + ": " + err;
    return false;
  }
  return true;
}

// Listings in a pack folder are checked as the kiosk will check them, plus the safety check.
bool check_pack_listings(const std::vector<PackFile>& files, std::string& err) {
  for (const auto& f : files) {
    if (f.path != "listings.csv") continue;
    CsvResult csv = parse_csv(f.data);
    if (!csv.error.empty()) {
      err = "listings.csv: " + csv.error;
      return false;
    }
    if (csv.rows.empty()) {
      err = "listings.csv has no header";
      return false;
    }
    int bad = 0;
    for (size_t i = 1; i < csv.rows.size(); i++) {
      Listing l;
      std::string e;
      std::string why;
      if (!listing_from_csv(csv.rows[0].fields, csv.rows[i].fields, l, &e)) why = e;
      else if (auto p = validate_listing(nullptr, l, std::nullopt); !p.empty()) why = p.front().message;
      else if (auto fl = safety_check(l); !fl.empty()) why = "safety check: " + describe(fl.front());
      else if (l.status != "approved") why = "is not approved";
      if (!why.empty()) {
        std::fprintf(stderr, "  listings.csv line %zu: %s\n", csv.rows[i].line, why.c_str());
        bad++;
      }
    }
    if (bad) {
      err = std::to_string(bad) + " listing rows are not fit to ship (see above)";
      return false;
    }
  }
  return true;
}

std::optional<StaffProfile> staff_from_args(const Args& a, Db& db, const char* cmd, int& code) {
  const std::string number = a.get("--as");
  std::string pin = a.get("--pin");
  if (pin.empty())
    if (const char* e = std::getenv("WAYMARK_STAFF_PIN")) pin = e;
  if (number.empty() || pin.empty()) {
    code = fail(cmd, "say who you are: --as STAFF_NUMBER and --pin PIN (or WAYMARK_STAFF_PIN)", 2);
    return std::nullopt;
  }
  std::unique_ptr<PinSeal> seal;
  if (!pin_seal_for(a, cmd, seal)) {
    code = 1;
    return std::nullopt;
  }
  SystemClock clock;
  Accounts acc(db, clock, seal.get());
  StaffSignIn s = acc.sign_in_staff(number, pin);
  if (s.result.status != SignInStatus::Ok) {
    code = fail(cmd, s.result.status == SignInStatus::Locked ? "that staff number is locked for now"
                                                              : "that staff number or PIN is not right");
    return std::nullopt;
  }
  return s.staff;
}

CivilDate today() { return local_date(wall_now_s()); }

// ---------------------------------------------------------------- keys
const char* const kKeysUsage =
    "usage: waymarkctl keys generate --name NAME --out PREFIX     writes PREFIX.key (secret, mode 600) and PREFIX.pub\n"
    "       waymarkctl keys trust --data DIR --key FILE.pub         this device accepts packs signed by that key\n"
    "       waymarkctl keys untrust --data DIR --id KEY_ID\n"
    "       waymarkctl keys list --data DIR";

int cmd_keys(const Args& a) {
  const std::string sub = a.pos[1];
  std::string err;
  if (sub == "generate") {
    const std::string name = a.get("--name"), prefix = a.get("--out");
    if (name.empty() || prefix.empty()) return fail("keys generate", "--name and --out are required", 2);
    if (!a.has("--force") && (fs::exists(prefix + ".key") || fs::exists(prefix + ".pub")))
      return fail("keys generate", prefix + ".key or .pub already exists; a key is never overwritten without --force");
    PublicKey pub;
    SecretKey sec;
    generate_keypair(name, pub, sec);
    if (!write_file(prefix + ".key", secret_key_file(sec), true, err) || !write_file(prefix + ".pub", public_key_file(pub), false, err))
      return fail("keys generate", err);
    std::printf("key %s (%s): secret %s.key (keep it off the wing devices), public %s.pub\n", pub.key_id().c_str(),
                name.c_str(), prefix.c_str(), prefix.c_str());
    return 0;
  }
  int code = 0;
  auto db = open_existing(a, ("keys " + sub).c_str(), code);
  if (!db) return code;
  if (sub == "trust") {
    auto keys = keys_from_args(a, err);
    if (keys.empty()) return fail("keys trust", err.empty() ? "--key FILE.pub is required" : err, err.empty() ? 2 : 1);
    for (const auto& k : keys) {
      trust_key(*db, k, wall_now_s());
      std::printf("trusted %s (%s)\n", k.key_id().c_str(), k.name.c_str());
    }
    return 0;
  }
  if (sub == "untrust") {
    if (!untrust_key(*db, a.get("--id"))) return fail("keys untrust", "no trusted key has the id " + a.get("--id"));
    std::printf("no longer trusted: %s\n", a.get("--id").c_str());
    return 0;
  }
  if (sub == "list") {
    for (const auto& k : trusted_keys(*db)) std::printf("%s  %s\n", k.key_id().c_str(), k.name.c_str());
    return 0;
  }
  return usage_error("waymarkctl", "keys", "unknown subcommand " + sub);
}

// ---------------------------------------------------------------- pack
const char* const kPackUsage =
    "usage: waymarkctl pack build --from DIR --id ID --version N --expires YYYY-MM-DD [--as-of YYYY-MM-DD]\n"
    "                             [--key SECRET.key] --out FILE     (without --key the pack is unsigned)\n"
    "                             [--previous N | --data DIR] [--allow-big-jump]   N is at most 1,000,000,000 and\n"
    "                             at most 1,000 above the previous version (default: the device's, else 0)\n"
    "       waymarkctl pack sign FILE --key SECRET.key [--out FILE]\n"
    "       waymarkctl pack verify FILE (--key FILE.pub ... | --data DIR)   exit 0 when good, 1 with the reason\n"
    "       waymarkctl pack install FILE --data DIR\n"
    "       waymarkctl pack publish --data DIR --key SECRET.key --out FILE [--id ID] [--expires YYYY-MM-DD]\n"
    "                             the next version from this device's approved listings\n"
    "       waymarkctl pack status --data DIR";

int cmd_pack(const Args& a) {
  const std::string sub = a.pos[1];
  std::string err;
  if (sub == "build") {
    const std::string from = a.get("--from"), id = a.get("--id"), out = a.get("--out"), exp = a.get("--expires");
    if (from.empty() || id.empty() || out.empty() || exp.empty() || a.get("--version").empty())
      return fail("pack build", "--from, --id, --version, --expires and --out are required", 2);
    // The option text is kept in a named string: strtoll's end pointer points into it (reading it through a
    // temporary was a stack-use-after-scope that AddressSanitizer found).
    const std::string version_text = a.get("--version"), previous_text = a.get("--previous");
    char* end = nullptr;
    const long long version = std::strtoll(version_text.c_str(), &end, 10);
    if (*end || version < 1) return fail("pack build", "--version must be a whole number above 0", 2);
    // The jump is checked against --previous N, else the device's installed pack (--data DIR), else 0.
    std::optional<int64_t> previous;
    if (!previous_text.empty()) {
      const long long p = std::strtoll(previous_text.c_str(), &end, 10);
      if (*end || p < 0) return fail("pack build", "--previous must be a whole number", 2);
      previous = p;
    } else if (!a.data.empty()) {
      int code = 0;
      auto db = open_existing(a, "pack build", code);
      if (!db) return code;
      if (auto cur = installed_pack(*db)) previous = cur->version;
    }
    if (const std::string why = pack_version_problem(version, previous, a.has("--allow-big-jump")); !why.empty())
      return fail("pack build", why, 2);
    if (!parse_date(exp)) return fail("pack build", "--expires must be a date like 2027-06-30", 2);
    const std::string as_of = a.get("--as-of").empty() ? format_date(today()) : a.get("--as-of");
    if (!parse_date(as_of)) return fail("pack build", "--as-of must be a date like 2026-11-01", 2);
    std::vector<PackFile> files;
    if (!read_pack_folder(from, files, &err)) return fail("pack build", err);
    if (!check_pack_listings(files, err)) return fail("pack build", err);
    std::string bytes;
    if (a.get("--key").empty()) {
      bytes = build_unsigned_pack(id, version, utc_now_iso(), exp, as_of, files);
    } else {
      SecretKey sk;
      if (!load_secret(a.get("--key"), sk, err)) return fail("pack build", err);
      bytes = build_pack(id, version, utc_now_iso(), exp, as_of, files, sk);
    }
    if (!write_file(out, bytes, false, err)) return fail("pack build", err);
    std::printf("built %s: pack %s version %lld, %zu files, %zu bytes%s\n", out.c_str(), id.c_str(), version, files.size(),
                bytes.size(), a.get("--key").empty() ? " (unsigned: sign it with `waymarkctl pack sign`)" : ", signed");
    return 0;
  }
  if (sub == "sign") {
    if (a.pos.size() < 3 || a.get("--key").empty()) return fail("pack sign", "a pack FILE and --key SECRET.key are required", 2);
    const std::string in = a.pos[2], out = a.get("--out").empty() ? a.pos[2] : a.get("--out");
    std::string bytes, signed_bytes;
    SecretKey sk;
    if (!read_file(in, bytes, err) || !load_secret(a.get("--key"), sk, err)) return fail("pack sign", err);
    if (!resign_pack(bytes, sk, signed_bytes, &err)) return fail("pack sign", err);
    if (!write_file(out, signed_bytes, false, err)) return fail("pack sign", err);
    std::printf("signed %s with key %s (%s)\n", out.c_str(), sk.public_key().key_id().c_str(), sk.name.c_str());
    return 0;
  }
  if (sub == "verify") {
    if (a.pos.size() < 3) return fail("pack verify", "a pack FILE is required", 2);
    std::vector<PublicKey> keys;
    VerifyOptions vo;
    vo.today = today();
    std::unique_ptr<Db> db;
    if (!a.data.empty()) {
      int code = 0;
      db = open_existing(a, "pack verify", code);
      if (!db) return code;
      keys = trusted_keys(*db);
      if (auto cur = installed_pack(*db)) vo.installed_version = cur->version;
    }
    auto extra = keys_from_args(a, err);
    if (!err.empty()) return fail("pack verify", err);
    keys.insert(keys.end(), extra.begin(), extra.end());
    if (keys.empty()) return fail("pack verify", "give --key FILE.pub (or --data DIR to use the device's trusted keys)", 2);
    PackCheck c = verify_pack_file(a.pos[2], keys, vo);
    if (!c.ok()) {
      std::fprintf(stderr, "REFUSED (%s): %s\n", pack_error_name(c.error), c.reason.c_str());
      return 1;
    }
    std::printf("OK: pack %s version %lld, created %s, as of %s, expires %s, signed by %s, %zu files\n",
                c.manifest.pack_id.c_str(), static_cast<long long>(c.manifest.version), c.manifest.created.c_str(),
                c.manifest.as_of.c_str(), c.manifest.expires.c_str(), c.manifest.key_id.c_str(), c.files.size());
    return 0;
  }
  if (sub == "install") {
    if (a.pos.size() < 3) return fail("pack install", "a pack FILE is required", 2);
    int code = 0;
    auto db = open_existing(a, "pack install", code);
    if (!db) return code;
    std::string bytes;
    if (!read_file(a.pos[2], bytes, err)) return fail("pack install", err);
    InstallResult r = install_pack(*db, bytes, today(), wall_now_s(), "waymarkctl");
    if (!r.check.ok()) {
      std::fprintf(stderr, "REFUSED (%s): %s\nNothing was changed.\n", pack_error_name(r.check.error), r.check.reason.c_str());
      return 1;
    }
    std::printf("installed pack %s version %lld: %lld listings, %lld local authorities\n", r.check.manifest.pack_id.c_str(),
                static_cast<long long>(r.check.manifest.version), static_cast<long long>(r.listings),
                static_cast<long long>(r.local_authorities));
    return 0;
  }
  if (sub == "publish") {
    int code = 0;
    auto db = open_existing(a, "pack publish", code);
    if (!db) return code;
    const std::string out = a.get("--out");
    if (out.empty() || a.get("--key").empty()) return fail("pack publish", "--key SECRET.key and --out FILE are required", 2);
    SecretKey sk;
    if (!load_secret(a.get("--key"), sk, err)) return fail("pack publish", err);
    PublishedPack pp;
    if (!publish_pack(*db, sk, today(), wall_now_s(), "waymarkctl", a.get("--id"), a.get("--expires"), pp, &err))
      return fail("pack publish", err);
    if (!write_file(out, pp.bytes, false, err)) return fail("pack publish", err);
    std::printf("published %s: pack %s version %lld, %lld listings, signed by %s\n", out.c_str(), pp.pack_id.c_str(),
                static_cast<long long>(pp.version), static_cast<long long>(pp.listings), sk.public_key().key_id().c_str());
    return 0;
  }
  if (sub == "status") {
    int code = 0;
    auto db = open_existing(a, "pack status", code);
    if (!db) return code;
    auto cur = installed_pack(*db);
    if (!cur) {
      std::puts("no pack installed");
      return 0;
    }
    std::printf("pack %s version %lld, as of %s, expires %s, key %s, %lld listings\n", cur->pack_id.c_str(),
                static_cast<long long>(cur->version), cur->as_of.c_str(), cur->expires.c_str(), cur->key_id.c_str(),
                static_cast<long long>(cur->listings));
    return 0;
  }
  return usage_error("waymarkctl", "pack", "unknown subcommand " + sub);
}

// ---------------------------------------------------------------- listings
const char* const kListingsUsage =
    "usage: waymarkctl listings list --data DIR [--status pending|approved|retired] [--stale]\n"
    "       waymarkctl listings import FILE.csv --data DIR --as STAFF [--pin PIN]   a report line per row\n"
    "       waymarkctl listings approve ID --data DIR --as STAFF [--pin PIN]        needs a second person\n"
    "       waymarkctl listings retire ID --data DIR --as STAFF [--pin PIN]\n"
    "       waymarkctl listings check ID --data DIR                                 validation and safety check\n"
    "       waymarkctl listings counts --data DIR                                   saved / asked (counts only)\n"
    "The PIN may also come from the environment variable WAYMARK_STAFF_PIN.";

int cmd_listings(const Args& a) {
  const std::string sub = a.pos[1];
  int code = 0;
  auto db = open_existing(a, ("listings " + sub).c_str(), code);
  if (!db) return code;
  const int64_t now = wall_now_s();
  if (sub == "list") {
    const auto rows = a.has("--stale") ? going_stale(*db, today()) : listings_all(*db, a.get("--status"));
    for (const auto& l : rows)
      std::printf("%-24s %-9s %-14s %s  %s  expires %s  %s\n", l.id.c_str(), l.status.c_str(), l.kind.c_str(),
                  l.start_date.c_str(), l.la_code.c_str(), l.expires.c_str(), l.title.c_str());
    std::printf("%zu listings\n", rows.size());
    return 0;
  }
  if (sub == "counts") {
    for (const auto& c : listing_counts(*db))
      std::printf("%-24s saved %4lld  asked %4lld  %s\n", c.listing_id.c_str(), static_cast<long long>(c.saved),
                  static_cast<long long>(c.asked), c.title.c_str());
    return 0;
  }
  if (sub == "check") {
    if (a.pos.size() < 3) return fail("listings check", "an ID is required", 2);
    auto l = listing_get(*db, a.pos[2]);
    if (!l) return fail("listings check", "there is no listing " + a.pos[2]);
    int n = 0;
    for (const auto& p : validate_listing(db.get(), *l, today())) std::printf("%s: %s\n", p.field.c_str(), p.message.c_str()), n++;
    for (const auto& f : safety_check(*l)) std::printf("safety: %s\n", describe(f).c_str()), n++;
    if (!n) std::puts("no problems found");
    return n ? 1 : 0;
  }
  auto staff = staff_from_args(a, *db, ("listings " + sub).c_str(), code);
  if (!staff) return code;
  if (sub == "import") {
    if (a.pos.size() < 3) return fail("listings import", "a CSV FILE is required", 2);
    std::string text, err;
    if (!read_file(a.pos[2], text, err)) return fail("listings import", err);
    ImportReport rep = import_listings_csv(*db, text, *staff, today(), now);
    if (!rep.error.empty()) return fail("listings import", rep.error);
    for (const auto& r : rep.rows)
      std::printf("line %zu %s %s%s%s\n", r.line, r.accepted ? "ACCEPTED" : "REJECTED", r.id.c_str(),
                  r.reason.empty() ? "" : ": ", r.reason.c_str());
    std::printf("%d accepted (waiting for a second person to approve), %d rejected\n", rep.accepted, rep.rejected);
    return rep.rejected ? 1 : 0;
  }
  if (a.pos.size() < 3) return fail(("listings " + sub).c_str(), "an ID is required", 2);
  if (sub == "approve") {
    ApproveResult r = approve_listing(*db, a.pos[2], *staff, today(), now);
    if (r.status != ApproveStatus::Ok) {
      for (const auto& f : r.flags) std::fprintf(stderr, "  safety: %s\n", describe(f).c_str());
      return fail("listings approve", r.reason);
    }
    std::printf("approved %s: children can see it now\n", a.pos[2].c_str());
    return 0;
  }
  if (sub == "retire") {
    std::string err;
    if (!retire_listing(*db, a.pos[2], *staff, now, &err)) return fail("listings retire", err);
    std::printf("retired %s: children no longer see it\n", a.pos[2].c_str());
    return 0;
  }
  return usage_error("waymarkctl", "listings", "unknown subcommand " + sub);
}

}  // namespace

const Command kKeysCommand{
    "keys", "keys generate|trust|untrust|list                    signing keys and the device's trusted keys", kKeysUsage,
    {{.sub = "generate", .options = {"--name", "--out"}, .flags = {"--force"}},
     {.sub = "trust", .options = {"--data", "--key"}},
     {.sub = "untrust", .options = {"--data", "--id"}},
     {.sub = "list", .options = {"--data"}}},
    cmd_keys};

const Command kPackCommand{
    "pack", "pack build|sign|verify|install|publish|status       signed content packs", kPackUsage,
    {{.sub = "build", .options = {"--from", "--id", "--version", "--expires", "--as-of", "--key", "--out", "--previous", "--data"},
      .flags = {"--allow-big-jump"}},
     {.sub = "sign", .options = {"--key", "--out"}, .words = "FILE"},
     {.sub = "verify", .options = {"--key", "--data"}, .words = "FILE"},
     {.sub = "install", .options = {"--data"}, .words = "FILE"},
     {.sub = "publish", .options = {"--data", "--key", "--out", "--id", "--expires"}},
     {.sub = "status", .options = {"--data"}}},
    cmd_pack};

const Command kListingsCommand{
    "listings", "listings list|import|approve|retire|check|counts    curate courses and jobs", kListingsUsage,
    {{.sub = "list", .options = {"--data", "--status"}, .flags = {"--stale"}},
     {.sub = "import", .options = {"--data", "--as", "--pin"}, .words = "FILE"},
     {.sub = "approve", .options = {"--data", "--as", "--pin"}, .words = "ID"},
     {.sub = "retire", .options = {"--data", "--as", "--pin"}, .words = "ID"},
     {.sub = "check", .options = {"--data"}, .words = "ID"},
     {.sub = "counts", .options = {"--data"}}},
    cmd_listings};

}  // namespace waymark::cli

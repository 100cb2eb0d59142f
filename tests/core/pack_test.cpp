// Content packs: building, signing, verifying, and every refusal with its reason; installing atomically.
#include <fstream>
#include <sstream>

#include "core/base/csv.h"
#include "core/catalogue/curation.h"
#include "core/myviews/forms.h"
#include "core/catalogue/pack.h"
#include "core/ops/provisioning.h"
#include "core/base/secrets.h"

#include <sodium.h>
#include <set>
#include "tests/core/catalogue_fixture.h"

namespace waymark::test {
namespace {

const CivilDate kToday{2026, 1, 5};

// An independent reader/writer of the pack layout, so tests can make packs the builder never would.
struct Parts {
  std::string manifest, sig;
  std::vector<PackFile> files;
};
uint64_t be(const std::string& b, size_t& p, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; i++) v = (v << 8) | static_cast<unsigned char>(b.at(p++));
  return v;
}
Parts split(const std::string& b) {
  Parts x;
  size_t p = 8;
  const auto m = be(b, p, 4);
  x.manifest = b.substr(p, m);
  p += m;
  const auto s = be(b, p, 4);
  x.sig = b.substr(p, s);
  p += s;
  const auto n = be(b, p, 4);
  for (uint64_t i = 0; i < n; i++) {
    const auto pl = be(b, p, 2);
    PackFile f;
    f.path = b.substr(p, pl);
    p += pl;
    const auto sz = be(b, p, 8);
    f.data = b.substr(p, sz);
    p += sz;
    x.files.push_back(f);
  }
  return x;
}
void put_be(std::string& o, uint64_t v, int n) {
  for (int i = n - 1; i >= 0; i--) o += static_cast<char>((v >> (8 * i)) & 0xFF);
}
std::string join(const Parts& x) {
  std::string o = "WMPACK01";
  put_be(o, x.manifest.size(), 4);
  o += x.manifest;
  put_be(o, x.sig.size(), 4);
  o += x.sig;
  put_be(o, x.files.size(), 4);
  for (const auto& f : x.files) {
    put_be(o, f.path.size(), 2);
    o += f.path;
    put_be(o, f.data.size(), 8);
    o += f.data;
  }
  return o;
}

class Packs : public CatalogueDb {
protected:
  void SetUp() override {
    CatalogueDb::SetUp();
    generate_keypair("test curator", pub, sec);
    generate_keypair("someone else", other_pub, other_sec);
  }

  std::string listings_csv(int n, const std::string& prefix = "p", const std::string& title = "Bricklaying for beginners") {
    std::string out = csv_line(listing_columns());
    for (int i = 0; i < n; i++) {
      Listing l = make(prefix + std::to_string(i), i % 2 ? kBradford : kLeeds, "2026-03-1" + std::to_string(i % 10), "course", title);
      out += csv_line(listing_fields(l));
    }
    return out;
  }

  std::vector<PackFile> files(int n = 3) {
    return {{"listings.csv", listings_csv(n)}, {"local_authorities.csv", la_csv(test_las())}};
  }

  std::string pack(int64_t version = 1, const std::string& expires = "2026-12-31", int n = 3) {
    return build_pack("test", version, "2026-01-01T00:00:00Z", expires, "2026-01-01", files(n), sec);
  }

  PackCheck verify(const std::string& bytes, std::optional<int64_t> installed = std::nullopt) {
    VerifyOptions o;
    o.today = kToday;
    o.installed_version = installed;
    return verify_pack(bytes, {pub}, o);
  }

  PublicKey pub, other_pub;
  SecretKey sec, other_sec;
};

TEST_F(Packs, GoodPackVerifies) {
  PackCheck c = verify(pack());
  ASSERT_TRUE(c.ok()) << c.reason;
  EXPECT_EQ(c.manifest.pack_id, "test");
  EXPECT_EQ(c.manifest.version, 1);
  EXPECT_EQ(c.manifest.key_id, pub.key_id());
  ASSERT_EQ(c.files.size(), 2u);
  EXPECT_EQ(c.files[0].path, "listings.csv");
}

TEST_F(Packs, KeyFilesRoundTrip) {
  PublicKey p2;
  SecretKey s2;
  std::string err;
  ASSERT_TRUE(parse_public_key(public_key_file(pub), p2, &err)) << err;
  ASSERT_TRUE(parse_secret_key(secret_key_file(sec), s2, &err)) << err;
  EXPECT_EQ(p2.bytes, pub.bytes);
  EXPECT_EQ(p2.name, "test curator");
  EXPECT_EQ(s2.public_key().bytes, pub.bytes);
  EXPECT_FALSE(parse_public_key(secret_key_file(sec), p2, &err));  // a secret key is not a public key
  EXPECT_FALSE(parse_public_key("{\"type\":\"waymark-ed25519-public\",\"key\":\"abcd\"}", p2, &err));
  EXPECT_FALSE(parse_public_key("not json", p2, &err));
}

TEST_F(Packs, RefusesABadSignature) {
  Parts x = split(pack());
  x.sig[10] = static_cast<char>(x.sig[10] ^ 1);
  PackCheck c = verify(join(x));
  EXPECT_EQ(c.error, PackError::BadSignature);
  EXPECT_NE(c.reason.find("signature"), std::string::npos);
}

TEST_F(Packs, RefusesAManifestChangedAfterSigning) {
  Parts x = split(pack());
  const size_t at = x.manifest.find("\"version\": 1");
  ASSERT_NE(at, std::string::npos) << x.manifest;
  x.manifest.replace(at, 12, "\"version\": 9");
  EXPECT_EQ(verify(join(x)).error, PackError::BadSignature);
}

TEST_F(Packs, RefusesAnUnknownKey) {
  const std::string bytes = build_pack("test", 1, "c", "2026-12-31", "2026-01-01", files(), other_sec);
  PackCheck c = verify(bytes);
  EXPECT_EQ(c.error, PackError::UnknownKey);
  EXPECT_NE(c.reason.find("does not trust"), std::string::npos);
}

TEST_F(Packs, RefusesAnUnsignedPack) {
  const std::string bytes = build_unsigned_pack("test", 1, "c", "2026-12-31", "2026-01-01", files());
  EXPECT_EQ(verify(bytes).error, PackError::BadSignature);
  std::string signed_bytes, err;
  ASSERT_TRUE(resign_pack(bytes, sec, signed_bytes, &err)) << err;
  EXPECT_TRUE(verify(signed_bytes).ok());
}

TEST_F(Packs, RefusesAVersionNotNewer) {
  EXPECT_EQ(verify(pack(3), 3).error, PackError::NotNewer);
  EXPECT_EQ(verify(pack(2), 3).error, PackError::NotNewer);
  EXPECT_TRUE(verify(pack(4), 3).ok());
  EXPECT_NE(verify(pack(3), 3).reason.find("already installed"), std::string::npos);
}

TEST_F(Packs, RefusesAnExpiredPack) {
  PackCheck c = verify(pack(1, "2026-01-04"));
  EXPECT_EQ(c.error, PackError::Expired);
  EXPECT_NE(c.reason.find("expired on 2026-01-04"), std::string::npos);
  EXPECT_TRUE(verify(pack(1, "2026-01-05")).ok());  // good through its last day
}

TEST_F(Packs, RefusesAFileWhoseHashDoesNotMatch) {
  Parts x = split(pack());
  x.files[0].data[40] = static_cast<char>(x.files[0].data[40] ^ 0x20);  // same size, different bytes
  PackCheck c = verify(join(x));
  EXPECT_EQ(c.error, PackError::HashMismatch);
  EXPECT_NE(c.reason.find("listings.csv"), std::string::npos);
}

TEST_F(Packs, RefusesAFileWhoseSizeDoesNotMatch) {
  Parts x = split(pack());
  x.files[1].data += "E08000099,Extra,,X,53,-1\n";
  PackCheck c = verify(join(x));
  EXPECT_EQ(c.error, PackError::SizeMismatch);
  EXPECT_NE(c.reason.find("local_authorities.csv"), std::string::npos);
}

TEST_F(Packs, RefusesMissingAndExtraFiles) {
  Parts x = split(pack());
  Parts missing = x;
  missing.files.pop_back();
  EXPECT_EQ(verify(join(missing)).error, PackError::MissingFile);
  Parts extra = x;
  extra.files.push_back({"forms/extra.json", "{}"});
  EXPECT_EQ(verify(join(extra)).error, PackError::ExtraFile);
}

TEST_F(Packs, RefusesEveryTruncationWithoutCrashing) {
  const std::string bytes = pack();
  for (size_t n = 0; n < bytes.size(); n += (n < 200 ? 1 : 97)) {
    PackCheck c = verify(bytes.substr(0, n));
    EXPECT_FALSE(c.ok()) << n;
    EXPECT_FALSE(c.reason.empty());
  }
  EXPECT_EQ(verify(bytes.substr(0, bytes.size() - 1)).error, PackError::Truncated);
  EXPECT_EQ(verify(bytes.substr(0, 20)).error, PackError::Truncated);
}

TEST_F(Packs, RefusesMalformedArchives) {
  const std::string bytes = pack();
  EXPECT_EQ(verify("PK\x03\x04 not a pack at all").error, PackError::Malformed);
  EXPECT_EQ(verify(bytes + "x").error, PackError::Malformed);  // bytes after the last file
  Parts x = split(bytes);
  x.sig = x.sig.substr(0, 32);
  EXPECT_EQ(verify(join(x)).error, PackError::Malformed);
  // a huge declared manifest length is refused before any allocation
  std::string huge = "WMPACK01";
  put_be(huge, 0xFFFFFFF0u, 4);
  EXPECT_EQ(verify(huge).error, PackError::Malformed);
  // a file length pointing past the end
  Parts y = split(bytes);
  std::string cut = join(y);
  cut.resize(cut.size() - y.files.back().data.size());
  EXPECT_EQ(verify(cut).error, PackError::Truncated);
  // random bytes after a good header never crash
  std::string noise = bytes.substr(0, 12);
  for (int i = 0; i < 4000; i++) noise += static_cast<char>((i * 7919) & 0xFF);
  EXPECT_FALSE(verify(noise).ok());
}

TEST_F(Packs, RefusesPathsThatEscape) {
  for (const char* bad : {"../evil.csv", "/etc/passwd", "a/../../b", "forms/./x", ".hidden", "a//b", "back\\slash", "sp ace"}) {
    const std::vector<PackFile> f = {{bad, "x"}, {"listings.csv", listings_csv(1)}};
    PackCheck c = verify(build_pack("test", 1, "c", "2026-12-31", "2026-01-01", f, sec));
    EXPECT_EQ(c.error, PackError::PathEscape) << bad << ": " << c.reason;
  }
  EXPECT_TRUE(safe_pack_path("forms/my_views-v2.json"));
  EXPECT_FALSE(safe_pack_path(std::string(200, 'a')));
}

TEST_F(Packs, RefusesABadManifest) {
  // signed, but not a manifest this version understands
  const std::string manifest = "{\"format\":2,\"key_id\":\"" + pub.key_id() + "\"}";
  const std::string msg = "waymark-pack-v1\n" + manifest;
  Parts x;
  x.manifest = manifest;
  x.sig.resize(64);
  ASSERT_EQ(crypto_sign_detached(reinterpret_cast<unsigned char*>(x.sig.data()), nullptr,
                                 reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), sec.bytes.data()), 0);
  EXPECT_EQ(verify(join(x)).error, PackError::BadManifest);
  x.manifest = "not json";
  EXPECT_EQ(verify(join(x)).error, PackError::BadManifest);
}

// ---------------------------------------------------------------- installing
class Install : public Packs {
protected:
  void SetUp() override {
    Packs::SetUp();
    trust_key(*db, pub, 1);
  }
  InstallResult install(const std::string& bytes) { return install_pack(*db, bytes, kToday, 1000, "test"); }
  int64_t pack_listings() {
    Stmt s(*db, "SELECT count(*) FROM listings WHERE origin = 'pack'");
    s.step();
    return s.i64(0);
  }
};

TEST_F(Install, InstallsAndSearchFindsIt) {
  InstallResult r = install(pack(1, "2026-12-31", 5));
  ASSERT_TRUE(r.check.ok()) << r.check.reason;
  EXPECT_EQ(r.listings, 5);
  EXPECT_EQ(r.local_authorities, 6);
  auto cur = installed_pack(*db);
  ASSERT_TRUE(cur);
  EXPECT_EQ(cur->version, 1);
  EXPECT_EQ(cur->listings, 5);
  EXPECT_TRUE(pack_file(*db, "listings.csv"));
  MatchQuery q;
  q.release_la = kLeeds;
  q.release_date = "2026-03-01";
  q.today = kToday;
  q.search = "brick";
  EXPECT_EQ(match_listings(*db, q).items.size(), 5u);
  // the same pack again is not newer
  InstallResult again = install(pack(1, "2026-12-31", 5));
  EXPECT_EQ(again.check.error, PackError::NotNewer);
}

TEST_F(Install, ANewVersionReplacesThePackButKeepsLocalListingsAndSavedLists) {
  ASSERT_TRUE(install(pack(1, "2026-12-31", 5)).check.ok());
  Listing local = make("local-1", kLeeds, "2026-03-10");
  local.origin = "local";
  CatalogueDb::put(local);
  set_saved(*db, "1001", "p1", true, 5);
  const std::vector<PackFile> v2 = {{"listings.csv", listings_csv(2, "p", "Joinery starter")}};
  InstallResult r = install(build_pack("test", 2, "c", "2026-12-31", "2026-01-01", v2, sec));
  ASSERT_TRUE(r.check.ok()) << r.check.reason;
  EXPECT_EQ(pack_listings(), 2);
  EXPECT_TRUE(listing_get(*db, "local-1"));
  EXPECT_FALSE(listing_get(*db, "p4"));
  EXPECT_EQ(saved_listings(*db, "1001", kToday).size(), 1u);
  // the search index follows the swap
  MatchQuery q;
  q.release_la = kLeeds;
  q.release_date = "2026-03-01";
  q.today = kToday;
  q.search = "join";
  EXPECT_EQ(match_listings(*db, q).items.size(), 2u);
  q.search = "beginn";
  EXPECT_EQ(match_listings(*db, q).items.size(), 1u);  // only the local one
}

TEST_F(Install, ARefusedPackChangesNothing) {
  ASSERT_TRUE(install(pack(1, "2026-12-31", 5)).check.ok());
  Parts x = split(pack(2, "2026-12-31", 1));
  x.files[0].data[30] = static_cast<char>(x.files[0].data[30] ^ 1);
  InstallResult r = install(join(x));
  EXPECT_EQ(r.check.error, PackError::HashMismatch);
  EXPECT_EQ(pack_listings(), 5);
  EXPECT_EQ(installed_pack(*db)->version, 1);
  // bad content inside a well-signed pack: refused whole, nothing changed
  std::string rows = listings_csv(3);
  rows += csv_line({"bad", "course", "x", "P", kLeeds, "L", "2026-02-30", "1 year", "", "Some summary text.", "1", "", "2026-12-31", "approved"});
  InstallResult bad = install(build_pack("test", 2, "c", "2026-12-31", "2026-01-01", {{"listings.csv", rows}}, sec));
  EXPECT_EQ(bad.check.error, PackError::BadContent);
  EXPECT_NE(bad.check.reason.find("line 5"), std::string::npos) << bad.check.reason;
  EXPECT_EQ(pack_listings(), 5);
  // a listing that is not approved, or in an area the table lacks
  std::string pending = csv_line(listing_columns());
  Listing p = make("pend", kLeeds, "2026-03-10");
  p.status = "pending";
  pending += csv_line(listing_fields(p));
  EXPECT_EQ(install(build_pack("test", 2, "c", "2026-12-31", "2026-01-01", {{"listings.csv", pending}}, sec)).check.error,
            PackError::BadContent);
  std::string nowhere = csv_line(listing_columns());
  nowhere += csv_line(listing_fields(make("nowhere", "E06000001", "2026-03-10")));
  EXPECT_EQ(install(build_pack("test", 2, "c", "2026-12-31", "2026-01-01", {{"listings.csv", nowhere}}, sec)).check.error,
            PackError::BadContent);
  EXPECT_EQ(installed_pack(*db)->version, 1);
}

TEST_F(Install, OnlyTrustedKeysAndUntrusting) {
  EXPECT_EQ(install(build_pack("test", 1, "c", "2026-12-31", "2026-01-01", files(), other_sec)).check.error, PackError::UnknownKey);
  trust_key(*db, other_pub, 2);
  EXPECT_EQ(trusted_keys(*db).size(), 2u);
  EXPECT_TRUE(install(build_pack("test", 1, "c", "2026-12-31", "2026-01-01", files(), other_sec)).check.ok());
  EXPECT_TRUE(untrust_key(*db, other_pub.key_id()));
  EXPECT_EQ(install(build_pack("test", 2, "c", "2026-12-31", "2026-01-01", files(), other_sec)).check.error, PackError::UnknownKey);
}

TEST_F(Install, PublishMakesTheNextVersionFromApprovedListings) {
  ASSERT_TRUE(install(pack(1, "2026-12-31", 4)).check.ok());
  Listing pending = make("local-pending", kLeeds, "2026-03-10");
  pending.status = "pending";
  pending.origin = "local";
  CatalogueDb::put(pending);
  const auto files = export_pack_files(*db, kToday);
  const std::string next = build_pack("test", installed_pack(*db)->version + 1, "c", "2026-12-31", "2026-01-05", files, sec);
  InstallResult r = install(next);
  ASSERT_TRUE(r.check.ok()) << r.check.reason;
  EXPECT_EQ(r.listings, 4);  // the pending local listing is not published
  EXPECT_EQ(installed_pack(*db)->version, 2);
}

TEST(DemoPack, VerifiesWithTheDemoKeyAndHasEnough) {
  auto read = [](const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  const std::string assets = WAYMARK_SOURCE_ASSETS;
  PublicKey pub;
  std::string err;
  ASSERT_TRUE(parse_public_key(read(assets + "/keys/demo-curator.pub"), pub, &err)) << err;
  VerifyOptions o;
  o.today = CivilDate{2026, 11, 23};
  PackCheck c = verify_pack_file(assets + "/packs/demo.pack", {pub}, o);
  ASSERT_TRUE(c.ok()) << c.reason;
  const PackFile* lf = nullptr;
  for (const auto& f : c.files)
    if (f.path == "listings.csv") lf = &f;
  ASSERT_TRUE(lf);
  CsvResult csv = parse_csv(lf->data);
  ASSERT_TRUE(csv.error.empty());
  EXPECT_GE(csv.rows.size(), 401u);
  std::set<std::string> las, kinds;
  for (size_t i = 1; i < csv.rows.size(); i++) {
    Listing l;
    ASSERT_TRUE(listing_from_csv(csv.rows[0].fields, csv.rows[i].fields, l, &err)) << err;
    las.insert(l.la_code);
    kinds.insert(l.kind);
    EXPECT_EQ(l.status, "approved");
  }
  EXPECT_GE(las.size(), 40u);
  EXPECT_EQ(kinds.size(), 5u);
}

}  // namespace
}  // namespace waymark::test

namespace waymark::test {
namespace {
// A wipe (core/ops/provisioning.h) empties every child's list and enquiry, and keeps the catalogue, the trusted
// keys and the pack history, so an older pack can never come back in after a wipe.
TEST_F(Install, AWipeKeepsTheCatalogueAndPackHistoryButNotTheChildren) {
  ASSERT_TRUE(install(pack(2, "2026-12-31", 4)).check.ok());
  ASSERT_TRUE(set_saved(*db, "1001", "p1", true, 5));
  ASSERT_TRUE(express_interest(*db, "1001", "p0", kToday, 6).ok);
  ManualClock clock;
  wipe_children(*db, clock, "test");
  auto count = [&](const char* table) {
    Stmt s(*db, std::string("SELECT count(*) FROM ") + table);
    s.step();
    return s.i64(0);
  };
  EXPECT_EQ(count("saved_listings"), 0);
  EXPECT_EQ(count("enquiries"), 0);
  EXPECT_EQ(count("listings"), 4);
  EXPECT_EQ(count("trusted_keys"), 1);
  EXPECT_EQ(installed_pack(*db)->version, 2);
  EXPECT_EQ(install(pack(1, "2026-12-31", 4)).check.error, PackError::NotNewer);
  MatchQuery q;
  q.release_la = kLeeds;
  q.release_date = "2026-03-01";
  q.today = kToday;
  q.search = "brick";
  EXPECT_EQ(match_listings(*db, q).items.size(), 4u);  // the search index survived too
}

// ---------------------------------------------------------------- forms in packs
std::string form_json(const std::string& id, int version, const std::string& title_en = "What I think") {
  nlohmann::json q = {{"id", "plans"}, {"type", "short_text"},
                      {"title", {{"en", "What are your plans?"}, {"cy", "Beth yw dy gynlluniau di?"}}}};
  nlohmann::json f = {{"form", id},
                      {"version", version},
                      {"title", {{"en", title_en}, {"cy", "Beth dw i'n ei feddwl"}}},
                      {"intro", {{"en", "Tell us."}, {"cy", "Dyweda wrthon ni."}}},
                      {"questions", nlohmann::json::array({q})}};
  return f.dump(1);
}

TEST_F(Install, FormsInAPackAreInstalledWithThePackAndOldVersionsStay) {
  ASSERT_TRUE(form_install(*db, form_json("pack-form", 1), 5, nullptr));  // a draft may be using version 1
  auto with_forms = files(2);
  with_forms.push_back({"forms/pack-form.v2.json", form_json("pack-form", 2, "My plans")});
  with_forms.push_back({"forms/other.json", form_json("other-form", 1)});
  InstallResult r = install(build_pack("test", 1, "2026-01-01T00:00:00Z", "2026-12-31", "2026-01-01", with_forms, sec));
  ASSERT_TRUE(r.check.ok()) << r.check.reason;
  EXPECT_EQ(r.forms, 2);
  EXPECT_EQ(r.listings, 2);
  EXPECT_EQ(form_versions(*db, "pack-form"), (std::vector<int>{1, 2}));
  auto latest = form_latest(*db, "pack-form");
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->version, 2);
  EXPECT_EQ(latest->title.en, "My plans");
  EXPECT_TRUE(form_latest(*db, "other-form"));
  // the next pack carrying the same form version again is fine (nothing changes)
  InstallResult again = install(build_pack("test", 2, "2026-01-01T00:00:00Z", "2026-12-31", "2026-01-01", with_forms, sec));
  ASSERT_TRUE(again.check.ok()) << again.check.reason;
  EXPECT_EQ(form_versions(*db, "pack-form"), (std::vector<int>{1, 2}));
}

TEST_F(Install, ABadFormRefusesTheWholePackAndChangesNothing) {
  ASSERT_TRUE(install(pack(1, "2026-12-31", 3)).check.ok());
  ASSERT_TRUE(form_install(*db, form_json("pack-form", 1), 5, nullptr));
  const auto before = installed_pack(*db);

  auto try_with = [&](int64_t version, std::vector<PackFile> extra) {
    auto fs = files(5);
    for (auto& f : extra) fs.push_back(f);
    return install(build_pack("test", version, "2026-01-01T00:00:00Z", "2026-12-31", "2026-01-01", fs, sec));
  };
  // not a form at all
  InstallResult r1 = try_with(2, {{"forms/broken.json", "{\"form\": \"x\""}});
  EXPECT_EQ(r1.check.error, PackError::BadContent);
  EXPECT_NE(r1.check.reason.find("forms/broken.json"), std::string::npos) << r1.check.reason;
  // a form that parses as JSON but breaks the form rules (a feelings question needs five options)
  nlohmann::json bad = nlohmann::json::parse(form_json("pack-form", 2));
  bad["questions"][0]["type"] = "feelings";
  InstallResult r2 = try_with(2, {{"forms/feel.json", bad.dump()}, {"forms/good.json", form_json("good-form", 1)}});
  EXPECT_EQ(r2.check.error, PackError::BadContent);
  EXPECT_NE(r2.check.reason.find("forms/feel.json"), std::string::npos) << r2.check.reason;
  // version 1 of pack-form is installed with other words: a version never changes, so the pack is refused
  // (inside the install transaction, after the good form before it was written: that is rolled back too)
  InstallResult r3 = try_with(2, {{"forms/a-good.json", form_json("good-form", 1)},
                                  {"forms/b-changed.json", form_json("pack-form", 1, "Different words")}});
  EXPECT_EQ(r3.check.error, PackError::BadContent);
  EXPECT_NE(r3.check.reason.find("already installed with different words"), std::string::npos) << r3.check.reason;
  // the same version twice in one pack
  InstallResult r4 = try_with(2, {{"forms/one.json", form_json("twin", 1)}, {"forms/two.json", form_json("twin", 1, "Other")}});
  EXPECT_EQ(r4.check.error, PackError::BadContent);

  // nothing changed: same pack, same listings, no new form versions
  const auto after = installed_pack(*db);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->version, before->version);
  EXPECT_EQ(pack_listings(), 3);
  EXPECT_FALSE(form_latest(*db, "good-form"));
  EXPECT_EQ(form_versions(*db, "pack-form"), (std::vector<int>{1}));
  // and a good pack after all that installs
  ASSERT_TRUE(try_with(2, {{"forms/good.json", form_json("good-form", 1)}}).check.ok());
  EXPECT_TRUE(form_latest(*db, "good-form"));
}
}  // namespace
}  // namespace waymark::test

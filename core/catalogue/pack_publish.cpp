// Publishing the next signed pack from this device's approved listings (the curator's office PC, staff mode).
#include <algorithm>
#include "core/catalogue/pack_version.h"
#include <cstdlib>
#include <ctime>

#include "core/base/csv.h"
#include "core/catalogue/curation.h"
#include "core/catalogue/pack.h"
#include "core/catalogue/pack_bytes.h"
#include "core/storage/device_store.h"
#include "core/storage/meta_keys.h"

namespace waymark {

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
  if (!pack_bytes::valid_pack_id(id)) return fail("The pack id must be 1 to 64 small letters, digits or dashes.");
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
  if (const std::string pv = meta_get(db, kMetaPackPublishedVersion); !pv.empty())
    last = std::max<int64_t>(last, std::strtoll(pv.c_str(), nullptr, 10));
  const int64_t version = last + 1;
  if (version > kMaxPackVersion) return fail("The next version would be above " + std::to_string(kMaxPackVersion) + ".");
  out.bytes = build_pack(id, version, iso_utc(now_s), exp, format_date(today), files, key);
  out.pack_id = id;
  out.version = version;
  out.listings = rows;
  meta_set(db, kMetaPackPublishedVersion, std::to_string(version));
  audit(db, now_s, actor, "pack-publish",
        "pack " + id + " version " + std::to_string(version) + ", " + std::to_string(rows) + " listings, key " +
            key.public_key().key_id());
  txn.commit();
  return true;
}

}  // namespace waymark

// Installing a verified pack: its content checked in full first, then swapped in with one transaction; what is
// installed now, and the files of the next pack from this device's listings.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/base/csv.h"
#include "core/catalogue/curation.h"
#include "core/catalogue/listing_rows.h"
#include "core/catalogue/pack.h"
#include "core/myviews/forms.h"
#include "core/storage/device_store.h"

namespace waymark {

std::optional<int64_t> InstalledPack::days_left(CivilDate today) const {
  const auto exp = parse_date(expires);
  if (!exp) return std::nullopt;
  return days_between(today, *exp);
}

std::optional<InstalledPack> installed_pack(Db& db) {
  Stmt s(db,
         "SELECT pack_id, version, created, expires, as_of, key_id, installed_at, listings FROM pack_installs "
         "ORDER BY seq DESC LIMIT 1");
  if (!s.step()) return std::nullopt;
  return InstalledPack{s.text(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.text(5), s.i64(6), s.i64(7)};
}

namespace {

// A pack's content, checked before the database is touched. `error` non-empty: the reason it is refused.
struct PackContent {
  const PackFile* la_file = nullptr;
  const PackFile* listings_file = nullptr;
  std::vector<LocalAuthority> las;
  std::vector<Listing> listings;
  std::vector<const PackFile*> forms;
  std::string error;
};

bool refuse_content(PackContent& c, std::string why) {
  c.error = std::move(why);
  return false;
}

bool check_listings(Db& db, const PackManifest& pm, int64_t now_s, PackContent& c) {
  std::set<std::string> la_codes;
  if (c.la_file) {
    std::string err;
    if (!parse_la_csv(c.la_file->data, c.las, &err))
      return refuse_content(c, "The pack's local_authorities.csv is not right: " + err + ".");
    for (const auto& la : c.las) la_codes.insert(la.code);
  } else {
    for (const auto& la : la_all(db)) la_codes.insert(la.code);
  }
  if (!c.listings_file) return true;
  CsvResult csv = parse_csv(c.listings_file->data);
  if (!csv.error.empty()) return refuse_content(c, "The pack's listings.csv cannot be read: " + csv.error + ".");
  if (csv.rows.empty()) return refuse_content(c, "The pack's listings.csv has no header.");
  const auto& header = csv.rows[0].fields;
  std::set<std::string> ids;
  c.listings.reserve(csv.rows.size());
  for (size_t i = 1; i < csv.rows.size(); i++) {
    const std::string at = "The pack's listings.csv line " + std::to_string(csv.rows[i].line) + " ";
    Listing l;
    std::string err;
    if (!listing_from_csv(header, csv.rows[i].fields, l, &err)) return refuse_content(c, at + err + ".");
    if (l.status != "approved") return refuse_content(c, at + "is not approved; a pack carries approved listings only.");
    const auto problems = validate_listing(nullptr, l, std::nullopt);
    if (!problems.empty()) return refuse_content(c, at + "(" + l.id + "): " + problems.front().message);
    if (!la_codes.count(l.la_code))
      return refuse_content(c, at + "(" + l.id + "): the area " + l.la_code + " is not in the local-authority table.");
    if (!ids.insert(l.id).second) return refuse_content(c, at + "repeats the id " + l.id + ".");
    l.origin = "pack";
    l.edited_by = "pack:" + pm.pack_id;
    l.approved_by = "pack:" + pm.pack_id;
    l.edited_at = l.approved_at = now_s;
    c.listings.push_back(std::move(l));
  }
  return true;
}

// My Views form definitions (forms/*.json): each checked as `waymarkctl form-install` checks it.
bool check_forms(const std::vector<PackFile>& files, PackContent& c) {
  std::set<std::pair<std::string, int>> seen;
  for (const auto& f : files) {
    if (f.path.rfind("forms/", 0) != 0 || f.path.size() < 11 || f.path.compare(f.path.size() - 5, 5, ".json") != 0)
      continue;
    if (f.data.size() > kMaxFormBytes) return refuse_content(c, "The pack's " + f.path + " is too big for a form (over 256 KB).");
    FormParse fp = parse_form(f.data);
    if (!fp.form) return refuse_content(c, "The pack's " + f.path + " is not a form this device can use: " + fp.error + ".");
    if (!seen.insert({fp.form->id, fp.form->version}).second)
      return refuse_content(c, "The pack holds version " + std::to_string(fp.form->version) + " of the form " + fp.form->id + " twice.");
    c.forms.push_back(&f);
  }
  return true;
}

PackContent check_content(Db& db, const PackCheck& check, int64_t now_s) {
  PackContent c;
  for (const auto& f : check.files) {
    if (f.path == "local_authorities.csv") c.la_file = &f;
    if (f.path == "listings.csv") c.listings_file = &f;
  }
  if (check_listings(db, check.manifest, now_s, c)) check_forms(check.files, c);
  return c;
}

// The checked content into the database: the caller's transaction makes it all or nothing.
void store_content(Db& db, const PackCheck& check, const PackContent& c, int64_t now_s) {
  const PackManifest& pm = check.manifest;
  if (c.la_file) replace_local_authorities(db, c.las);
  if (c.listings_file) {
    db.exec("DELETE FROM listings WHERE origin = 'pack'");
    Stmt ins(db, std::string("INSERT OR REPLACE INTO ") + listing_rows::kInsertInto);
    // in id order, the unique id index grows at its end instead of at 50,000 places
    std::vector<const Listing*> by_id;
    by_id.reserve(c.listings.size());
    for (const auto& l : c.listings) by_id.push_back(&l);
    std::sort(by_id.begin(), by_id.end(), [](const Listing* a, const Listing* b) { return a->id < b->id; });
    for (const Listing* lp : by_id) {
      const Listing& l = *lp;
      ins.reset();
      ins.bind(":id", l.id);
      listing_rows::bind_fields(ins, l);
      ins.run();
    }
    // the rows a pack puts in and takes out are counted once here, not by migration 53's triggers row by row
    db.exec("UPDATE catalogue_generation SET n = n + 1");
  }
  db.exec("DELETE FROM pack_files");
  {
    Stmt f(db, "INSERT INTO pack_files(path, sha256, content) VALUES(:p, :h, :c)");
    for (size_t i = 0; i < check.files.size(); i++) {
      const auto& pf = check.files[i];
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
  h.bind(":k", pm.key_id).bind(":now", now_s).bind(":n", static_cast<int64_t>(c.listings.size())).bind(":m", mj.dump()).run();
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
  const PackContent content = check_content(db, res.check, now_s);
  if (!content.error.empty()) return bad(content.error);

  // one transaction: all of it or none of it
  Txn txn(db);
  for (const PackFile* f : content.forms) {
    // old versions stay (drafts keep the version they started with); a version never changes its words
    std::string err;
    if (!form_install_step(db, f->data, now_s, &err))
      return bad("The pack's " + f->path + " cannot be installed: " + err + ".");
  }
  if (auto cur = installed_pack(db); cur && pm.version <= cur->version) {  // re-read under the write lock
    res.check.error = PackError::NotNewer;
    res.check.reason = "Version " + std::to_string(cur->version) + " was installed meanwhile; this one is not newer.";
    return res;
  }
  store_content(db, res.check, content, now_s);
  audit(db, now_s, actor, "pack-install",
        pm.pack_id + " v" + std::to_string(pm.version) + ", " + std::to_string(content.listings.size()) + " listings, " +
            std::to_string(content.forms.size()) + " forms, key " + pm.key_id);
  txn.commit();
  res.listings = static_cast<int64_t>(content.listings.size());
  res.local_authorities = static_cast<int64_t>(content.las.size());
  res.forms = static_cast<int64_t>(content.forms.size());
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

}  // namespace waymark

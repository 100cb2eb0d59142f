// The in-memory catalogue index: how it is built from the database, folded words, and how a question is answered.
#include "core/catalogue/search_index.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <unordered_map>

#include "core/base/dates.h"

namespace waymark {

// 53. The triggers only count (built-in functions only, so trusted_schema=OFF is no obstacle). Rows a pack install
// puts in or takes out (edited_by "pack:<id>") are counted once by the install itself (pack_install.cpp), not
// 50,000 times by a trigger (a tenth of the install's time); any other insert or delete, and every update (the
// demo's date shift, an approval, a retirement, any SQL), is counted here. What only the old SQL matching read
// goes, since every pack install paid for it: the two date indexes, and listings_fts's positions and prefix tables
// (made again with detail=none: it still answers MATCH with prefixes, at a sixth of the size and a quarter of the
// rebuild time).
const char* const kCatalogueGenerationSql = R"SQL(
CREATE TABLE catalogue_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n  INTEGER NOT NULL
) STRICT;
INSERT INTO catalogue_generation(id, n) VALUES(1, 1);
CREATE TRIGGER listings_gen_insert AFTER INSERT ON listings WHEN substr(new.edited_by, 1, 5) <> 'pack:'
  BEGIN UPDATE catalogue_generation SET n = n + 1; END;
CREATE TRIGGER listings_gen_update AFTER UPDATE ON listings BEGIN UPDATE catalogue_generation SET n = n + 1; END;
CREATE TRIGGER listings_gen_delete AFTER DELETE ON listings WHEN substr(old.edited_by, 1, 5) <> 'pack:'
  BEGIN UPDATE catalogue_generation SET n = n + 1; END;
CREATE TRIGGER las_gen_insert AFTER INSERT ON local_authorities BEGIN UPDATE catalogue_generation SET n = n + 1; END;
CREATE TRIGGER las_gen_update AFTER UPDATE ON local_authorities BEGIN UPDATE catalogue_generation SET n = n + 1; END;
CREATE TRIGGER las_gen_delete AFTER DELETE ON local_authorities BEGIN UPDATE catalogue_generation SET n = n + 1; END;
INSERT OR IGNORE INTO wipe_keep(name, why) VALUES
  ('catalogue_generation', 'counts changes to the listings, so the kiosk knows when its search index is stale');
DROP INDEX listings_by_start;
DROP INDEX listings_by_la;
DROP TABLE listings_fts;
CREATE VIRTUAL TABLE listings_fts USING fts5(
  title, provider, place, summary, requirements, kind, interest, title_cy, summary_cy, requirements_cy,
  content='listings', content_rowid='rid', detail=none, tokenize='unicode61 remove_diacritics 2');
INSERT INTO listings_fts(listings_fts) VALUES('rebuild');
)SQL";

// 58. Nothing has read listings_fts since matching moved to the in-memory index (53), yet every pack install
// still rebuilt it and every staff edit kept it: gone, with its shadow tables (dropped with it) and its line
// in wipe_keep.
const char* const kDropListingsFtsSql = R"SQL(
DROP TABLE listings_fts;
DELETE FROM wipe_keep WHERE name = 'listings_fts';
)SQL";

// ---------------------------------------------------------------- folded words
namespace {

// The base letter of an accented Latin letter (U+00C0..U+017F), 0 for one that stays as it is (æ, ð, þ, ß, ĳ, œ),
// ' ' for the two signs in that range (× and ÷).
char latin_base(uint32_t cp) {
  struct Range {
    uint32_t from, to;
    char base;
  };
  static constexpr Range kRanges[] = {
      {0xC0, 0xC5, 'a'},   {0xC7, 0xC7, 'c'},   {0xC8, 0xCB, 'e'},   {0xCC, 0xCF, 'i'},   {0xD1, 0xD1, 'n'},
      {0xD2, 0xD6, 'o'},   {0xD7, 0xD7, ' '},   {0xD8, 0xD8, 'o'},   {0xD9, 0xDC, 'u'},   {0xDD, 0xDD, 'y'},
      {0xE0, 0xE5, 'a'},   {0xE7, 0xE7, 'c'},   {0xE8, 0xEB, 'e'},   {0xEC, 0xEF, 'i'},   {0xF1, 0xF1, 'n'},
      {0xF2, 0xF6, 'o'},   {0xF7, 0xF7, ' '},   {0xF8, 0xF8, 'o'},   {0xF9, 0xFC, 'u'},   {0xFD, 0xFD, 'y'},
      {0xFF, 0xFF, 'y'},   {0x100, 0x105, 'a'}, {0x106, 0x10D, 'c'}, {0x10E, 0x111, 'd'}, {0x112, 0x11B, 'e'},
      {0x11C, 0x123, 'g'}, {0x124, 0x127, 'h'}, {0x128, 0x131, 'i'}, {0x134, 0x135, 'j'}, {0x136, 0x138, 'k'},
      {0x139, 0x142, 'l'}, {0x143, 0x14B, 'n'}, {0x14C, 0x151, 'o'}, {0x154, 0x159, 'r'}, {0x15A, 0x161, 's'},
      {0x162, 0x167, 't'}, {0x168, 0x173, 'u'}, {0x174, 0x175, 'w'}, {0x176, 0x178, 'y'}, {0x179, 0x17E, 'z'},
      {0x17F, 0x17F, 's'},
  };
  for (const Range& r : kRanges)
    if (cp >= r.from && cp <= r.to) return r.base;
  return 0;
}

// Punctuation outside ASCII separates words like ASCII punctuation does: the Latin-1 signs (no-break space to ¿)
// and the General Punctuation block (‘ ’ “ ” – — …).
bool is_separator(uint32_t cp) { return (cp >= 0xA0 && cp <= 0xBF) || (cp >= 0x2000 && cp <= 0x206F); }

}  // namespace

std::vector<std::string> search_words(std::string_view text, size_t max_words) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && out.size() < max_words) out.push_back(word.substr(0, 40));
    word.clear();
  };
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) word += static_cast<char>(std::tolower(c));
      else flush();
      i++;
      continue;
    }
    // a UTF-8 sequence: its length from the lead byte; a broken one counts as letters, byte by byte
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + len > text.size()) len = 1;
    uint32_t cp = len == 1 ? c : (c & (0x3Fu >> (len - 1)));
    for (size_t k = 1; k < len; k++) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
    if (is_separator(cp)) {
      flush();
    } else if (const char base = len == 2 ? latin_base(cp) : 0; base == ' ') {
      flush();
    } else if (base) {
      word += base;
    } else {
      word.append(text.substr(i, len));
    }
    i += len;
  }
  flush();
  return out;
}

int64_t catalogue_generation(Db& db) {
  Stmt s(db, "SELECT n FROM catalogue_generation WHERE id = 1");
  return s.step() ? s.i64(0) : 0;
}

// ---------------------------------------------------------------- building
namespace {
int32_t date_number(const std::string& d) {  // "2026-03-10" -> 20260310; 0 when it is not a date
  const auto p = parse_date(d);
  return p ? p->y * 10000 + p->m * 100 + p->d : 0;
}
}  // namespace

std::shared_ptr<const CatalogueIndex> CatalogueIndex::build(Db& db, int64_t generation) {
  auto ix = std::make_shared<CatalogueIndex>();
  ix->generation_ = generation;
  ix->las_ = la_all(db);
  for (size_t i = 0; i < ix->las_.size() && i < kNoArea; i++) ix->la_slot_.emplace(ix->las_[i].code, static_cast<uint16_t>(i));
  std::map<std::string, std::vector<uint32_t>> interest_entries;  // each interest word, and the entries with it
  // the words: a temporary id per distinct word while reading, sorted into the vocabulary at the end
  std::unordered_map<std::string, uint32_t> ids;
  std::vector<std::vector<uint32_t>> lists;
  std::vector<uint32_t> mine;
  Stmt s(db,
         "SELECT rid, kind, la_code, start_date, expires, status, level, interest, title, provider, place, summary, "
         "requirements, title_cy, summary_cy, requirements_cy FROM listings ORDER BY start_date, title, id");
  while (s.step()) {
    Entry e{};
    e.rid = s.i64(0);
    const std::string kind = s.text(1);
    for (uint8_t k = 0; k < std::size(kKinds); k++)
      if (kind == kKinds[k]) e.kind = k;
    const auto la = ix->la_slot_.find(s.text(2));
    e.la = la == ix->la_slot_.end() ? kNoArea : la->second;
    e.start = date_number(s.text(3));
    if (e.start == 0) continue;  // not a date: never matches (and leaving it out keeps the starts in order)
    e.expires = date_number(s.text(4));
    e.approved = s.text(5) == "approved";
    if (!e.approved) continue;  // pending and retired listings are never shown to a child
    e.level = static_cast<uint8_t>(std::clamp(s.i32(6), 0, 255));
    const auto pos = static_cast<uint32_t>(ix->entries_.size());
    interest_entries[s.text(7)].push_back(pos);
    ix->entries_.push_back(e);
    // the columns the old listings_fts held (migration 58 dropped it): title, provider, place, summary, requirements, kind, interest and the Welsh
    mine.clear();
    for (int col : {8, 9, 10, 11, 12, 1, 7, 13, 14, 15})
      for (std::string& w : search_words(s.text(col), SIZE_MAX)) {
        auto [it, added] = ids.emplace(std::move(w), static_cast<uint32_t>(lists.size()));
        if (added) lists.emplace_back();
        mine.push_back(it->second);
      }
    std::sort(mine.begin(), mine.end());
    mine.erase(std::unique(mine.begin(), mine.end()), mine.end());
    for (uint32_t id : mine) lists[id].push_back(pos);  // ascending: entries come in order
  }
  for (auto& [interest, entries] : interest_entries) {
    for (uint32_t pos : entries) ix->entries_[pos].interest = static_cast<uint32_t>(ix->interests_.size());
    ix->interests_.push_back(interest);
  }
  std::vector<std::pair<std::string, uint32_t>> words(ids.begin(), ids.end());
  std::sort(words.begin(), words.end());
  ix->vocab_.reserve(words.size());
  ix->offsets_.reserve(words.size() + 1);
  size_t n = 0;
  for (const auto& [w, id] : words) n += lists[id].size();
  ix->postings_.reserve(n);
  for (auto& [w, id] : words) {
    ix->offsets_.push_back(static_cast<uint32_t>(ix->postings_.size()));
    ix->vocab_.push_back(std::move(w));
    ix->postings_.insert(ix->postings_.end(), lists[id].begin(), lists[id].end());
  }
  ix->offsets_.push_back(static_cast<uint32_t>(ix->postings_.size()));
  return ix;
}

std::optional<uint16_t> CatalogueIndex::area_slot(const std::string& code) const {
  const auto it = la_slot_.find(code);
  if (it == la_slot_.end()) return std::nullopt;
  return it->second;
}

std::optional<uint32_t> CatalogueIndex::interest_slot(const std::string& interest) const {
  const auto it = std::lower_bound(interests_.begin(), interests_.end(), interest);
  if (it == interests_.end() || *it != interest) return std::nullopt;
  return static_cast<uint32_t>(it - interests_.begin());
}

size_t CatalogueIndex::bytes() const {
  size_t b = sizeof(*this) + entries_.capacity() * sizeof(Entry) + offsets_.capacity() * 4 + postings_.capacity() * 4;
  for (const auto& w : vocab_) b += sizeof(std::string) + (w.size() > 15 ? w.size() + 1 : 0);
  for (const auto& la : las_) b += sizeof(la) + la.name_en.size() + la.name_cy.size() + la.region.size();
  return b;
}

// ---------------------------------------------------------------- answering
void CatalogueIndex::words_matching(const std::vector<std::string>& forms, std::vector<uint64_t>& bits) const {
  for (const std::string& f : forms) {
    auto it = std::lower_bound(vocab_.begin(), vocab_.end(), f);
    for (; it != vocab_.end() && it->compare(0, f.size(), f) == 0; ++it) {
      const auto i = static_cast<size_t>(it - vocab_.begin());
      for (uint32_t k = offsets_[i]; k < offsets_[i + 1]; k++) bits[postings_[k] >> 6] |= uint64_t{1} << (postings_[k] & 63);
    }
  }
}

IndexHits CatalogueIndex::find(const IndexQuery& q) const {
  IndexHits hits;
  if (q.interests_unknown) return hits;
  // the typed words first: a bit per entry, every word's forms OR'd, the words AND'ed
  const size_t nwords = (entries_.size() + 63) / 64;
  std::vector<uint64_t> all, one;
  for (size_t g = 0; g < q.words.size(); g++) {
    std::vector<uint64_t>& into = g == 0 ? all : one;
    into.assign(nwords, 0);
    words_matching(q.words[g], into);
    if (g > 0)
      for (size_t i = 0; i < nwords; i++) all[i] &= one[i];
  }
  const bool searching = !q.words.empty();
  std::vector<bool> near;
  if (q.area_known) {
    near.assign(las_.size(), false);
    for (uint16_t s : q.near)
      if (s < near.size()) near[s] = true;
  }
  const uint32_t kind_mask = [&] {
    uint32_t m = 0;
    for (uint8_t k : q.kinds) m |= 1u << k;
    return q.kinds.empty() ? ~0u : m;
  }();
  // entries are in start-date order: only the stretch from `from` (to `to`) is looked at
  const auto first = std::lower_bound(entries_.begin(), entries_.end(), q.from, [](const Entry& e, int32_t d) { return e.start < d; });
  const auto last = q.any_date ? entries_.end()
                               : std::upper_bound(first, entries_.end(), q.to, [](int32_t d, const Entry& e) { return d < e.start; });
  for (auto i = static_cast<size_t>(first - entries_.begin()), end = static_cast<size_t>(last - entries_.begin()); i < end; i++) {
    if (searching && !(all[i >> 6] >> (i & 63) & 1)) continue;
    const Entry& e = entries_[i];
    if (!e.approved || e.expires < q.today) continue;
    if (q.area_known && (e.la == kNoArea || !near[e.la])) continue;
    if (!(kind_mask >> e.kind & 1)) continue;
    if (!q.interests.empty() && std::find(q.interests.begin(), q.interests.end(), e.interest) == q.interests.end()) continue;
    if (q.max_level > 0 && e.level > q.max_level) continue;
    if (hits.rids.size() < q.limit) hits.rids.push_back(e.rid);
    hits.total++;
  }
  return hits;
}

}  // namespace waymark

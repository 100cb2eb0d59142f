// core/catalogue/search_index.h: the catalogue as the Courses screen asks it, held in memory so that every question
// (any letters typed, any kind, any area or none, English or Welsh) is answered within a frame at 50,000 listings.
//
// For the catalogue's own files (matching.cpp). What it holds per listing is only what matching filters, orders and
// counts by (dates, area, kind, interest, level, approval) plus a word index of the columns a child's words are
// looked for in (title, provider, place, summary, requirements, kind, interest, and the Welsh title, summary and
// requirements);
// the listings themselves stay in SQLite and only the rows a screen shows are read. It is built from the database
// when first asked and again whenever catalogue_generation has moved (migration 53: triggers on listings and
// local_authorities bump it, so a pack installed by waymarkctl, a staff edit or any SQL is seen the next time).
// One per connection (Db::cache), never shared between threads.
//
// Index
//  - search_words      : what a child typed or a listing says, as folded words (lower case, accents off)
//  - catalogue_generation : the number the triggers bump
//  - CatalogueIndex    : build, then find (the listings in screen order and how many matched)
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalogue/catalogue.h"

namespace waymark {

// 53: the generation number and its triggers, and the search index made smaller (no positions, no prefix tables:
// matching searches the in-memory index, so a pack installs in a fraction of the time).
extern const char* const kCatalogueGenerationSql;
// 58: listings_fts, which nothing read any more, dropped (pack installs no longer rebuild it).
extern const char* const kDropListingsFtsSql;

// Words are runs of letters and digits; everything else separates them (an apostrophe too: "ngweithdy'r" is
// "ngweithdy" and "r"). Letters are folded as SQLite's FTS5 unicode61 tokenizer with remove_diacritics 2 folds them: ASCII in
// lower case, the accented Latin letters to their base letter (ŵ > w, é > e). Other non-ASCII letters stay as
// they are. At most max_words words of at most 40 bytes.
std::vector<std::string> search_words(std::string_view text, size_t max_words = 8);

int64_t catalogue_generation(Db& db);

struct IndexQuery {
  std::vector<uint16_t> near;       // area slots within the radius (sorted); used when area_known
  bool area_known = false;
  int32_t today = 0, from = 0, to = 0;  // dates as YYYYMMDD
  bool any_date = false;
  std::vector<uint8_t> kinds;       // kind slots (kKinds order); empty = every kind
  std::vector<uint32_t> interests;  // interest slots; empty = every interest
  bool interests_unknown = false;   // an interest was asked for that no listing has: nothing matches
  int max_level = 0;
  // each group is one typed word: a listing matches the group when one of its words starts with any of the
  // group's forms (the word itself, and for a Welsh reader its mutations)
  std::vector<std::vector<std::string>> words;
  size_t limit = 200;
};

struct IndexHits {
  std::vector<int64_t> rids;  // listings.rid of the first `limit` matches, in screen order
  int64_t total = 0;          // how many matched in all
};

class CatalogueIndex {
public:
  static std::shared_ptr<const CatalogueIndex> build(Db& db, int64_t generation);
  int64_t generation() const { return generation_; }
  const std::vector<LocalAuthority>& areas() const { return las_; }  // ordered by code; a slot is an index here
  std::optional<uint16_t> area_slot(const std::string& code) const;
  std::optional<uint32_t> interest_slot(const std::string& interest) const;
  IndexHits find(const IndexQuery& q) const;
  size_t bytes() const;  // what it takes in memory, roughly (for the benchmark)

private:
  struct Entry {  // one listing, in screen order (start date, title, id)
    int64_t rid;
    int32_t start, expires;  // YYYYMMDD (expires 0 when not a date; a start that is not one is left out: it never matches)
    uint16_t la;             // area slot; kNoArea when the area is not in the table
    uint32_t interest;
    uint8_t kind;
    uint8_t level;
    bool approved;
  };
  static constexpr uint16_t kNoArea = 0xFFFF;
  void words_matching(const std::vector<std::string>& forms, std::vector<uint64_t>& bits) const;

  int64_t generation_ = 0;
  std::vector<LocalAuthority> las_;
  std::map<std::string, uint16_t, std::less<>> la_slot_;
  std::vector<std::string> interests_;  // sorted; a slot is an index here
  std::vector<Entry> entries_;
  // the word index: every distinct word (sorted, so a prefix is a range), and for word i the entries holding it at
  // postings_[offsets_[i]] .. postings_[offsets_[i + 1]]
  std::vector<std::string> vocab_;
  std::vector<uint32_t> offsets_;
  std::vector<uint32_t> postings_;
};

}  // namespace waymark

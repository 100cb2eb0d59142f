// The catalogue's tables: areas, listings and their search index, the children's lists and enquiries.
// Numbers 10-19 belong to the catalogue; the pack's tables (11) are in pack_schema.cpp.
#include "core/catalogue/catalogue.h"

namespace waymark {

// 10: the catalogue. listings_fts is an external-content FTS5 index over listings (rowid = listings.rid),
// kept in step by listing_put/delete code paths (not triggers: the device runs with trusted_schema=OFF).
// Search no longer reads it (core/catalogue/search_index.h replaced it); only tests/core/catalogue_welsh_test.cpp
// does. It stays, kept in step, until a catalogue migration of its own drops it (and the test moves to the search
// index): dropping it needs a device migration number, and 55 is the sync key's (one migration, one job).
const char* const kCatalogueSchema = R"SQL(
CREATE TABLE local_authorities (
  code    TEXT PRIMARY KEY CHECK (length(code) = 9),
  name_en TEXT NOT NULL,
  name_cy TEXT NOT NULL DEFAULT '',
  region  TEXT NOT NULL DEFAULT '',
  lat     REAL NOT NULL CHECK (lat BETWEEN 49 AND 61),
  lon     REAL NOT NULL CHECK (lon BETWEEN -9 AND 3)
) STRICT;

CREATE TABLE listings (
  rid          INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE CHECK (length(id) BETWEEN 1 AND 64),
  kind         TEXT NOT NULL CHECK (kind IN ('course','apprenticeship','job','training','activity')),
  title        TEXT NOT NULL,
  provider     TEXT NOT NULL,
  la_code      TEXT NOT NULL,
  place        TEXT NOT NULL DEFAULT '',
  start_date   TEXT NOT NULL,      -- YYYY-MM-DD
  duration     TEXT NOT NULL DEFAULT '',
  requirements TEXT NOT NULL DEFAULT '',
  summary      TEXT NOT NULL DEFAULT '',
  level        INTEGER NOT NULL DEFAULT 0 CHECK (level BETWEEN 0 AND 8),
  interest     TEXT NOT NULL DEFAULT '',
  expires      TEXT NOT NULL,      -- YYYY-MM-DD, never shown after this day
  status       TEXT NOT NULL CHECK (status IN ('pending','approved','retired')),
  origin       TEXT NOT NULL CHECK (origin IN ('pack','local')),
  edited_by    TEXT NOT NULL DEFAULT '',
  edited_at    INTEGER NOT NULL DEFAULT 0,
  approved_by  TEXT NOT NULL DEFAULT '',
  approved_at  INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX listings_by_start ON listings(status, start_date);
CREATE INDEX listings_by_la ON listings(la_code, start_date);

CREATE VIRTUAL TABLE listings_fts USING fts5(
  title, provider, place, summary, requirements, kind, interest,
  content='listings', content_rowid='rid', prefix='1 2 3 4', tokenize='unicode61 remove_diacritics 2');

-- A child's list. Kept by listing id: a new pack may replace a listing, the child's list stays.
CREATE TABLE saved_listings (
  child      TEXT NOT NULL,
  listing_id TEXT NOT NULL,
  saved_at   INTEGER NOT NULL,
  PRIMARY KEY (child, listing_id)
) STRICT;

-- "I'm interested": one per child and listing; the outbox record carries it to the YOT worker.
CREATE TABLE enquiries (
  child      TEXT NOT NULL,
  listing_id TEXT NOT NULL,
  outbox_id  TEXT NOT NULL REFERENCES outbox(id),
  at         INTEGER NOT NULL,
  PRIMARY KEY (child, listing_id)
) STRICT;
CREATE INDEX enquiries_by_listing ON enquiries(listing_id);
CREATE INDEX saved_by_listing ON saved_listings(listing_id);
)SQL";

// 12: the catalogue's tables hold no child data: a wipe keeps them (core/ops/provisioning.h). Above all the pack
// history stays, so a wipe can never let an older pack back in. The children's lists (saved_listings,
// enquiries) are not listed: a wipe empties them.
// The list itself is the wipe's (core/ops/wipe.cpp: kWipeKeepTableSql starts this migration).
const char* const kCatalogueWipeKeepRows = R"SQL(INSERT OR IGNORE INTO wipe_keep(name, why) VALUES
  ('local_authorities', 'the local-authority table from the content pack'),
  ('listings', 'curated courses and jobs (no child data)'),
  ('listings_fts', 'the search index of the listings'),
  ('trusted_keys', 'keys this device accepts content packs from'),
  ('pack_files', 'the installed content pack''s files'),
  ('pack_installs', 'installed pack versions: a wipe must not let an older pack back in');
)SQL";

// 13: Welsh words on a listing (each optional, '' = none), and a search index that holds them too, so a Welsh
// child finds "gwaith coed" as well as "joinery". FTS5 tables cannot gain columns: the index is made again
// and rebuilt from the listings (same name, so the wipe list of migration 12 still holds it).
const char* const kCatalogueWelsh = R"SQL(
ALTER TABLE listings ADD COLUMN title_cy TEXT NOT NULL DEFAULT '';
ALTER TABLE listings ADD COLUMN summary_cy TEXT NOT NULL DEFAULT '';
ALTER TABLE listings ADD COLUMN requirements_cy TEXT NOT NULL DEFAULT '';
ALTER TABLE listings ADD COLUMN duration_cy TEXT NOT NULL DEFAULT '';
DROP TABLE listings_fts;
CREATE VIRTUAL TABLE listings_fts USING fts5(
  title, provider, place, summary, requirements, kind, interest, title_cy, summary_cy, requirements_cy,
  content='listings', content_rowid='rid', prefix='1 2 3 4', tokenize='unicode61 remove_diacritics 2');
INSERT INTO listings_fts(listings_fts) VALUES('rebuild');
)SQL";

}  // namespace waymark

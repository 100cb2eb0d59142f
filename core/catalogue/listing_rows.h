// core/catalogue/listing_rows.h: for the catalogue's own files only: how a listing row is read and written, so the
// column list exists once (listings.cpp, matching.cpp, child_list.cpp, pack_install.cpp).
#pragma once

#include "core/catalogue/catalogue.h"

namespace waymark::listing_rows {

// Every column, qualified by the alias "l", in the order read() expects them.
inline constexpr const char* kCols =
    "l.id, l.kind, l.title, l.provider, l.la_code, l.place, l.start_date, l.duration, l.requirements, l.summary, "
    "l.level, l.interest, l.expires, l.status, l.origin, l.edited_by, l.edited_at, l.approved_by, l.approved_at, "
    "l.title_cy, l.summary_cy, l.requirements_cy, l.duration_cy";
inline constexpr int kNCols = 23;  // further columns of a query start at this index

// "listings(id, ...) VALUES(:id, ...)": after "INSERT INTO " or "INSERT OR REPLACE INTO ".
inline constexpr const char* kInsertInto =
    "listings(id, kind, title, provider, la_code, place, start_date, duration, requirements, summary, level, "
    "interest, expires, status, origin, edited_by, edited_at, approved_by, approved_at, title_cy, summary_cy, requirements_cy, "
    "duration_cy) VALUES(:id, :kind, :title, :provider, :la, :place, :start, :dur, :req, :sum, :level, :interest, :exp, "
    ":status, :origin, :eb, :ea, :ab, :aa, :tcy, :scy, :rcy, :dcy)";

Listing read(Stmt& s);
// Binds every field but the id (:kind, :title, ... :dcy, the names kInsertInto uses).
void bind_fields(Stmt& s, const Listing& l);

}  // namespace waymark::listing_rows

// The child's list: saving listings, "I'm interested" (an outbox enquiry in the same transaction as the tap), and
// the counts education staff see (how many saved or asked, never who).
#include <nlohmann/json.hpp>

#include "core/catalogue/catalogue.h"
#include "core/catalogue/listing_rows.h"
#include "core/messaging/history.h"
#include "core/messaging/outbox.h"
#include "core/sync/wire.h"

namespace waymark {

bool set_saved(Db& db, const std::string& child, const std::string& listing_id, bool saved, int64_t now_s) {
  Txn txn(db);
  if (saved) {
    Stmt e(db, "SELECT 1 FROM listings WHERE id = :l");
    e.bind(":l", listing_id);
    if (!e.step()) return false;  // nothing to save: the listing is not on this device
    Stmt s(db, "INSERT OR IGNORE INTO saved_listings(child, listing_id, saved_at) VALUES(:c, :l, :now)");
    s.bind(":c", child).bind(":l", listing_id).bind(":now", now_s).run();
  } else {
    Stmt s(db, "DELETE FROM saved_listings WHERE child = :c AND listing_id = :l");
    s.bind(":c", child).bind(":l", listing_id).run();
  }
  txn.commit();
  return saved;
}

bool is_saved(Db& db, const std::string& child, const std::string& listing_id) {
  Stmt s(db, "SELECT 1 FROM saved_listings WHERE child = :c AND listing_id = :l");
  s.bind(":c", child).bind(":l", listing_id);
  return s.step();
}

std::vector<MatchedListing> saved_listings(Db& db, const std::string& child, CivilDate today) {
  std::vector<MatchedListing> out;
  Stmt s(db, std::string("SELECT ") + listing_rows::kCols +
                 ", EXISTS(SELECT 1 FROM enquiries e WHERE e.child = :c AND e.listing_id = l.id), a.name_en, a.name_cy"
                 " FROM saved_listings sv JOIN listings l ON l.id = sv.listing_id"
                 " LEFT JOIN local_authorities a ON a.code = l.la_code"
                 " WHERE sv.child = :c AND l.status = 'approved' AND l.expires >= :today ORDER BY l.start_date, l.title");
  s.bind(":c", child).bind(":today", format_date(today));
  while (s.step()) {
    MatchedListing m;
    m.l = listing_rows::read(s);
    m.saved = true;
    m.asked = s.i64(listing_rows::kNCols) != 0;
    m.la_name_en = s.text(listing_rows::kNCols + 1);
    m.la_name_cy = s.text(listing_rows::kNCols + 2);
    if (m.la_name_cy.empty()) m.la_name_cy = m.la_name_en;
    out.push_back(std::move(m));
  }
  return out;
}

EnquiryResult express_interest(Db& db, const std::string& child, const std::string& listing_id, CivilDate today,
                               int64_t now_s, std::string_view lang) {
  EnquiryResult r;
  Txn txn(db);
  {
    Stmt e(db, "SELECT outbox_id FROM enquiries WHERE child = :c AND listing_id = :l");
    e.bind(":c", child).bind(":l", listing_id);
    if (e.step()) {
      r.ok = true;
      r.already = true;
      r.outbox_id = e.text(0);
      return r;
    }
  }
  const auto l = listing_get(db, listing_id);
  if (!l || !listing_showable(*l, today)) {
    r.error = "This is not available any more.";
    return r;
  }
  wire::ListingEnquiry body;
  body.listing_id = l->id;
  body.kind = l->kind;
  body.title = l->title;
  body.provider = l->provider;
  body.place = l->place;
  body.la_code = l->la_code;
  body.start_date = l->start_date;
  body.duration = l->duration;
  body.asked_at = now_s;
  if (auto la = la_get(db, l->la_code)) body.la_name = la->name_en;
  if (lang == "cy") {  // what the child read: the Welsh title beside the English one
    const ShownText t = listing_text(*l, ListingText::Title, lang);
    if (!t.fallback) body.title_cy = t.text;
    body.read_in = "Welsh";
  }
  r.outbox_id = outbox_add(db, "enquiry", child, wire::body_text(body), now_s);
  Stmt i(db, "INSERT INTO enquiries(child, listing_id, outbox_id, at) VALUES(:c, :l, :o, :now)");
  i.bind(":c", child).bind(":l", listing_id).bind(":o", r.outbox_id).bind(":now", now_s).run();
  // asking about something also keeps it on the child's list
  Stmt s(db, "INSERT OR IGNORE INTO saved_listings(child, listing_id, saved_at) VALUES(:c, :l, :now)");
  s.bind(":c", child).bind(":l", listing_id).bind(":now", now_s).run();
  txn.commit();
  r.ok = true;
  return r;
}

std::string enquiry_state(Db& db, const std::string& child, const std::string& listing_id) {
  Stmt s(db, "SELECT outbox_id FROM enquiries WHERE child = :c AND listing_id = :l");
  s.bind(":c", child).bind(":l", listing_id);
  if (!s.step()) return {};
  return own_record_state(db, s.text(0));
}

void enquiry_place_sent(Db& db, const std::string& child, const std::string& listing_id, const std::string& record_id,
                        int64_t at) {
  require_transaction(db, "enquiry_place_sent");
  Stmt i(db, "INSERT INTO enquiries(child, listing_id, outbox_id, at) VALUES(:c, :l, :o, :at) ON CONFLICT DO NOTHING");
  i.bind(":c", child).bind(":l", listing_id).bind(":o", record_id).bind(":at", at).run();
  // as when asked here, it is on the child's list too
  Stmt s(db, "INSERT OR IGNORE INTO saved_listings(child, listing_id, saved_at) VALUES(:c, :l, :at)");
  s.bind(":c", child).bind(":l", listing_id).bind(":at", at).run();
}

std::vector<ListingCounts> listing_counts(Db& db) {
  std::vector<ListingCounts> out;
  Stmt s(db,
         "SELECT l.id, l.title, (SELECT count(*) FROM saved_listings s WHERE s.listing_id = l.id),"
         " (SELECT count(*) FROM enquiries e WHERE e.listing_id = l.id) FROM listings l"
         " WHERE EXISTS(SELECT 1 FROM saved_listings s WHERE s.listing_id = l.id)"
         "    OR EXISTS(SELECT 1 FROM enquiries e WHERE e.listing_id = l.id)"
         " ORDER BY 4 DESC, 3 DESC, l.title");
  while (s.step()) out.push_back(ListingCounts{s.text(0), s.text(1), s.i64(2), s.i64(3)});
  return out;
}

}  // namespace waymark

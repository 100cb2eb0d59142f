#include "core/messaging/history.h"

#include <algorithm>
#include <variant>

#include "core/catalogue/catalogue.h"
#include "core/myviews/myviews.h"
#include "core/sync/wire.h"
#include "core/sync/wire_check.h"

namespace waymark {

// 56: a transferred child's own records from another establishment (history.h), and enquiries that may name one
// of them: the enquiry's record is this kiosk's outbox row or a history row, so `enquiries` is rebuilt without
// its reference to the outbox (with foreign keys off, as 51 rebuilt the outbox).
const char* const kHistorySql = R"SQL(
CREATE TABLE history (
  id         TEXT PRIMARY KEY,        -- the record's id, minted by the kiosk that wrote it
  child      TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('message','enquiry','myviews','plan_answer')),
  body       TEXT NOT NULL,           -- verbatim, as the gateway accepted it
  created_at INTEGER NOT NULL,        -- unix seconds, when the child sent it
  state      TEXT NOT NULL CHECK (state IN ('sent','delivered','read')),
  state_at   INTEGER NOT NULL,
  placed     INTEGER NOT NULL DEFAULT 0 CHECK (placed IN (0,1))  -- 1 once shown where the child's own show
) STRICT;
CREATE INDEX history_by_child ON history(child, kind, created_at);
CREATE TRIGGER history_immutable BEFORE UPDATE OF id, child, kind, body, created_at ON history
BEGIN SELECT RAISE(ABORT, 'a record that followed a child never changes; only its state moves'); END;

CREATE TABLE enquiries_new (
  child      TEXT NOT NULL,
  listing_id TEXT NOT NULL,
  outbox_id  TEXT NOT NULL,           -- the record: this kiosk's outbox, or history (it followed the child)
  at         INTEGER NOT NULL,
  PRIMARY KEY (child, listing_id)
) STRICT;
INSERT INTO enquiries_new(child, listing_id, outbox_id, at) SELECT child, listing_id, outbox_id, at FROM enquiries;
DROP TABLE enquiries;
ALTER TABLE enquiries_new RENAME TO enquiries;
CREATE INDEX enquiries_by_listing ON enquiries(listing_id);
)SQL";

namespace {

// Where the child's own records of this kind show, beyond the readers of own_records; true when done (a
// listing enquiry is on their list, a My Views is a sent response), or when there is nothing to place.
bool place(Db& db, const std::string& id, const std::string& kind, const std::string& child, const std::string& body,
           int64_t created_at) {
  if (kind == "enquiry") {
    const auto e = wire::parse_enquiry_text(body);
    if (const auto* l = e ? std::get_if<wire::ListingEnquiry>(&*e.value) : nullptr)
      enquiry_place_sent(db, child, l->listing_id, id, created_at);
    return true;
  }
  if (kind == "myviews") {
    const auto m = wire::parse_text<wire::MyViewsBody>(body);
    return !m || myviews_place_sent(db, id, child, *m, created_at);
  }
  return true;
}

void mark_placed(Db& db, const std::string& id) {
  Stmt u(db, "UPDATE history SET placed = 1 WHERE id = :id");
  u.bind(":id", id).run();
}

}  // namespace

bool history_apply(Db& db, const wire::HistoryRecord& h) {
  require_transaction(db, "history_apply");
  if (!wire::history_problem(h).empty()) return false;
  {
    Stmt c(db, "SELECT 1 FROM children WHERE number = :c");
    c.bind(":c", h.child);
    if (!c.step()) return false;
  }
  if (outbox_get(db, h.id)) return false;  // written here: the outbox row is the record, with its own receipts
  Stmt s(db,
         "INSERT INTO history(id, child, kind, body, created_at, state, state_at) VALUES(:id, :c, :k, :b, :ca, :st, :sa) "
         "ON CONFLICT(id) DO UPDATE SET state = excluded.state, state_at = excluded.state_at "
         "WHERE (CASE excluded.state WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 ELSE 3 END) > "
         "(CASE history.state WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 ELSE 3 END)");
  s.bind(":id", h.id).bind(":c", h.child).bind(":k", h.kind).bind(":b", h.body).bind(":ca", h.created_at);
  s.bind(":st", h.state).bind(":sa", h.state_at).run();
  Stmt p(db, "SELECT placed, kind, child, body, created_at FROM history WHERE id = :id");
  p.bind(":id", h.id);
  if (p.step() && p.i64(0) == 0 && place(db, h.id, p.text(1), p.text(2), p.text(3), p.i64(4))) mark_placed(db, h.id);
  return true;
}

int place_waiting_history(Db& db) {
  struct Waiting {
    std::string id, kind, child, body;
    int64_t created_at;
  };
  std::vector<Waiting> waiting;
  {
    Stmt s(db, "SELECT id, kind, child, body, created_at FROM history WHERE placed = 0 ORDER BY created_at, id");
    while (s.step()) waiting.push_back(Waiting{s.text(0), s.text(1), s.text(2), s.text(3), s.i64(4)});
  }
  if (waiting.empty()) return 0;
  int placed = 0;
  Txn t(db);
  for (const Waiting& w : waiting)
    if (place(db, w.id, w.kind, w.child, w.body, w.created_at)) {
      mark_placed(db, w.id);
      placed++;
    }
  t.commit();
  return placed;
}

std::vector<OutboxItem> own_records(Db& db, const std::string& child, const std::string& kind) {
  std::vector<OutboxItem> out = outbox_for_child(db, child, kind);
  Stmt s(db,
         "SELECT id, body, created_at, state, state_at FROM history WHERE child = :c AND kind = :k "
         "AND id NOT IN (SELECT id FROM outbox) ORDER BY created_at, id");
  s.bind(":c", child).bind(":k", kind);
  while (s.step()) {
    OutboxItem o;
    o.id = s.text(0);
    o.kind = kind;
    o.child = child;
    o.body = s.text(1);
    o.created_at = s.i64(2);
    o.state = s.text(3);
    o.state_at = s.i64(4);
    out.push_back(std::move(o));
  }
  std::stable_sort(out.begin(), out.end(), [](const OutboxItem& a, const OutboxItem& b) { return a.created_at < b.created_at; });
  return out;
}

std::string own_record_state(Db& db, const std::string& id) {
  if (auto o = outbox_get(db, id)) return o->state;
  Stmt s(db, "SELECT state FROM history WHERE id = :id");
  s.bind(":id", id);
  return s.step() ? s.text(0) : std::string();
}

}  // namespace waymark

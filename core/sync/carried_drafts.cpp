// core/sync/carried_drafts.cpp: a transferred child's unsent words, leaving and arriving (see carried_drafts.h).
#include "core/sync/carried_drafts.h"

#include "core/messaging/outbox.h"
#include "core/myviews/myviews.h"
#include "core/plan/plan_answers.h"
#include "core/sync/departures.h"
#include "core/sync/wire.h"

namespace waymark {

// 57: the outbox's kind list gains "draft" (rebuilt as 51 did, foreign keys off for this one migration), and the
// drafts that arrived for a child here.
const char* const kCarriedDraftsSql = R"SQL(
CREATE TABLE outbox_new (
  id         TEXT PRIMARY KEY,
  seq        INTEGER NOT NULL UNIQUE,
  kind       TEXT NOT NULL CHECK (kind IN ('message','enquiry','myviews','plan_answer','draft')),
  child      TEXT NOT NULL,
  body       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  state      TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting','sent','delivered','read','refused')),
  state_at   INTEGER NOT NULL,
  attempts   INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
) STRICT;
INSERT INTO outbox_new(id, seq, kind, child, body, created_at, state, state_at, attempts, last_error)
  SELECT id, seq, kind, child, body, created_at, state, state_at, attempts, last_error FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_by_state ON outbox(state, seq);
CREATE INDEX outbox_by_child ON outbox(child, kind, seq);
CREATE TRIGGER outbox_immutable BEFORE UPDATE OF id, seq, kind, child, body, created_at ON outbox
BEGIN SELECT RAISE(ABORT, 'outbox records are immutable; supersede with a new record'); END;

CREATE TABLE arrived_drafts (
  child      TEXT NOT NULL,
  what       TEXT NOT NULL CHECK (what IN ('myviews','plan_goal')),
  thing      TEXT NOT NULL,              -- the gateway's meeting id, or the pathway
  body       TEXT NOT NULL,              -- the wire::DraftBody text
  updated_at INTEGER NOT NULL,           -- the child's last change, on the kiosk they left
  placed     INTEGER NOT NULL DEFAULT 0 CHECK (placed IN (0,1)),
  PRIMARY KEY (child, what, thing)
) STRICT;
)SQL";

namespace sync {

namespace {

std::string thing_of(const wire::DraftBody& d) { return d.what == "plan_goal" ? d.pathway : d.meeting; }

// Put back where the child left it; false when it must wait.
bool place(Db& db, const wire::DraftBody& d) {
  if (d.what == "plan_goal") {
    const auto p = plan::parse_pathway(d.pathway);
    if (p) plan::place_goal_draft(db, d.child, plan::GoalDraft{*p, d.text, d.updated_at});
    return true;
  }
  return myviews_place_draft(db, d);
}

void mark_placed(Db& db, const std::string& child, const std::string& what, const std::string& thing) {
  Stmt u(db, "UPDATE arrived_drafts SET placed = 1 WHERE child = :c AND what = :w AND thing = :t");
  u.bind(":c", child).bind(":w", what).bind(":t", thing).run();
}

}  // namespace

int carry_unsent_words(Db& db, const std::string& child, int64_t now_s) {
  require_transaction(db, "carry_unsent_words");
  std::vector<std::string> bodies;
  for (const wire::DraftBody& d : myviews_unsent(db, child)) bodies.push_back(wire::body_text(d));
  for (const plan::GoalDraft& g : plan::goal_drafts(db, child)) {
    wire::DraftBody d;
    d.child = child;
    d.what = "plan_goal";
    d.updated_at = g.updated_at;
    d.pathway = plan::pathway_code(g.pathway);
    d.text = g.text;
    if (wire::parse<wire::DraftBody>(nlohmann::json(d))) bodies.push_back(wire::body_text(d));  // not only spaces
  }
  {
    Stmt s(db, "SELECT body FROM arrived_drafts WHERE child = :c AND placed = 0 ORDER BY updated_at");
    s.bind(":c", child);
    while (s.step()) bodies.push_back(s.text(0));
  }
  for (const std::string& b : bodies) outbox_add(db, "draft", child, b, now_s);
  return static_cast<int>(bodies.size());
}

bool draft_arrived(Db& db, const wire::DraftBody& d) {
  require_transaction(db, "draft_arrived");
  {
    Stmt c(db, "SELECT 1 FROM children WHERE number = :c AND active = 1");
    c.bind(":c", d.child);
    if (!c.step() || departing(db, d.child)) return false;
  }
  const std::string thing = thing_of(d);
  Stmt s(db,
         "INSERT INTO arrived_drafts(child, what, thing, body, updated_at) VALUES(:c, :w, :t, :b, :u) "
         "ON CONFLICT(child, what, thing) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at, placed = 0 "
         "WHERE excluded.updated_at > arrived_drafts.updated_at");
  s.bind(":c", d.child).bind(":w", d.what).bind(":t", thing).bind(":b", wire::body_text(d)).bind(":u", d.updated_at).run();
  if (db.changes() == 0) return true;  // this one, or a newer one, is here already
  if (place(db, d)) mark_placed(db, d.child, d.what, thing);
  return true;
}

int place_waiting_drafts(Db& db) {
  std::vector<std::string> waiting;
  {
    Stmt s(db, "SELECT body FROM arrived_drafts WHERE placed = 0 ORDER BY updated_at");
    while (s.step()) waiting.push_back(s.text(0));
  }
  if (waiting.empty()) return 0;
  int placed = 0;
  Txn t(db);
  for (const std::string& b : waiting) {
    const auto d = wire::parse_text<wire::DraftBody>(b);
    if (d && place(db, *d)) {
      mark_placed(db, d->child, d->what, thing_of(*d));
      placed++;
    }
  }
  t.commit();
  return placed;
}

}  // namespace sync

}  // namespace waymark

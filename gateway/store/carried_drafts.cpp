// gateway/store/carried_drafts.cpp: a transferred child's unsent words on their way to their new kiosks (see
// carried_drafts.h).
#include "gateway/store/carried_drafts.h"

#include "core/sync/sync_proto.h"
#include "core/sync/wire.h"
#include "gateway/store/contacts.h"

namespace waymark::gateway {

// 110: the drafts held, and each feed change that carries one (so the words leave the feed when the draft goes).
const char* const kCarriedDraftsSql = R"SQL(
CREATE TABLE carried_drafts (
  child      TEXT NOT NULL REFERENCES children(number),
  what       TEXT NOT NULL CHECK (what IN ('myviews','plan_goal')),
  thing      TEXT NOT NULL,          -- the gateway's meeting id, or the pathway
  sent_as    TEXT NOT NULL,          -- what a sent one names: "<meeting type>@<starts_at>", or the pathway
  body       TEXT NOT NULL,          -- the wire::DraftBody text, as the kiosk wrote it
  updated_at INTEGER NOT NULL,       -- unix seconds, the child's last change (the kiosk's clock)
  PRIMARY KEY (child, what, thing)
) STRICT;
CREATE TABLE carried_draft_changes (
  server_seq INTEGER PRIMARY KEY,    -- a `draft` change in the feed
  child      TEXT NOT NULL,
  what       TEXT NOT NULL,
  thing      TEXT NOT NULL,
  updated_at INTEGER NOT NULL        -- the version of the draft it carries
) STRICT;
CREATE INDEX carried_draft_changes_by_draft ON carried_draft_changes(child, what, thing);
)SQL";

namespace {

struct Key {
  std::string what, thing, sent_as;
};
Key key_of(const wire::DraftBody& d) {
  if (d.what == "plan_goal") return {d.what, d.pathway, d.pathway};
  return {d.what, d.meeting, d.meeting_type + "@" + std::to_string(d.meeting_starts_at)};
}

// A `draft` change to `to`, remembered with the version it carries.
void emit_draft(Db& db, const std::string& child, const Key& k, int64_t updated_at, const std::string& body,
                const WingRef& to) {
  Stmt s(db,
         "INSERT INTO changes(wing, establishment_id, device_id, kind, payload) VALUES(:w, :e, NULL, 'draft', :p) "
         "RETURNING server_seq");
  s.bind(":w", to.name).bind(":e", to.establishment).bind(":p", body);
  s.step();
  const int64_t seq = s.i64(0);
  s.reset();
  Stmt r(db, "INSERT INTO carried_draft_changes(server_seq, child, what, thing, updated_at) VALUES(:s, :c, :w, :t, :u)");
  r.bind(":s", seq).bind(":c", child).bind(":w", k.what).bind(":t", k.thing).bind(":u", updated_at).run();
}

// The feed changes that carry a version no longer held leave the feed. Only those below its head: a kiosk whose
// cursor is the head must keep finding it (a cursor past the head resets the kiosk), and every caller adds a
// newer change of its own in the same transaction, so what stays is swept on a later call.
void sweep(Db& db) {
  Stmt d(db,
         "DELETE FROM changes WHERE server_seq IN (SELECT x.server_seq FROM carried_draft_changes x WHERE NOT EXISTS "
         "(SELECT 1 FROM carried_drafts k WHERE k.child = x.child AND k.what = x.what AND k.thing = x.thing "
         "AND k.updated_at = x.updated_at)) AND server_seq < (SELECT max(server_seq) FROM changes)");
  d.run();
  Stmt f(db, "DELETE FROM carried_draft_changes WHERE NOT EXISTS (SELECT 1 FROM changes c WHERE c.server_seq = carried_draft_changes.server_seq)");
  f.run();
}

// Whether the child has already sent that My Views or goal, at or after the draft's last change.
bool already_sent(Db& db, const std::string& child, const wire::DraftBody& d) {
  const bool views = d.what == "myviews";
  Stmt s(db, "SELECT body FROM records WHERE child = :c AND kind = :k AND status = 'accepted'");
  s.bind(":c", child).bind(":k", views ? "myviews" : "plan_answer");
  while (s.step()) {
    if (views) {
      const auto m = wire::parse_text<wire::MyViewsBody>(s.text(0));
      if (m && m->meeting.type == d.meeting_type && m->meeting.starts_at == d.meeting_starts_at && m->finalized_at >= d.updated_at)
        return true;
    } else {
      const auto a = wire::parse_text<wire::PlanAnswer>(s.text(0));
      if (a && a->answer == "own_goal" && a->pathway == d.pathway && a->answered_at >= d.updated_at) return true;
    }
  }
  return false;
}

}  // namespace

std::string draft_stand_in(const std::string& body) { return "{\"draft\":\"sha256:" + sync::sha256_hex(body) + "\"}"; }

void carry_draft(Db& db, const std::string& child, const std::string& body) {
  const auto d = wire::parse_text<wire::DraftBody>(body);
  const auto wing = child_wing(db, child);  // an active child's; a released one's words are not kept
  if (!d || !wing || already_sent(db, child, *d)) return;
  const Key k = key_of(*d);
  Stmt s(db,
         "INSERT INTO carried_drafts(child, what, thing, sent_as, body, updated_at) VALUES(:c, :w, :t, :sa, :b, :u) "
         "ON CONFLICT(child, what, thing) DO UPDATE SET sent_as = excluded.sent_as, body = excluded.body, "
         "updated_at = excluded.updated_at WHERE excluded.updated_at > carried_drafts.updated_at");
  s.bind(":c", child).bind(":w", k.what).bind(":t", k.thing).bind(":sa", k.sent_as).bind(":b", body).bind(":u", d->updated_at);
  s.run();
  if (db.changes() == 0) return;  // what is held is as new (a retry, or the same draft back from another kiosk)
  emit_draft(db, child, k, d->updated_at, body, *wing);
  sweep(db);
}

void settle_carried_drafts(Db& db, const std::string& kind, const std::string& child, const std::string& body) {
  std::string what, sent_as;
  if (kind == "myviews") {
    const auto m = wire::parse_text<wire::MyViewsBody>(body);
    if (!m) return;
    what = "myviews";
    sent_as = m->meeting.type + "@" + std::to_string(m->meeting.starts_at);
  } else if (kind == "plan_answer") {
    const auto a = wire::parse_text<wire::PlanAnswer>(body);
    if (!a || a->answer != "own_goal") return;
    what = "plan_goal";
    sent_as = a->pathway;
  } else {
    return;
  }
  Stmt d(db, "DELETE FROM carried_drafts WHERE child = :c AND what = :w AND sent_as = :sa");
  d.bind(":c", child).bind(":w", what).bind(":sa", sent_as).run();
  if (db.changes() > 0) sweep(db);
}

int emit_carried_drafts(Db& db, const std::string& child, const WingRef& to) {
  struct Held {
    Key k;
    int64_t updated_at;
    std::string body;
  };
  std::vector<Held> held;
  {
    Stmt s(db, "SELECT what, thing, sent_as, updated_at, body FROM carried_drafts WHERE child = :c ORDER BY updated_at, what, thing");
    s.bind(":c", child);
    while (s.step()) held.push_back(Held{{s.text(0), s.text(1), s.text(2)}, s.i64(3), s.text(4)});
  }
  for (const Held& h : held) emit_draft(db, child, h.k, h.updated_at, h.body, to);
  return static_cast<int>(held.size());
}

void drop_carried_drafts(Db& db, const std::string& child) {
  Stmt d(db, "DELETE FROM carried_drafts WHERE child = :c");
  d.bind(":c", child).run();
  if (db.changes() > 0) sweep(db);
}

}  // namespace waymark::gateway

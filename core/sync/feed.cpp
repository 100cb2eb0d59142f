#include "core/sync/feed.h"

#include <cstdlib>
#include <ctime>

#include "core/base/dates.h"
#include "core/base/text.h"
#include "core/messaging/history.h"
#include "core/messaging/outbox.h"
#include "core/myviews/meetings.h"
#include "core/plan/device_plan.h"
#include "core/sync/carried_drafts.h"
#include "core/sync/departures.h"
#include "core/sync/pack_fetch.h"
#include "core/sync/wire.h"

namespace waymark {

using nlohmann::json;

// 30: what sync brings to the device: contacts, messages from workers, receipts, meetings (see docs/sync-protocol.md)
const char* const kSyncMigration = R"SQL(
CREATE TABLE contacts (
  child     TEXT NOT NULL,
  worker_id INTEGER NOT NULL,
  name      TEXT NOT NULL,
  org       TEXT NOT NULL,
  allowed   INTEGER NOT NULL,
  PRIMARY KEY (child, worker_id)
) STRICT;

CREATE TABLE inbox (
  id         TEXT PRIMARY KEY,          -- the gateway's id: a page applied twice adds nothing
  child      TEXT NOT NULL,
  worker_id  INTEGER NOT NULL,
  text       TEXT NOT NULL,
  sent_at    INTEGER NOT NULL,          -- unix seconds (gateway time)
  server_seq INTEGER NOT NULL,
  seen_at    INTEGER                    -- when the child first opened it
) STRICT;
CREATE INDEX inbox_by_child ON inbox(child, worker_id, server_seq);

CREATE TABLE receipts (
  id    TEXT NOT NULL,                  -- outbox id
  state TEXT NOT NULL CHECK (state IN ('delivered','read')),
  at    INTEGER NOT NULL,
  PRIMARY KEY (id, state)
) STRICT;

CREATE TABLE synced_meetings (
  id        TEXT PRIMARY KEY,
  child     TEXT NOT NULL,
  kind      TEXT NOT NULL,
  date      TEXT NOT NULL,
  time      TEXT NOT NULL,
  place     TEXT NOT NULL,
  with_whom TEXT NOT NULL,
  cancelled INTEGER NOT NULL
) STRICT;
CREATE INDEX synced_meetings_by_child ON synced_meetings(child, date);

-- What a child is still writing: saved as they type, so a crash or a walk-away loses nothing.
CREATE TABLE message_drafts (
  child      TEXT NOT NULL,
  worker_id  INTEGER NOT NULL,
  text       TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (child, worker_id)
) STRICT;
)SQL";

// 31: content packs the gateway offered (a `pack` change) and what became of each: wanted (being fetched
// into DATA/packs/partial-SHA256), installed, refused (with the reason, never fetched again) or superseded

namespace sync {

namespace {

// What the gateway sent, made safe to show: no control characters, at most max_cp code points.
std::string clean(const std::string& s, size_t max_cp = 200) { return sanitize_text(s, max_cp, false); }

bool child_on_device(Db& db, const std::string& child) {
  Stmt c(db, "SELECT 1 FROM children WHERE number = :c");
  c.bind(":c", child);
  return c.step();
}

// A gateway meeting also goes into the meetings feature's table (core/myviews/meetings.h), keyed by source_id, so
// "My meetings" and My Views see it. A cancelled meeting leaves the child's list unless a My Views response
// hangs off it (a response is the child's writing and is never deleted by a sync); then it stays, and the
// worker still gets the answers. A meeting the meetings feature refuses (bad fields) is skipped, never
// allowed to stop the sync.
void apply_meeting(Db& db, const wire::MeetingChange& d, const std::string& source_id) {
  const std::string child = clean(d.child, 16);
  if (!child_on_device(db, child)) return;
  if (d.cancelled) {
    Stmt del(db, "DELETE FROM meetings WHERE source_id = :s AND NOT EXISTS "
                 "(SELECT 1 FROM responses r WHERE r.meeting_id = meetings.id)");
    del.bind(":s", source_id).run();
    return;
  }
  const auto date = parse_date(clean(d.date, 10));
  if (!date) return;
  const std::string hhmm = clean(d.time, 5);
  std::tm tm{};
  tm.tm_year = date->y - 1900;
  tm.tm_mon = date->m - 1;
  tm.tm_mday = date->d;
  tm.tm_hour = hhmm.size() == 5 ? std::atoi(hhmm.substr(0, 2).c_str()) : 9;
  tm.tm_min = hhmm.size() == 5 ? std::atoi(hhmm.substr(3, 2).c_str()) : 0;
  tm.tm_isdst = -1;
  const int64_t starts_at = static_cast<int64_t>(std::mktime(&tm));
  Meeting m;
  m.child = child;
  m.type = parse_meeting_type(clean(d.kind, 40)).value_or(MeetingType::Other);
  m.starts_at = starts_at;
  m.place = clean(d.place, 80);
  if (m.place == "video" || m.place == "Video") {
    m.video = true;
    m.place.clear();
  }
  const std::string with = clean(d.with_whom, 80);
  if (!with.empty()) m.invited.push_back(Invitee{with, "yot_worker"});
  try {
    Stmt f(db, "SELECT id FROM meetings WHERE source_id = :s");
    f.bind(":s", source_id);
    if (f.step()) {
      const int64_t mid = f.i64(0);
      Stmt u(db, "UPDATE meetings SET type = :t, starts_at = :at, place = :p, video = :v WHERE id = :id");
      u.bind(":t", meeting_type_code(m.type)).bind(":at", starts_at).bind(":p", m.place);
      u.bind(":v", m.video ? 1 : 0).bind(":id", mid).run();
      return;
    }
    const int64_t mid = meeting_add(db, m);
    Stmt u(db, "UPDATE meetings SET source_id = :s WHERE id = :id");
    u.bind(":s", source_id).bind(":id", mid).run();
  } catch (const DbError&) {
  }
}

void apply_child(Db& db, const wire::RosterChild& d, const std::string& my_wing, const PinSeal* seal, SyncReport& rep) {
  const std::string number = clean(d.number, 16);
  if (number.empty()) return;
  auto opt = [](const std::optional<std::string>& v) {
    std::string s = v ? clean(*v, 16) : std::string();
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
  };
  const std::string wing = clean(d.wing, 40);
  const std::string lang = clean(d.lang, 2) == "cy" ? "cy" : "en";
  // A child who cannot sign in on this device (another wing, released) leaves no PIN hash here.
  const bool here = d.active && wing == my_wing;
  const std::string hash = !here ? std::string() : seal ? seal->seal(d.pin_hash) : d.pin_hash;
  Stmt s(db,
         "INSERT INTO children(number, first_name, pin_hash, lang, release_date, release_la, dob, wing, active) "
         "VALUES(:n, :f, :h, :l, :rd, :rl, :dob, :w, :a) ON CONFLICT(number) DO UPDATE SET first_name = excluded.first_name, "
         "pin_hash = excluded.pin_hash, release_date = excluded.release_date, release_la = excluded.release_la, "
         "dob = excluded.dob, wing = excluded.wing, active = excluded.active");
  s.bind(":n", number).bind(":f", clean(d.first_name, 40)).bind(":h", hash).bind(":l", lang);
  s.bind(":rd", opt(d.release_date)).bind(":rl", opt(d.release_la)).bind(":dob", opt(d.dob)).bind(":w", wing);
  s.bind(":a", here ? 1 : 0).run();
  if (here) cancel_departure(db, number);  // transferred back before this kiosk removed them
  rep.children++;
}

void apply_contact(Db& db, const wire::ContactChange& d, SyncReport& rep) {
  Stmt s(db,
         "INSERT INTO contacts(child, worker_id, name, org, allowed) VALUES(:c, :w, :n, :o, :a) "
         "ON CONFLICT(child, worker_id) DO UPDATE SET name = excluded.name, org = excluded.org, allowed = excluded.allowed");
  s.bind(":c", clean(d.child, 16)).bind(":w", d.worker_id).bind(":n", clean(d.name, 80));
  s.bind(":o", clean(d.org, 80)).bind(":a", d.allowed ? 1 : 0).run();
  rep.contacts++;
}

void apply_meeting_change(Db& db, const wire::MeetingChange& d, SyncReport& rep) {
  const std::string id = clean(d.id, 64);
  if (id.empty()) return;
  Stmt s(db,
         "INSERT INTO synced_meetings(id, child, kind, date, time, place, with_whom, cancelled) "
         "VALUES(:id, :c, :k, :d, :t, :p, :w, :x) ON CONFLICT(id) DO UPDATE SET child = excluded.child, kind = excluded.kind, "
         "date = excluded.date, time = excluded.time, place = excluded.place, with_whom = excluded.with_whom, "
         "cancelled = excluded.cancelled");
  s.bind(":id", id).bind(":c", clean(d.child, 16)).bind(":k", clean(d.kind, 40)).bind(":d", clean(d.date, 10));
  s.bind(":t", clean(d.time, 5)).bind(":p", clean(d.place)).bind(":w", clean(d.with_whom));
  s.bind(":x", d.cancelled ? 1 : 0).run();
  rep.meetings++;
  apply_meeting(db, d, id);
}

void apply_message(Db& db, const wire::WorkerMessage& d, int64_t seq, int64_t now_s, SyncReport& rep) {
  const std::string id = clean(d.id, 64);
  const std::string text = sanitize_text(d.text, 1000, true);
  if (id.empty() || text.empty()) return;
  Stmt s(db, "INSERT OR IGNORE INTO inbox(id, child, worker_id, text, sent_at, server_seq) VALUES(:id, :c, :w, :t, :at, :q)");
  s.bind(":id", id).bind(":c", clean(d.child, 16)).bind(":w", d.worker_id).bind(":t", text);
  s.bind(":at", d.sent_at ? d.sent_at : now_s).bind(":q", seq).run();
  rep.messages += db.changes();
}

void apply_receipt(Db& db, const wire::ReceiptChange& d, int64_t now_s, SyncReport& rep) {
  const std::string id = clean(d.id, 64);
  if (id.empty()) return;
  Stmt s(db, "INSERT OR IGNORE INTO receipts(id, state, at) VALUES(:id, :s, :at)");
  s.bind(":id", id).bind(":s", d.state).bind(":at", d.at ? d.at : now_s).run();
  outbox_advance(db, id, d.state, now_s);
  rep.receipts++;
}

// The plan arrives whole and already checked (wire::PlanChange refuses any bad part), so it replaces the old one
// in one statement or not at all; an older version arriving late changes nothing.
void apply_plan(Db& db, const wire::PlanChange& d, int64_t now_s, SyncReport& rep) {
  const std::string child = clean(d.child, 16);
  if (!child_on_device(db, child)) return;
  if (plan::store_plan(db, child, d.plan, now_s)) rep.plans++;
}

void apply_application(Db& db, const wire::ApplicationChange& d, SyncReport& rep) {
  const std::string child = clean(d.child, 16);
  if (!child_on_device(db, child)) return;
  plan::Application a;
  a.listing_id = clean(d.listing_id, 64);
  a.enquiry = clean(d.enquiry, 64);
  a.title = clean(d.title);
  a.provider = clean(d.provider);
  a.state = plan::parse_application_state(d.state).value_or(plan::ApplicationState::FindingOut);
  a.interview_on = d.interview_on;
  a.reason = sanitize_text(d.reason, plan::kMaxReasonChars, false);
  a.updated_at = d.updated_at;
  plan::store_application(db, child, a);
  rep.applications++;
}

// Applies a change of one kind when its data has the shape wire.h defines; a malformed one is skipped.
template <class T, class F>
void when_parsed(const json& data, F&& apply) {
  if (auto p = wire::parse<T>(data)) apply(*p);
}

}  // namespace

void apply_change(Db& db, const json& ch, const std::string& my_wing, int64_t now_s, SyncReport& rep,
                  const PinSeal* seal) {
  const std::string kind = ch.value("kind", "");
  const json& d = ch.contains("data") && ch["data"].is_object() ? ch["data"] : json::object();
  const int64_t seq = ch.contains("seq") && ch["seq"].is_number_integer() ? ch["seq"].get<int64_t>() : 0;
  rep.changes++;
  if (kind == "child") {
    when_parsed<wire::RosterChild>(d, [&](const auto& x) { apply_child(db, x, my_wing, seal, rep); });
  } else if (kind == "contact") {
    when_parsed<wire::ContactChange>(d, [&](const auto& x) { apply_contact(db, x, rep); });
  } else if (kind == "meeting") {
    when_parsed<wire::MeetingChange>(d, [&](const auto& x) { apply_meeting_change(db, x, rep); });
  } else if (kind == "message") {
    when_parsed<wire::WorkerMessage>(d, [&](const auto& x) { apply_message(db, x, seq, now_s, rep); });
  } else if (kind == "receipt") {
    when_parsed<wire::ReceiptChange>(d, [&](const auto& x) { apply_receipt(db, x, now_s, rep); });
  } else if (kind == "pack") {
    when_parsed<wire::PackOffer>(d, [&](const auto& x) { offer_pack(db, x, now_s, rep); });
  } else if (kind == "plan") {
    when_parsed<wire::PlanChange>(d, [&](const auto& x) { apply_plan(db, x, now_s, rep); });
  } else if (kind == "child_left") {
    when_parsed<wire::ChildLeft>(d, [&](const auto& x) {
      if (child_on_device(db, clean(x.child, 16))) note_departure(db, clean(x.child, 16), now_s);
    });
  } else if (kind == "application") {
    when_parsed<wire::ApplicationChange>(d, [&](const auto& x) { apply_application(db, x, rep); });
  } else if (kind == "history") {
    when_parsed<wire::HistoryRecord>(d, [&](const auto& x) { rep.history += history_apply(db, x) ? 1 : 0; });
  } else if (kind == "draft") {
    when_parsed<wire::DraftBody>(d, [&](const auto& x) { rep.drafts += draft_arrived(db, x) ? 1 : 0; });
  } else {
    rep.changes--;  // unknown kinds are skipped (a newer gateway may send more)
  }
}

}  // namespace sync

}  // namespace waymark

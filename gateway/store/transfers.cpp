#include "gateway/store/transfers.h"

#include <algorithm>
#include <stdexcept>

#include "core/sync/wire.h"
#include "gateway/store/admin.h"
#include "gateway/store/applications.h"
#include "gateway/store/audit.h"
#include "gateway/store/carried_drafts.h"
#include "gateway/store/child_history.h"
#include "gateway/store/establishments.h"
#include "gateway/store/feed.h"
#include "gateway/store/plan_store.h"

namespace waymark::gateway {

namespace {

wire::RosterChild roster_child(const ChildRow& c, const std::string& wing, const std::string& hash) {
  auto opt = [](const std::string& v) { return v.empty() ? std::nullopt : std::optional<std::string>(v); };
  return wire::RosterChild{wire::kWireVersion, c.number, c.first_name, hash, c.lang, wing,
                           opt(c.dob), opt(c.release_date), opt(c.release_la), c.active};
}

// Everything of the child's that the new wing's kiosks show, as the feed would have brought it had the child
// always been there, and their own records (child_history.h). Each kind is an upsert by a stable id on the
// kiosk, so nothing doubles.
void send_history(Db& db, const std::string& child, const WingRef& to) {
  {
    Stmt s(db, "SELECT worker_id FROM contacts WHERE child = :c ORDER BY worker_id");
    s.bind(":c", child);
    std::vector<int64_t> workers;
    while (s.step()) workers.push_back(s.i64(0));
    for (int64_t w : workers) emit_contact(db, child, w);
  }
  {
    Stmt s(db, "SELECT id, kind, date, time, place, with_whom, cancelled FROM meetings WHERE child = :c ORDER BY date, id");
    s.bind(":c", child);
    while (s.step())
      emit(db, to, std::nullopt, "meeting",
           wire::MeetingChange{wire::kWireVersion, s.text(0), child, s.text(1), s.text(2), s.text(3), s.text(4), s.text(5),
                               s.i64(6) != 0});
  }
  {
    Stmt s(db, "SELECT id, worker_id, text, sent_at FROM worker_messages WHERE child = :c ORDER BY sent_at, id");
    s.bind(":c", child);
    while (s.step())
      emit(db, to, std::nullopt, "message",
           wire::WorkerMessage{wire::kWireVersion, s.text(0), child, s.text(2), s.i64(1), s.i64(3) / 1000});
  }
  if (const auto plan = current_plan(db, child)) emit(db, to, std::nullopt, "plan", wire::PlanChange{wire::kWireVersion, child, *plan});
  for (const ApplicationRow& a : applications(db, child))
    emit(db, to, std::nullopt, "application",
         wire::ApplicationChange{wire::kWireVersion, a.child, a.listing_id, a.record_id, a.title, a.provider, a.state,
                                 a.on_date, a.reason, a.set_at_ms / 1000});
  // What the child wrote themselves, after the meetings its My Views answer (the kiosk finds the meeting by them).
  emit_child_history(db, child, to);
  // What they had started and not sent, last: the kiosk puts it back by the meetings and the plan above.
  emit_carried_drafts(db, child, to);
}

std::string pin_hash_of(Db& db, const std::string& child) {
  Stmt s(db, "SELECT pin_hash FROM children WHERE number = :n");
  s.bind(":n", child);
  return s.step() ? s.text(0) : std::string();
}

}  // namespace

TransferDone transfer_child(Db& db, const TransferRequest& req, const std::string& actor, int64_t now_ms) {
  Txn t(db);
  const auto to = establishment_by_code(db, req.to);
  if (!to) throw std::invalid_argument("there is no establishment " + req.to + " (see `waymark-gateway establishments list`)");
  const auto c = get_child(db, req.child);
  if (!c) throw std::invalid_argument("there is no child " + req.child);
  if (!req.from.empty() && c->establishment != req.from) {
    audit(db, now_ms, actor, "scope.refused", req.from + " asked to transfer child " + req.child + " of another establishment");
    t.commit();
    throw std::invalid_argument("there is no child " + req.child);
  }
  if (c->establishment == to->code) throw std::invalid_argument("child " + req.child + " is already at " + to->code);
  if (!c->active) throw std::invalid_argument("child " + req.child + " is no longer active (released); there is nothing to transfer");
  std::string wing = req.wing;
  if (wing.empty()) {
    if (to->wings.size() != 1)
      throw std::invalid_argument(to->code + " has " + std::to_string(to->wings.size()) + " wings: say which with --wing NAME");
    wing = to->wings.front();
  } else if (std::find(to->wings.begin(), to->wings.end(), wing) == to->wings.end()) {
    throw std::invalid_argument(to->code + " has no wing " + wing + " (see `waymark-gateway establishments list`)");
  }
  const auto from = establishment_by_code(db, c->establishment);
  const WingRef old_wing{from->id, c->wing}, new_wing{to->id, wing};
  {
    Stmt u(db, "UPDATE children SET establishment_id = :e, wing = :w WHERE number = :n");
    u.bind(":e", to->id).bind(":w", wing).bind(":n", req.child).run();
  }
  TransferDone done{req.child, from->code, c->wing, to->code, wing, 0};
  {
    Stmt s(db,
           "INSERT INTO transfers(child, from_establishment, from_wing, to_establishment, to_wing, at, by) "
           "VALUES(:c, :fe, :fw, :te, :tw, :at, :by) RETURNING seq");
    s.bind(":c", req.child).bind(":fe", from->id).bind(":fw", c->wing).bind(":te", to->id).bind(":tw", wing);
    s.bind(":at", now_ms).bind(":by", actor);
    s.step();
    done.seq = s.i64(0);
    s.reset();
  }
  // The old wing: the child can no longer sign in there, then leaves; the new wing: the child and their history.
  ChildRow leaving = *c;
  leaving.active = false;  // inactive there even when the new wing has the old wing's name
  emit(db, old_wing, std::nullopt, "child", roster_child(leaving, wing, wire::kNoPinHash));
  emit(db, old_wing, std::nullopt, "child_left", wire::ChildLeft{wire::kWireVersion, req.child});
  emit(db, new_wing, std::nullopt, "child", roster_child(*c, wing, pin_hash_of(db, req.child)));
  send_history(db, req.child, new_wing);
  audit(db, now_ms, actor, "child.transfer.out", from->code + ": child " + req.child + " left wing " + c->wing + " for " + to->code);
  audit(db, now_ms, actor, "child.transfer.in", to->code + ": child " + req.child + " arrived on wing " + wing + " from " + from->code);
  t.commit();
  return done;
}

std::vector<TransferRow> transfers_of(Db& db, const std::string& child) {
  std::vector<TransferRow> out;
  Stmt s(db,
         "SELECT t.seq, t.at, f.code, t.from_wing, n.code, t.to_wing, t.by FROM transfers t "
         "JOIN establishments f ON f.id = t.from_establishment JOIN establishments n ON n.id = t.to_establishment "
         "WHERE t.child = :c ORDER BY t.seq");
  s.bind(":c", child);
  while (s.step()) out.push_back(TransferRow{s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6)});
  return out;
}

}  // namespace waymark::gateway

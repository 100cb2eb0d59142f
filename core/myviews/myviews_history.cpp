// A My Views that followed a transferred child from another establishment's kiosk, made a sent response here
// (myviews.h, myviews_place_sent; the record itself is in core/messaging/history.h).
#include "core/myviews/myviews.h"

#include "core/sync/wire.h"

namespace waymark {

namespace {

// The child's meeting of that type at that time here (the gateway's meetings reach every kiosk of the wing, so
// the kiosk that wrote it and this one both have it), else one added for it: a sent response always has one.
int64_t meeting_for(Db& db, const std::string& child, const wire::MyViewsMeeting& m) {
  const std::string type = parse_meeting_type(m.type) ? m.type : std::string("other");
  {
    Stmt s(db, "SELECT id FROM meetings WHERE child = :c AND type = :t AND starts_at = :at ORDER BY id LIMIT 1");
    s.bind(":c", child).bind(":t", type).bind(":at", m.starts_at);
    if (s.step()) return s.i64(0);
  }
  Stmt i(db, "INSERT INTO meetings(child, type, starts_at) VALUES(:c, :t, :at)");
  i.bind(":c", child).bind(":t", type).bind(":at", m.starts_at).run();
  return db.last_insert_rowid();
}

}  // namespace

bool myviews_place_sent(Db& db, const std::string& record_id, const std::string& child, const wire::MyViewsBody& body,
                        int64_t sent_at) {
  require_transaction(db, "myviews_place_sent");
  {
    Stmt have(db, "SELECT 1 FROM responses WHERE outbox_id = :o");
    have.bind(":o", record_id);
    if (have.step()) return true;
  }
  if (body.form_version < 1 || body.form_version > 1'000'000 || !form_load(db, body.form, static_cast<int>(body.form_version)))
    return false;
  const int64_t meeting = meeting_for(db, child, body.meeting);
  std::optional<int64_t> replaces;
  if (body.supersedes) {
    Stmt s(db, "SELECT id FROM responses WHERE outbox_id = :o AND child = :c");
    s.bind(":o", *body.supersedes).bind(":c", child);
    if (s.step()) replaces = s.i64(0);
  }
  int64_t id = 1;
  {
    Stmt mx(db, "SELECT coalesce(max(id), 0) + 1 FROM responses");
    mx.step();
    id = mx.i64(0);
  }
  // A sent response is frozen (its triggers refuse new answers), so its answers go in first and the response
  // after them; the answers' reference to it is checked at commit. A draft the child has for the same meeting
  // here stays as it is.
  db.exec("PRAGMA defer_foreign_keys=ON;");
  for (const wire::MyViewsAnswer& a : body.answers) {
    if (a.value.is_null() && !a.skipped) continue;  // not answered
    Stmt ins(db,
             "INSERT INTO answers(response_id, question_id, value, skipped, rev, updated_at) "
             "VALUES(:r, :q, :v, :sk, 1, :at) ON CONFLICT DO NOTHING");
    std::optional<std::string> value;
    if (!a.skipped) value = a.value.dump();
    ins.bind(":r", id).bind(":q", a.q).bind(":v", value).bind(":sk", a.skipped ? 1 : 0).bind(":at", body.finalized_at).run();
  }
  Stmt r(db,
         "INSERT INTO responses(id, child, meeting_id, form_id, form_version, state, current_q, created_at, updated_at, "
         "sent_at, outbox_id, supersedes) VALUES(:id, :c, :m, :f, :v, 'sent', 'review', :ca, :ua, :sa, :o, :s)");
  r.bind(":id", id).bind(":c", child).bind(":m", meeting).bind(":f", body.form).bind(":v", body.form_version);
  r.bind(":ca", body.started_at).bind(":ua", body.finalized_at).bind(":sa", sent_at).bind(":o", record_id).bind(":s", replaces);
  r.run();
  return true;
}

}  // namespace waymark

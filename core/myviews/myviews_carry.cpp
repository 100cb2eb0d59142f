// A transferred child's unsent My Views, carried from the kiosk they left to the kiosks of their new wing as a
// draft (myviews.h, myviews_unsent and myviews_place_draft; the journey is core/sync/carried_drafts.h).
#include "core/myviews/myviews.h"

#include "core/sync/wire.h"

namespace waymark {

std::vector<wire::DraftBody> myviews_unsent(Db& db, const std::string& child) {
  std::vector<wire::DraftBody> out;
  for (const Response& r : myviews_all(db, child)) {
    if (r.sent) continue;
    Stmt m(db, "SELECT type, starts_at, coalesce(source_id, '') FROM meetings WHERE id = :id AND child = :c");
    m.bind(":id", r.meeting_id).bind(":c", child);
    if (!m.step()) continue;
    wire::DraftBody d;
    d.child = child;
    d.what = "myviews";
    d.updated_at = r.updated_at;
    // a meeting the gateway never sent (demo data) is found on the new kiosk by its type and time
    d.meeting = m.text(2).empty() ? "local-" + std::to_string(r.meeting_id) : m.text(2).substr(0, 64);
    d.meeting_type = m.text(0);
    d.meeting_starts_at = m.i64(1);
    d.form = r.form_id;
    d.form_version = r.form_version;
    d.current_q = r.current_q.substr(0, 64);
    if (r.supersedes) {
      Stmt s(db, "SELECT coalesce(outbox_id, '') FROM responses WHERE id = :id AND state = 'sent'");
      s.bind(":id", r.supersedes);
      if (s.step() && !s.text(0).empty()) d.supersedes = s.text(0);
    }
    for (const auto& [qid, a] : r.answers) d.answers.push_back(wire::DraftAnswer{qid, a.value, a.skipped});
    out.push_back(std::move(d));
  }
  return out;
}

namespace {

// The child's meeting here: by the gateway's id, else of the same type at the same time.
std::optional<int64_t> meeting_here(Db& db, const wire::DraftBody& d) {
  Stmt s(db,
         "SELECT id FROM meetings WHERE child = :c AND (source_id = :s OR (type = :t AND starts_at = :at)) "
         "ORDER BY source_id = :s DESC, id LIMIT 1");
  s.bind(":c", d.child).bind(":s", d.meeting).bind(":t", d.meeting_type).bind(":at", d.meeting_starts_at);
  if (!s.step()) return std::nullopt;
  return s.i64(0);
}

}  // namespace

bool myviews_place_draft(Db& db, const wire::DraftBody& d) {
  require_transaction(db, "myviews_place_draft");
  const auto meeting = meeting_here(db, d);
  if (!meeting) return false;
  {
    Stmt sent(db, "SELECT 1 FROM responses WHERE child = :c AND meeting_id = :m AND state = 'sent' AND sent_at >= :u");
    sent.bind(":c", d.child).bind(":m", *meeting).bind(":u", d.updated_at);
    if (sent.step()) return true;  // sent since: the draft is used up
  }
  int64_t existing = 0;
  {
    Stmt s(db, "SELECT id, updated_at FROM responses WHERE child = :c AND meeting_id = :m AND state = 'draft'");
    s.bind(":c", d.child).bind(":m", *meeting);
    if (s.step()) {
      if (s.i64(1) >= d.updated_at) return true;  // the one here is as new: theirs to carry on with
      existing = s.i64(0);
    }
  }
  Stmt v(db, "SELECT max(version) FROM form_versions WHERE form_id = :f");
  v.bind(":f", d.form);
  if (!v.step() || v.is_null(0)) return false;
  const auto form = form_load(db, d.form, v.i32(0));
  if (!form || form->questions.empty()) return false;
  std::optional<int64_t> replaces;
  if (d.supersedes) {
    Stmt s(db, "SELECT id FROM responses WHERE outbox_id = :o AND child = :c AND state = 'sent'");
    s.bind(":o", *d.supersedes).bind(":c", d.child);
    if (s.step()) replaces = s.i64(0);
  }
  const std::string resume = d.current_q == "review" || form->find(d.current_q) ? d.current_q : form->questions.front().id;
  if (existing) {
    Stmt a(db, "DELETE FROM answers WHERE response_id = :r");
    a.bind(":r", existing).run();
    Stmt u(db,
           "UPDATE responses SET form_id = :f, form_version = :v, current_q = :q, updated_at = :u, supersedes = :s "
           "WHERE id = :id AND state = 'draft'");
    u.bind(":f", form->id).bind(":v", form->version).bind(":q", resume).bind(":u", d.updated_at).bind(":s", replaces);
    u.bind(":id", existing).run();
  } else {
    Stmt i(db,
           "INSERT INTO responses(child, meeting_id, form_id, form_version, state, current_q, created_at, updated_at, "
           "supersedes) VALUES(:c, :m, :f, :v, 'draft', :q, :u, :u, :s)");
    i.bind(":c", d.child).bind(":m", *meeting).bind(":f", form->id).bind(":v", form->version).bind(":q", resume);
    i.bind(":u", d.updated_at).bind(":s", replaces).run();
    existing = db.last_insert_rowid();
  }
  std::map<std::string, Answer> answers;
  for (const wire::DraftAnswer& a : d.answers) answers[a.q] = Answer{a.value, a.skipped, 1};
  myviews_copy_answers(db, existing, *form, answers, d.updated_at);
  return true;
}

}  // namespace waymark

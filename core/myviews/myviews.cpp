#include "core/myviews/myviews.h"
#include "core/sync/wire.h"

#include <sqlite3.h>

#include <cstdio>

#include "core/storage/device_store.h"
#include "core/i18n/i18n.h"
#include "core/messaging/history.h"
#include "core/messaging/outbox.h"

namespace waymark {

// 21: My Views: installed form versions, responses and their answers.
const char* const kMyViewsSql = R"SQL(
CREATE TABLE form_versions (
  form_id      TEXT NOT NULL,
  version      INTEGER NOT NULL CHECK (version >= 1),
  definition   TEXT NOT NULL,              -- the JSON text exactly as installed
  installed_at INTEGER NOT NULL,
  PRIMARY KEY (form_id, version)
) STRICT;
CREATE TRIGGER form_versions_immutable BEFORE UPDATE ON form_versions
BEGIN SELECT RAISE(ABORT, 'a form version never changes; install a new version'); END;

CREATE TABLE responses (
  id           INTEGER PRIMARY KEY,
  child        TEXT NOT NULL REFERENCES children(number) ON DELETE CASCADE,
  meeting_id   INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  form_id      TEXT NOT NULL,
  form_version INTEGER NOT NULL,
  state        TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','sent')),
  current_q    TEXT NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  sent_at      INTEGER,
  outbox_id    TEXT UNIQUE,               -- minted by outbox_add when sent
  supersedes   INTEGER REFERENCES responses(id),
  FOREIGN KEY (form_id, form_version) REFERENCES form_versions(form_id, version)
) STRICT;
CREATE INDEX responses_by_meeting ON responses(child, meeting_id, id);
-- at most one draft per meeting per child
CREATE UNIQUE INDEX responses_one_draft ON responses(child, meeting_id) WHERE state = 'draft';
CREATE TRIGGER responses_sent_frozen BEFORE UPDATE ON responses WHEN OLD.state = 'sent'
BEGIN SELECT RAISE(ABORT, 'a sent My Views cannot change; start a new one that replaces it'); END;

CREATE TABLE answers (
  response_id INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
  question_id TEXT NOT NULL,
  value       TEXT,                        -- JSON; NULL when skipped
  skipped     INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0,1)),
  rev         INTEGER NOT NULL DEFAULT 1,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (response_id, question_id)
) STRICT;
CREATE TRIGGER answers_frozen_ins BEFORE INSERT ON answers
WHEN (SELECT state FROM responses WHERE id = NEW.response_id) = 'sent'
BEGIN SELECT RAISE(ABORT, 'a sent My Views cannot change'); END;
CREATE TRIGGER answers_frozen_upd BEFORE UPDATE ON answers
WHEN (SELECT state FROM responses WHERE id = OLD.response_id) = 'sent'
BEGIN SELECT RAISE(ABORT, 'a sent My Views cannot change'); END;
-- Deleting is left to purges (waymarkctl wipe), as for the outbox: the app never deletes a sent response,
-- and core/myviews/myviews.cpp refuses any change to one before it reaches these triggers.
)SQL";

using nlohmann::json;

const char* views_state_code(ViewsState s) {
  switch (s) {
    case ViewsState::NotStarted: return "not_started";
    case ViewsState::Started: return "started";
    case ViewsState::Sent: return "sent";
    case ViewsState::Read: return "read";
    case ViewsState::Refused: return "refused";
  }
  return "not_started";
}

namespace {
constexpr const char* kCols =
    "id, child, meeting_id, form_id, form_version, state, current_q, created_at, updated_at, coalesce(sent_at, 0), "
    "coalesce(outbox_id, ''), coalesce(supersedes, 0)";

Response read_response(Db& db, Stmt& s) {
  Response r;
  r.id = s.i64(0);
  r.child = s.text(1);
  r.meeting_id = s.i64(2);
  r.form_id = s.text(3);
  r.form_version = s.i32(4);
  r.sent = s.text(5) == "sent";
  r.current_q = s.text(6);
  r.created_at = s.i64(7);
  r.updated_at = s.i64(8);
  r.sent_at = s.i64(9);
  r.outbox_id = s.text(10);
  r.supersedes = s.i64(11);
  Stmt a(db, "SELECT question_id, value, skipped, rev FROM answers WHERE response_id = :r");
  a.bind(":r", r.id);
  while (a.step()) {
    Answer ans;
    if (!a.is_null(1)) {
      ans.value = json::parse(a.text(1), nullptr, false);
      if (ans.value.is_discarded()) ans.value = nullptr;
    }
    ans.skipped = a.i64(2) != 0;
    ans.rev = a.i64(3);
    r.answers[a.text(0)] = std::move(ans);
  }
  return r;
}

std::optional<Response> query_one(Db& db, const std::string& where, const std::function<void(Stmt&)>& bind) {
  Stmt s(db, std::string("SELECT ") + kCols + " FROM responses WHERE " + where);
  bind(s);
  if (!s.step()) return std::nullopt;
  return read_response(db, s);
}

// The draft a change may touch: it must be the child's and not sent. Runs inside the caller's transaction.
struct DraftInfo {
  bool ok = false;
  std::string error;
  std::optional<FormDef> form;
};
DraftInfo check_draft(Db& db, const std::string& child, int64_t response_id) {
  DraftInfo d;
  Stmt s(db, "SELECT state, form_id, form_version FROM responses WHERE id = :id AND child = :c");
  s.bind(":id", response_id).bind(":c", child);
  if (!s.step()) {
    d.error = "that My Views is not there";
    return d;
  }
  if (s.text(0) == "sent") {
    d.error = "this My Views was sent and cannot change";
    return d;
  }
  d.form = form_load(db, s.text(1), s.i32(2));
  if (!d.form) {
    d.error = "the form for this My Views is missing";
    return d;
  }
  d.ok = true;
  return d;
}

void touch_response(Db& db, int64_t response_id, const std::string& qid, int64_t now_s) {
  Stmt u(db, "UPDATE responses SET current_q = :q, updated_at = :now WHERE id = :id");
  u.bind(":q", qid).bind(":now", now_s).bind(":id", response_id).run();
}

// One change to a child's open draft, as every My Views write is made: a write transaction, the draft checked
// inside it, `change` (which returns a plain reason to refuse, or "" to commit), and a storage failure put into
// words beginning with `failed`. A refusal or a failure commits nothing.
template <class Result, class Change>
Result change_draft(Db& db, const std::string& child, int64_t response_id, const char* failed, Change change) {
  Result out;
  try {
    Txn txn(db);
    const DraftInfo d = check_draft(db, child, response_id);
    out.error = d.ok ? change(d, out) : d.error;
    if (!out.error.empty()) return out;
    txn.commit();
    out.ok = true;
  } catch (const DbError& e) {
    out = Result{};
    out.error = std::string(failed) + e.what();
  }
  return out;
}

SaveResult write_answer(Db& db, const std::string& child, int64_t response_id, const std::string& qid,
                        const std::optional<json>& value, bool skipped, bool clear, int64_t now_s) {
  return change_draft<SaveResult>(db, child, response_id, "could not save: ", [&](const DraftInfo& d, SaveResult&) {
    const Question* q = d.form->find(qid);
    if (!q) return std::string("that question is not in this form");
    if (clear) {
      Stmt del(db, "DELETE FROM answers WHERE response_id = :r AND question_id = :q");
      del.bind(":r", response_id).bind(":q", qid).run();
    } else {
      std::optional<std::string> text;
      if (!skipped) {
        AnswerCheck c = validate_answer(*q, *value);
        if (!c.ok) return c.error;
        text = c.value.dump();
      } else if (!q->optional) {
        return std::string("this question cannot be skipped");
      }
      Stmt up(db,
              "INSERT INTO answers(response_id, question_id, value, skipped, rev, updated_at) "
              "VALUES(:r, :q, :v, :sk, 1, :now) "
              "ON CONFLICT(response_id, question_id) DO UPDATE SET value = excluded.value, skipped = excluded.skipped, "
              "rev = rev + 1, updated_at = excluded.updated_at");
      up.bind(":r", response_id).bind(":q", qid).bind(":v", text).bind(":sk", skipped ? 1 : 0).bind(":now", now_s).run();
    }
    touch_response(db, response_id, qid, now_s);
    return std::string();
  });
}
}  // namespace

std::optional<Response> myviews_get(Db& db, const std::string& child, int64_t response_id) {
  return query_one(db, "id = :id AND child = :c", [&](Stmt& s) { s.bind(":id", response_id).bind(":c", child); });
}

std::optional<Response> myviews_latest(Db& db, const std::string& child, int64_t meeting_id) {
  return query_one(db, "child = :c AND meeting_id = :m ORDER BY id DESC LIMIT 1",
                   [&](Stmt& s) { s.bind(":c", child).bind(":m", meeting_id); });
}

std::optional<Response> myviews_latest_sent(Db& db, const std::string& child, int64_t meeting_id) {
  return query_one(db, "child = :c AND meeting_id = :m AND state = 'sent' ORDER BY id DESC LIMIT 1",
                   [&](Stmt& s) { s.bind(":c", child).bind(":m", meeting_id); });
}

std::vector<Response> myviews_all(Db& db, const std::string& child) {
  std::vector<Response> out;
  Stmt s(db, std::string("SELECT ") + kCols + " FROM responses WHERE child = :c ORDER BY id");
  s.bind(":c", child);
  while (s.step()) out.push_back(read_response(db, s));
  return out;
}

std::optional<Response> myviews_open_for_meeting(Db& db, const std::string& child, int64_t meeting_id,
                                                 const std::string& form_id, int64_t now_s, std::string* error) {
  auto fail = [&](const std::string& why) -> std::optional<Response> {
    if (error) *error = why;
    return std::nullopt;
  };
  try {
    if (!meeting_get(db, child, meeting_id)) return fail("that meeting is not yours");
    auto existing = query_one(db, "child = :c AND meeting_id = :m AND state = 'draft'",
                              [&](Stmt& s) { s.bind(":c", child).bind(":m", meeting_id); });
    if (existing) return existing;
    Txn txn(db);
    Stmt v(db, "SELECT max(version) FROM form_versions WHERE form_id = :f");
    v.bind(":f", form_id);
    if (!v.step() || v.is_null(0)) return fail("the My Views form is not installed on this device");
    const int version = v.i32(0);
    auto form = form_load(db, form_id, version);
    if (!form) return fail("the My Views form on this device is damaged");
    Stmt ins(db,
             "INSERT INTO responses(child, meeting_id, form_id, form_version, state, current_q, created_at, updated_at) "
             "VALUES(:c, :m, :f, :v, 'draft', :q, :now, :now)");
    ins.bind(":c", child).bind(":m", meeting_id).bind(":f", form_id).bind(":v", version);
    ins.bind(":q", form->questions.front().id).bind(":now", now_s).run();
    const int64_t id = db.last_insert_rowid();
    txn.commit();
    return myviews_get(db, child, id);
  } catch (const DbError& e) {
    return fail(std::string("could not start My Views: ") + e.what());
  }
}

SaveResult myviews_set_answer(Db& db, const std::string& child, int64_t response_id, const std::string& qid,
                              const json& value, int64_t now_s) {
  return write_answer(db, child, response_id, qid, value, false, false, now_s);
}

SaveResult myviews_skip(Db& db, const std::string& child, int64_t response_id, const std::string& qid, int64_t now_s) {
  return write_answer(db, child, response_id, qid, std::nullopt, true, false, now_s);
}

SaveResult myviews_clear_answer(Db& db, const std::string& child, int64_t response_id, const std::string& qid,
                                int64_t now_s) {
  return write_answer(db, child, response_id, qid, std::nullopt, false, true, now_s);
}

SaveResult myviews_set_position(Db& db, const std::string& child, int64_t response_id, const std::string& qid,
                                int64_t now_s) {
  return change_draft<SaveResult>(db, child, response_id, "could not save: ", [&](const DraftInfo& d, SaveResult&) {
    if (!qid.empty() && qid != "review" && !d.form->find(qid)) return std::string("that question is not in this form");
    touch_response(db, response_id, qid, now_s);
    return std::string();
  });
}

std::vector<std::string> myviews_missing(const FormDef& form, const Response& r) {
  std::vector<std::string> out;
  for (const Question& q : form.questions) {
    if (q.optional) continue;
    auto it = r.answers.find(q.id);
    if (it == r.answers.end() || it->second.skipped || !answer_present(q, it->second.value)) out.push_back(q.id);
  }
  return out;
}

std::string myviews_body(const FormDef& form, const Response& r, const Meeting& m, const std::string& lang,
                         const std::string& supersedes_outbox_id, int64_t now_s) {
  wire::MyViewsBody body;
  for (const Question& q : form.questions) {
    wire::MyViewsAnswer a;
    a.q = q.id;
    a.title = q.title.in(lang);
    auto it = r.answers.find(q.id);
    if (it != r.answers.end()) {
      a.value = it->second.value;
      a.skipped = it->second.skipped;
      a.text = it->second.skipped ? std::string() : answer_plain_text(q, it->second.value, lang);
    }
    body.answers.push_back(std::move(a));
  }
  body.form = form.id;
  body.form_version = form.version;
  body.child = r.child;
  body.lang = lang;
  body.meeting = wire::MyViewsMeeting{m.id, meeting_type_code(m.type), m.starts_at};
  body.started_at = r.created_at;
  body.finalized_at = now_s;
  if (!supersedes_outbox_id.empty()) body.supersedes = supersedes_outbox_id;
  return wire::body_text(body);
}

SendResult myviews_send(Db& db, const std::string& child, int64_t response_id, const std::string& lang, int64_t now_s,
                        const std::function<void()>& hook) {
  return change_draft<SendResult>(db, child, response_id, "could not send: ", [&](const DraftInfo& d, SendResult& out) {
    auto r = myviews_get(db, child, response_id);
    auto m = r ? meeting_get(db, child, r->meeting_id) : std::nullopt;
    if (!r || !m) return std::string("that My Views is not there");
    if (!myviews_missing(*d.form, *r).empty()) return std::string("some questions still need an answer");
    std::string replaces;
    if (r->supersedes) {
      Stmt s(db, "SELECT coalesce(outbox_id, '') FROM responses WHERE id = :id AND child = :c AND state = 'sent'");
      s.bind(":id", r->supersedes).bind(":c", child);
      if (s.step()) replaces = s.text(0);
    }
    const std::string body = myviews_body(*d.form, *r, *m, lang, replaces, now_s);
    out.outbox_id = outbox_add(db, "myviews", child, body, now_s);
    Stmt u(db, "UPDATE responses SET state = 'sent', sent_at = :now, updated_at = :now, outbox_id = :ob, current_q = 'review' "
               "WHERE id = :id AND state = 'draft'");
    u.bind(":now", now_s).bind(":ob", out.outbox_id).bind(":id", response_id).run();
    if (db.changes() != 1) {
      out.outbox_id.clear();
      return std::string("this My Views was already sent");
    }
    audit(db, now_s, "child:" + child, "myviews-send", out.outbox_id);
    if (hook) hook();
    return std::string();
  });
}

std::optional<Response> myviews_supersede(Db& db, const std::string& child, int64_t sent_response_id, int64_t now_s,
                                          std::string* error) {
  auto fail = [&](const std::string& why) -> std::optional<Response> {
    if (error) *error = why;
    return std::nullopt;
  };
  try {
    auto old = myviews_get(db, child, sent_response_id);
    if (!old) return fail("that My Views is not there");
    if (!old->sent) return fail("that My Views is not sent yet; change it as it is");
    if (auto draft = query_one(db, "child = :c AND meeting_id = :m AND state = 'draft'",
                               [&](Stmt& s) { s.bind(":c", child).bind(":m", old->meeting_id); }))
      return draft;
    Txn txn(db);
    Stmt v(db, "SELECT max(version) FROM form_versions WHERE form_id = :f");
    v.bind(":f", old->form_id);
    if (!v.step() || v.is_null(0)) return fail("the My Views form is not installed on this device");
    const int version = v.i32(0);
    auto form = form_load(db, old->form_id, version);
    if (!form) return fail("the My Views form on this device is damaged");
    Stmt ins(db,
             "INSERT INTO responses(child, meeting_id, form_id, form_version, state, current_q, created_at, updated_at, "
             "supersedes) VALUES(:c, :m, :f, :v, 'draft', 'review', :now, :now, :old)");
    ins.bind(":c", child).bind(":m", old->meeting_id).bind(":f", old->form_id).bind(":v", version);
    ins.bind(":now", now_s).bind(":old", old->id).run();
    const int64_t id = db.last_insert_rowid();
    myviews_copy_answers(db, id, *form, old->answers, now_s);  // every answer still valid in the newest version
    txn.commit();
    return myviews_get(db, child, id);
  } catch (const DbError& e) {
    return fail(std::string("could not start a change: ") + e.what());
  }
}

int myviews_copy_answers(Db& db, int64_t response_id, const FormDef& form, const std::map<std::string, Answer>& answers,
                         int64_t now_s) {
  int copied = 0;
  for (const auto& [qid, a] : answers) {
    const Question* q = form.find(qid);
    if (!q) continue;
    std::optional<std::string> text;
    if (a.skipped) {
      if (!q->optional) continue;
    } else {
      AnswerCheck c = validate_answer(*q, a.value);
      if (!c.ok) continue;
      text = c.value.dump();
    }
    Stmt up(db, "INSERT INTO answers(response_id, question_id, value, skipped, rev, updated_at) "
                "VALUES(:r, :q, :v, :sk, 1, :now)");
    up.bind(":r", response_id).bind(":q", qid).bind(":v", text).bind(":sk", a.skipped ? 1 : 0).bind(":now", now_s).run();
    copied++;
  }
  return copied;
}

ViewsState myviews_state(Db& db, const std::string& child, int64_t meeting_id) {
  auto sent = myviews_latest_sent(db, child, meeting_id);
  if (sent) {
    const std::string state = own_record_state(db, sent->outbox_id);  // here, or followed the child from elsewhere
    if (state == "read") return ViewsState::Read;
    if (state == "refused") return ViewsState::Refused;
    return ViewsState::Sent;
  }
  if (myviews_latest(db, child, meeting_id)) return ViewsState::Started;
  return ViewsState::NotStarted;
}

void seed_demo_myviews(Db& db, const Clock& clock) {
  seed_demo_meetings(db, clock);
  for (const std::string& p : form_install_dir(db, assets_dir() + "/forms", clock.now_s()))
    std::fprintf(stderr, "waymark: a form was not installed: %s\n", p.c_str());
}

}  // namespace waymark

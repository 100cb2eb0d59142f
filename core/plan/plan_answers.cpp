// core/plan/plan_answers.cpp: a child's answers to their plan as outbox records (see plan_answers.h).
#include "core/plan/plan_answers.h"

#include "core/base/text.h"
#include "core/messaging/history.h"
#include "core/messaging/outbox.h"
#include "core/sync/wire.h"

namespace waymark::plan {

const char* answer_code(Answer a) {
  switch (a) {
    case Answer::Agree: return "agree";
    case Answer::Talk: return "talk";
    case Answer::OwnGoal: return "own_goal";
  }
  return "agree";
}

AnswerResult send_answer(Db& db, const std::string& child, Pathway p, Answer a, const std::string& text,
                         int64_t plan_version, const std::string& lang, int64_t now_s) {
  AnswerResult r;
  wire::PlanAnswer body;
  body.pathway = pathway_code(p);
  body.answer = answer_code(a);
  if (a == Answer::OwnGoal) {
    body.text = trim_space(sanitize_text(text, kMaxGoalChars + 1, false));
    if (body.text.empty()) {
      r.status = AnswerStatus::Empty;
      return r;
    }
    if (utf8_length(body.text) > kMaxGoalChars) {
      r.status = AnswerStatus::TooLong;
      return r;
    }
  }
  body.plan_version = plan_version < 1 ? 1 : plan_version;
  body.answered_at = now_s;
  body.lang = lang == "cy" ? "cy" : "en";
  Txn t(db);
  r.id = outbox_add(db, "plan_answer", child, wire::body_text(body), now_s);
  if (a == Answer::OwnGoal) {
    Stmt d(db, "DELETE FROM plan_drafts WHERE child = :c AND pathway = :p");
    d.bind(":c", child).bind(":p", pathway_code(p)).run();
  }
  t.commit();
  return r;
}

std::vector<SentAnswer> answers_for(Db& db, const std::string& child) {
  std::vector<SentAnswer> out;
  const auto items = own_records(db, child, "plan_answer");  // written here, or before a transfer elsewhere
  for (auto it = items.rbegin(); it != items.rend(); ++it) {
    const auto b = wire::parse_text<wire::PlanAnswer>(it->body);
    if (!b) continue;
    SentAnswer s;
    s.id = it->id;
    s.pathway = parse_pathway(b->pathway).value_or(Pathway::Accommodation);
    s.answer = b->answer == "talk" ? Answer::Talk : b->answer == "own_goal" ? Answer::OwnGoal : Answer::Agree;
    s.text = b->text;
    s.plan_version = b->plan_version;
    s.at = it->created_at;
    s.state = it->state;
    out.push_back(std::move(s));
  }
  return out;
}

std::string load_goal_draft(Db& db, const std::string& child, Pathway p) {
  Stmt s(db, "SELECT text FROM plan_drafts WHERE child = :c AND pathway = :p");
  s.bind(":c", child).bind(":p", pathway_code(p));
  return s.step() ? s.text(0) : std::string();
}

void save_goal_draft(Db& db, const std::string& child, Pathway p, const std::string& text, int64_t now_s) {
  Txn t(db);
  if (text.empty()) {
    Stmt d(db, "DELETE FROM plan_drafts WHERE child = :c AND pathway = :p");
    d.bind(":c", child).bind(":p", pathway_code(p)).run();
  } else {
    Stmt s(db,
           "INSERT INTO plan_drafts(child, pathway, text, updated_at) VALUES(:c, :p, :t, :now) "
           "ON CONFLICT(child, pathway) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at");
    s.bind(":c", child).bind(":p", pathway_code(p)).bind(":t", sanitize_text(text, kMaxGoalChars, false));
    s.bind(":now", now_s).run();
  }
  t.commit();
}

std::vector<GoalDraft> goal_drafts(Db& db, const std::string& child) {
  std::vector<GoalDraft> out;
  Stmt s(db, "SELECT pathway, text, updated_at FROM plan_drafts WHERE child = :c ORDER BY pathway");
  s.bind(":c", child);
  while (s.step())
    if (const auto p = parse_pathway(s.text(0))) out.push_back(GoalDraft{*p, s.text(1), s.i64(2)});
  return out;
}

void place_goal_draft(Db& db, const std::string& child, const GoalDraft& g) {
  require_transaction(db, "place_goal_draft");
  for (const SentAnswer& a : answers_for(db, child))
    if (a.answer == Answer::OwnGoal && a.pathway == g.pathway && a.at >= g.updated_at) return;  // sent since
  Stmt s(db,
         "INSERT INTO plan_drafts(child, pathway, text, updated_at) VALUES(:c, :p, :t, :u) "
         "ON CONFLICT(child, pathway) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at "
         "WHERE excluded.updated_at > plan_drafts.updated_at");
  s.bind(":c", child).bind(":p", pathway_code(g.pathway)).bind(":t", sanitize_text(g.text, kMaxGoalChars, false));
  s.bind(":u", g.updated_at).run();
}

}  // namespace waymark::plan

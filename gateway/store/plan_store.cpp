#include "gateway/store/plan_store.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "core/base/dates.h"
#include "core/base/text.h"
#include "gateway/store/audit.h"
#include "gateway/store/contacts.h"
#include "gateway/store/feed.h"

namespace waymark::gateway {

using nlohmann::json;

namespace {

const plan::Action* find_action(const std::optional<plan::Plan>& prev, plan::Pathway pw, const std::string& id) {
  if (!prev || id.empty()) return nullptr;
  for (const plan::Action& a : prev->at(pw).actions)
    if (a.id == id) return &a;
  return nullptr;
}

// "a1", "a2", ...: the first not used in this pathway now or in the version before (an id taken out of the
// plan is not given to a different action).
std::string new_action_id(const plan::PathwayPlan& now, const plan::PathwayPlan* before) {
  std::set<std::string> used;
  for (const plan::Action& a : now.actions) used.insert(a.id);
  if (before)
    for (const plan::Action& a : before->actions) used.insert(a.id);
  for (int n = 1;; n++) {
    std::string id = std::to_string(n);
    id.insert(id.begin(), 'a');
    if (!used.count(id)) return id;
  }
}

void history_row(Db& db, const std::string& child, int64_t version, plan::Pathway pw, const plan::Action& a, const char* state,
                 const PlanAuthor& by, int64_t now_ms) {
  Stmt s(db,
         "INSERT INTO plan_action_history(child, action_id, version, pathway, state, what, owner, due, at, by) "
         "VALUES(:c, :id, :v, :p, :s, :w, :o, :d, :at, :by)");
  s.bind(":c", child).bind(":id", a.id).bind(":v", version).bind(":p", plan::pathway_code(pw)).bind(":s", state);
  s.bind(":w", a.what).bind(":o", a.owner).bind(":d", a.due).bind(":at", now_ms).bind(":by", by.actor).run();
}

std::string note_for(const std::vector<std::pair<std::string, std::string>>& notes, plan::Pathway pw, const std::string& id) {
  const std::string key = std::string(plan::pathway_code(pw)) + "/" + id;
  for (const auto& [k, v] : notes)
    if (k == key) return v;
  return {};
}

// Carries each action's history on from `prev`, adds today's step where an action is new or its state
// changed, gives new actions their ids, and writes plan_action_history (removed actions too).
void carry_history(Db& db, const std::string& child, plan::Plan& p, const std::optional<plan::Plan>& prev, const PlanAuthor& by,
                   int64_t now_ms, const std::vector<std::pair<std::string, std::string>>& notes) {
  const std::string today = format_date(local_date(now_ms / 1000));
  const std::string who = sanitize_text(by.name, plan::kMaxOwnerChars, false);
  for (plan::Pathway pw : plan::kPathways) {
    plan::PathwayPlan& pp = p.at(pw);
    const plan::PathwayPlan* before = prev ? &prev->at(pw) : nullptr;
    for (plan::Action& a : pp.actions) {
      if (a.id.empty()) a.id = new_action_id(pp, before);
      const plan::Action* old = find_action(prev, pw, a.id);
      const std::string note = note_for(notes, pw, a.id);
      const bool changed = !old || old->state != a.state || old->what != a.what || old->owner != a.owner || old->due != a.due;
      if (old) a.history = old->history;
      const bool step = old ? (old->state != a.state || !note.empty()) : a.history.empty();
      if (step)
        a.history.push_back(plan::ActionEvent{today, a.state, who, note});
      if (a.history.size() > plan::kMaxHistory)  // the oldest steps go; plan_action_history keeps them all
        a.history.erase(a.history.begin(), a.history.begin() + static_cast<std::ptrdiff_t>(a.history.size() - plan::kMaxHistory));
      if (changed) history_row(db, child, p.version, pw, a, plan::action_state_code(a.state), by, now_ms);
    }
    if (!before) continue;
    for (const plan::Action& old : before->actions)
      if (std::none_of(pp.actions.begin(), pp.actions.end(), [&](const plan::Action& a) { return a.id == old.id; }))
        history_row(db, child, p.version, pw, old, "removed", by, now_ms);
  }
}

}  // namespace

// ================================================================= save
plan::Plan save_plan(Db& db, const std::string& child, plan::Plan p, const PlanAuthor& by, const std::string& change, int64_t now_ms,
                     const std::vector<std::pair<std::string, std::string>>& notes) {
  Txn t(db);
  const auto wing = child_wing(db, child);
  if (!wing) throw std::invalid_argument("there is no child " + child + " on this gateway (or the child is no longer active)");
  const auto prev = current_plan(db, child);
  p.version = prev ? prev->version + 1 : 1;
  p.saved_by = sanitize_text(by.name, plan::kMaxShortChars, false);
  p.saved_at = now_ms / 1000;
  carry_history(db, child, p, prev, by, now_ms, notes);
  const json j = plan::plan_to_json(p);
  const plan::ParsedPlan back = plan::parse_plan(j);  // what the kiosk will read: never half a plan
  if (!back.ok()) throw std::invalid_argument(back.error);
  Stmt s(db,
         "INSERT INTO plan_versions(child, version, body, saved_by, saved_at, change) VALUES(:c, :v, :b, :by, :at, :ch)");
  s.bind(":c", child).bind(":v", p.version).bind(":b", j.dump()).bind(":by", by.actor).bind(":at", now_ms).bind(":ch", change).run();
  emit(db, *wing, std::nullopt, "plan", wire::PlanChange{wire::kWireVersion, child, *back.plan});
  audit(db, now_ms, by.actor, "plan.save", "child " + child + " version " + std::to_string(p.version) + (change.empty() ? "" : ": " + change));
  t.commit();
  return *back.plan;
}

// ================================================================= reading
namespace {
std::optional<plan::Plan> read_body(const std::string& body) {
  plan::ParsedPlan p = plan::parse_plan_text(body);
  if (!p.ok()) return std::nullopt;  // a stored version is always one parse_plan read: never expected
  return std::move(p.plan);
}
}  // namespace

std::optional<plan::Plan> current_plan(Db& db, const std::string& child) {
  Stmt s(db, "SELECT body FROM plan_versions WHERE child = :c ORDER BY version DESC LIMIT 1");
  s.bind(":c", child);
  if (!s.step()) return std::nullopt;
  return read_body(s.text(0));
}

std::optional<plan::Plan> plan_at_version(Db& db, const std::string& child, int64_t version) {
  Stmt s(db, "SELECT body FROM plan_versions WHERE child = :c AND version = :v");
  s.bind(":c", child).bind(":v", version);
  if (!s.step()) return std::nullopt;
  return read_body(s.text(0));
}

std::vector<PlanVersionRow> plan_versions(Db& db, const std::string& child) {
  std::vector<PlanVersionRow> out;
  Stmt s(db, "SELECT version, saved_by, saved_at, change FROM plan_versions WHERE child = :c ORDER BY version DESC");
  s.bind(":c", child);
  while (s.step()) out.push_back(PlanVersionRow{s.i64(0), s.text(1), s.i64(2), s.text(3)});
  return out;
}

// ================================================================= answers
std::vector<PlanAnswerRow> plan_answers(Db& db, const std::string& child) {
  std::vector<PlanAnswerRow> out;
  Stmt s(db,
         "SELECT id, body, received_at, read_at IS NOT NULL FROM records WHERE child = :c AND kind = 'plan_answer' "
         "AND status = 'accepted' ORDER BY rec_seq DESC");
  s.bind(":c", child);
  while (s.step()) {
    const auto a = wire::parse_text<wire::PlanAnswer>(s.text(1));
    if (a) out.push_back(PlanAnswerRow{s.text(0), *a, s.i64(2), s.i64(3) != 0});
  }
  return out;
}

}  // namespace waymark::gateway

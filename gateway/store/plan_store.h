// gateway/store/plan_store.h: a child's resettlement plan on the gateway ("My plan", issue 15). The model and
// its JSON are core/plan's (docs/plan-format.md); this keeps the versions (gateway migration 104).
//
// Index
//  - save_plan       : a new version (who and when), each action's history carried on, the newest sent to the
//                      kiosks of the child's wing (a `plan` change), audited
//  - reading         : the current plan, one version, the list of versions
//  - answers         : the child's answers (device records of kind plan_answer), newest first, which version
//                      each was about, which the worker has not opened yet
// Every function that writes opens its own BEGIN IMMEDIATE transaction. Refusals are std::invalid_argument
// with plain words; nothing is written then.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/plan/plan.h"
#include "core/storage/db.h"
#include "core/sync/wire.h"

namespace waymark::gateway {

// ---------------------------------------------------------------- save
struct PlanAuthor {
  std::string name;   // as the child may read it: "Sam Taylor"
  std::string actor;  // as the audit log names it: "worker 3 (Sam Taylor)", "admin:root"
};
// Saves `p` as the child's next version. The version, saved_by and saved_at in `p` are ignored and set here.
// Each action's history is carried on from the version before (a history in `p` is kept only for a new
// action, as `plan import` may bring one); a new action, or a changed state, adds a step dated today by
// `by.name` (with `note`, when given for that action: pathway code + "/" + action id -> note). Refuses an
// unknown or inactive child, and a plan that core/plan would not read back. Returns the saved plan.
plan::Plan save_plan(Db& db, const std::string& child, plan::Plan p, const PlanAuthor& by, const std::string& change,
                     int64_t now_ms, const std::vector<std::pair<std::string, std::string>>& notes = {});

// ---------------------------------------------------------------- reading
std::optional<plan::Plan> current_plan(Db& db, const std::string& child);
std::optional<plan::Plan> plan_at_version(Db& db, const std::string& child, int64_t version);
struct PlanVersionRow {
  int64_t version = 0;
  std::string saved_by;  // the audit actor
  int64_t saved_at_ms = 0;
  std::string change;    // in words
};
std::vector<PlanVersionRow> plan_versions(Db& db, const std::string& child);  // newest first

// ---------------------------------------------------------------- answers
struct PlanAnswerRow {
  std::string id;            // the outbox record id
  wire::PlanAnswer answer;
  int64_t received_ms = 0;
  bool opened = false;       // the worker has opened the plan page since it came
};
// Accepted plan_answer records of the child, newest first (a body that no longer parses is left out).
std::vector<PlanAnswerRow> plan_answers(Db& db, const std::string& child);

}  // namespace waymark::gateway

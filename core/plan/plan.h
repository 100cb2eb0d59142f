// core/plan/plan.h: a child's resettlement plan ("My plan", issue 15), shared by the kiosk that shows it and the
// gateway that stores its versions. The JSON form is documented in docs/plan-format.md; `plan import` reads it,
// the `plan` feed change carries it (core/sync/wire.h).
//
// Index
//  - Pathway, kPathways, pathway_code/parse_pathway: the seven YJB resettlement pathways, in the order shown
//  - ActionState, Action, ActionEvent: who does what by when, and what happened to it
//  - Arrangement: where the child will live (accommodation only): not known, being arranged, agreed (kind, date)
//  - DayOut, FirstAppointment: "the day you get out"
//  - Plan: one saved version (version number, who saved it, when)
//  - parse_plan / plan_to_json: strict reading (a refusal in plain words, never half a plan) and writing
//  - limits: text is counted in code points, as messages are (core/base/text.h)
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::plan {

inline constexpr int kPlanFormatVersion = 1;  // "v" in the JSON; a newer one is refused

enum class Pathway { Accommodation, Ete, Health, Substance, Family, Money, Case };
inline constexpr std::array<Pathway, 7> kPathways = {Pathway::Accommodation, Pathway::Ete,    Pathway::Health,
                                                     Pathway::Substance,     Pathway::Family, Pathway::Money,
                                                     Pathway::Case};
const char* pathway_code(Pathway p);  // "accommodation", "ete", "health", "substance", "family", "money", "case"
std::optional<Pathway> parse_pathway(std::string_view code);
size_t pathway_index(Pathway p);  // 0..6, the position in kPathways

enum class ActionState { ToDo, Doing, Done, Stuck };
const char* action_state_code(ActionState s);  // "to_do", "doing", "done", "stuck"
std::optional<ActionState> parse_action_state(std::string_view code);

struct ActionEvent {     // one step in an action's history, oldest first
  std::string on;        // YYYY-MM-DD
  ActionState state = ActionState::ToDo;
  std::string by;        // who changed it ("Sam Patel"); may be empty
  std::string note;      // optional, e.g. "Waiting for the panel on 10 December"
};

struct Action {
  std::string id;        // stable across versions ("a1"), 1 to 40 characters, unique in the pathway
  std::string what;      // "Find a supported lodgings place in Leeds"
  std::string owner;     // a name and role or an agency: "Leeds Housing team", "Ms Hughes, education"
  std::string due;       // YYYY-MM-DD, or empty when there is no date
  ActionState state = ActionState::ToDo;
  std::vector<ActionEvent> history;
};

enum class ArrangementState { NotKnown, BeingArranged, Agreed };
enum class PlaceKind { Family, Foster, SupportedLodgings, ChildrensHome, OwnTenancy, Other };
const char* arrangement_code(ArrangementState s);  // "not_known", "being_arranged", "agreed"
std::optional<ArrangementState> parse_arrangement(std::string_view code);
const char* place_kind_code(PlaceKind k);  // "family", "foster", "supported_lodgings", "childrens_home", "own_tenancy", "other"
std::optional<PlaceKind> parse_place_kind(std::string_view code);

struct Arrangement {  // accommodation only
  ArrangementState state = ArrangementState::NotKnown;
  std::optional<PlaceKind> kind;  // required when agreed
  std::string agreed_on;          // YYYY-MM-DD, required when agreed
};

struct PathwayPlan {
  Pathway pathway = Pathway::Accommodation;
  std::string now;   // where things stand, one or two short sentences
  std::string goal;  // the child's goal in the first person: "I will live with my aunt in Leeds"
  std::vector<Action> actions;
  bool empty() const { return now.empty() && goal.empty() && actions.empty(); }
};

struct FirstAppointment {
  std::string who, where;  // "Sam, your YOT worker", "Leeds YOT office"
  std::string date;        // YYYY-MM-DD or empty
  std::string time;        // HH:MM (24-hour) or empty
};

struct DayOut {
  std::string date;        // YYYY-MM-DD, required
  std::string time;        // HH:MM or empty
  std::string who_meets;   // "Your aunt and Sam"
  std::string meet_where;  // "At the gate"
  std::string where_first; // "Home to your aunt's"
  FirstAppointment first;
  std::vector<std::string> bring;  // "Your ID letter"
};

struct Plan {
  int64_t version = 0;     // 1, 2, ... set by the gateway when saved; 0 in a file not saved yet
  std::string saved_by;    // the worker's name as the child may read it
  int64_t saved_at = 0;    // unix seconds (gateway time)
  std::array<PathwayPlan, 7> pathways;  // in kPathways order; an unwritten pathway is empty
  Arrangement arrangement;
  std::optional<DayOut> day_out;

  Plan();
  PathwayPlan& at(Pathway p) { return pathways[pathway_index(p)]; }
  const PathwayPlan& at(Pathway p) const { return pathways[pathway_index(p)]; }
};

// Limits, in code points (as messages count them) or items.
inline constexpr size_t kMaxNowChars = 300;
inline constexpr size_t kMaxGoalChars = 200;
inline constexpr size_t kMaxWhatChars = 200;
inline constexpr size_t kMaxOwnerChars = 80;
inline constexpr size_t kMaxNoteChars = 200;
inline constexpr size_t kMaxShortChars = 120;  // day-out fields, saved_by
inline constexpr size_t kMaxBringChars = 80;
inline constexpr size_t kMaxActions = 20;      // per pathway
inline constexpr size_t kMaxHistory = 30;      // per action
inline constexpr size_t kMaxBring = 12;

struct ParsedPlan {
  std::optional<Plan> plan;
  std::string error;  // plain words naming the field: "pathways.housing: not a pathway (accommodation, ete, ...)"
  bool ok() const { return plan.has_value(); }
};
// Strict: every key is known, every date is a real date, every text valid UTF-8 within its limit.
ParsedPlan parse_plan(const nlohmann::json& j);
ParsedPlan parse_plan_text(std::string_view text);  // depth- and size-limited (core/base/json_limits.h)
nlohmann::json plan_to_json(const Plan& p);         // what parse_plan reads back unchanged

// True for "HH:MM" on the 24-hour clock.
bool valid_hhmm(std::string_view s);

}  // namespace waymark::plan

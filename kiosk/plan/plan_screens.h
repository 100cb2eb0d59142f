// kiosk/plan/plan_screens.h: "My plan" screens as free functions over view-models that return what the child asked
// for; kiosk/plan/plan_feature.h builds the view-models from core/plan and acts on the intents.
//   plan page (seven pathway tiles and the day-out tile) -> a pathway (goal, actions, answers) -> own goal
//                                                         -> the day you get out
// Stable ids: plan.pathway.<accommodation|ete|health|substance|family|money|case>, plan.dayout (the tiles);
// plan.agree, plan.talk, plan.own_goal (a pathway's answers); plan.own_goal.send; the scroll regions plan.tiles,
// plan.detail and plan.dayout.scroll.
#pragma once

#include <string>
#include <vector>

#include "kiosk/screens/screens.h"

namespace waymark::screens {

// ---- the plan page
struct PathwayTileVM {
  std::string code;      // "accommodation": the id is plan.pathway.<code>
  std::string title;     // "Where you will live"
  std::string state;     // "Being sorted out. Leeds Housing team is working on it."
  ui::Icon icon = ui::Icon::None;
  bool changed = false;  // changed since the child last looked: the state line starts with "New."
};
struct PlanVM {
  bool have_plan = false;
  std::string saved_line;    // "Written by Sam Patel on 28 November."
  std::string changed_line;  // "Your plan has changed since you last looked: Where you will live." or empty
  std::vector<PathwayTileVM> tiles;  // the seven pathways, in the YJB order
  std::string dayout_line;   // "Friday 15 January. 6 weeks to go" or "Your YOT worker has not filled this in yet."
  bool dayout_changed = false;
};
struct PlanIntent {
  enum Kind { None, Back, Open, DayOut } kind = None;
  int index = -1;  // Open: which tile
};
PlanIntent draw_plan(Ui& ui, const PlanVM& vm);

// ---- one pathway
struct ActionVM {
  std::string what;   // "Find a supported lodgings place in Leeds"
  std::string meta;   // "Who: Leeds Housing team  ·  By 20 November  ·  Being done now"
  std::string alert;  // late or stuck, in plain words and whose job it is; empty otherwise
  bool done = false;
};
struct PathwayVM {
  std::string title;
  ui::Icon icon = ui::Icon::None;
  std::string goal, now;              // empty when not written
  std::string arrangement;            // accommodation: "Being sorted out. ..." ; empty elsewhere
  std::vector<ActionVM> actions;
  std::vector<std::string> places;    // ete: "Apprentice: adult care worker: Application sent."
  std::vector<std::string> answers;   // "You said: that's right.  ·  Sent", newest first
  bool can_answer = true;             // false when there is no plan to answer
};
enum class PathwayIntent { None, Back, Agree, Talk, OwnGoal };
PathwayIntent draw_pathway(Ui& ui, const PathwayVM& vm);

// ---- the child's own goal for a pathway, on the on-screen keyboard
struct OwnGoalVM {
  std::string pathway_title;
  std::string text;  // edited in place by the keyboard
  ui::KeyboardState kbd;
  size_t max_chars = 200;
  std::string error;
};
enum class OwnGoalIntent { None, Back, Changed, Send };
OwnGoalIntent draw_own_goal(Ui& ui, OwnGoalVM& vm);

// ---- the day you get out
struct DayOutRowVM {
  std::string label, value;  // "Who meets you", "Sam, your YOT worker"
};
struct DayOutVM {
  bool have = false;
  std::string date_line;   // "Friday 15 January at 9:30am"
  std::string countdown;   // "6 weeks to go"
  std::vector<DayOutRowVM> rows;
  std::vector<std::string> bring;
};
enum class DayOutIntent { None, Back };
DayOutIntent draw_dayout(Ui& ui, const DayOutVM& vm);

}  // namespace waymark::screens

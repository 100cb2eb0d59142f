// kiosk/plan/plan_feature.h: "My plan" behind the home tile (route "plan"): the plan page, a pathway, the child's
// own goal and the day-out card. Reads the child's newest plan, their enquiries' states and their answers from
// core/plan each frame (a few rows); an answer goes into the outbox at the tap and shows "waiting to send / sent /
// read" like a message. What changed since the child last looked is worked out when the plan page opens, kept for
// this visit (the "New" marks), and the plan is then marked as seen.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/plan/device_plan.h"
#include "kiosk/feature.h"
#include "kiosk/plan/plan_screens.h"

namespace waymark::kiosk {

class PlanFeature : public Feature {
public:
  void draw(ui::Ui& ui, KioskContext& ctx) override;
  void on_sign_out() override;
  int wake_ms() const override { return 1000; }  // a new plan or a receipt appears without a tap

private:
  enum class View { Plan, Pathway, OwnGoal, DayOut } view_ = View::Plan;
  plan::Pathway pathway_ = plan::Pathway::Accommodation;
  plan::PlanChanges changes_;  // since the last look, read when the page opened
  int last_frame_ = -10;       // a gap in frames means the plan was left: the next visit is a new look
  screens::OwnGoalVM own_goal_;
  void draw_pathway(ui::Ui& ui, KioskContext& ctx, const plan::Plan* p);
  void draw_own_goal(ui::Ui& ui, KioskContext& ctx, const plan::Plan* p);
};

// Home's summary line about the plan, short enough for one line at the biggest text: "There is a new plan for you
// to read.", "New in your plan: Where you will live." or "3 parts of your plan have changed." Empty when nothing
// changed since the child last looked, or there is no plan.
std::string plan_home_line(const ui::Ui& ui, Db& db, const std::string& child);
// An enquiry's state in plain words, for the listing, My list and the plan: "Interview on 10 December."
std::string application_words(const ui::Ui& ui, const plan::Application& a);

}  // namespace waymark::kiosk

// kiosk/plan/plan_view_models.h: the plan's words for a child, built from core/plan for the screens in
// plan_screens.h: a pathway's state in a few words, an action's who / by when / done, a late action said plainly
// as the worker's or agency's job, the day out with how long is left.
#pragma once

#include <string>
#include <vector>

#include "core/base/dates.h"
#include "core/plan/device_plan.h"
#include "core/plan/plan_answers.h"
#include "kiosk/plan/plan_screens.h"

namespace waymark::kiosk {

struct PlanFacts {  // what the view-models need besides the plan
  CivilDate today;
  std::vector<plan::Application> applications;
  std::vector<plan::SentAnswer> answers;
};

ui::Icon pathway_icon(plan::Pathway p);
std::string pathway_title(const ui::Ui& ui, plan::Pathway p);
std::string date_words(const ui::Ui& ui, const std::string& iso);  // "3 December"; the text itself when not a date
screens::PlanVM plan_vm(const ui::Ui& ui, const plan::Plan* p, const PlanFacts& f, const plan::PlanChanges& changed);
screens::PathwayVM pathway_vm(const ui::Ui& ui, const plan::Plan* p, plan::Pathway pw, const PlanFacts& f);
screens::DayOutVM dayout_vm(const ui::Ui& ui, const plan::Plan* p, CivilDate today);

}  // namespace waymark::kiosk

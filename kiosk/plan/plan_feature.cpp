// kiosk/plan/plan_feature.cpp: see plan_feature.h.
#include "kiosk/plan/plan_feature.h"

#include <imgui.h>

#include "core/base/dates.h"
#include "core/base/secrets.h"
#include "core/plan/plan_answers.h"
#include "kiosk/plan/plan_view_models.h"

namespace waymark::kiosk {

std::string plan_home_line(const ui::Ui& ui, Db& db, const std::string& child) {
  const plan::PlanChanges c = plan::changes_since_seen(db, child);
  if (!c.have_plan || !c.any()) return {};
  if (c.never_looked) return ui.t("home.plan.new");
  const size_t n = c.pathways.size() + (c.day_out ? 1 : 0);
  if (n > 1) return ui.tf("home.plan.changed_many", {{"count", std::to_string(n)}});
  return ui.tf("home.plan.changed", {{"what", c.day_out ? ui.t("plan.dayout") : pathway_title(ui, c.pathways.front())}});
}

void PlanFeature::on_sign_out() {
  view_ = View::Plan;
  pathway_ = plan::Pathway::Accommodation;
  changes_ = plan::PlanChanges{};
  last_frame_ = -10;
  wipe(own_goal_.text);
  own_goal_ = screens::OwnGoalVM{};
}

namespace {
PlanFacts facts(KioskContext& ctx) {
  PlanFacts f;
  f.today = local_date(ctx.clock.now_s());
  f.applications = plan::applications_for(ctx.db, ctx.child.number);
  f.answers = plan::answers_for(ctx.db, ctx.child.number);
  return f;
}
}  // namespace

void PlanFeature::draw(ui::Ui& ui, KioskContext& ctx) {
  const std::string& child = ctx.child.number;
  const std::optional<plan::Plan> p = plan::load_plan(ctx.db, child);
  // A new visit (the route was not drawn last frame): work out what changed, then the child has seen it.
  if (ImGui::GetFrameCount() > last_frame_ + 1) {
    view_ = View::Plan;
    changes_ = plan::changes_since_seen(ctx.db, child);
    if (changes_.have_plan) plan::mark_plan_seen(ctx.db, child, ctx.clock.now_s());
  }
  last_frame_ = ImGui::GetFrameCount();
  const plan::Plan* plan_ptr = p ? &*p : nullptr;

  switch (view_) {
    case View::Plan: {
      const screens::PlanIntent in = screens::draw_plan(ui, plan_vm(ui, plan_ptr, facts(ctx), changes_));
      if (in.kind == screens::PlanIntent::Back) {
        ctx.nav.pop();
      } else if (in.kind == screens::PlanIntent::Open && in.index >= 0 && in.index < 7) {
        pathway_ = plan::kPathways[static_cast<size_t>(in.index)];
        view_ = View::Pathway;
      } else if (in.kind == screens::PlanIntent::DayOut) {
        view_ = View::DayOut;
      }
      return;
    }
    case View::Pathway: draw_pathway(ui, ctx, plan_ptr); return;
    case View::OwnGoal: draw_own_goal(ui, ctx, plan_ptr); return;
    case View::DayOut:
      if (screens::draw_dayout(ui, dayout_vm(ui, plan_ptr, local_date(ctx.clock.now_s()))) == screens::DayOutIntent::Back)
        view_ = View::Plan;
      return;
  }
}

void PlanFeature::draw_pathway(ui::Ui& ui, KioskContext& ctx, const plan::Plan* p) {
  const std::string& child = ctx.child.number;
  const int64_t version = p ? p->version : 0;
  switch (screens::draw_pathway(ui, pathway_vm(ui, p, pathway_, facts(ctx)))) {
    case screens::PathwayIntent::Back: view_ = View::Plan; break;
    case screens::PathwayIntent::Agree:
      plan::send_answer(ctx.db, child, pathway_, plan::Answer::Agree, {}, version, ui.lang(), ctx.clock.now_s());
      break;
    case screens::PathwayIntent::Talk:
      plan::send_answer(ctx.db, child, pathway_, plan::Answer::Talk, {}, version, ui.lang(), ctx.clock.now_s());
      break;
    case screens::PathwayIntent::OwnGoal:
      own_goal_ = screens::OwnGoalVM{};
      own_goal_.pathway_title = pathway_title(ui, pathway_);
      own_goal_.max_chars = plan::kMaxGoalChars;
      own_goal_.text = plan::load_goal_draft(ctx.db, child, pathway_);  // what they were writing before
      view_ = View::OwnGoal;
      break;
    case screens::PathwayIntent::None: break;
  }
}

void PlanFeature::draw_own_goal(ui::Ui& ui, KioskContext& ctx, const plan::Plan* p) {
  const std::string& child = ctx.child.number;
  const int64_t now = ctx.clock.now_s();
  switch (screens::draw_own_goal(ui, own_goal_)) {
    case screens::OwnGoalIntent::Back:
      plan::save_goal_draft(ctx.db, child, pathway_, own_goal_.text, now);
      wipe(own_goal_.text);
      view_ = View::Pathway;
      break;
    case screens::OwnGoalIntent::Changed:
      own_goal_.error.clear();
      plan::save_goal_draft(ctx.db, child, pathway_, own_goal_.text, now);
      break;
    case screens::OwnGoalIntent::Send: {
      const plan::AnswerResult r =
          plan::send_answer(ctx.db, child, pathway_, plan::Answer::OwnGoal, own_goal_.text, p ? p->version : 0, ui.lang(), now);
      if (r.status == plan::AnswerStatus::Ok) {
        wipe(own_goal_.text);
        view_ = View::Pathway;
      } else {
        own_goal_.error = ui.t(r.status == plan::AnswerStatus::Empty ? "plan.own_goal.empty" : "plan.own_goal.too_long");
      }
      break;
    }
    case screens::OwnGoalIntent::None: break;
  }
}

}  // namespace waymark::kiosk

#include "kiosk/home/home_feature.h"

#include <imgui.h>

#include "core/base/dates.h"
#include "kiosk/myviews/myviews_feature.h"
#include "kiosk/plan/plan_feature.h"

namespace waymark::kiosk {

using namespace screens;

void HomeFeature::on_sign_out() {
  meeting_line_.clear();
  plan_line_.clear();
  meeting_key_.clear();
}

HomeVM HomeFeature::vm(const ui::Ui& ui, KioskContext& ctx) {
  HomeVM vm;
  vm.first_name = ctx.child.first_name;
  if (ctx.child.release_date)
    if (auto rd = parse_date(*ctx.child.release_date)) {
      const int64_t days = days_between(local_date(ctx.clock.now_s()), *rd);
      if (days > 13) vm.release_line = ui.tf("home.release_weeks", {{"weeks", std::to_string((days + 3) / 7)}});
      else if (days > 1) vm.release_line = ui.tf("home.release_days", {{"days", std::to_string(days)}});
      else if (days >= 0) vm.release_line = ui.t("home.release_soon");
    }
  const std::string key = ctx.child.number + "|" + ui.lang() + "|" + format_date(local_date(ctx.clock.now_s())) + "|" +
                          std::to_string(ctx.sync ? ctx.sync->generation() : 0);
  if (ImGui::GetFrameCount() > last_frame_ + 1 || key != meeting_key_) {
    meeting_line_ = home_meeting_line(ui, ctx.db, ctx.clock, ctx.child.number);
    plan_line_ = plan_home_line(ui, ctx.db, ctx.child.number);
    meeting_key_ = key;
  }
  last_frame_ = ImGui::GetFrameCount();
  vm.next_meeting_line = meeting_line_;
  vm.plan_line = plan_line_;
  return vm;
}

void HomeFeature::draw(ui::Ui& ui, KioskContext& ctx) {
  switch (draw_home(ui, vm(ui, ctx))) {
    case HomeIntent::Courses: ctx.nav.push("courses"); break;
    case HomeIntent::MyViews: ctx.nav.push("myviews"); break;
    case HomeIntent::Messages: ctx.nav.push("messages"); break;
    case HomeIntent::Meetings: ctx.nav.push("meetings"); break;
    case HomeIntent::Plan: ctx.nav.push("plan"); break;
    case HomeIntent::Help: ctx.nav.push("help"); break;
    case HomeIntent::SignOut: ctx.session.request_end("signed out by the child"); break;
    case HomeIntent::None: break;
  }
}

void HelpFeature::draw(ui::Ui& ui, KioskContext& ctx) {
  HelpVM vm{ctx.session.lang(), ctx.session.settings()};
  switch (draw_help(ui, vm)) {
    case HelpIntent::SettingsChanged: ctx.session.change_settings(vm.settings); break;
    case HelpIntent::English: ctx.session.set_child_lang("en"); break;
    case HelpIntent::Welsh: ctx.session.set_child_lang("cy"); break;
    case HelpIntent::Back: ctx.nav.pop(); break;
    case HelpIntent::None: break;
  }
}

}  // namespace waymark::kiosk

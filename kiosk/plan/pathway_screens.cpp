// kiosk/plan/pathway_screens.cpp: one pathway of the plan (the goal, how things are, who is doing what, the
// child's answers, and the three answer buttons) and the own-goal keyboard screen.
#include <algorithm>

#include "core/base/text.h"
#include "kiosk/plan/plan_screens.h"

namespace waymark::screens {

using namespace ui;

namespace {

// A labelled block of words: the label small and muted, the words under it.
float block(Ui& ui, ImVec2 pos, float w, const std::string& label, const std::string& words, FontRole role) {
  const float em = ui.em();
  float h = ui.text_at(pos, label, FontRole::Small, ui.pal().text_muted, w).y + 0.1f * em;
  h += ui.text_main_at(ImVec2(pos.x, pos.y + h), words, role, 0, w).y;
  return h + 0.7f * em;
}

// One action in a bordered panel; a late or stuck one carries its alert in the danger colour.
float action_panel(Ui& ui, ImVec2 pos, float w, const ActionVM& a) {
  const float em = ui.em();
  const Palette& p = ui.pal();
  const float pad = 0.6f * em;
  const float iw = 1.6f * em;
  const float tw = w - 2 * pad - iw;
  const float h1 = ui.measure(a.what, FontRole::Bold, tw).y;
  const float h2 = ui.measure(a.meta, FontRole::Small, tw).y;
  const float h3 = a.alert.empty() ? 0.0f : ui.measure(a.alert, FontRole::Bold, tw).y + 0.3f * em;
  const float h = h1 + h2 + h3 + 2 * pad + 0.2f * em;
  ui.panel(pos, ImVec2(pos.x + w, pos.y + h), p.surface, a.alert.empty() ? p.border : p.danger);
  draw_icon(ui.draw(), a.done ? Icon::Check : Icon::Clock, ImVec2(pos.x + pad + 0.6f * em, pos.y + pad + 0.6f * em),
            1.1f * em, a.done ? p.ok : p.text_muted);
  const float x = pos.x + pad + iw;
  float y = pos.y + pad;
  y += ui.text_main_at(ImVec2(x, y), a.what, FontRole::Bold, 0, tw, p.surface).y + 0.2f * em;
  y += ui.text_main_at(ImVec2(x, y), a.meta, FontRole::Small, p.text_muted, tw, p.surface).y;
  if (!a.alert.empty()) ui.text_main_at(ImVec2(x, y + 0.3f * em), a.alert, FontRole::Bold, p.danger, tw, p.surface);
  return h;
}

}  // namespace

PathwayIntent draw_pathway(Ui& ui, const PathwayVM& vm) {
  PathwayIntent out = PathwayIntent::None;
  TopBarVM bar{vm.title, true, true, false};
  if (draw_top_bar(ui, bar) == TopBarIntent::Back) out = PathwayIntent::Back;
  const Area a = content_area(ui);
  const float em = ui.em();
  const Palette& p = ui.pal();
  // the three answers stay at the bottom, whatever the scroll
  const float bh = 3.0f * em;
  const float foot = vm.can_answer ? bh + 0.8f * em : 0.0f;
  const ImVec2 origin = ui.begin_scroll("##plan.detail", a.min, ImVec2(a.w(), a.h() - foot));
  float y = origin.y;
  const float w = a.w();
  const bool nothing = vm.goal.empty() && vm.now.empty() && vm.actions.empty() && vm.places.empty() && vm.arrangement.empty();
  if (nothing) y += ui.text_main_at(ImVec2(origin.x, y), ui.t("plan.nothing"), FontRole::Body, 0, w).y + 0.7f * em;
  if (!vm.goal.empty()) y += block(ui, ImVec2(origin.x, y), w, ui.t("plan.goal"), vm.goal, FontRole::Heading);
  if (!vm.arrangement.empty()) y += ui.text_main_at(ImVec2(origin.x, y), vm.arrangement, FontRole::Bold, 0, w).y + 0.7f * em;
  if (!vm.now.empty()) y += block(ui, ImVec2(origin.x, y), w, ui.t("plan.now"), vm.now, FontRole::Body);
  if (!vm.actions.empty()) {
    y += ui.text_at(ImVec2(origin.x, y), ui.t("plan.actions"), FontRole::Small, p.text_muted, w).y + 0.2f * em;
    for (const ActionVM& act : vm.actions) y += action_panel(ui, ImVec2(origin.x, y), w, act) + 0.5f * em;
    y += 0.3f * em;
  }
  if (!vm.places.empty()) {
    y += ui.text_at(ImVec2(origin.x, y), ui.t("plan.ete.places"), FontRole::Small, p.text_muted, w).y + 0.2f * em;
    for (const std::string& pl : vm.places) y += ui.text_main_at(ImVec2(origin.x, y), pl, FontRole::Body, 0, w).y + 0.3f * em;
    y += 0.5f * em;
  }
  for (const std::string& ans : vm.answers) {
    draw_icon(ui.draw(), Icon::Messages, ImVec2(origin.x + 0.6f * em, y + 0.7f * em), 1.0f * em, p.primary);
    y += ui.text_main_at(ImVec2(origin.x + 1.6f * em, y), ans, FontRole::Body, 0, w - 1.6f * em).y + 0.4f * em;
  }
  ui.end_scroll(y - origin.y);
  if (!vm.can_answer) return out;

  struct Answer {
    const char* id;
    Icon icon;
    ButtonKind kind;
    PathwayIntent intent;
  };
  const Answer answers[] = {{"plan.agree", Icon::Check, ButtonKind::Primary, PathwayIntent::Agree},
                            {"plan.talk", Icon::Messages, ButtonKind::Secondary, PathwayIntent::Talk},
                            {"plan.own_goal", Icon::Star, ButtonKind::Secondary, PathwayIntent::OwnGoal}};
  const float gap = 0.6f * em;
  const float bw = (w - 2 * gap) / 3;
  for (int i = 0; i < 3; i++) {
    ButtonOpts o;
    o.kind = answers[i].kind;
    o.icon = answers[i].icon;
    const ImVec2 pos(a.min.x + static_cast<float>(i) * (bw + gap), a.max.y - bh);
    if (ui.button_at(ui.t(answers[i].id) + "###" + answers[i].id, pos, ImVec2(bw, bh), o)) out = answers[i].intent;
  }
  return out;
}

OwnGoalIntent draw_own_goal(Ui& ui, OwnGoalVM& vm) {
  OwnGoalIntent out = OwnGoalIntent::None;
  TopBarVM bar{ui.t("plan.own_goal.title") + ": " + vm.pathway_title, true, true, false};
  if (draw_top_bar(ui, bar) == TopBarIntent::Back) out = OwnGoalIntent::Back;
  const Area a = content_area(ui);
  const float em = ui.em();
  const Palette& p = ui.pal();
  const float kb_h = a.h() * 0.46f;
  float y = a.min.y;
  y += ui.text_main_at(ImVec2(a.min.x, y), ui.t("plan.own_goal.lead"), FontRole::Body, 0, a.w()).y + 0.3f * em;
  const ImVec2 box_min(a.min.x, y);
  const ImVec2 box_max(a.max.x - 9.0f * em, a.max.y - kb_h - 2.2f * em);
  ui.panel(box_min, box_max, p.surface, p.border);
  const float inner_w = box_max.x - box_min.x - 1.6f * em;
  const std::string shown = vm.text.empty() ? ui.t("plan.own_goal.placeholder") : vm.text + "|";
  const ImVec2 ts = ui.measure(shown, FontRole::Body, inner_w);
  const float box_h = box_max.y - box_min.y - 1.6f * em;
  ImGui::PushClipRect(box_min, box_max, true);
  ui.text_at(ImVec2(box_min.x + 0.8f * em, box_min.y + 0.8f * em - std::max(0.0f, ts.y - box_h)), shown, FontRole::Body,
             vm.text.empty() ? p.text_muted : p.text, inner_w, p.surface);
  ImGui::PopClipRect();
  const size_t n = utf8_length(vm.text);
  const std::string counter = ui.tf("messages.counter", {{"count", std::to_string(n)}, {"max", std::to_string(vm.max_chars)}});
  ui.text_at(ImVec2(box_max.x + 0.8f * em, box_min.y), counter, FontRole::Small, n >= vm.max_chars ? p.danger : p.text_muted,
             8.0f * em);
  ButtonOpts send;
  send.icon = Icon::Send;
  send.enabled = n > 0;
  if (ui.button_at(ui.t("plan.own_goal.send") + "###plan.own_goal.send", ImVec2(box_max.x + 0.8f * em, box_max.y - 3.0f * em),
                   ImVec2(8.2f * em, 3.0f * em), send))
    out = OwnGoalIntent::Send;
  if (!vm.error.empty()) ui.text_at(ImVec2(a.min.x, box_max.y + 0.3f * em), vm.error, FontRole::Bold, p.danger, a.w());
  const KeyboardEvent ev = ui.keyboard(ImVec2(a.min.x, a.max.y - kb_h), ImVec2(a.w(), kb_h), vm.kbd, vm.text, vm.max_chars, false);
  if (ev.changed && out == OwnGoalIntent::None) out = OwnGoalIntent::Changed;
  return out;
}

}  // namespace waymark::screens

// kiosk/plan/plan_screens.cpp: the plan page (a tile per pathway and one for the day out) and the day-out card.
#include <algorithm>

#include "kiosk/plan/plan_screens.h"

namespace waymark::screens {

using namespace ui;

PlanIntent draw_plan(Ui& ui, const PlanVM& vm) {
  PlanIntent out;
  TopBarVM bar{ui.t("plan.title"), true, true, false};
  if (draw_top_bar(ui, bar) == TopBarIntent::Back) out.kind = PlanIntent::Back;
  const Area a = content_area(ui);
  const float em = ui.em();
  const Palette& p = ui.pal();
  float y = a.min.y;
  if (!vm.have_plan) {
    ui.text_main_at(ImVec2(a.min.x, y), ui.t("plan.none"), FontRole::Heading, 0, a.w());
    return out;
  }
  y += ui.text_main_at(ImVec2(a.min.x, y), ui.t("plan.lead"), FontRole::Body, 0, a.w()).y + 0.2f * em;
  y += ui.text_at(ImVec2(a.min.x, y), vm.saved_line, FontRole::Small, p.text_muted, a.w()).y + 0.2f * em;
  if (!vm.changed_line.empty()) y += ui.text_main_at(ImVec2(a.min.x, y), vm.changed_line, FontRole::Bold, 0, a.w()).y;
  y += 0.5f * em;

  // eight tiles: the day out first (what children ask about most), then the seven pathways
  const float gap = 0.7f * em;
  const int cols = a.w() / 4 >= 11.0f * em ? 4 : (a.w() / 3 >= 11.0f * em ? 3 : 2);
  const int rows = (8 + cols - 1) / cols;
  const float tw = (a.w() - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  const float region_h = a.max.y - y;
  const float th = std::max(7.5f * em, (region_h - gap * static_cast<float>(rows - 1)) / static_cast<float>(rows));
  const ImVec2 origin = ui.begin_scroll("##plan.tiles", ImVec2(a.min.x, y), ImVec2(a.w(), region_h));
  for (int i = 0; i < 8; i++) {
    const ImVec2 pos(origin.x + static_cast<float>(i % cols) * (tw + gap), origin.y + static_cast<float>(i / cols) * (th + gap));
    ButtonOpts o;
    o.kind = ButtonKind::Tile;
    std::string title, id;
    if (i == 0) {
      title = ui.t("plan.dayout");
      id = "plan.dayout";
      o.icon = Icon::Exit;
      o.color = p.primary;
      o.sublabel = (vm.dayout_changed ? ui.t("plan.changed_badge") + ". " : std::string()) + vm.dayout_line;
    } else {
      const PathwayTileVM& t = vm.tiles[static_cast<size_t>(i - 1)];
      title = t.title;
      id = "plan.pathway." + t.code;
      o.icon = t.icon;
      o.color = p.tile[static_cast<size_t>(i - 1) % 6];
      o.sublabel = (t.changed ? ui.t("plan.changed_badge") + ". " : std::string()) + t.state;
    }
    o.speak = title + ". " + o.sublabel;
    ui.read_main(o.speak);
    if (ui.button_at(title + "###" + id, pos, ImVec2(tw, th), o)) {
      out.kind = i == 0 ? PlanIntent::DayOut : PlanIntent::Open;
      out.index = i - 1;
    }
  }
  ui.end_scroll(static_cast<float>(rows) * (th + gap) - gap);
  return out;
}

DayOutIntent draw_dayout(Ui& ui, const DayOutVM& vm) {
  DayOutIntent out = DayOutIntent::None;
  TopBarVM bar{ui.t("plan.dayout"), true, true, false};
  if (draw_top_bar(ui, bar) == TopBarIntent::Back) out = DayOutIntent::Back;
  const Area a = content_area(ui);
  const float em = ui.em();
  const Palette& p = ui.pal();
  if (!vm.have) {
    ui.text_main_at(a.min, ui.t("plan.dayout.none"), FontRole::Heading, 0, a.w());
    return out;
  }
  const ImVec2 origin = ui.begin_scroll("##plan.dayout.scroll", a.min, ImVec2(a.w(), a.h()));
  float y = origin.y;
  // the date and the countdown, big, in one band
  const float pad = 0.8f * em;
  const ImVec2 ds = ui.measure(vm.date_line, FontRole::Title, a.w() - 2 * pad);
  const ImVec2 cs = ui.measure(vm.countdown, FontRole::Heading, a.w() - 2 * pad);
  const float band = ds.y + cs.y + 2 * pad + 0.3f * em;
  ui.panel(ImVec2(origin.x, y), ImVec2(origin.x + a.w(), y + band), p.primary, 0, 0.6f);
  ui.text_heading_at(ImVec2(origin.x + pad, y + pad), vm.date_line, FontRole::Title, p.text_on_accent, a.w() - 2 * pad, p.primary);
  ui.text_main_at(ImVec2(origin.x + pad, y + pad + ds.y + 0.3f * em), vm.countdown, FontRole::Heading, p.text_on_accent,
                  a.w() - 2 * pad, p.primary);
  y += band + 0.8f * em;
  // what happens, one row each: the label small, the words big
  for (const DayOutRowVM& r : vm.rows) {
    y += ui.text_at(ImVec2(origin.x, y), r.label, FontRole::Small, p.text_muted, a.w()).y + 0.1f * em;
    y += ui.text_main_at(ImVec2(origin.x, y), r.value, FontRole::Heading, 0, a.w()).y + 0.7f * em;
  }
  if (!vm.bring.empty()) {
    y += ui.text_main_at(ImVec2(origin.x, y), ui.t("plan.dayout.bring"), FontRole::Small, p.text_muted, a.w()).y + 0.2f * em;
    for (const std::string& b : vm.bring) {
      draw_icon(ui.draw(), Icon::Check, ImVec2(origin.x + 0.6f * em, y + 0.7f * em), 1.0f * em, p.ok);
      y += ui.text_main_at(ImVec2(origin.x + 1.6f * em, y), b, FontRole::Body, 0, a.w() - 1.6f * em).y + 0.4f * em;
    }
  }
  ui.end_scroll(y - origin.y);
  return out;
}

}  // namespace waymark::screens

// kiosk/screens/home.cpp: the child's home: a greeting and five big tiles with icons and words.
#include <algorithm>

#include "kiosk/screens/screens.h"

namespace waymark::screens {

using namespace ui;

HomeIntent draw_home(Ui& ui, const HomeVM& vm) {
  HomeIntent out = HomeIntent::None;
  TopBarVM bar;
  bar.title = ui.t("app.name");
  bar.show_sign_out = true;
  if (draw_top_bar(ui, bar) == TopBarIntent::SignOut) out = HomeIntent::SignOut;

  const Area a = content_area(ui);
  const float em = ui.em();
  const Palette& p = ui.pal();
  float y = a.min.y;
  y += ui.text_at(ImVec2(a.min.x + 0.2f * em, y), ui.tf("home.greeting", {{"name", vm.first_name}}), FontRole::Title).y;
  y += 0.2f * em;
  std::string sub = ui.t("home.question");
  if (!vm.release_line.empty()) sub = vm.release_line + " " + sub;
  y += ui.text_at(ImVec2(a.min.x + 0.2f * em, y), sub, FontRole::Body, p.text_muted, a.w()).y;
  if (!vm.next_meeting_line.empty()) {
    y += 0.4f * em;
    y += ui.text_at(ImVec2(a.min.x + 0.2f * em, y), vm.next_meeting_line, FontRole::Bold, 0, a.w()).y;
  }
  y += 0.9f * em;

  struct Tile {
    const char* id;
    const char* title;
    const char* sub;
    Icon icon;
    int color;
    HomeIntent intent;
  };
  const Tile tiles[] = {
      {"home.courses", "home.courses", "home.courses.sub", Icon::Course, 0, HomeIntent::Courses},
      {"home.myviews", "home.myviews", "home.myviews.sub", Icon::MyViews, 1, HomeIntent::MyViews},
      {"home.messages", "home.messages", "home.messages.sub", Icon::Messages, 2, HomeIntent::Messages},
      {"home.meetings", "home.meetings", "home.meetings.sub", Icon::Meetings, 3, HomeIntent::Meetings},
      {"home.help", "home.help", "home.help.sub", Icon::Help, 4, HomeIntent::Help},
  };
  // three tiles on the top row, two wider ones below
  const float gap = 0.8f * em;
  const float rows_h = a.max.y - y;
  const float th = (rows_h - gap) / 2;
  for (int i = 0; i < 5; i++) {
    const bool top = i < 3;
    const int cols = top ? 3 : 2;
    const int col = top ? i : i - 3;
    const float tw = (a.w() - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    const ImVec2 pos(a.min.x + static_cast<float>(col) * (tw + gap), y + (top ? 0.0f : th + gap));
    ButtonOpts o;
    o.kind = ButtonKind::Tile;
    o.icon = tiles[i].icon;
    o.color = p.tile[tiles[i].color];
    o.sublabel = ui.t(tiles[i].sub);
    if (ui.button_at(ui.t(tiles[i].title) + "###" + tiles[i].id, pos, ImVec2(tw, th), o)) out = tiles[i].intent;
  }
  return out;
}

HelpIntent draw_help(Ui& ui, const HelpVM& vm) {
  HelpIntent out = HelpIntent::None;
  if (draw_top_bar(ui, TopBarVM{ui.t("help.title"), true, true, false}) == TopBarIntent::Back) out = HelpIntent::Back;
  const Area a = content_area(ui);
  const float em = ui.em();
  const Palette& p = ui.pal();
  // left: language; right: how Waymark works (scrolls)
  const float lw = a.w() * 0.36f;
  float y = a.min.y;
  y += ui.text_at(ImVec2(a.min.x, y), ui.t("help.language"), FontRole::Heading).y + 0.5f * em;
  ButtonOpts chip;
  chip.kind = ButtonKind::Chip;
  chip.selected = vm.lang == "en";
  if (ui.button_at("English###help.lang.en", ImVec2(a.min.x, y), ImVec2(lw, 2.4f * em), chip)) out = HelpIntent::English;
  y += 3.0f * em;
  chip.selected = vm.lang == "cy";
  if (ui.button_at("Cymraeg###help.lang.cy", ImVec2(a.min.x, y), ImVec2(lw, 2.4f * em), chip)) out = HelpIntent::Welsh;
  y += 3.4f * em;
  ui.text_at(ImVec2(a.min.x, y), ui.t("help.more_settings"), FontRole::Body, p.text_muted, lw);

  const ImVec2 sp(a.min.x + lw + 1.6f * em, a.min.y);
  const ImVec2 ss(a.max.x - sp.x, a.h());
  ui.panel(sp, ImVec2(sp.x + ss.x, sp.y + ss.y), p.surface, p.border);
  const ImVec2 inner(sp.x + 1.0f * em, sp.y + 0.8f * em);
  const ImVec2 inner_size(ss.x - 2.0f * em, ss.y - 1.6f * em);
  ImVec2 o = ui.begin_scroll("help.scroll", inner, inner_size);
  float cy = o.y;
  const float w = inner_size.x;
  for (int i = 1; i <= 6; i++) {
    const std::string h = "help.topic" + std::to_string(i) + ".title";
    const std::string b = "help.topic" + std::to_string(i) + ".body";
    cy += ui.text_at(ImVec2(o.x, cy), ui.t(h), FontRole::Heading, 0, w, p.surface).y + 0.3f * em;
    cy += ui.text_at(ImVec2(o.x, cy), ui.t(b), FontRole::Body, 0, w, p.surface).y + 1.0f * em;
  }
  ui.end_scroll(cy - o.y);
  return out;
}

StaffMenuIntent draw_staff_menu(Ui& ui, StaffMenuVM& vm) {
  StaffMenuIntent out = StaffMenuIntent::None;
  TopBarVM bar;
  bar.title = ui.t("staff.menu.title");
  bar.show_back = true;
  if (draw_top_bar(ui, bar) == TopBarIntent::Back) out = StaffMenuIntent::Back;
  const Area a = content_area(ui);
  const float em = ui.em();
  float y = a.min.y;
  y += ui.text_at(ImVec2(a.min.x, y), ui.tf("staff.menu.hello", {{"name", vm.name}}), FontRole::Title).y + 1.0f * em;
  const ImVec2 bsize(std::min(a.w(), 18 * em), 2.6f * em);
  for (const StaffMenuPart& part : vm.parts) {
    ButtonOpts o;
    o.icon = part.icon;
    if (ui.button_at(part.words + "###staff.part." + part.route, ImVec2(a.min.x, y), bsize, o)) {
      vm.opened = part.route;
      out = StaffMenuIntent::OpenPart;
    }
    y += bsize.y + 0.6f * em;
  }
  ButtonOpts exit;
  exit.kind = ButtonKind::Danger;
  exit.icon = Icon::Exit;
  exit.enabled = vm.can_exit;
  if (ui.button_at(ui.t("staff.menu.exit") + "###staff.exit", ImVec2(a.min.x, y), bsize, exit)) out = StaffMenuIntent::ExitKiosk;
  y += bsize.y + 0.6f * em;
  if (!vm.can_exit) y += ui.text_at(ImVec2(a.min.x, y), ui.t("staff.menu.exit_needs_role"), FontRole::Body, ui.pal().text_muted, a.w()).y;
  if (!vm.message.empty()) ui.text_at(ImVec2(a.min.x, y + 0.6f * em), vm.message, FontRole::Bold, ui.pal().danger, a.w());
  return out;
}

}  // namespace waymark::screens

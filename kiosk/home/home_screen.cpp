// kiosk/home/home_screen.cpp: the child's home: a greeting and six big tiles with icons and words.
#include <algorithm>

#include "kiosk/home/home_screens.h"

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
  y += ui.text_heading_at(ImVec2(a.min.x + 0.2f * em, y), ui.tf("home.greeting", {{"name", vm.first_name}}), FontRole::Title).y;
  y += 0.2f * em;
  // news of the plan takes the question's place, so the tiles keep their room at the biggest text size
  std::string sub = vm.plan_line.empty() ? ui.t("home.question") : vm.plan_line;
  if (!vm.release_line.empty()) sub = vm.release_line + " " + sub;
  y += ui.text_main_at(ImVec2(a.min.x + 0.2f * em, y), sub, FontRole::Body, p.text_muted, a.w()).y;
  if (!vm.next_meeting_line.empty()) {
    y += 0.4f * em;
    y += ui.text_main_at(ImVec2(a.min.x + 0.2f * em, y), vm.next_meeting_line, FontRole::Bold, 0, a.w()).y;
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
      {"home.plan", "home.plan", "home.plan.sub", Icon::Signpost, 5, HomeIntent::Plan},
      {"home.help", "home.help", "home.help.sub", Icon::Help, 4, HomeIntent::Help},
  };
  // two rows of three tiles
  const float gap = 0.8f * em;
  const float rows_h = a.max.y - y;
  const float th = (rows_h - gap) / 2;
  for (int i = 0; i < 6; i++) {
    const bool top = i < 3;
    const int cols = 3;
    const int col = top ? i : i - 3;
    const float tw = (a.w() - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    const ImVec2 pos(a.min.x + static_cast<float>(col) * (tw + gap), y + (top ? 0.0f : th + gap));
    ButtonOpts o;
    o.kind = ButtonKind::Tile;
    o.icon = tiles[i].icon;
    o.color = p.tile[tiles[i].color];
    o.sublabel = ui.t(tiles[i].sub);
    o.speak = ui.t(tiles[i].title) + ". " + o.sublabel;
    ui.read_main(o.speak);  // a child who cannot read the tiles hears what each one is for
    if (ui.button_at(ui.t(tiles[i].title) + "###" + tiles[i].id, pos, ImVec2(tw, th), o)) out = tiles[i].intent;
  }
  return out;
}

}  // namespace waymark::screens

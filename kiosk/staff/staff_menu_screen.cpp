// kiosk/staff/staff_menu_screen.cpp: the staff menu: hello, one button per staff part, leave the kiosk.
#include <algorithm>

#include "kiosk/staff/staff_screens.h"

namespace waymark::screens {

using namespace ui;

StaffMenuIntent draw_staff_menu(Ui& ui, StaffMenuVM& vm) {
  StaffMenuIntent out = StaffMenuIntent::None;
  TopBarVM bar;
  bar.title = ui.t("staff.menu.title");
  bar.show_back = true;
  if (draw_top_bar(ui, bar) == TopBarIntent::Back) out = StaffMenuIntent::Back;
  const Area a = content_area(ui);
  const float em = ui.em();
  float y = a.min.y;
  y += ui.text_heading_at(ImVec2(a.min.x, y), ui.tf("staff.menu.hello", {{"name", vm.name}}), FontRole::Title).y + 1.0f * em;
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
  if (!vm.can_exit) ui.text_at(ImVec2(a.min.x, y), ui.t("staff.menu.exit_needs_role"), FontRole::Body, ui.pal().text_muted, a.w());
  return out;
}

}  // namespace waymark::screens

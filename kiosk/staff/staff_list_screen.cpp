// kiosk/staff/staff_list_screen.cpp: staff mode's "Courses and jobs" lists (see staff_screens.h). Left: the tab's
// rows; right: the selected listing, its checks and what can be done with it; under the rows: New and Publish.
#include <imgui.h>

#include <algorithm>

#include "kiosk/courses/courses_screens.h"
#include "kiosk/staff/staff_screens.h"

namespace waymark::screens {

using namespace ui;

namespace {

// The tabs, then the find box at the end of their row (not on the counts tab). Returns the row's height.
float tab_row(Ui& ui, StaffListVM& vm, const Area& a, StaffListIntent& out) {
  const float em = ui.em();
  const Palette& p = ui.pal();
  const float y = a.min.y;
  float x = a.min.x;
  struct Tab {
    const char* id;
    std::string words;
  };
  const Tab tabs[] = {{"pending", ui.tf("staff.listings.tab.pending", {{"count", std::to_string(vm.n_pending)}})},
                      {"stale", ui.tf("staff.listings.tab.stale", {{"count", std::to_string(vm.n_stale)}})},
                      {"approved", ui.tf("staff.listings.tab.approved", {{"count", std::to_string(vm.n_approved)}})},
                      {"counts", ui.t("staff.listings.tab.counts")}};
  for (const Tab& t : tabs) {
    ButtonOpts c;
    c.kind = ButtonKind::Chip;
    c.selected = vm.tab == t.id;
    const float w = ui.measure(t.words, FontRole::Bold).x + 2.0f * em + (c.selected ? 0.9f * em : 0.0f);
    if (ui.button_at(t.words + "###staff.listings.tab." + t.id, ImVec2(x, y), ImVec2(w, 2.3f * em), c))
      out = {StaffListAction::Tab, t.id};
    x += w + 0.5f * em;
  }
  // find by title (the approved list is long): a field at the end of the tab row
  const float fw = a.max.x - x;
  if (vm.tab != "counts" && fw > 6.0f * em) {
    const std::string label = ui.t("staff.listings.find");
    if (courses::hit_area(ui, label + "###staff.listings.find", ImVec2(x, y), ImVec2(fw, 2.3f * em))) {
      out = {StaffListAction::FindToggle, {}};
      ui.request_animation();
    }
    ui.panel(ImVec2(x, y), ImVec2(x + fw, y + 2.3f * em), p.surface, vm.find_open ? p.primary : p.border, 0.3f);
    const bool hint = vm.find.empty() && !vm.find_open;
    const std::string shown = hint ? label : vm.find + (vm.find_open ? "|" : "");
    draw_icon(ui.draw(), Icon::Search, ImVec2(x + 1.1f * em, y + 1.15f * em), 1.1f * em, p.text_muted);
    ui.text_at(ImVec2(x + 2.1f * em, y + 0.55f * em), shown, FontRole::Body, hint ? p.text_muted : p.text, fw - 2.6f * em,
               p.surface);
  }
  return 2.9f * em;
}

void counts_tab(Ui& ui, const StaffListVM& vm, const Area& a, float y) {
  const float em = ui.em();
  y += ui.text_at(ImVec2(a.min.x, y), ui.t("staff.listings.counts.intro"), FontRole::Body, ui.pal().text_muted, a.w()).y +
       0.5f * em;
  if (vm.counts.empty()) ui.text_at(ImVec2(a.min.x, y), ui.t("staff.listings.counts.none"), FontRole::Bold);
  const ImVec2 o = ui.begin_scroll("staff.counts", ImVec2(a.min.x, y), ImVec2(a.w(), a.max.y - y));
  float ry = o.y;
  for (const StaffCountVM& c : vm.counts) {
    ui.text_at(ImVec2(o.x, ry), c.title, FontRole::Bold, 0, a.w() * 0.6f);
    ui.text_at(ImVec2(o.x + a.w() * 0.62f, ry), c.line, FontRole::Body);
    ry += 1.6f * em;
  }
  ui.end_scroll(ry - o.y);
}

void rows(Ui& ui, const StaffListVM& vm, ImVec2 pos, float w, float bottom, StaffListIntent& out) {
  const float em = ui.em();
  const Palette& p = ui.pal();
  if (vm.rows.empty()) ui.text_at(pos, ui.t("staff.listings.empty"), FontRole::Bold, p.text_muted, w);
  const ImVec2 o = ui.begin_scroll("staff.listings", pos, ImVec2(w, bottom - pos.y));
  float ry = o.y;
  const float rh = 3.4f * em;
  for (size_t i = 0; i < vm.rows.size(); i++) {
    const StaffRowVM& l = vm.rows[i];
    const ImVec2 rp(o.x, ry);
    if (ry + rh >= pos.y - rh && ry <= bottom + rh) {
      const bool sel = l.id == vm.selected;
      if (courses::hit_area(ui, l.title + "###staff.listing." + std::to_string(i), rp, ImVec2(w, rh)))
        out = {StaffListAction::Select, l.id};
      const ImU32 bg = sel ? p.surface_alt : p.surface;
      ui.panel(rp, ImVec2(rp.x + w, rp.y + rh - 0.3f * em), bg, sel ? p.primary : p.border, 0.3f);
      draw_icon(ui.draw(), courses::kind_icon(l.kind), ImVec2(rp.x + 1.2f * em, rp.y + 1.5f * em), 1.4f * em,
                courses::kind_color(p, l.kind));
      ui.text_at(ImVec2(rp.x + 2.4f * em, rp.y + 0.3f * em), l.title, FontRole::Bold, 0, 0, bg);
      ui.text_at(ImVec2(rp.x + 2.4f * em, rp.y + 1.6f * em), l.line, FontRole::Small, l.flagged ? p.danger : p.text_muted, 0, bg);
    }
    ry += rh;
  }
  ui.end_scroll(ry - o.y);
}

// The selected listing, its checks and what can be done; with none selected, the last message and a hint.
void detail(Ui& ui, const StaffListVM& vm, ImVec2 dp, ImVec2 max, StaffListIntent& out) {
  const float em = ui.em();
  const Palette& p = ui.pal();
  const float dw = max.x - dp.x;
  ui.panel(dp, max, p.surface, p.border, 0.4f);
  float dy = dp.y + 0.7f * em;
  const float dx = dp.x + 0.8f * em;
  const float tw = dw - 1.6f * em;
  if (!vm.detail) {
    if (!vm.message.empty())  // what publishing did, or why it could not
      dy += ui.text_at(ImVec2(dx, dy), vm.message, FontRole::Bold, vm.message_ok ? p.ok : p.danger, tw, p.surface).y + 0.8f * em;
    ui.text_at(ImVec2(dx, dy), ui.t("staff.listings.pick"), FontRole::Body, p.text_muted, tw, p.surface);
    return;
  }
  const StaffDetailVM& d = *vm.detail;
  dy += ui.text_at(ImVec2(dx, dy), d.title, FontRole::Heading, 0, tw, p.surface).y;
  dy += ui.text_at(ImVec2(dx, dy), d.where, FontRole::Body, p.text_muted, tw, p.surface).y + 0.3f * em;
  for (const std::string& s : d.lines) dy += ui.text_at(ImVec2(dx, dy), s, FontRole::Small, p.text, tw, p.surface).y + 0.25f * em;
  // the Welsh words a Welsh child will read: the approver sees them too (the safety check covers them)
  if (!d.welsh_head.empty()) {
    dy += ui.text_at(ImVec2(dx, dy), d.welsh_head, FontRole::Bold, p.text, tw, p.surface).y + 0.15f * em;
    for (const std::string& w : d.welsh_lines)
      dy += ui.text_at(ImVec2(dx, dy), w, FontRole::Small, p.text, tw, p.surface).y + 0.25f * em;
  }
  for (const std::string& pr : d.problems) dy += ui.text_at(ImVec2(dx, dy), pr, FontRole::Small, p.danger, tw, p.surface).y;
  // edit / approve / retire
  const float bh = 2.5f * em;
  const float by = max.y - bh - 0.8f * em;
  if (!vm.message.empty())
    ui.text_at(ImVec2(dx, by - 2.6f * em), vm.message, FontRole::Bold, vm.message_ok ? p.ok : p.danger, tw, p.surface);
  else if (!d.why_not.empty())
    ui.text_at(ImVec2(dx, by - 2.6f * em), d.why_not, FontRole::Bold, p.text_muted, tw, p.surface);
  const float third = (tw - 1.2f * em) / 3;
  if (d.show_edit) {
    ButtonOpts ed;
    ed.kind = ButtonKind::Secondary;
    ed.enabled = d.can_edit;
    if (ui.button_at(ui.t("staff.listings.edit") + "###staff.listings.edit", ImVec2(dx, by), ImVec2(third, bh), ed))
      out = {StaffListAction::Edit, {}};
  }
  if (d.show_approve) {
    ButtonOpts ap;
    ap.icon = Icon::Check;
    ap.enabled = d.can_approve;
    if (ui.button_at(ui.t("staff.listings.approve") + "###staff.listing.approve", ImVec2(dx + third + 0.6f * em, by),
                     ImVec2(third, bh), ap))
      out = {StaffListAction::Approve, {}};
  }
  if (d.show_edit) {
    ButtonOpts re;
    re.kind = ButtonKind::Danger;
    re.icon = Icon::Cross;
    if (ui.button_at(ui.t("staff.listings.retire") + "###staff.listing.retire", ImVec2(dx + 2 * (third + 0.6f * em), by),
                     ImVec2(third, bh), re))
      out = {StaffListAction::Retire, {}};
  }
}

}  // namespace

StaffListIntent draw_staff_list(Ui& ui, StaffListVM& vm, KeyboardState& find_kbd) {
  StaffListIntent out;
  TopBarVM bar;
  bar.title = ui.t("staff.listings.title");
  bar.show_back = true;
  if (draw_top_bar(ui, bar) == TopBarIntent::Back) return {StaffListAction::Back, {}};
  const Area full = content_area(ui);
  const float em = ui.em();
  const Palette& p = ui.pal();
  // while finding, the keyboard takes the bottom, full width, and everything else ends above it
  const float kh = vm.find_open ? std::min(10.0f * em, full.h() * 0.4f) : 0.0f;
  Area a = full;
  if (vm.find_open) a.max.y = full.max.y - kh - 0.8f * em;

  const float y = a.min.y + tab_row(ui, vm, a, out);
  if (vm.find_open && vm.tab != "counts") {
    const ImVec2 kp(full.min.x, full.max.y - kh);
    ui.draw()->AddRectFilled(ImVec2(0, kp.y - 0.4f * em), ImGui::GetIO().DisplaySize, p.surface_alt);
    if (ui.keyboard(kp, ImVec2(full.w(), kh), find_kbd, vm.find, 40, false).changed) {
      out = {StaffListAction::FindChanged, {}};
      ui.request_animation();
    }
  }
  if (vm.tab == "counts") {
    counts_tab(ui, vm, a, y);
    return out;
  }

  // under the rows: a new listing (education staff) and publishing (approvers)
  const float lw = a.w() * 0.5f;
  const float bh = 2.5f * em;
  const float half = (lw - 0.6f * em) / 2;
  ButtonOpts nb;
  nb.enabled = vm.can_create;
  if (ui.button_at(ui.t("staff.listings.new") + "###staff.listings.new", ImVec2(a.min.x, a.max.y - bh), ImVec2(half, bh), nb))
    return {StaffListAction::New, {}};
  ButtonOpts pb;
  pb.kind = ButtonKind::Secondary;
  pb.icon = Icon::Send;
  pb.enabled = vm.can_publish;
  if (ui.button_at(ui.t("staff.listings.publish") + "###staff.listings.publish", ImVec2(a.min.x + half + 0.6f * em, a.max.y - bh),
                   ImVec2(half, bh), pb))
    out = {StaffListAction::Publish, {}};

  rows(ui, vm, ImVec2(a.min.x, y), lw, a.max.y - bh - 0.6f * em, out);
  detail(ui, vm, ImVec2(a.min.x + lw + 1.0f * em, y), a.max, out);
  return out;
}

}  // namespace waymark::screens

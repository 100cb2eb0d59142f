// kiosk/screens/common.cpp: the top bar, the content area, the idle countdown and the out-of-order page.
#include <algorithm>
#include <cmath>

#include "kiosk/screens/screens.h"

namespace waymark::screens {

using namespace ui;

float top_bar_height(const Ui& ui) { return 2.4f * ui.em(); }

Area content_area(const Ui& ui) {
  const ImVec2 d = ImGui::GetIO().DisplaySize;
  const float m = 1.0f * ui.em();
  return Area{ImVec2(m, top_bar_height(ui) + 0.8f * ui.em()), ImVec2(d.x - m, d.y - m)};
}

float read_button_width(const Ui& ui) {
  const float a = ui.measure(ui.t("read.button"), FontRole::Bold).x;
  const float b = ui.measure(ui.t("read.stop"), FontRole::Bold).x;
  return std::max(a, b) + 2.8f * ui.em();
}

void draw_read_button(Ui& ui, ImVec2 pos, ImVec2 size) {
  ButtonOpts o;
  o.kind = ui.reading() ? ButtonKind::Primary : ButtonKind::Secondary;
  o.icon = Icon::Speaker;
  o.silent = true;
  const std::string words = ui.reading() ? ui.t("read.stop") : ui.t("read.button");
  if (ui.button_at(words + "###nav.read", pos, size, o)) ui.request_read_screen();
}

TopBarIntent draw_top_bar(Ui& ui, const TopBarVM& vm) {
  TopBarIntent out = TopBarIntent::None;
  const ImVec2 d = ImGui::GetIO().DisplaySize;
  const float h = top_bar_height(ui);
  const float em = ui.em();
  ui.draw()->AddRectFilled(ImVec2(0, 0), ImVec2(d.x, h), ui.pal().surface);
  ui.draw()->AddLine(ImVec2(0, h), ImVec2(d.x, h), ui.pal().border, std::max(2.0f, em * 0.06f));
  const float bh = h - 0.6f * em;
  const float by = 0.3f * em;
  float x = 0.6f * em;
  ButtonOpts sec;
  sec.kind = ButtonKind::Secondary;
  sec.silent = true;  // leaving the screen stops reading anyway
  if (vm.show_back) {
    sec.icon = Icon::Back;
    const std::string label = ui.t("nav.back") + "###nav.back";
    const float w = ui.measure(ui.t("nav.back"), FontRole::Bold).x + 2.8f * em;
    if (ui.button_at(label, ImVec2(x, by), ImVec2(w, bh), sec)) out = TopBarIntent::Back;
    x += w + 0.6f * em;
  }
  if (vm.show_home) {
    sec.icon = Icon::Home;
    const float w = ui.measure(ui.t("nav.home"), FontRole::Bold).x + 2.8f * em;
    if (ui.button_at(ui.t("nav.home") + "###nav.home", ImVec2(x, by), ImVec2(w, bh), sec)) out = TopBarIntent::Home;
    x += w + 0.6f * em;
  }
  // right side: sign out, then the speaker button to its left
  float right = d.x - 0.6f * em;
  if (vm.show_sign_out) {
    sec.icon = Icon::SignOut;
    const float w = ui.measure(ui.t("nav.signout"), FontRole::Bold).x + 2.8f * em;
    right -= w;
    if (ui.button_at(ui.t("nav.signout") + "###nav.signout", ImVec2(right, by), ImVec2(w, bh), sec))
      out = TopBarIntent::SignOut;
    right -= 0.6f * em;
  }
  if (vm.show_read) {
    const float w = read_button_width(ui);
    right -= w;
    draw_read_button(ui, ImVec2(right, by), ImVec2(w, bh));
    right -= 0.6f * em;
  }
  // the title in the space between; a smaller font, then two lines, when a long title meets big text
  ui.read_heading(vm.title);
  const float avail = right - x - 0.2f * em;
  FontRole role = FontRole::Heading;
  float wrap = 0;
  if (ui.measure(vm.title, role).x > avail) {
    role = FontRole::Bold;
    if (ui.measure(vm.title, role).x > avail) wrap = avail;
  }
  const ImVec2 ts = ui.measure(vm.title, role, wrap);
  ui.text_at(ImVec2(x + 0.2f * em, std::floor((h - ts.y) / 2)), vm.title, role, 0, wrap, ui.pal().surface);
  return out;
}

IdleIntent draw_idle_warning(Ui& ui, int seconds_left) {
  const ImVec2 d = ImGui::GetIO().DisplaySize;
  const float em = ui.em();
  IdleIntent out = IdleIntent::None;
  ui.draw()->AddRectFilled(ImVec2(0, 0), d, ui.pal().overlay);
  // tapping anywhere keeps the child signed in
  ButtonOpts anywhere;
  anywhere.kind = ButtonKind::Ghost;
  anywhere.silent = true;
  if (ui.button_at("###idle.anywhere", ImVec2(0, 0), d, anywhere)) out = IdleIntent::Stay;
  // a card sized to its words: icon, title, the countdown, the button
  const std::string title = ui.t("idle.title");
  const std::string body = ui.tf("idle.countdown", {{"seconds", std::to_string(seconds_left)}});
  ui.read_heading(title);
  ui.read_main(body);
  const float w = std::min(24 * em, d.x - 2 * em);
  const float tw = w - 2 * em;
  const float title_h = ui.measure(title, FontRole::Title, tw).y;
  const float body_h = ui.measure(body, FontRole::Body, tw).y;
  const float icon = 2.0f * em, bh = 2.4f * em;
  const float h = 0.8f * em + icon + 0.5f * em + title_h + 0.4f * em + body_h + 1.0f * em + bh + 1.0f * em;
  const ImVec2 min((d.x - w) / 2, std::max(0.0f, (d.y - h) / 2));
  const ImVec2 max(min.x + w, min.y + h);
  ui.panel(min, max, ui.pal().surface, ui.pal().border);
  float y = min.y + 0.8f * em;
  draw_icon(ui.draw(), Icon::Clock, ImVec2(min.x + w / 2, y + icon / 2), icon, ui.pal().primary);
  y += icon + 0.5f * em;
  ui.text_centered(ImVec2(min.x + w / 2, y + title_h / 2), title, FontRole::Title, 0, tw, ui.pal().surface);
  y += title_h + 0.4f * em;
  ui.text_centered(ImVec2(min.x + w / 2, y + body_h / 2), body, FontRole::Body, 0, tw, ui.pal().surface);
  y += body_h + 1.0f * em;
  ButtonOpts stay;
  stay.icon = Icon::Check;
  if (ui.button_at(ui.t("idle.stay") + "###idle.stay", ImVec2(min.x + 2 * em, y), ImVec2(w - 4 * em, bh), stay))
    out = IdleIntent::Stay;
  return out;
}

void draw_out_of_order(Ui& ui, const std::string& detail) {
  const ImVec2 d = ImGui::GetIO().DisplaySize;
  const float em = ui.em();
  draw_icon(ui.draw(), Icon::Lock, ImVec2(d.x / 2, d.y * 0.28f), 3 * em, ui.pal().text_muted);
  ui.text_centered(ImVec2(d.x / 2, d.y * 0.42f), ui.t("fatal.title"), FontRole::Title);
  ui.text_centered(ImVec2(d.x / 2, d.y * 0.52f), ui.t("fatal.body"), FontRole::Heading, 0, d.x * 0.6f);
  ui.text_centered(ImVec2(d.x / 2, d.y * 0.72f), detail, FontRole::Small, ui.pal().text_muted, d.x * 0.7f);
}

}  // namespace waymark::screens

// kiosk/courses/courses_list_screen.cpp: the matched list of Courses and jobs (see courses_screens.h): why it
// shows what it shows, search as you type, the kinds, a kind word when the area is unknown, the cards, or what to
// do when there are none.
#include <imgui.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "kiosk/courses/courses_screens.h"

namespace waymark::courses {

using namespace ui;
using screens::Area;
using screens::TopBarIntent;
using screens::TopBarVM;

namespace {

// why it shows what it shows, and My list on the right; returns where the next part starts
float header(Ui& ui, ListVM& vm, const Area& a, bool compact, float y, ListIntent& out) {
  const float em = ui.em();
  const Palette& p = ui.pal();
  // why it shows what it shows, and My list on the right (while typing on a small screen they make room)
  const float ml_w = 11.0f * em;
  const float rw = a.w() - ml_w - 1.0f * em;
  if (!(compact && vm.keyboard_open)) {
    ButtonOpts ml;
    ml.kind = ButtonKind::Secondary;
    ml.icon = Icon::Star;
    const std::string ml_words = vm.mylist_count > 0 ? ui.tf("catalogue.mylist.count", {{"count", std::to_string(vm.mylist_count)}})
                                                     : ui.t("catalogue.mylist");
    if (ui.button_at(ml_words + "###catalogue.mylist", ImVec2(a.max.x - ml_w, y), ImVec2(ml_w, 2.4f * em), ml))
      out.action = ListAction::MyList;
    const FontRole reason_role = compact ? FontRole::Bold : FontRole::Heading;
    const FontRole count_role = compact ? FontRole::Small : FontRole::Body;
    const bool count = !vm.keyboard_open && !vm.count_line.empty();
    float th = ui.measure(vm.reason, reason_role, rw).y;
    if (count) th += ui.measure(vm.count_line, count_role, rw).y;
    // the words sit in the middle of My list's height when they are shorter than it
    float ty = y + (compact ? std::max(0.0f, (2.4f * em - th) / 2) : 0.0f);
    ty += ui.text_main_at(ImVec2(a.min.x, ty), vm.reason, reason_role, p.text, rw).y;
    if (!compact) ty = y + std::max(ty - y, 2.4f * em) + 0.1f * em;
    if (count) ty += ui.text_main_at(ImVec2(a.min.x, ty), vm.count_line, count_role, p.text_muted, rw).y;
    y = std::max(ty, y + 2.4f * em) + (compact ? 0.4f : 0.5f) * em;
  }

  return y;
}

// the search field (a tap opens the keyboard) and more choices, or done while typing
float search_row(Ui& ui, ListVM& vm, const Area& a, bool compact, float y, ListIntent& out) {
  const float em = ui.em();
  const Palette& p = ui.pal();
  // the search field (a tap opens the keyboard) and more choices / done
  const float sh = (compact ? 2.3f : 2.6f) * em;
  const float side_w = 12.0f * em;
  const ImVec2 s_min(a.min.x, y);
  const ImVec2 s_max(a.max.x - side_w - 0.6f * em, y + sh);
  bool s_held = false;
  // the field's tap area stops short of the Clear button, so the two never overlap
  const float clear_w = vm.search.empty() ? 0.0f : 5.6f * em;
  if (hit_area(ui, ui.t("catalogue.search.placeholder") + "###catalogue.search", s_min, ImVec2(s_max.x - s_min.x - clear_w, sh), &s_held) &&
      !vm.keyboard_open)
    out.action = ListAction::SearchOpen;
  ui.panel(s_min, s_max, p.surface, vm.keyboard_open ? p.primary : p.border, 0.5f);
  if (vm.keyboard_open) ui.draw()->AddRect(s_min, s_max, p.primary, 0.5f * em, 0, std::max(3.0f, 0.1f * em));
  draw_icon(ui.draw(), Icon::Search, ImVec2(s_min.x + 1.3f * em, y + sh / 2), 1.2f * em, p.text_muted);
  const float text_x = s_min.x + 2.5f * em;
  const float text_w = s_max.x - text_x - (vm.search.empty() ? 0.5f : 6.0f) * em;
  if (vm.search.empty()) {
    ui.text_at(ImVec2(text_x, y + (sh - ui.fonts().px(FontRole::Body)) / 2),
               fit_lines(ui, ui.t("catalogue.search.placeholder"), FontRole::Body, text_w, 1), FontRole::Body, p.text_muted, 0, p.surface);
  } else {
    const ImVec2 ts = ui.measure(vm.search, FontRole::Heading);
    const float tx = ts.x > text_w ? text_x + text_w - ts.x : text_x;  // the end of a long word stays in view
    ImGui::PushClipRect(ImVec2(text_x, s_min.y), ImVec2(text_x + text_w, s_max.y), true);
    ui.text_at(ImVec2(tx, y + (sh - ts.y) / 2), vm.search, FontRole::Heading, p.text, 0, p.surface);
    ImGui::PopClipRect();
  }
  if (vm.keyboard_open) {  // a caret after the text
    const float cx = text_x + std::min(ui.measure(vm.search, FontRole::Heading).x, text_w) + 0.1f * em;
    ui.draw()->AddRectFilled(ImVec2(cx, y + 0.5f * em), ImVec2(cx + 0.12f * em, y + sh - 0.5f * em), p.primary);
  }
  if (!vm.search.empty()) {
    ButtonOpts clr;
    clr.kind = ButtonKind::Ghost;
    clr.icon = Icon::Cross;
    const float cw = 5.4f * em;
    if (ui.button_at(ui.t("catalogue.search.clear") + "###catalogue.search.clear", ImVec2(s_max.x - cw - 0.2f * em, y + 0.3f * em),
                     ImVec2(cw, sh - 0.6f * em), clr))
      out.action = ListAction::SearchClear;
  }
  const ImVec2 side_pos(a.max.x - side_w, y);
  if (vm.keyboard_open) {
    ButtonOpts done;
    done.icon = Icon::Check;
    if (ui.button_at(ui.t("catalogue.search.done") + "###catalogue.search.done", side_pos, ImVec2(side_w, sh), done))
      out.action = ListAction::SearchDone;
  } else {
    ButtonOpts f;
    f.kind = vm.filters_on > 0 ? ButtonKind::Primary : ButtonKind::Secondary;
    f.icon = Icon::Filter;
    std::string words = ui.t("catalogue.filters");
    if (vm.filters_on > 0) words += " (" + std::to_string(vm.filters_on) + ")";
    if (ui.button_at(words + "###catalogue.filters", side_pos, ImVec2(side_w, sh), f)) out.action = ListAction::Filters;
  }
  y += sh + (compact ? 0.4f : 0.6f) * em;

  return y;
}

// the kinds in one sliding row (hidden while typing, to give the list room)
float kind_chips(Ui& ui, ListVM& vm, const Area& a, bool compact, float y, ListIntent& out) {
  const float em = ui.em();
  const Palette& p = ui.pal();
  // kinds, as big chips in one row that slides sideways when it is wider than the screen (hidden while typing,
  // to give the list room)
  if (!vm.keyboard_open) {
    struct K {
      const char* kind;
      const char* words;
    };
    const K kinds[] = {{"", "catalogue.kind.all"},
                       {"course", "catalogue.kinds.course"},
                       {"apprenticeship", "catalogue.kinds.apprenticeship"},
                       {"job", "catalogue.kinds.job"},
                       {"training", "catalogue.kinds.training"},
                       {"activity", "catalogue.kinds.activity"}};
    const float chip_h = 2.3f * em;
    const float pad = 0.15f * em;  // the chips' borders stay inside the sliding row
    const float gap = 0.5f * em;
    const ImVec2 row_pos(a.min.x - pad, y - pad);
    const ImVec2 o = ui.begin_hscroll("catalogue.kinds", row_pos, ImVec2(a.w() + 2 * pad, chip_h + 2 * pad));
    float x = o.x + pad;
    for (const K& k : kinds) {
      ButtonOpts chip;
      chip.kind = ButtonKind::Chip;
      chip.selected = vm.kind == k.kind;
      chip.icon = *k.kind ? kind_icon(k.kind) : Icon::None;
      const std::string words = ui.t(k.words);
      const float w = ui.measure(words, FontRole::Bold).x + (chip.icon != Icon::None ? 2.4f : 1.6f) * em + (chip.selected ? 0.9f * em : 0.0f);
      const std::string id = std::string("catalogue.kind.") + (*k.kind ? k.kind : "all");
      if (ui.button_at(words + "###" + id, ImVec2(x, o.y + pad), ImVec2(w, chip_h), chip)) {
        out.action = ListAction::Kind;
        out.arg = k.kind;
      }
      x += w + gap;
    }
    const auto [before, after] = ui.end_hscroll(x - gap + pad - o.x);
    // more chips to one side: a soft shadow on that edge says the row goes on
    const ImU32 clear = p.bg & 0x00FFFFFFu;
    const float fw = 1.2f * em;
    if (after > 1)
      ui.draw()->AddRectFilledMultiColor(ImVec2(a.max.x + pad, row_pos.y), ImVec2(a.max.x + pad + fw, row_pos.y + chip_h + 2 * pad),
                                         p.border, clear, clear, p.border);
    if (before > 1)
      ui.draw()->AddRectFilledMultiColor(ImVec2(a.min.x - pad - fw, row_pos.y), ImVec2(a.min.x - pad, row_pos.y + chip_h + 2 * pad),
                                         clear, p.border, p.border, clear);
    y += chip_h + (compact ? 0.5f : 0.6f) * em;
  }

  return y;
}

// a kind word when the area is not known, with a button to ask the YOT worker
float area_notice(Ui& ui, ListVM& vm, const Area& a, float y, ListIntent& out) {
  const float em = ui.em();
  const Palette& p = ui.pal();
  // a kind word when the area is not known
  if (!vm.notice.empty() && !vm.keyboard_open) {
    const float bw = vm.offer_ask_worker ? 12.5f * em : 0.0f;
    const float nh = std::max(ui.measure(vm.notice, FontRole::Body, a.w() - bw - 4.0f * em).y + 1.0f * em, 3.2f * em);
    ui.panel(ImVec2(a.min.x, y), ImVec2(a.max.x, y + nh), p.warning_bg, p.border, 0.4f);
    draw_icon(ui.draw(), Icon::Signpost, ImVec2(a.min.x + 1.4f * em, y + nh / 2), 1.6f * em, p.text);
    ui.text_at(ImVec2(a.min.x + 2.8f * em, y + 0.5f * em), vm.notice, FontRole::Body, p.text, a.w() - bw - 4.0f * em, p.warning_bg);
    if (vm.offer_ask_worker) {
      ButtonOpts ask;
      ask.kind = vm.asked_worker ? ButtonKind::Secondary : ButtonKind::Primary;
      ask.icon = vm.asked_worker ? Icon::Check : Icon::Send;
      ask.enabled = !vm.asked_worker;
      if (ui.button_at((vm.asked_worker ? ui.t("catalogue.asked") : ui.t("catalogue.area_unknown.ask")) + "###catalogue.ask_worker",
                       ImVec2(a.max.x - bw - 0.4f * em, y + (nh - 2.4f * em) / 2), ImVec2(bw, 2.4f * em), ask))
        out.action = ListAction::AskWorker;
    }
    y += nh + 0.6f * em;
  }

  return y;
}

// the keyboard at the bottom while searching; returns where the list must end
float search_keyboard(Ui& ui, ListVM& vm, KeyboardState& kbd, const Area& a, bool compact, ListIntent& out) {
  const float em = ui.em();
  const Palette& p = ui.pal();
  // the keyboard takes the bottom while searching
  float list_bottom = a.max.y;
  if (vm.keyboard_open) {
    // with big text the keyboard takes a little under half the room (its keys stay over 64 px at 1080 px high)
    // and sits lower, in the bottom margin, so a whole row of cards shows above it as the child types
    const float kh = std::min(10.5f * em, a.h() * 0.48f);
    const float kb_bottom = compact ? ImGui::GetIO().DisplaySize.y - 0.4f * em : a.max.y;
    const ImVec2 kp(a.min.x, kb_bottom - kh);
    ui.draw()->AddRectFilled(ImVec2(0, kp.y - (compact ? 0.35f : 0.5f) * em),
                             ImVec2(ImGui::GetIO().DisplaySize.x, ImGui::GetIO().DisplaySize.y), p.surface_alt);
    const KeyboardEvent ev = ui.keyboard(kp, ImVec2(a.w(), kh), kbd, vm.search, 40, false);
    if (ev.changed && out.action == ListAction::None) out.action = ListAction::SearchChanged;
    list_bottom = kp.y - (compact ? 0.5f : 1.0f) * em;
  }

  return list_bottom;
}

// the cards, or what to do when there are none
void cards_or_offers(Ui& ui, const ListVM& vm, const Area& a, float y, float list_bottom, ListIntent& out) {
  const float em = ui.em();
  const Palette& p = ui.pal();
  // the cards, or what to do when there are none
  const ImVec2 lp(a.min.x, y);
  const ImVec2 ls(a.w(), list_bottom - y);
  if (!vm.cards.empty()) {
    const std::string open = card_grid(ui, "catalogue.list", vm.cards, lp, ls);
    if (!open.empty()) {
      out.action = ListAction::Open;
      out.arg = open;
    }
  } else if (ls.y > 3 * em) {
    const float cx = a.min.x + a.w() / 2;
    float cy = y + 0.5f * em;
    if (!vm.keyboard_open) {
      draw_icon(ui.draw(), Icon::Search, ImVec2(cx, cy + 1.4f * em), 2.6f * em, p.text_muted);
      cy += 3.2f * em;
      cy += ui.text_centered(ImVec2(cx, cy + 0.7f * em), vm.empty_title, FontRole::Heading).y + 0.4f * em;
    }
    const float body_h = ui.measure(vm.empty_body, FontRole::Body, a.w() * 0.7f).y;
    ui.text_centered(ImVec2(cx, cy + body_h / 2), vm.empty_body, FontRole::Body, p.text, a.w() * 0.7f);
    cy += body_h + 1.0f * em;
    if (!vm.keyboard_open) {
      std::vector<std::pair<std::string, ListAction>> offers;
      if (vm.offer_distance) offers.emplace_back("catalogue.widen.distance", ListAction::WidenDistance);
      if (vm.offer_dates) offers.emplace_back("catalogue.widen.dates", ListAction::WidenDates);
      if (vm.offer_reset) offers.emplace_back(vm.notice.empty() ? "catalogue.widen.reset" : "catalogue.widen.reset_all", ListAction::Reset);
      const float bw = 14.0f * em;
      float bx = cx - (static_cast<float>(offers.size()) * (bw + 0.6f * em) - 0.6f * em) / 2;
      for (const auto& [id, act] : offers) {
        ButtonOpts b;
        b.icon = act == ListAction::WidenDistance ? Icon::Signpost : (act == ListAction::WidenDates ? Icon::Clock : Icon::Home);
        if (ui.button_at(ui.t(id) + "###" + id, ImVec2(bx, cy), ImVec2(bw, 2.6f * em), b)) out.action = act;
        bx += bw + 0.6f * em;
      }
    }
  }
}

}  // namespace

ListIntent draw_list(Ui& ui, ListVM& vm, KeyboardState& kbd) {
  ListIntent out;
  TopBarVM bar;
  bar.title = ui.t("catalogue.title");
  bar.show_back = true;
  bar.show_sign_out = false;
  if (screens::draw_top_bar(ui, bar) == TopBarIntent::Back) out.action = ListAction::Back;
  const Area a = screens::content_area(ui);
  const float em = ui.em();
  float y = a.min.y;
  // With big text the usual header (why, how many, search, kinds) would leave no room for a whole card: then it
  // is packed tighter (the why in bold body text with the count under it, a shorter search row) so at least one
  // row of cards shows whole. The kinds are always one row that slides sideways when it is wider than the screen.
  const float card_row = 4.6f * em + 0.6f * em;
  const bool compact = a.h() < 11.5f * em + 2.0f * card_row;
  if (!(compact && vm.keyboard_open)) y = header(ui, vm, a, compact, y, out);  // while typing on a small screen they make room
  y = search_row(ui, vm, a, compact, y, out);
  if (!vm.keyboard_open) y = kind_chips(ui, vm, a, compact, y, out);
  if (!vm.notice.empty() && !vm.keyboard_open) y = area_notice(ui, vm, a, y, out);
  const float list_bottom = search_keyboard(ui, vm, kbd, a, compact, out);
  cards_or_offers(ui, vm, a, y, list_bottom, out);
  return out;
}

}  // namespace waymark::courses

// kiosk/courses/courses_screens.cpp: drawing the Courses and jobs screens (see courses_screens.h).
#include "kiosk/courses/courses_screens.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

namespace waymark::courses {

using namespace ui;
using screens::Area;
using screens::TopBarIntent;
using screens::TopBarVM;

// A big tappable area with our own drawing on top. Returns true on a tap (never at the end of a drag).
bool hit_area(Ui& ui, const std::string& label, ImVec2 pos, ImVec2 size, bool* held) {
  ImGui::SetCursorScreenPos(pos);
  ImGui::PushID(label.c_str());
  bool clicked = ImGui::InvisibleButton("##hit", size);
  if (held) *held = ImGui::IsItemActive();
  ImGui::PopID();
  if (ui.dragging()) clicked = false;
  ui.record_item(label, pos, ImVec2(pos.x + size.x, pos.y + size.y));
  return clicked;
}


ui::Icon kind_icon(const std::string& kind) {
  if (kind == "course") return Icon::Course;
  if (kind == "apprenticeship") return Icon::Apprenticeship;
  if (kind == "job") return Icon::Job;
  if (kind == "training") return Icon::Training;
  if (kind == "activity") return Icon::Activity;
  return Icon::Signpost;
}

ImU32 kind_color(const Palette& p, const std::string& kind) {
  if (kind == "course") return p.tile[2];
  if (kind == "apprenticeship") return p.tile[0];
  if (kind == "job") return p.tile[3];
  if (kind == "training") return p.tile[1];
  if (kind == "activity") return p.tile[4];
  return p.primary;
}

// The text cut to at most `lines` wrapped lines, ending in "…" when it had to be cut.
std::string fit_lines(Ui& ui, const std::string& text, FontRole role, float width, int lines) {
  const float lh = ui.fonts().px(role);
  auto fits = [&](const std::string& s) { return ui.measure(s, role, width).y <= lh * static_cast<float>(lines) + 1; };
  if (fits(text)) return text;
  std::string s = text;
  while (!s.empty()) {
    const size_t sp = s.find_last_of(' ');
    s = sp == std::string::npos ? std::string() : s.substr(0, sp);
    while (!s.empty() && (s.back() == ',' || s.back() == ':' || s.back() == ' ')) s.pop_back();
    if (fits(s + "\xE2\x80\xA6")) return s + "\xE2\x80\xA6";
  }
  return text.substr(0, 10) + "\xE2\x80\xA6";
}

namespace {

void badge(Ui& ui, ImVec2 right_top, const std::string& words, Icon icon, ImU32 fill, ImU32 fg) {
  const float em = ui.em();
  const ImVec2 ts = ui.measure(words, FontRole::Small);
  const float w = ts.x + 2.0f * em;
  const ImVec2 min(right_top.x - w, right_top.y);
  const ImVec2 max(right_top.x, right_top.y + 1.3f * em);
  ui.draw()->AddRectFilled(min, max, fill, 0.65f * em);
  draw_icon(ui.draw(), icon, ImVec2(min.x + 0.75f * em, (min.y + max.y) / 2), 0.8f * em, fg);
  ui.text_at(ImVec2(min.x + 1.4f * em, min.y + (1.3f * em - ts.y) / 2), words, FontRole::Small, fg, 0, fill);
}

}  // namespace

float english_tag_width(Ui& ui) { return ui.measure(ui.t("catalogue.in_english"), FontRole::Small).x + 2.0f * ui.em(); }

float english_tag(Ui& ui, ImVec2 left_top, ImU32 bg) {
  const Palette& p = ui.pal();
  const float w = english_tag_width(ui);
  // a quiet outlined tag: it says what language the words are in, it is not a warning
  const ImU32 fill = bg == p.surface_alt ? p.surface : p.surface_alt;
  badge(ui, ImVec2(left_top.x + w, left_top.y), ui.t("catalogue.in_english"), Icon::Globe, fill, p.text);
  ui.draw()->AddRect(left_top, ImVec2(left_top.x + w, left_top.y + 1.3f * ui.em()), p.border, 0.65f * ui.em());
  return w;
}

bool draw_card(Ui& ui, const CardVM& c, const std::string& label, ImVec2 pos, ImVec2 size) {
  const Palette& p = ui.pal();
  const float em = ui.em();
  bool held = false;
  const bool tapped = hit_area(ui, label, pos, size, &held);
  const ImVec2 max(pos.x + size.x, pos.y + size.y);
  ui.panel(pos, max, held ? p.surface_alt : p.surface, p.border, 0.4f);
  // the kind: a coloured square with its icon
  const ImU32 kc = kind_color(p, c.kind);
  const float sq = 3.0f * em;
  const ImVec2 sq_min(pos.x + 0.7f * em, pos.y + 0.7f * em);
  ui.draw()->AddRectFilled(sq_min, ImVec2(sq_min.x + sq, sq_min.y + sq), kc, 0.4f * em);
  draw_icon(ui.draw(), kind_icon(c.kind), ImVec2(sq_min.x + sq / 2, sq_min.y + sq / 2), 2.0f * em, p.text_on_accent);
  // marks, top right, one under another: "In English" (a Welsh reader, a listing with no Welsh), saved, asked.
  // Three do not fit down the card: then "In English" goes to the bottom right, after the last line.
  struct Mark {
    std::string words;
    Icon icon;
    bool english;
  };
  std::vector<Mark> marks;
  const bool tag_below = c.in_english && c.saved && c.asked;
  if (c.in_english && !tag_below) marks.push_back({ui.t("catalogue.in_english"), Icon::Globe, true});
  if (c.saved) marks.push_back({ui.t("catalogue.saved"), Icon::Star, false});
  if (c.asked) marks.push_back({ui.t("catalogue.asked"), Icon::Hand, false});
  float badges_w = 0;
  for (const Mark& m : marks) badges_w = std::max(badges_w, ui.measure(m.words, FontRole::Small).x + 2.4f * em);
  // words; a line beside a mark leaves room for it
  const float tx = sq_min.x + sq + 0.8f * em;
  const float tw = max.x - tx - 0.8f * em;
  float y = pos.y + 0.55f * em;
  const std::string title = fit_lines(ui, c.title, FontRole::Bold, tw - badges_w, 2);
  y += ui.text_at(ImVec2(tx, y), title, FontRole::Bold, 0, tw - badges_w, p.surface).y + 0.2f * em;
  const float line1_w = marks.size() >= 2 ? tw - badges_w : tw;
  ui.text_at(ImVec2(tx, y), fit_lines(ui, c.line1, FontRole::Small, line1_w, 1), FontRole::Small, p.text_muted, 0, p.surface);
  y += ui.fonts().px(FontRole::Small) + 0.1f * em;
  const float tag_w = tag_below ? english_tag_width(ui) + 0.5f * em : 0.0f;
  const float line2_w = (marks.size() >= 3 ? tw - badges_w : tw) - tag_w;
  ui.text_at(ImVec2(tx, y), fit_lines(ui, c.line2, FontRole::Small, line2_w, 1), FontRole::Small, p.text, 0, p.surface);
  const ImU32 bg = held ? p.surface_alt : p.surface;
  if (tag_below)
    english_tag(ui, ImVec2(max.x - 0.6f * em - english_tag_width(ui), y + (ui.fonts().px(FontRole::Small) - 1.3f * em) / 2), bg);
  float by = pos.y + 0.5f * em;
  for (const Mark& m : marks) {
    if (m.english) english_tag(ui, ImVec2(max.x - 0.5f * em - english_tag_width(ui), by), bg);
    else badge(ui, ImVec2(max.x - 0.5f * em, by), m.words, m.icon, p.surface_alt, p.text);
    by += 1.5f * em;
  }
  return tapped;
}

// Two columns of cards in a touch-scroll region. Returns the tapped listing id.
std::string card_grid(Ui& ui, const char* scroll_id, const std::vector<CardVM>& cards, ImVec2 pos, ImVec2 size) {
  const float em = ui.em();
  std::string out;
  const ImVec2 o = ui.begin_scroll(scroll_id, pos, size);
  const float gap = 0.6f * em;
  const float cw = (size.x - gap) / 2;
  // tall enough for a two-line title and two small lines in the chosen letters (the dyslexia-friendly ones
  // have taller lines), as draw_card lays them out
  const float lh_bold = ui.fonts().px(FontRole::Bold), lh_small = ui.fonts().px(FontRole::Small);
  const float ch = std::max(4.6f * em, std::max(ui.measure("Ag\nAg", FontRole::Bold).y, 2 * lh_bold) +
                                           2 * std::max(ui.measure("Ag", FontRole::Small).y, lh_small) + 1.35f * em);
  for (size_t i = 0; i < cards.size(); i++) {
    const ImVec2 cp(o.x + static_cast<float>(i % 2) * (cw + gap), o.y + static_cast<float>(i / 2) * (ch + gap));
    if (cp.y + ch < pos.y - ch || cp.y > pos.y + size.y + ch) continue;  // far off screen: not drawn
    const std::string label = cards[i].title + "###" + (i == 0 ? std::string("listing.open") : "listing.open." + std::to_string(i));
    if (draw_card(ui, cards[i], label, cp, ImVec2(cw, ch))) {
      out = cards[i].id;
      ui.speak_tapped(cards[i].title, cards[i].title_lang);  // an English title is read in English
    }
  }
  const float rows = std::ceil(static_cast<float>(cards.size()) / 2.0f);
  ui.end_scroll(rows * (ch + gap));
  return out;
}

// ---------------------------------------------------------------- more choices
FiltersAction draw_filters(Ui& ui, FiltersVM& vm) {
  FiltersAction out = FiltersAction::None;
  TopBarVM bar;
  bar.title = ui.t("catalogue.filters.title");
  bar.show_back = true;
  if (screens::draw_top_bar(ui, bar) == TopBarIntent::Back) out = FiltersAction::Close;
  const Area a = screens::content_area(ui);
  const float em = ui.em();
  const Palette& p = ui.pal();
  float y = a.min.y;
  const float chip_h = 2.5f * em;
  auto heading = [&](const char* id) {
    y += ui.text_at(ImVec2(a.min.x, y), ui.t(id), FontRole::Heading).y + 0.4f * em;
  };
  auto chip_row = [&](const std::vector<std::pair<std::string, std::string>>& items, const std::string& selected,
                      const std::string& id_prefix, std::string& picked) {
    float x = a.min.x;
    for (const auto& [value, words] : items) {
      ButtonOpts c;
      c.kind = ButtonKind::Chip;
      c.selected = value == selected;
      const float w = ui.measure(words, FontRole::Bold).x + 2.0f * em + (c.selected ? 0.9f * em : 0.0f);
      if (x + w > a.max.x) {
        x = a.min.x;
        y += chip_h + 0.5f * em;
      }
      if (ui.button_at(words + "###" + id_prefix + (value.empty() ? "any" : value), ImVec2(x, y), ImVec2(w, chip_h), c))
        picked = value;
      x += w + 0.5f * em;
    }
    y += chip_h + 1.0f * em;
  };
  std::string picked = "\x01";
  heading("catalogue.filters.where");
  chip_row({{"near", ui.t("catalogue.filters.near")}, {"further", ui.t("catalogue.filters.further")}},
           vm.further ? "further" : "near", "catalogue.filters.where.", picked);
  if (picked != "\x01") {
    vm.further = picked == "further";
    out = FiltersAction::Changed;
  }
  picked = "\x01";
  heading("catalogue.filters.when");
  chip_row({{"window", ui.t("catalogue.filters.window")}, {"any", ui.t("catalogue.filters.any_time")}},
           vm.any_time ? "any" : "window", "catalogue.filters.when.", picked);
  if (picked != "\x01") {
    vm.any_time = picked == "any";
    out = FiltersAction::Changed;
  }
  picked = "\x01";
  heading("catalogue.filters.level");
  chip_row({{"", ui.t("catalogue.filters.level.any")}, {"1", ui.t("catalogue.filters.level.1")}, {"2", ui.t("catalogue.filters.level.2")}},
           vm.max_level ? std::to_string(vm.max_level) : "", "catalogue.filters.level.", picked);
  if (picked != "\x01") {
    vm.max_level = picked.empty() ? 0 : picked[0] - '0';
    out = FiltersAction::Changed;
  }
  picked = "\x01";
  heading("catalogue.filters.interest");
  std::vector<std::pair<std::string, std::string>> interests = {{"", ui.t("catalogue.filters.interest.any")}};
  for (const auto& i : vm.interests) interests.emplace_back(i, ui.t("catalogue.interest." + i));
  chip_row(interests, vm.interest, "catalogue.filters.interest.", picked);
  if (picked != "\x01") {
    vm.interest = picked;
    out = FiltersAction::Changed;
  }
  // the way back
  const float bw = 14.0f * em;
  ButtonOpts show;
  show.icon = Icon::Check;
  if (ui.button_at(ui.t("catalogue.filters.show") + "###catalogue.filters.show", ImVec2(a.max.x - bw, a.max.y - 2.8f * em),
                   ImVec2(bw, 2.8f * em), show))
    out = FiltersAction::Close;
  ButtonOpts reset;
  reset.kind = ButtonKind::Secondary;
  reset.icon = Icon::Cross;
  if (ui.button_at(ui.t("catalogue.filters.reset") + "###catalogue.filters.reset", ImVec2(a.max.x - 2 * bw - 0.8f * em, a.max.y - 2.8f * em),
                   ImVec2(bw, 2.8f * em), reset))
    out = FiltersAction::Reset;
  (void)p;
  return out;
}

// ---------------------------------------------------------------- one listing
namespace {
// The right side of one listing: Save, I'm interested, or where the enquiry is; nothing but a sentence when the
// listing is gone.
DetailAction detail_actions(Ui& ui, const DetailVM& vm, const Area& a, float lw) {
  DetailAction out = DetailAction::None;
  const float em = ui.em();
  const Palette& p = ui.pal();
  const ImVec2 rp(a.min.x + lw + 1.4f * em, a.min.y);
  const float rw = a.max.x - rp.x;
  ui.panel(rp, ImVec2(a.max.x, a.max.y), p.surface, p.border, 0.4f);
  float by = rp.y + 1.0f * em;
  const float bx = rp.x + 1.0f * em;
  const float bw = rw - 2.0f * em;
  if (vm.gone) {
    ui.text_at(ImVec2(bx, by), ui.t("listing.gone"), FontRole::Heading, p.text, bw, p.surface);
    return out;
  }
  ButtonOpts save;
  save.kind = vm.saved ? ButtonKind::Chip : ButtonKind::Secondary;
  save.selected = vm.saved;
  save.icon = vm.saved ? Icon::None : Icon::Star;
  if (ui.button_at((vm.saved ? ui.t("listing.saved") : ui.t("listing.save")) + "###listing.save", ImVec2(bx, by), ImVec2(bw, 3.0f * em), save))
    out = vm.saved ? DetailAction::Unsave : DetailAction::Save;
  by += 3.8f * em;
  if (!vm.asked) {
    ButtonOpts ask;
    ask.icon = Icon::Hand;
    ask.font = FontRole::Heading;
    if (ui.button_at(ui.t("listing.interested") + "###listing.interested", ImVec2(bx, by), ImVec2(bw, 3.6f * em), ask))
      out = DetailAction::Interested;
    by += 4.2f * em;
    ui.text_at(ImVec2(bx, by), ui.t("listing.interested.help"), FontRole::Body, p.text_muted, bw, p.surface);
  } else {
    // the enquiry is on its way: say where it is in plain words
    // the state may wrap (Welsh, big text) and a worker's application state may follow it: measured, not fixed
    const float state_h = ui.measure(vm.state, FontRole::Heading, bw - 3 * em).y;
    const float help_y = std::max(3.8f * em, 1.7f * em + state_h + 0.4f * em);
    const float help_h = vm.state_help.empty() ? 0.0f : ui.measure(vm.state_help, FontRole::Body, bw - 2 * em).y;
    const float sh = std::max(7.4f * em, help_y + help_h + 0.6f * em);
    const ImU32 fill = vm.state_kind == "refused" ? p.warning_bg : p.surface_alt;
    ui.panel(ImVec2(bx, by), ImVec2(bx + bw, by + sh), fill, 0, 0.4f);
    draw_icon(ui.draw(), vm.state_kind == "waiting" ? Icon::Clock : Icon::Check, ImVec2(bx + 1.4f * em, by + 1.3f * em), 1.4f * em,
              p.primary);
    ui.text_at(ImVec2(bx + 2.6f * em, by + 0.5f * em), ui.t("listing.asked.title"), FontRole::Bold, p.text, bw - 3 * em, fill);
    ui.text_at(ImVec2(bx + 2.6f * em, by + 1.7f * em), vm.state, FontRole::Heading, p.text, bw - 3 * em, fill);
    if (!vm.state_help.empty())
      ui.text_at(ImVec2(bx + 1.0f * em, by + help_y), vm.state_help, FontRole::Body, p.text_muted, bw - 2 * em, fill);
    // the button stays, labelled with the state, so a second tap finds the same enquiry
    ui.record_item(vm.state + "###listing.interested", ImVec2(bx, by), ImVec2(bx + bw, by + sh), false);
  }
  return out;
}
}  // namespace

DetailAction draw_detail(Ui& ui, const DetailVM& vm) {
  DetailAction out = DetailAction::None;
  TopBarVM bar;
  bar.title = vm.kind_label;
  bar.show_back = true;
  if (screens::draw_top_bar(ui, bar) == TopBarIntent::Back) out = DetailAction::Back;
  const Area a = screens::content_area(ui);
  const float em = ui.em();
  const Palette& p = ui.pal();
  const float lw = a.w() * 0.62f;

  // left: what it is, in a touch scroll region (long Welsh words or the biggest text can make it taller than
  // the screen; nothing is cut off)
  const std::string scroll_id = "listing.detail." + vm.title;  // each listing opens at its top
  const ImVec2 o = ui.begin_scroll(scroll_id.c_str(), a.min, ImVec2(lw, a.max.y - a.min.y));
  const ImU32 kc = kind_color(p, vm.kind);
  const float sq = 4.2f * em;
  ui.draw()->AddRectFilled(o, ImVec2(o.x + sq, o.y + sq), kc, 0.5f * em);
  draw_icon(ui.draw(), kind_icon(vm.kind), ImVec2(o.x + sq / 2, o.y + sq / 2), 2.8f * em, p.text_on_accent);
  const float hx = o.x + sq + 1.0f * em;
  const float hw = lw - sq - 1.0f * em;
  float hy = o.y;
  ui.read_heading(vm.title, vm.title_lang);
  hy += ui.text_at(ImVec2(hx, hy), fit_lines(ui, vm.title, FontRole::Title, hw, 2), FontRole::Title, 0, hw).y;
  ui.read_main(vm.provider);
  hy += ui.text_at(ImVec2(hx, hy), vm.provider, FontRole::Heading, p.text_muted, hw).y;
  if (vm.title_en) {
    english_tag(ui, ImVec2(hx, hy + 0.15f * em), p.bg);
    hy += 1.6f * em;
  }
  float y = std::max(o.y + sq, hy) + 0.8f * em;

  // the facts, one row each with an icon
  struct Row {
    Icon icon;
    const char* label;
    const std::string* value;
    const std::string* lang;  // null: the screen's
    bool english;             // English words for a Welsh reader: the marker under them
  };
  const Row rows[] = {{Icon::Signpost, "listing.where", &vm.where, nullptr, false},
                      {Icon::Clock, "listing.when", &vm.when, nullptr, false},
                      {Icon::List, "listing.how_long", &vm.how_long, &vm.how_long_lang, vm.how_long_en},
                      {Icon::Check, "listing.need", &vm.need, &vm.need_lang, vm.need_en}};
  // the labels' column is as wide as the widest label ("Beth sydd ei angen arnat ti" is long), up to 40% of the panel
  float label_w = 8.5f * em;
  for (const Row& r : rows) label_w = std::max(label_w, ui.measure(ui.t(r.label), FontRole::Bold).x + 1.0f * em);
  label_w = std::min(label_w, lw * 0.4f);
  const float panel_top = y;
  float ry = y + 0.7f * em;
  // measure first so the panel sits behind the rows
  float total = 0.7f * em;
  const float label_wrap = label_w - 0.6f * em;  // a label longer than its column wraps, never runs into the value
  auto row_h = [&](const Row& r) {
    const float vh = ui.measure(*r.value, FontRole::Body, lw - label_w - 3.4f * em).y + (r.english ? 1.5f * em : 0.0f);
    return std::max({vh, ui.measure(ui.t(r.label), FontRole::Bold, label_wrap).y, 1.2f * em});
  };
  for (const Row& r : rows) total += row_h(r) + 0.6f * em;
  if (!vm.level.empty()) total += 1.8f * em;
  ui.panel(ImVec2(o.x, panel_top), ImVec2(o.x + lw, panel_top + total + 0.1f * em), p.surface, p.border, 0.4f);
  for (const Row& r : rows) {
    draw_icon(ui.draw(), r.icon, ImVec2(o.x + 1.3f * em, ry + 0.6f * em), 1.1f * em, kc);
    ui.text_at(ImVec2(o.x + 2.4f * em, ry), ui.t(r.label), FontRole::Bold, p.text_muted, label_wrap, p.surface);
    ui.read_main(ui.t(r.label) + ":");
    ui.read_main(*r.value, r.lang ? std::string_view(*r.lang) : std::string_view());
    const float vx = o.x + 2.4f * em + label_w;
    const float vh = ui.text_at(ImVec2(vx, ry), *r.value, FontRole::Body, p.text, lw - label_w - 3.4f * em, p.surface).y;
    if (r.english) english_tag(ui, ImVec2(vx, ry + vh + 0.15f * em), p.surface);
    ry += row_h(r) + 0.6f * em;
  }
  if (!vm.level.empty()) {
    draw_icon(ui.draw(), Icon::Star, ImVec2(o.x + 1.3f * em, ry + 0.6f * em), 1.1f * em, kc);
    ui.text_at(ImVec2(o.x + 2.4f * em, ry), vm.level, FontRole::Bold, p.text, 0, p.surface);
  }
  y = panel_top + total + 0.9f * em;
  const ImVec2 what_size = ui.text_at(ImVec2(o.x, y), ui.t("listing.what"), FontRole::Heading);
  if (vm.what_en) english_tag(ui, ImVec2(o.x + what_size.x + 0.6f * em, y + (what_size.y - 1.3f * em) / 2), p.bg);
  y += what_size.y + 0.2f * em;
  ui.read_main(ui.t("listing.what") + ":");
  ui.read_main(vm.what, vm.what_lang);
  y += ui.text_at(ImVec2(o.x, y), vm.what, FontRole::Body, p.text, lw).y + 0.5f * em;
  ui.end_scroll(y - o.y);

  // right: what the child can do
  if (const DetailAction act = detail_actions(ui, vm, a, lw); act != DetailAction::None) out = act;
  return out;
}

// ---------------------------------------------------------------- my list
MyListIntent draw_my_list(Ui& ui, const MyListVM& vm) {
  MyListIntent out;
  TopBarVM bar;
  bar.title = ui.t("catalogue.mylist");
  bar.show_back = true;
  if (screens::draw_top_bar(ui, bar) == TopBarIntent::Back) out.action = MyListIntent::Action::Back;
  const Area a = screens::content_area(ui);
  const float em = ui.em();
  const Palette& p = ui.pal();
  if (vm.cards.empty()) {
    const ImVec2 c((a.min.x + a.max.x) / 2, (a.min.y + a.max.y) / 2);
    draw_icon(ui.draw(), Icon::Star, ImVec2(c.x, c.y - 3 * em), 3.5f * em, p.primary);
    ui.text_centered(ImVec2(c.x, c.y + 0.5f * em), ui.t("catalogue.mylist.empty"), FontRole::Heading, 0, a.w() * 0.6f);
    return out;
  }
  float y = a.min.y;
  y += ui.text_at(ImVec2(a.min.x, y), ui.t("catalogue.mylist.intro"), FontRole::Heading, p.text, a.w()).y + 0.6f * em;
  const std::string open = card_grid(ui, "catalogue.mylist.scroll", vm.cards, ImVec2(a.min.x, y), ImVec2(a.w(), a.max.y - y));
  if (!open.empty()) {
    out.action = MyListIntent::Action::Open;
    out.id = open;
  }
  return out;
}

}  // namespace waymark::courses

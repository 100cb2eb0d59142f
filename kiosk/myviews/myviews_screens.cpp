// kiosk/myviews/myviews_screens.cpp: drawing My Views (one question per screen) and My meetings.
//
// Index
//  - helpers        : icon names, bottom navigation row, progress bar, "Saved" mark
//  - meetings       : draw_meetings
//  - start          : draw_views_start
//  - question parts : choices, faces, yes/no, text with keyboard, people
//  - review         : draw_review
#include <algorithm>
#include <cmath>

#include "core/base/dates.h"
#include "core/base/text.h"
#include "kiosk/myviews/myviews_screens.h"

namespace waymark::screens {

using namespace ui;
using nlohmann::json;

// ---------------------------------------------------------------- helpers
namespace {
Icon icon_for(const std::string& name) {
  static const std::pair<const char*, Icon> map[] = {
      {"course", Icon::Course},   {"apprenticeship", Icon::Apprenticeship}, {"job", Icon::Job},
      {"training", Icon::Training}, {"activity", Icon::Activity},        {"myviews", Icon::MyViews},
      {"messages", Icon::Messages}, {"meetings", Icon::Meetings},        {"help", Icon::Help},
      {"staff", Icon::Staff},     {"lock", Icon::Lock},                   {"search", Icon::Search},
      {"star", Icon::Star},       {"hand", Icon::Hand},                   {"home", Icon::Home},
      {"check", Icon::Check},     {"cross", Icon::Cross},                 {"globe", Icon::Globe},
      {"signpost", Icon::Signpost}, {"list", Icon::List},                {"send", Icon::Send},
      {"clock", Icon::Clock},     {"face1", Icon::Face1},                 {"face2", Icon::Face2},
      {"face3", Icon::Face3},     {"face4", Icon::Face4},                 {"face5", Icon::Face5}};
  for (const auto& [n, i] : map)
    if (name == n) return i;
  return Icon::None;
}

float nav_h(const Ui& ui) { return 2.8f * ui.em(); }

// Back on the left, Skip in the middle (optional questions), Next or Check my answers on the right.
QuestionOut::Kind draw_nav_row(Ui& ui, const Area& a, float y, const QuestionVM& vm) {
  const float em = ui.em();
  const float h = nav_h(ui);
  const float w = std::min(11.0f * em, (a.w() - 2 * em) / 3);
  QuestionOut::Kind out = QuestionOut::None;
  ButtonOpts back;
  back.kind = ButtonKind::Secondary;
  back.icon = Icon::Back;
  if (ui.button_at(ui.t("myviews.back") + "###myviews.back", ImVec2(a.min.x, y), ImVec2(w, h), back)) out = QuestionOut::Back;
  // Skip only while there is no answer: skipping never throws away what the child wrote
  if (vm.q->optional && !answer_present(*vm.q, vm.value)) {
    ButtonOpts skip;
    skip.kind = ButtonKind::Secondary;
    if (ui.button_at(ui.t("myviews.skip") + "###myviews.skip", ImVec2((a.min.x + a.max.x - w) / 2, y), ImVec2(w, h), skip))
      out = QuestionOut::Skip;
  }
  ButtonOpts next;
  const bool review = vm.last || vm.to_review;
  next.icon = review ? Icon::List : Icon::Next;
  const std::string label = review ? ui.t("myviews.to_review") + "###myviews.review" : ui.t("myviews.next") + "###myviews.next";
  if (ui.button_at(label, ImVec2(a.max.x - w, y), ImVec2(w, h), next)) out = review ? QuestionOut::Review : QuestionOut::Next;
  return out;
}

// "Question 3 of 13", the bar, and the saved mark on the right. Returns the height used.
float draw_progress(Ui& ui, const Area& a, float y, const QuestionVM& vm) {
  const float em = ui.em();
  const Palette& p = ui.pal();
  const std::string words =
      ui.tf("myviews.progress", {{"n", std::to_string(vm.index + 1)}, {"count", std::to_string(vm.count)}});
  const ImVec2 ts = ui.text_at(ImVec2(a.min.x, y), words, FontRole::Bold, p.text_muted);
  if (vm.mark != SaveMark::None) {
    const bool ok = vm.mark == SaveMark::Saved;
    const std::string s = ok ? ui.t("myviews.saved") : ui.t("myviews.not_saved");
    const ImVec2 ss = ui.measure(s, FontRole::Bold);
    const float x = a.max.x - ss.x;
    draw_icon(ui.draw(), ok ? Icon::Check : Icon::Cross, ImVec2(x - 0.8f * em, y + ss.y / 2), 0.9f * em,
              ok ? p.ok : p.danger);
    ui.text_at(ImVec2(x, y), s, FontRole::Bold, ok ? p.ok : p.danger);
  }
  const float by = y + ts.y + 0.3f * em;
  const float bh = 0.55f * em;
  ui.draw()->AddRectFilled(ImVec2(a.min.x, by), ImVec2(a.max.x, by + bh), p.surface_alt, bh / 2);
  const float frac = static_cast<float>(vm.index + 1) / static_cast<float>(std::max(1, vm.count));
  ui.draw()->AddRectFilled(ImVec2(a.min.x, by), ImVec2(a.min.x + a.w() * frac, by + bh), p.primary, bh / 2);
  return ts.y + 0.3f * em + bh + 0.8f * em;
}

bool is_selected(const Question& q, const json& v, const std::string& id) {
  if (q.type == QuestionType::MultipleChoice) {
    if (!v.is_array()) return false;
    return std::any_of(v.begin(), v.end(), [&](const json& e) { return e.is_string() && e.get<std::string>() == id; });
  }
  return v.is_string() && v.get<std::string>() == id;
}

// Big chips in a grid. Returns the chosen option id or empty.
std::string draw_chips(Ui& ui, const Area& a, float y, float max_y, const Question& q, const json& v,
                       const std::string& lang, int cols, float chip_h) {
  const float em = ui.em();
  const float gap = 0.7f * em;
  const int n = static_cast<int>(q.options.size());
  const int rows = (n + cols - 1) / cols;
  chip_h = std::min(chip_h, (max_y - y - gap * static_cast<float>(rows - 1)) / static_cast<float>(rows));
  const float cw = (a.w() - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  std::string out;
  for (int i = 0; i < n; i++) {
    const Option& o = q.options[static_cast<size_t>(i)];
    ButtonOpts c;
    c.kind = ButtonKind::Chip;
    c.icon = icon_for(o.icon);
    c.selected = is_selected(q, v, o.id);
    c.font = FontRole::Heading;
    const ImVec2 pos(a.min.x + static_cast<float>(i % cols) * (cw + gap), y + static_cast<float>(i / cols) * (chip_h + gap));
    if (ui.button_at(o.label.in(lang) + "###myviews.opt." + o.id, pos, ImVec2(cw, chip_h), c)) out = o.id;
  }
  return out;
}

// A text box showing the end of the text (the part being written), with a caret.
void draw_text_box(Ui& ui, ImVec2 min, ImVec2 max, const std::string& text, const std::string& placeholder) {
  const float em = ui.em();
  const Palette& p = ui.pal();
  ui.panel(min, max, p.surface, p.primary);
  const float pad = 0.6f * em;
  const float w = max.x - min.x - 2 * pad;
  const float h = max.y - min.y - 2 * pad;
  if (text.empty()) {
    ui.text_at(ImVec2(min.x + pad, min.y + pad), placeholder, FontRole::Body, p.text_muted, w, p.surface);
    ui.draw()->AddRectFilled(ImVec2(min.x + pad, min.y + pad), ImVec2(min.x + pad + 0.12f * em, min.y + pad + 1.2f * em),
                             p.primary);
    return;
  }
  // keep the end visible: drop whole words from the front until it fits
  std::string shown = text + "|";
  size_t from = 0;
  while (ui.measure(std::string_view(shown).substr(from), FontRole::Body, w).y > h && from < shown.size()) {
    size_t sp = shown.find_first_of(" \n", from + 1);
    if (sp == std::string::npos) sp = from + 1;
    while (sp < shown.size() && (static_cast<unsigned char>(shown[sp]) & 0xC0) == 0x80) sp++;
    from = sp;
  }
  std::string view = shown.substr(from);
  if (from > 0) view = "..." + view;
  ImGui::PushClipRect(min, max, true);
  ui.text_at(ImVec2(min.x + pad, min.y + pad), view, FontRole::Body, p.text, w, p.surface);
  ImGui::PopClipRect();
}
}  // namespace

std::string meeting_when_words(const Ui& ui, int64_t unix_s) {
  const CivilDate d = local_date(unix_s);
  return ui.tf("meetings.when", {{"weekday", ui.t("meetings.weekday." + std::to_string(weekday(d)))},
                                 {"day", std::to_string(d.d)},
                                 {"month", ui.t("meetings.month." + std::to_string(d.m))},
                                 {"time", local_hhmm(unix_s)}});
}

// ---------------------------------------------------------------- meetings
MeetingsIntent draw_meetings(Ui& ui, const MeetingsVM& vm) {
  MeetingsIntent out = MeetingsIntent::None;
  TopBarVM bar;
  bar.title = ui.t("meetings.title");
  bar.show_back = true;
  switch (draw_top_bar(ui, bar)) {
    case TopBarIntent::Back: out = MeetingsIntent::Back; break;
    case TopBarIntent::SignOut: out = MeetingsIntent::SignOut; break;
    default: break;
  }
  const Area a = content_area(ui);
  const float em = ui.em();
  const Palette& p = ui.pal();
  if (vm.cards.empty()) {
    const ImVec2 c((a.min.x + a.max.x) / 2, (a.min.y + a.max.y) / 2);
    draw_icon(ui.draw(), Icon::Meetings, ImVec2(c.x, c.y - 3 * em), 4 * em, p.primary);
    ui.text_centered(ImVec2(c.x, c.y), ui.t("meetings.none"), FontRole::Title, 0, a.w() * 0.8f);
    ui.text_centered(ImVec2(c.x, c.y + 2.2f * em), ui.t("meetings.none.body"), FontRole::Body, p.text_muted, a.w() * 0.7f);
    return out;
  }
  ImVec2 o = ui.begin_scroll("meetings.scroll", a.min, ImVec2(a.w(), a.h()));
  float y = o.y;
  const float pad = 1.0f * em;
  const float w = a.w() - 2 * pad;
  for (const MeetingCardVM& c : vm.cards) {
    // measure the card first, then draw the panel under the words
    const float col_w = (w - pad) / 2;
    float hl = ui.measure(c.title, FontRole::Title, col_w).y + 0.3f * em + ui.measure(c.when, FontRole::Heading, col_w).y +
               0.3f * em + ui.measure(c.where, FontRole::Body, col_w).y + 0.5f * em +
               ui.measure(c.purpose, FontRole::Body, col_w).y;
    float hr = ui.measure(ui.t("meetings.who"), FontRole::Bold, col_w).y + 0.3f * em;
    for (const std::string& s : c.people) hr += ui.measure(s, FontRole::Body, col_w).y + 0.15f * em;
    float h = std::max(hl, hr) + 2 * pad;
    if (!c.views_line.empty()) h += ui.measure(c.views_line, FontRole::Bold, w).y + 0.6f * em;
    if (c.is_next) h += nav_h(ui) + 0.6f * em;
    const ImU32 fill = c.is_next ? p.surface : p.surface_alt;
    ui.panel(ImVec2(a.min.x, y), ImVec2(a.max.x, y + h), fill, c.is_next ? p.primary : p.border);
    float ly = y + pad;
    const float x = a.min.x + pad;
    ly += ui.text_at(ImVec2(x, ly), c.title, FontRole::Title, 0, col_w, fill).y + 0.3f * em;
    ly += ui.text_at(ImVec2(x, ly), c.when, FontRole::Heading, 0, col_w, fill).y + 0.3f * em;
    ly += ui.text_at(ImVec2(x, ly), c.where, FontRole::Body, 0, col_w, fill).y + 0.5f * em;
    ly += ui.text_at(ImVec2(x, ly), c.purpose, FontRole::Body, p.text_muted, col_w, fill).y;
    const float rx = x + col_w + pad;
    float ry = y + pad;
    ry += ui.text_at(ImVec2(rx, ry), ui.t("meetings.who"), FontRole::Bold, 0, col_w, fill).y + 0.3f * em;
    for (const std::string& s : c.people) ry += ui.text_at(ImVec2(rx, ry), s, FontRole::Body, 0, col_w, fill).y + 0.15f * em;
    float by = y + std::max(hl, hr) + pad + 0.3f * em;
    if (!c.views_line.empty()) by += ui.text_at(ImVec2(x, by), c.views_line, FontRole::Bold, 0, w, fill).y + 0.6f * em;
    if (c.is_next) {
      ButtonOpts b;
      b.icon = Icon::MyViews;
      const float bw = std::min(w, 16.0f * em);
      if (ui.button_at(ui.t("meetings.open_views") + "###meetings.next", ImVec2(x, by), ImVec2(bw, nav_h(ui)), b))
        out = MeetingsIntent::OpenViews;
    }
    y += h + 1.0f * em;
  }
  ui.end_scroll(y - o.y);
  return out;
}

// ---------------------------------------------------------------- start
ViewsStartIntent draw_views_start(Ui& ui, const ViewsStartVM& vm) {
  ViewsStartIntent out = ViewsStartIntent::None;
  TopBarVM bar;
  bar.title = vm.title;
  bar.show_back = true;
  switch (draw_top_bar(ui, bar)) {
    case TopBarIntent::Back: out = ViewsStartIntent::Back; break;
    case TopBarIntent::SignOut: out = ViewsStartIntent::SignOut; break;
    default: break;
  }
  const Area a = content_area(ui);
  const float em = ui.em();
  const Palette& p = ui.pal();
  const float w = std::min(a.w(), 34.0f * em);
  const float x = (a.min.x + a.max.x - w) / 2;
  float y = a.min.y + 1.0f * em;
  // The words and the Start button come first: at the biggest text size the icon gives way to them.
  const float words_h = vm.has_meeting
                            ? ui.measure(ui.t("myviews.start.title"), FontRole::Title, w).y + 0.3f * em +
                                  ui.measure(vm.for_line, FontRole::Heading, w).y + 0.6f * em +
                                  ui.measure(vm.intro, FontRole::Body, w).y + 0.6f * em +
                                  ui.measure(vm.state_line, FontRole::Bold, w).y + 1.0f * em + nav_h(ui)
                            : 0.0f;
  if (!vm.has_meeting || a.min.y + 5.0f * em + words_h <= a.max.y) {
    draw_icon(ui.draw(), Icon::MyViews, ImVec2((a.min.x + a.max.x) / 2, y + 1.6f * em), 3.2f * em, p.primary);
    y += 4.0f * em;
  }
  if (!vm.has_meeting) {
    ui.text_centered(ImVec2((a.min.x + a.max.x) / 2, y + 1.0f * em), ui.t("myviews.no_meeting"), FontRole::Title, 0, w);
    ui.text_centered(ImVec2((a.min.x + a.max.x) / 2, y + 3.4f * em), ui.t("myviews.no_meeting.body"), FontRole::Body,
                     p.text_muted, w);
    return out;
  }
  y += ui.text_at(ImVec2(x, y), ui.t("myviews.start.title"), FontRole::Title, 0, w).y + 0.3f * em;
  y += ui.text_at(ImVec2(x, y), vm.for_line, FontRole::Heading, 0, w).y + 0.6f * em;
  y += ui.text_at(ImVec2(x, y), vm.intro, FontRole::Body, 0, w).y + 0.6f * em;
  y += ui.text_at(ImVec2(x, y), vm.state_line, FontRole::Bold, p.text_muted, w).y + 1.0f * em;
  ButtonOpts b;
  b.icon = Icon::Next;
  const float bh = std::max(nav_h(ui), std::min(3.2f * em, a.max.y - y - 0.3f * em));
  if (ui.button_at(vm.button + "###myviews.start", ImVec2(x, y), ImVec2(w, bh), b)) out = ViewsStartIntent::Start;
  return out;
}

namespace {
// Five faces in a row, each with its words under it.
void feelings_row(Ui& ui, const QuestionVM& vm, const Area& a, float y, float avail_max, QuestionOut& out) {
  const Question& q = *vm.q;
  const float em = ui.em();
  const Palette& p = ui.pal();
  const float gap = 0.8f * em;
  const float fw = std::min(7.0f * em, (a.w() - 4 * gap) / 5);
  const float fh = std::min(fw * 1.35f, avail_max - y);
  const float total = fw * 5 + gap * 4;
  float x = (a.min.x + a.max.x - total) / 2;
  const int chosen = vm.value.is_number_integer() ? vm.value.get<int>() : 0;
  for (int i = 0; i < 5 && i < static_cast<int>(q.options.size()); i++) {
    const Option& o = q.options[static_cast<size_t>(i)];
    ButtonOpts c;
    c.kind = ButtonKind::Chip;
    c.selected = chosen == i + 1;
    const ImVec2 pos(x, y);
    // the words are drawn under the face below; the stable id still names the face for scripts
    if (ui.button_at("###myviews.face." + std::to_string(i + 1), pos, ImVec2(fw, fh), c)) {
      out.kind = QuestionOut::Face;
      out.face = i + 1;
    }
    const ImU32 fg = c.selected ? p.text_on_accent : p.text;
    const ImU32 bg = c.selected ? p.primary : p.secondary;
    const float icon_s = std::min(fw * 0.62f, fh * 0.55f);
    draw_icon(ui.draw(), icon_for(o.icon), ImVec2(x + fw / 2, y + fh * 0.38f), icon_s, fg);
    ui.text_centered(ImVec2(x + fw / 2, y + fh * 0.82f), o.label.in(vm.lang), FontRole::Bold, fg, fw - 0.4f * em, bg);
    x += fw + gap;
  }
}

// The invited people as chips (tap to pick), then anyone added, then "Add someone".
void people_chips(Ui& ui, const QuestionVM& vm, const Area& a, float y, float avail_max, QuestionOut& out) {
  const float em = ui.em();
  const float gap = 0.6f * em;
  const float cw = (a.w() - gap) / 2;
  const float ch = 2.6f * em;
  int i = 0;
  auto picked = [&](const std::string& name, const char* key) {
    if (!vm.value.is_object() || !vm.value.contains(key)) return false;
    for (const json& e : vm.value[key])
      if (e.is_string() && e.get<std::string>() == name) return true;
    return false;
  };
  for (size_t k = 0; k < vm.invited.size(); k++, i++) {
    const Invitee& inv = vm.invited[k];
    ButtonOpts c;
    c.kind = ButtonKind::Chip;
    c.selected = picked(inv.name, "picked");
    c.icon = Icon::Hand;
    std::string words = inv.name;
    if (k < vm.role_words.size()) {
      words += " (";
      words += vm.role_words[k];
      words += ")";
    }
    const ImVec2 pos(a.min.x + static_cast<float>(i % 2) * (cw + gap), y + static_cast<float>(i / 2) * (ch + gap));
    if (pos.y + ch > avail_max) break;
    if (ui.button_at(words + "###myviews.person." + std::to_string(k), pos, ImVec2(cw, ch), c)) {
      out.kind = QuestionOut::TogglePerson;
      out.option = inv.name;
    }
  }
  if (vm.value.is_object() && vm.value.contains("added"))
    for (size_t k = 0; k < vm.value["added"].size(); k++, i++) {
      const std::string name = vm.value["added"][k].is_string() ? vm.value["added"][k].get<std::string>() : "";
      ButtonOpts c;
      c.kind = ButtonKind::Chip;
      c.selected = true;
      const ImVec2 pos(a.min.x + static_cast<float>(i % 2) * (cw + gap), y + static_cast<float>(i / 2) * (ch + gap));
      if (pos.y + ch > avail_max) break;
      if (ui.button_at(name + "###myviews.added." + std::to_string(k), pos, ImVec2(cw, ch), c)) {
        out.kind = QuestionOut::RemoveAdded;
        out.option = name;
      }
    }
  const float ay = y + static_cast<float>((i + 1) / 2) * (ch + gap) + 0.2f * em;
  ButtonOpts add;
  add.kind = ButtonKind::Secondary;
  add.icon = Icon::Staff;
  if (ay + ch <= avail_max &&
      ui.button_at(ui.t("myviews.people.add") + "###myviews.people.add", ImVec2(a.min.x, ay), ImVec2(cw, ch), add))
    out.kind = QuestionOut::AddStart;
}
}  // namespace

// ---------------------------------------------------------------- question
QuestionOut draw_question(Ui& ui, QuestionVM& vm) {
  QuestionOut out;
  TopBarVM bar;
  bar.title = vm.form_title;
  bar.show_home = true;
  switch (draw_top_bar(ui, bar)) {
    case TopBarIntent::Home: out.kind = QuestionOut::Home; break;
    case TopBarIntent::SignOut: out.kind = QuestionOut::SignOut; break;
    default: break;
  }
  const Question& q = *vm.q;
  const Area a = content_area(ui);
  const float em = ui.em();
  const Palette& p = ui.pal();
  float y = a.min.y;
  y += draw_progress(ui, a, y, vm);
  y += ui.text_at(ImVec2(a.min.x, y), q.title.in(vm.lang), FontRole::Title, 0, a.w()).y + 0.2f * em;
  std::string hint = q.hint.in(vm.lang);
  if (q.optional) {
    if (!hint.empty()) hint += ' ';
    hint += ui.t("myviews.optional");
  }
  if (!hint.empty()) y += ui.text_at(ImVec2(a.min.x, y), hint, FontRole::Body, p.text_muted, a.w()).y;
  if (vm.skipped) y += ui.text_at(ImVec2(a.min.x, y + 0.2f * em), ui.t("myviews.skipped_note"), FontRole::Bold, p.text_muted, a.w()).y + 0.2f * em;
  if (!vm.error.empty()) y += ui.text_at(ImVec2(a.min.x, y + 0.2f * em), vm.error, FontRole::Bold, p.danger, a.w()).y + 0.2f * em;
  y += 0.8f * em;

  const bool typing = q.type == QuestionType::ShortText || q.type == QuestionType::LongText ||
                      (q.type == QuestionType::People && vm.adding);
  if (typing) {
    // text box, then the navigation row, then the keyboard at the bottom, where a thumb reaches it
    const float kb_h = std::min(10.0f * em, (a.max.y - y) * 0.45f);
    const float kb_y = a.max.y - kb_h;
    const float row_y = kb_y - nav_h(ui) - 0.6f * em;
    if (q.type == QuestionType::People) {
      // adding a person: the name box with Add and Cancel in place of the navigation row
      const float box_h = std::max(2.6f * em, std::min(3.2f * em, row_y - y - 0.6f * em));
      draw_text_box(ui, ImVec2(a.min.x, y), ImVec2(a.max.x, y + box_h), vm.new_name, ui.t("myviews.people.type_name"));
      const float w = std::min(11.0f * em, (a.w() - em) / 2);
      ButtonOpts cancel;
      cancel.kind = ButtonKind::Secondary;
      cancel.icon = Icon::Cross;
      if (ui.button_at(ui.t("myviews.people.cancel") + "###myviews.people.cancel", ImVec2(a.min.x, row_y), ImVec2(w, nav_h(ui)), cancel))
        out.kind = QuestionOut::AddCancel;
      ButtonOpts add;
      add.icon = Icon::Check;
      add.enabled = !sanitize_text(vm.new_name, 60, false).empty();
      if (ui.button_at(ui.t("myviews.people.add_done") + "###myviews.people.add_done", ImVec2(a.max.x - w, row_y),
                       ImVec2(w, nav_h(ui)), add))
        out.kind = QuestionOut::AddDone;
      const KeyboardEvent ev = ui.keyboard(ImVec2(a.min.x, kb_y), ImVec2(a.w(), kb_h), vm.kbd, vm.new_name, 60, false);
      if (ev.changed && out.kind == QuestionOut::None) out.kind = QuestionOut::TextChanged;
      return out;
    }
    const float box_h = std::max(2.6f * em, row_y - y - 0.6f * em);
    const float box_max = q.type == QuestionType::ShortText ? std::min(box_h, 3.4f * em) : box_h;
    draw_text_box(ui, ImVec2(a.min.x, y), ImVec2(a.max.x, y + box_max), vm.text, ui.t("myviews.type_here"));
    const QuestionOut::Kind nav = draw_nav_row(ui, a, row_y, vm);
    if (nav != QuestionOut::None) out.kind = nav;
    const KeyboardEvent ev = ui.keyboard(ImVec2(a.min.x, kb_y), ImVec2(a.w(), kb_h), vm.kbd, vm.text,
                                         static_cast<size_t>(q.max_length), q.type == QuestionType::LongText);
    if (ev.changed && out.kind == QuestionOut::None) out.kind = QuestionOut::TextChanged;
    return out;
  }

  const float row_y = a.max.y - nav_h(ui);
  const float avail_max = row_y - 0.8f * em;
  switch (q.type) {
    case QuestionType::SingleChoice:
    case QuestionType::MultipleChoice: {
      const int cols = q.options.size() <= 4 ? 2 : 3;
      const std::string id = draw_chips(ui, a, y, avail_max, q, vm.value, vm.lang, cols, 3.2f * em);
      if (!id.empty()) {
        out.kind = QuestionOut::Choose;
        out.option = id;
      }
      break;
    }
    case QuestionType::YesNoUnsure: {
      const std::string id = draw_chips(ui, a, y, avail_max, q, vm.value, vm.lang, 3, 4.0f * em);
      if (!id.empty()) {
        out.kind = QuestionOut::Choose;
        out.option = id;
      }
      break;
    }
    case QuestionType::Feelings: feelings_row(ui, vm, a, y, avail_max, out); break;
    case QuestionType::People: people_chips(ui, vm, a, y, avail_max, out); break;
    default: break;
  }
  const QuestionOut::Kind nav = draw_nav_row(ui, a, row_y, vm);
  if (nav != QuestionOut::None) out.kind = nav;
  return out;
}

// ---------------------------------------------------------------- review
ReviewOut draw_review(Ui& ui, const ReviewVM& vm) {
  ReviewOut out;
  TopBarVM bar;
  bar.title = vm.title;
  bar.show_back = !vm.sent;
  bar.show_home = true;
  switch (draw_top_bar(ui, bar)) {
    case TopBarIntent::Back: out.kind = ReviewOut::Back; break;
    case TopBarIntent::Home: out.kind = ReviewOut::Home; break;
    case TopBarIntent::SignOut: out.kind = ReviewOut::SignOut; break;
    default: break;
  }
  const Area a = content_area(ui);
  const float em = ui.em();
  const Palette& p = ui.pal();
  // the left column: what this page is and the big button; the right: the answers (scrolls)
  const float lw = std::min(a.w() * 0.34f, 16.0f * em);
  float y = a.min.y;
  if (vm.sent) draw_icon(ui.draw(), Icon::Check, ImVec2(a.min.x + 1.2f * em, y + 1.2f * em), 2.2f * em, p.ok);
  if (vm.sent) y += 2.8f * em;
  y += ui.text_at(ImVec2(a.min.x, y), vm.sent ? ui.t("myviews.sent.title") : ui.t("myviews.review.title"), FontRole::Title, 0, lw).y +
       0.4f * em;
  const std::string lead = vm.sent ? vm.status_line : (vm.can_send ? ui.t("myviews.review.lead") : ui.t("myviews.review.missing"));
  y += ui.text_at(ImVec2(a.min.x, y), lead, FontRole::Body, vm.can_send || vm.sent ? p.text : p.danger, lw).y + 1.0f * em;
  if (!vm.error.empty()) y += ui.text_at(ImVec2(a.min.x, y), vm.error, FontRole::Bold, p.danger, lw).y + 0.6f * em;
  ButtonOpts b;
  if (vm.sent) {
    b.kind = ButtonKind::Secondary;
    if (ui.button_at(ui.t("myviews.change_after_send") + "###myviews.change", ImVec2(a.min.x, y), ImVec2(lw, nav_h(ui)), b))
      out.kind = ReviewOut::ChangeAfterSend;
  } else {
    b.icon = Icon::Send;
    b.enabled = vm.can_send;
    if (ui.button_at(ui.t("myviews.send") + "###myviews.send", ImVec2(a.min.x, y), ImVec2(lw, 3.2f * em), b))
      out.kind = ReviewOut::Send;
  }

  const ImVec2 sp(a.min.x + lw + 1.2f * em, a.min.y);
  const ImVec2 ss(a.max.x - sp.x, a.h());
  ui.panel(sp, ImVec2(sp.x + ss.x, sp.y + ss.y), p.surface, p.border);
  const float pad = 0.8f * em;
  const ImVec2 inner(sp.x + pad, sp.y + pad);
  const ImVec2 inner_size(ss.x - 2 * pad, ss.y - 2 * pad);
  ImVec2 o = ui.begin_scroll(vm.scroll_id.c_str(), inner, inner_size);
  // keep clear of the list's clip edges, so every Change button counts as fully visible
  const float edge = 0.5f * em;
  float cy = o.y + edge;
  const float bw = vm.sent ? 0.0f : 6.5f * em;
  const float tw = inner_size.x - bw - (bw > 0 ? 0.6f * em + edge : 0.0f);
  for (const ReviewRow& r : vm.rows) {
    const float top = cy;
    cy += ui.text_at(ImVec2(o.x, cy), r.title, FontRole::Bold, r.missing ? p.danger : p.text, tw, p.surface).y + 0.2f * em;
    cy += ui.text_at(ImVec2(o.x, cy), r.answer, FontRole::Body, r.has_answer ? p.text : p.text_muted, tw, p.surface).y;
    if (!vm.sent) {
      ButtonOpts c;
      c.kind = ButtonKind::Secondary;
      const float bh = 2.2f * em;
      if (ui.button_at(ui.t("myviews.change") + "###myviews.change." + r.qid, ImVec2(o.x + inner_size.x - bw - edge, top),
                       ImVec2(bw, bh), c)) {
        out.kind = ReviewOut::Change;
        out.qid = r.qid;
      }
      cy = std::max(cy, top + bh);
    }
    cy += 0.5f * em;
    ui.draw()->AddLine(ImVec2(o.x, cy), ImVec2(o.x + inner_size.x, cy), p.border, std::max(1.0f, 0.04f * em));
    cy += 0.6f * em;
  }
  ui.end_scroll(cy - o.y + edge);
  return out;
}

}  // namespace waymark::screens

// kiosk/staff/staff_edit_screen.cpp: the listing form of staff mode's "Courses and jobs" (see staff_screens.h).
// Left: every field, each with its problems in red under it. Right: the live safety check, the on-screen
// keyboard for the field being typed (the feature puts a plugged keyboard's text there too), Save and Cancel.
#include <imgui.h>

#include <algorithm>

#include "kiosk/courses/courses_screens.h"
#include "kiosk/staff/staff_screens.h"

namespace waymark::screens {

using namespace ui;

const StaffTextField kStaffTextFields[13] = {
    {"title", 80},    {"provider", 80}, {"la", 60},          {"place", 60},        {"start_date", 10},
    {"duration", 40}, {"requirements", 200}, {"summary", 400}, {"expires", 10},    {"title_cy", 80},
    {"duration_cy", 40}, {"requirements_cy", 200}, {"summary_cy", 400}};

std::string* staff_field_value(StaffEditVM& vm, std::string_view name, size_t* max) {
  Listing& d = vm.draft;
  std::string* const values[13] = {&d.title,    &d.provider,     &vm.la_query, &d.place,    &d.start_date,
                                   &d.duration, &d.requirements, &d.summary,   &d.expires,  &d.title_cy,
                                   &d.duration_cy, &d.requirements_cy, &d.summary_cy};
  for (size_t i = 0; i < 13; i++)
    if (name == kStaffTextFields[i].name) {
      if (max) *max = kStaffTextFields[i].max;
      return values[i];
    }
  return nullptr;
}

namespace {

const char* const kStaffInterests[] = {"building", "cars", "food", "care", "sport", "digital", "outdoors", "creative"};

// The left column: the fields, laid out top to bottom in a scrolling region.
class Form {
public:
  Form(Ui& ui, StaffEditVM& vm, KeyboardState& kbd, ImVec2 origin, float w) : ui_(ui), vm_(vm), kbd_(kbd), o_(origin), w_(w) {}

  float problems_for(const char* name, float y) {
    float h = 0;
    for (const FieldProblem& pr : vm_.problems)
      if (pr.field == name) h += ui_.text_at(ImVec2(o_.x, y + h), pr.message, FontRole::Small, ui_.pal().danger, w_).y;
    return h;
  }

  // A field's name, then a box with what was typed; a tap puts the keyboard on it. Returns the height used.
  float text_field(const char* name, const std::string& label, float top) {
    const float em = ui_.em();
    const Palette& p = ui_.pal();
    std::string& value = *staff_field_value(vm_, name);
    float y = top;
    y += ui_.text_at(ImVec2(o_.x, y), label, FontRole::Small, p.text_muted, w_).y + 0.1f * em;
    const bool focused = vm_.focus == name;
    const float pad = 0.45f * em;
    const std::string shown = value + (focused ? "|" : "");
    const float th = ui_.measure(shown.empty() ? "M" : shown, FontRole::Body, w_ - 2 * pad).y;
    const float bh = std::max(2.2f * em, th + 2 * pad);
    if (courses::hit_area(ui_, label + "###staff.edit.field." + name, ImVec2(o_.x, y), ImVec2(w_, bh))) {
      vm_.focus = name;
      vm_.scroll_to_focus = 3;  // the keyboard may open and cover it: keep it in view for the next frames
      kbd_ = KeyboardState{};
    }
    if (focused && vm_.scroll_to_focus > 0) ui_.scroll_into_view(top, y + bh + 0.3f * em);
    bool bad = false;
    for (const FieldProblem& pr : vm_.problems) bad = bad || pr.field == name;
    ui_.panel(ImVec2(o_.x, y), ImVec2(o_.x + w_, y + bh), p.surface, focused ? p.primary : (bad ? p.danger : p.border), 0.3f);
    if (focused)
      ui_.draw()->AddRect(ImVec2(o_.x, y), ImVec2(o_.x + w_, y + bh), p.primary, 0.3f * em, 0, std::max(2.0f, 0.08f * em));
    ui_.text_at(ImVec2(o_.x + pad, y + pad), shown, FontRole::Body, p.text, w_ - 2 * pad, p.surface);
    y += bh + 0.15f * em;
    y += problems_for(name, y);
    return y - top + 0.5f * em;
  }

  // A field's name above a row of chips; returns the tapped chip's value (empty: none) and moves yy down.
  std::string chips(const std::string& label, const std::vector<std::pair<std::string, std::string>>& opts,
                    const std::string& id_prefix, const std::string& current, float& yy) {
    const float em = ui_.em();
    if (!label.empty()) yy += ui_.text_at(ImVec2(o_.x, yy), label, FontRole::Small, ui_.pal().text_muted, w_).y + 0.1f * em;
    std::string picked;
    float x = o_.x;
    const float ch = 2.1f * em;
    for (const auto& [value, words] : opts) {
      ButtonOpts c;
      c.kind = ButtonKind::Chip;
      c.selected = value == current;
      c.silent = true;
      const float cw = ui_.measure(words, FontRole::Bold).x + 1.6f * em + (c.selected ? 0.9f * em : 0.0f);
      if (x + cw > o_.x + w_ && x > o_.x) {
        x = o_.x;
        yy += ch + 0.35f * em;
      }
      if (ui_.button_at(words + "###" + id_prefix + value, ImVec2(x, yy), ImVec2(cw, ch), c)) picked = value;
      x += cw + 0.4f * em;
    }
    yy += ch + 0.25f * em;
    return picked;
  }

  // The area: typed, matched against the local-authority table (the feature matches), picked from the matches.
  float area(float top) {
    const float em = ui_.em();
    const Palette& p = ui_.pal();
    const std::string before = vm_.la_query;
    float y = top + text_field("la", ui_.t("staff.edit.field.la"), top) - 0.5f * em;
    if (vm_.la_query != before) {
      vm_.draft.la_code.clear();  // typing again un-picks the area
      vm_.la_scroll = true;
    }
    if (vm_.draft.la_code.empty()) {
      if (!vm_.la_query.empty() && vm_.la_matches.empty())
        y += ui_.text_at(ImVec2(o_.x, y), ui_.t("staff.edit.la.none"), FontRole::Small, p.danger, w_).y;
      std::vector<std::pair<std::string, std::string>> opts;
      for (const StaffLaChoice& la : vm_.la_matches) opts.emplace_back(la.code, la.name);
      if (!opts.empty())
        if (std::string v = chips("", opts, "staff.edit.la.", "", y); !v.empty()) {
          vm_.draft.la_code = v;
          for (const StaffLaChoice& la : vm_.la_matches)
            if (la.code == v) vm_.la_query = la.name;
          if (vm_.draft.place.empty()) vm_.draft.place = vm_.la_query;
          vm_.focus.clear();
        }
      if (vm_.la_query.empty()) y += ui_.text_at(ImVec2(o_.x, y), ui_.t("staff.edit.la.hint"), FontRole::Small, p.text_muted, w_).y;
      if (vm_.la_scroll && vm_.focus == "la") {  // the matches show above the keyboard as they change
        ui_.scroll_into_view(top, y + 0.3f * em);
        vm_.la_scroll = false;
      }
    } else {
      y += ui_.text_at(ImVec2(o_.x, y), ui_.tf("staff.edit.la.chosen", {{"area", vm_.la_chosen}}), FontRole::Small, p.ok, w_).y;
    }
    y += problems_for("la_code", y) + 0.5f * em;
    return y - top;
  }

  // Every field, top to bottom; returns where the last one ends.
  float draw() {
    const float em = ui_.em();
    Listing& d = vm_.draft;
    float y = o_.y;
    std::vector<std::pair<std::string, std::string>> kinds;
    for (const char* k : kKinds) kinds.emplace_back(k, ui_.t(std::string("staff.edit.kind.") + k));
    if (std::string v = chips(ui_.t("staff.edit.kind"), kinds, "staff.edit.kind.", d.kind, y); !v.empty()) d.kind = v;
    y += problems_for("kind", y) + 0.4f * em;
    y += text_field("title", ui_.t("staff.edit.field.title"), y);
    y += text_field("provider", ui_.t("staff.edit.field.provider"), y);
    y += area(y);
    for (const char* f : {"place", "start_date", "duration", "requirements", "summary"})
      y += text_field(f, ui_.t(std::string("staff.edit.field.") + f), y);
    std::vector<std::pair<std::string, std::string>> levels{{"0", ui_.t("staff.edit.level.none")}};
    for (int i = 1; i <= 7; i++) levels.emplace_back(std::to_string(i), std::to_string(i));
    if (std::string v = chips(ui_.t("staff.edit.level"), levels, "staff.edit.level.", std::to_string(d.level), y); !v.empty())
      d.level = v[0] - '0';
    y += problems_for("level", y) + 0.4f * em;
    std::vector<std::pair<std::string, std::string>> interests{{"-", ui_.t("staff.edit.interest.none")}};
    bool known = d.interest.empty();
    for (const char* i : kStaffInterests) {
      interests.emplace_back(i, ui_.t(std::string("staff.edit.interest.") + i));
      known = known || d.interest == i;
    }
    if (!known) interests.emplace_back(d.interest, d.interest);  // an imported word stays choosable
    const std::string v = chips(ui_.t("staff.edit.interest"), interests, "staff.edit.interest.", d.interest.empty() ? "-" : d.interest, y);
    if (v == "-") d.interest.clear();
    else if (!v.empty()) d.interest = v;
    y += problems_for("interest", y) + 0.4f * em;
    y += text_field("expires", ui_.t("staff.edit.field.expires"), y);
    // the Welsh words (optional)
    y += ui_.text_at(ImVec2(o_.x, y), ui_.t("staff.edit.welsh"), FontRole::Bold, ui_.pal().text, w_).y + 0.3f * em;
    for (const char* f : {"title_cy", "duration_cy", "requirements_cy", "summary_cy"})
      y += text_field(f, ui_.t(std::string("staff.edit.field.") + f), y);
    return y;
  }

private:
  Ui& ui_;
  StaffEditVM& vm_;
  KeyboardState& kbd_;
  ImVec2 o_;
  float w_;
};

// Next and "keyboard done" above Save while a field is being typed, and the keyboard under both columns.
void typing(Ui& ui, StaffEditVM& vm, KeyboardState& kbd, const Area& a, float kh, ImVec2 pos, float rw, float bh) {
  const float em = ui.em();
  const float hw = (rw - 1.2f * em) / 2;
  ButtonOpts next;
  next.kind = ButtonKind::Secondary;
  next.icon = Icon::Next;
  next.silent = true;
  const auto at = std::find_if(std::begin(kStaffTextFields), std::end(kStaffTextFields),
                               [&](const StaffTextField& f) { return vm.focus == f.name; });
  const bool has_next = at != std::end(kStaffTextFields) && at + 1 != std::end(kStaffTextFields);
  next.enabled = has_next;
  if (ui.button_at(ui.t("staff.edit.next") + "###staff.edit.next", pos, ImVec2(hw, bh), next) && has_next) {
    vm.focus = (at + 1)->name;
    vm.scroll_to_focus = 3;
    kbd = KeyboardState{};
  }
  ButtonOpts hide;
  hide.kind = ButtonKind::Secondary;
  hide.silent = true;
  if (ui.button_at(ui.t("staff.edit.kbd_done") + "###staff.edit.kbd_done", ImVec2(pos.x + hw + 0.6f * em, pos.y), ImVec2(hw, bh), hide))
    vm.focus.clear();
  size_t max = 80;
  if (std::string* target = staff_field_value(vm, vm.focus, &max)) {
    const ImVec2 kp(a.min.x, a.max.y - kh);
    ui.draw()->AddRectFilled(ImVec2(0, kp.y - 0.4f * em), ImGui::GetIO().DisplaySize, ui.pal().surface_alt);
    if (ui.keyboard(kp, ImVec2(a.w(), kh), kbd, *target, max, false).changed && vm.focus == "la") {
      vm.draft.la_code.clear();
      vm.la_scroll = true;
      ui.request_animation();
    }
  }
}

}  // namespace

StaffEditIntent draw_staff_edit(Ui& ui, StaffEditVM& vm, KeyboardState& kbd) {
  TopBarVM bar;
  bar.title = ui.t(vm.is_new ? "staff.edit.title.new" : "staff.edit.title.edit");
  bar.show_back = true;
  if (draw_top_bar(ui, bar) == TopBarIntent::Back) return StaffEditIntent::Cancel;  // Back is Cancel: nothing is saved
  StaffEditIntent out = StaffEditIntent::None;
  const Area a = content_area(ui);
  const float em = ui.em();
  const Palette& p = ui.pal();
  const std::string focus_before = vm.focus;
  const float lw = a.w() * 0.58f;
  const float rx = a.min.x + lw + 1.2f * em;
  const float rw = a.max.x - rx;
  // the keyboard takes the bottom, full width, while a field is being typed
  const float kh = vm.focus.empty() ? 0.0f : std::min(10.5f * em, a.h() * 0.45f);
  const float top_bottom = vm.focus.empty() ? a.max.y : a.max.y - kh - 0.8f * em;
  if (vm.scroll_to_focus > 0) vm.scroll_to_focus--;

  // ---- left: the fields (scrolls)
  const ImVec2 o = ui.begin_scroll("staff.edit", a.min, ImVec2(lw, top_bottom - a.min.y));
  const float y = Form(ui, vm, kbd, o, lw - 0.6f * em).draw();
  ui.end_scroll(y - o.y + 1.0f * em);

  // ---- right: the checks, save and cancel; under both, the keyboard
  ui.panel(ImVec2(rx - 0.6f * em, a.min.y), ImVec2(a.max.x, top_bottom), p.surface_alt, 0, 0.4f);
  float ry = a.min.y + 0.5f * em;
  const float tw = rw - 0.6f * em;
  if (vm.flags.empty()) {
    ry += ui.text_at(ImVec2(rx, ry), ui.t("staff.edit.safe"), FontRole::Small, p.text_muted, tw, p.surface_alt).y;
  } else {
    ry += ui.text_at(ImVec2(rx, ry), ui.t("staff.edit.flags"), FontRole::Bold, p.danger, tw, p.surface_alt).y;
    for (const std::string& f : vm.flags) ry += ui.text_at(ImVec2(rx, ry), f, FontRole::Small, p.danger, tw, p.surface_alt).y;
  }
  if (!vm.message.empty())
    ry += 0.3f * em + ui.text_at(ImVec2(rx, ry + 0.3f * em), vm.message, FontRole::Bold, p.danger, tw, p.surface_alt).y;

  const float bh = 2.5f * em;
  const float by = top_bottom - bh - 0.5f * em;
  if (!vm.focus.empty()) typing(ui, vm, kbd, a, kh, ImVec2(rx, by - bh - 0.5f * em), rw, bh);
  const float half = (rw - 1.2f * em) / 2;
  ButtonOpts sv;
  sv.icon = Icon::Check;
  if (ui.button_at(ui.t("staff.edit.save") + "###staff.edit.save", ImVec2(rx, by), ImVec2(half, bh), sv)) out = StaffEditIntent::Save;
  ButtonOpts cn;
  cn.kind = ButtonKind::Secondary;
  cn.icon = Icon::Cross;
  if (ui.button_at(ui.t("staff.edit.cancel") + "###staff.edit.cancel", ImVec2(rx + half + 0.6f * em, by), ImVec2(half, bh), cn))
    out = StaffEditIntent::Cancel;
  // the keyboard came or went: the layout moves, so draw again at once
  if (vm.focus != focus_before || out != StaffEditIntent::None) ui.request_animation();
  return out;
}

}  // namespace waymark::screens

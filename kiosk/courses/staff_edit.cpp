// kiosk/courses/staff_edit.cpp: the listing form of staff mode's "Courses and jobs" (see staff_listings.h).
// Left: every field, each with its problems in red under it. Right: the live safety check, the on-screen
// keyboard for the field being typed (a plugged keyboard types there too), Save and Cancel.
#include <imgui.h>

#include <algorithm>
#include <cctype>

#include "core/catalogue/curation.h"
#include "core/base/dates.h"
#include "core/base/text.h"
#include "kiosk/courses/courses_screens.h"
#include "kiosk/courses/staff_listings.h"

namespace waymark::kiosk {

using namespace ui;

namespace {
const char* const kStaffInterests[] = {"building", "cars", "food", "care", "sport", "digital", "outdoors", "creative"};

std::string lower(std::string_view s) {
  std::string o(s);
  for (char& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return o;
}

// Areas whose name (English or Welsh) or code starts with what was typed, then those that contain it.
std::vector<const LocalAuthority*> match_las(const std::vector<LocalAuthority>& las, const std::string& typed, size_t max) {
  std::vector<const LocalAuthority*> first, then;
  const std::string q = lower(typed);
  if (q.empty()) return first;
  for (const LocalAuthority& la : las) {
    const std::string en = lower(la.name_en), cy = lower(la.name_cy), code = lower(la.code);
    if (en.rfind(q, 0) == 0 || cy.rfind(q, 0) == 0 || code.rfind(q, 0) == 0) first.push_back(&la);
    else if (en.find(q) != std::string::npos || (!cy.empty() && cy.find(q) != std::string::npos)) then.push_back(&la);
  }
  first.insert(first.end(), then.begin(), then.end());
  if (first.size() > max) first.resize(max);
  return first;
}
}  // namespace

void StaffListingsFeature::start_edit(StaffContext& ctx, const Listing* from) {
  editing_ = true;
  draft_ = from ? *from : Listing{};
  if (!from) {
    draft_.kind = "course";
    draft_.expires = format_date(add_days(local_date(ctx.clock.now_s()), kDefaultExpiryDays));
  }
  las_ = la_all(ctx.db);
  la_query_.clear();
  for (const LocalAuthority& la : las_)
    if (la.code == draft_.la_code) la_query_ = la.name_en;
  focus_ = from ? "" : "title";
  tried_save_ = false;
  scroll_to_focus_ = 3;
  kbd_ = KeyboardState{};
  problems_.clear();
  form_message_.clear();
}

float StaffListingsFeature::problems_for(Ui& ui, const char* name, ImVec2 pos, float w) {
  float h = 0;
  for (const FieldProblem& pr : problems_)
    if (pr.field == name) h += ui.text_at(ImVec2(pos.x, pos.y + h), pr.message, FontRole::Small, ui.pal().danger, w).y;
  return h;
}

float StaffListingsFeature::text_field(Ui& ui, StaffContext& ctx, const char* name, const std::string& label,
                                       std::string& value, size_t max, ImVec2 pos, float w) {
  const float em = ui.em();
  const Palette& p = ui.pal();
  float y = pos.y;
  y += ui.text_at(ImVec2(pos.x, y), label, FontRole::Small, p.text_muted, w).y + 0.1f * em;
  const bool focused = focus_ == name;
  if (focused) {  // a plugged keyboard types into the focused field
    if (!ctx.typed.empty() && utf8_length(value) < max) value += sanitize_text(ctx.typed, max - utf8_length(value), false);
    for (int i = 0; i < ctx.backspaces && !value.empty(); i++) utf8_pop_back(value);
  }
  const float pad = 0.45f * em;
  const std::string shown = value + (focused ? "|" : "");
  const float th = ui.measure(shown.empty() ? "M" : shown, FontRole::Body, w - 2 * pad).y;
  const float bh = std::max(2.2f * em, th + 2 * pad);
  if (courses::hit_area(ui, label + "###staff.edit.field." + name, ImVec2(pos.x, y), ImVec2(w, bh))) {
    focus_ = name;
    scroll_to_focus_ = 3;  // the keyboard may open and cover it: keep it in view for the next frames
    kbd_ = KeyboardState{};
  }
  if (focused && scroll_to_focus_ > 0) ui.scroll_into_view(pos.y, y + bh + 0.3f * em);
  bool bad = false;
  for (const FieldProblem& pr : problems_) bad = bad || pr.field == name;
  ui.panel(ImVec2(pos.x, y), ImVec2(pos.x + w, y + bh), p.surface, focused ? p.primary : (bad ? p.danger : p.border), 0.3f);
  if (focused) ui.draw()->AddRect(ImVec2(pos.x, y), ImVec2(pos.x + w, y + bh), p.primary, 0.3f * em, 0, std::max(2.0f, 0.08f * em));
  ui.text_at(ImVec2(pos.x + pad, y + pad), shown, FontRole::Body, p.text, w - 2 * pad, p.surface);
  y += bh + 0.15f * em;
  y += problems_for(ui, name, ImVec2(pos.x, y), w);
  return y - pos.y + 0.5f * em;
}

void StaffListingsFeature::draw_edit(Ui& ui, StaffContext& ctx) {
  screens::TopBarVM bar;
  bar.title = ui.t(draft_.id.empty() ? "staff.edit.title.new" : "staff.edit.title.edit");
  bar.show_back = true;
  if (screens::draw_top_bar(ui, bar) == screens::TopBarIntent::Back) {
    editing_ = false;  // Back is Cancel: nothing is saved
    return;
  }
  const screens::Area a = screens::content_area(ui);
  const float em = ui.em();
  const Palette& p = ui.pal();
  const CivilDate today = local_date(ctx.clock.now_s());
  const std::string focus_before = focus_;
  const size_t problems_before = problems_.size();
  if (tried_save_) {  // after a save that failed, the problems follow what is typed, so a fixed one goes away
    Listing check = draft_;
    if (check.id.empty()) check.id = "new";
    check.status = "pending";
    problems_ = validate_listing(&ctx.db, check, today);
    form_message_ = problems_.empty() ? ui.t("staff.edit.now_ok")
                                      : ui.tf("staff.edit.not_saved", {{"count", std::to_string(problems_.size())}});
  }

  const float lw = a.w() * 0.58f;
  const float rx = a.min.x + lw + 1.2f * em;
  const float rw = a.max.x - rx;
  // the keyboard takes the bottom, full width, while a field is being typed
  const float kh = focus_.empty() ? 0.0f : std::min(10.5f * em, a.h() * 0.45f);
  const float top_bottom = focus_.empty() ? a.max.y : a.max.y - kh - 0.8f * em;
  if (scroll_to_focus_ > 0) scroll_to_focus_--;

  // ---- left: the fields (scrolls)
  const ImVec2 o = ui.begin_scroll("staff.edit", a.min, ImVec2(lw, top_bottom - a.min.y));
  const float w = lw - 0.6f * em;
  float y = o.y;
  auto chip_row = [&](const std::string& label, float& yy) {
    yy += ui.text_at(ImVec2(o.x, yy), label, FontRole::Small, p.text_muted, w).y + 0.1f * em;
  };
  auto chips = [&](const std::vector<std::pair<std::string, std::string>>& opts, const std::string& id_prefix,
                   const std::string& current, float& yy) -> std::string {
    std::string picked;
    float x = o.x;
    const float ch = 2.1f * em;
    for (const auto& [value, words] : opts) {
      ButtonOpts c;
      c.kind = ButtonKind::Chip;
      c.selected = value == current;
      c.silent = true;
      const float cw = ui.measure(words, FontRole::Bold).x + 1.6f * em + (c.selected ? 0.9f * em : 0.0f);
      if (x + cw > o.x + w && x > o.x) {
        x = o.x;
        yy += ch + 0.35f * em;
      }
      if (ui.button_at(words + "###" + id_prefix + value, ImVec2(x, yy), ImVec2(cw, ch), c)) picked = value;
      x += cw + 0.4f * em;
    }
    yy += ch + 0.25f * em;
    return picked;
  };

  // kind
  chip_row(ui.t("staff.edit.kind"), y);
  {
    std::vector<std::pair<std::string, std::string>> opts;
    for (const char* k : kKinds) opts.emplace_back(k, ui.t(std::string("staff.edit.kind.") + k));
    if (std::string v = chips(opts, "staff.edit.kind.", draft_.kind, y); !v.empty()) draft_.kind = v;
    y += problems_for(ui, "kind", ImVec2(o.x, y), w) + 0.4f * em;
  }
  y += text_field(ui, ctx, "title", ui.t("staff.edit.field.title"), draft_.title, 80, ImVec2(o.x, y), w);
  y += text_field(ui, ctx, "provider", ui.t("staff.edit.field.provider"), draft_.provider, 80, ImVec2(o.x, y), w);
  // the area: typed, matched against the local-authority table, picked from the matches
  {
    std::string before = la_query_;
    const float la_top = y;
    const float fh = text_field(ui, ctx, "la", ui.t("staff.edit.field.la"), la_query_, 60, ImVec2(o.x, y), w);
    y += fh - 0.5f * em;
    if (la_query_ != before) {
      draft_.la_code.clear();  // typing again un-picks the area
      la_scroll_ = true;
    }
    if (draft_.la_code.empty()) {
      const auto found = match_las(las_, la_query_, 6);
      if (!la_query_.empty() && found.empty())
        y += ui.text_at(ImVec2(o.x, y), ui.t("staff.edit.la.none"), FontRole::Small, p.danger, w).y;
      std::vector<std::pair<std::string, std::string>> opts;
      for (const LocalAuthority* la : found) opts.emplace_back(la->code, la->name_en);
      if (!opts.empty())
        if (std::string v = chips(opts, "staff.edit.la.", "", y); !v.empty()) {
          draft_.la_code = v;
          for (const LocalAuthority& la : las_)
            if (la.code == v) la_query_ = la.name_en;
          if (draft_.place.empty()) draft_.place = la_query_;
          focus_.clear();
        }
      if (la_query_.empty())
        y += ui.text_at(ImVec2(o.x, y), ui.t("staff.edit.la.hint"), FontRole::Small, p.text_muted, w).y;
      if (la_scroll_ && focus_ == "la") {  // the matches show above the keyboard as they change
        ui.scroll_into_view(la_top, y + 0.3f * em);
        la_scroll_ = false;
      }
    } else {
      std::string name = draft_.la_code;
      for (const LocalAuthority& la : las_)
        if (la.code == draft_.la_code) name = la.name_en + (la.name_cy.empty() ? "" : " / " + la.name_cy) + " (" + la.code + ")";
      y += ui.text_at(ImVec2(o.x, y), ui.tf("staff.edit.la.chosen", {{"area", name}}), FontRole::Small, p.ok, w).y;
    }
    y += problems_for(ui, "la_code", ImVec2(o.x, y), w) + 0.5f * em;
  }
  y += text_field(ui, ctx, "place", ui.t("staff.edit.field.place"), draft_.place, 60, ImVec2(o.x, y), w);
  y += text_field(ui, ctx, "start_date", ui.t("staff.edit.field.start_date"), draft_.start_date, 10, ImVec2(o.x, y), w);
  y += text_field(ui, ctx, "duration", ui.t("staff.edit.field.duration"), draft_.duration, 40, ImVec2(o.x, y), w);
  y += text_field(ui, ctx, "requirements", ui.t("staff.edit.field.requirements"), draft_.requirements, 200, ImVec2(o.x, y), w);
  y += text_field(ui, ctx, "summary", ui.t("staff.edit.field.summary"), draft_.summary, 400, ImVec2(o.x, y), w);
  // level
  chip_row(ui.t("staff.edit.level"), y);
  {
    std::vector<std::pair<std::string, std::string>> opts{{"0", ui.t("staff.edit.level.none")}};
    for (int i = 1; i <= 7; i++) opts.emplace_back(std::to_string(i), std::to_string(i));
    if (std::string v = chips(opts, "staff.edit.level.", std::to_string(draft_.level), y); !v.empty()) draft_.level = v[0] - '0';
    y += problems_for(ui, "level", ImVec2(o.x, y), w) + 0.4f * em;
  }
  // interest
  chip_row(ui.t("staff.edit.interest"), y);
  {
    std::vector<std::pair<std::string, std::string>> opts{{"-", ui.t("staff.edit.interest.none")}};
    bool known = draft_.interest.empty();
    for (const char* i : kStaffInterests) {
      opts.emplace_back(i, ui.t(std::string("staff.edit.interest.") + i));
      known = known || draft_.interest == i;
    }
    if (!known) opts.emplace_back(draft_.interest, draft_.interest);  // an imported word stays choosable
    const std::string v = chips(opts, "staff.edit.interest.", draft_.interest.empty() ? "-" : draft_.interest, y);
    if (v == "-") draft_.interest.clear();
    else if (!v.empty()) draft_.interest = v;
    y += problems_for(ui, "interest", ImVec2(o.x, y), w) + 0.4f * em;
  }
  y += text_field(ui, ctx, "expires", ui.t("staff.edit.field.expires"), draft_.expires, 10, ImVec2(o.x, y), w);
  // the Welsh words (optional)
  y += ui.text_at(ImVec2(o.x, y), ui.t("staff.edit.welsh"), FontRole::Bold, p.text, w).y + 0.3f * em;
  y += text_field(ui, ctx, "title_cy", ui.t("staff.edit.field.title_cy"), draft_.title_cy, 80, ImVec2(o.x, y), w);
  y += text_field(ui, ctx, "duration_cy", ui.t("staff.edit.field.duration_cy"), draft_.duration_cy, 40, ImVec2(o.x, y), w);
  y += text_field(ui, ctx, "requirements_cy", ui.t("staff.edit.field.requirements_cy"), draft_.requirements_cy, 200, ImVec2(o.x, y), w);
  y += text_field(ui, ctx, "summary_cy", ui.t("staff.edit.field.summary_cy"), draft_.summary_cy, 400, ImVec2(o.x, y), w);
  ui.end_scroll(y - o.y + 1.0f * em);

  // ---- right: the checks, save and cancel; under both, the keyboard
  ui.panel(ImVec2(rx - 0.6f * em, a.min.y), ImVec2(a.max.x, top_bottom), p.surface_alt, 0, 0.4f);
  float ry = a.min.y + 0.5f * em;
  const float tw = rw - 0.6f * em;
  const auto flags = safety_check(draft_);
  if (flags.empty()) {
    ry += ui.text_at(ImVec2(rx, ry), ui.t("staff.edit.safe"), FontRole::Small, p.text_muted, tw, p.surface_alt).y;
  } else {
    ry += ui.text_at(ImVec2(rx, ry), ui.t("staff.edit.flags"), FontRole::Bold, p.danger, tw, p.surface_alt).y;
    for (const SafetyFlag& f : flags)
      ry += ui.text_at(ImVec2(rx, ry), describe(f), FontRole::Small, p.danger, tw, p.surface_alt).y;
  }
  if (!form_message_.empty())
    ry += 0.3f * em + ui.text_at(ImVec2(rx, ry + 0.3f * em), form_message_, FontRole::Bold, p.danger, tw, p.surface_alt).y;

  const float bh = 2.5f * em;
  const float by = top_bottom - bh - 0.5f * em;
  if (!focus_.empty()) {
    const float hw = (rw - 1.2f * em) / 2;
    ButtonOpts next;
    next.kind = ButtonKind::Secondary;
    next.icon = Icon::Next;
    next.silent = true;
    static const char* const order[] = {"title", "provider", "la", "place", "start_date", "duration", "requirements",
                                        "summary", "expires", "title_cy", "duration_cy", "requirements_cy", "summary_cy"};
    const auto at = std::find_if(std::begin(order), std::end(order), [&](const char* f) { return focus_ == f; });
    const bool has_next = at != std::end(order) && at + 1 != std::end(order);
    next.enabled = has_next;
    if (ui.button_at(ui.t("staff.edit.next") + "###staff.edit.next", ImVec2(rx, by - bh - 0.5f * em), ImVec2(hw, bh), next) &&
        has_next) {
      focus_ = *(at + 1);
      scroll_to_focus_ = 3;
      kbd_ = KeyboardState{};
    }
    ButtonOpts hide;
    hide.kind = ButtonKind::Secondary;
    hide.silent = true;
    if (ui.button_at(ui.t("staff.edit.kbd_done") + "###staff.edit.kbd_done", ImVec2(rx + hw + 0.6f * em, by - bh - 0.5f * em),
                     ImVec2(hw, bh), hide))
      focus_.clear();
  }
  if (!focus_.empty()) {
    std::string* target = nullptr;
    size_t max = 80;
    struct F {
      const char* name;
      std::string* v;
      size_t max;
    };
    const F fields[] = {{"title", &draft_.title, 80}, {"provider", &draft_.provider, 80}, {"la", &la_query_, 60},
                        {"place", &draft_.place, 60}, {"start_date", &draft_.start_date, 10}, {"duration", &draft_.duration, 40},
                        {"requirements", &draft_.requirements, 200}, {"summary", &draft_.summary, 400},
                        {"expires", &draft_.expires, 10}, {"title_cy", &draft_.title_cy, 80},
                        {"duration_cy", &draft_.duration_cy, 40}, {"requirements_cy", &draft_.requirements_cy, 200},
                        {"summary_cy", &draft_.summary_cy, 400}};
    for (const F& f : fields)
      if (focus_ == f.name) {
        target = f.v;
        max = f.max;
      }
    if (target) {
      const ImVec2 kp(a.min.x, a.max.y - kh);
      ui.draw()->AddRectFilled(ImVec2(0, kp.y - 0.4f * em), ImGui::GetIO().DisplaySize, p.surface_alt);
      const std::string before = *target;
      ui.keyboard(kp, ImVec2(a.w(), kh), kbd_, *target, max, false);
      if (focus_ == "la" && *target != before) {
        draft_.la_code.clear();
        la_scroll_ = true;
        ui.request_animation();
      }
    }
  }
  const float half = (rw - 1.2f * em) / 2;
  ButtonOpts sv;
  sv.icon = Icon::Check;
  if (ui.button_at(ui.t("staff.edit.save") + "###staff.edit.save", ImVec2(rx, by), ImVec2(half, bh), sv)) {
    const ListingSaveResult r = save_listing(ctx.db, draft_, ctx.staff, today, ctx.clock.now_s());
    if (r.ok) {
      editing_ = false;
      tab_ = "pending";
      selected_ = r.id;
      message_ok_ = true;
      message_ = ui.t("staff.edit.saved");
      problems_.clear();
      form_message_.clear();
      focus_.clear();
      tried_save_ = false;
    } else {
      problems_ = r.problems;
      tried_save_ = true;
      focus_.clear();  // the keyboard goes, so more of the form and its problems show
      form_message_ = ui.tf("staff.edit.not_saved", {{"count", std::to_string(r.problems.size())}});
      // problems with no field on the form (a retired id) are said here
      for (const FieldProblem& pr : r.problems)
        if (pr.field == "id" || pr.field == "status") form_message_ += " " + pr.message;
    }
  }
  ButtonOpts cn;
  cn.kind = ButtonKind::Secondary;
  cn.icon = Icon::Cross;
  if (ui.button_at(ui.t("staff.edit.cancel") + "###staff.edit.cancel", ImVec2(rx + half + 0.6f * em, by), ImVec2(half, bh), cn))
    editing_ = false;
  ctx.wants_text = editing_ && !focus_.empty();
  // the keyboard came or went, or problems changed: the layout moves, so draw again at once
  if (focus_ != focus_before || problems_.size() != problems_before || !editing_) ui.request_animation();
}

}  // namespace waymark::kiosk

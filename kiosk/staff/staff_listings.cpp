#include "kiosk/staff/staff_listings.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>

#include "core/base/dates.h"
#include "core/base/text.h"
#include "kiosk/staff/staff_publish.h"

namespace waymark::kiosk {

using namespace screens;

namespace {
std::string lower_ascii(std::string_view s) {
  std::string o(s);
  for (char& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return o;
}

// Areas whose name (English or Welsh) or code starts with what was typed, then those that contain it.
std::vector<StaffLaChoice> match_las(const std::vector<LocalAuthority>& las, const std::string& typed, size_t max) {
  std::vector<StaffLaChoice> first, then;
  const std::string q = lower_ascii(typed);
  if (q.empty()) return first;
  for (const LocalAuthority& la : las) {
    const std::string en = lower_ascii(la.name_en), cy = lower_ascii(la.name_cy), code = lower_ascii(la.code);
    if (en.rfind(q, 0) == 0 || cy.rfind(q, 0) == 0 || code.rfind(q, 0) == 0) first.push_back({la.code, la.name_en});
    else if (en.find(q) != std::string::npos || (!cy.empty() && cy.find(q) != std::string::npos)) then.push_back({la.code, la.name_en});
  }
  first.insert(first.end(), then.begin(), then.end());
  if (first.size() > max) first.resize(max);
  return first;
}

std::vector<std::string> form_key(const StaffEditVM& f) {
  std::vector<std::string> k = listing_fields(f.draft);
  k.push_back(f.la_query);
  return k;
}
}  // namespace

void StaffListingsFeature::on_sign_out() {
  tab_ = "pending";
  selected_.clear();
  message_.clear();
  find_.clear();
  find_open_ = false;
  find_kbd_ = ui::KeyboardState{};
  editing_ = false;
  form_ = StaffEditVM{};
  las_.clear();
  checked_.clear();
  kbd_ = ui::KeyboardState{};
  tried_save_ = false;
  rows_.clear();
  flagged_.clear();
  counts_.clear();
  selected_listing_.reset();
  dirty_ = true;
}

void StaffListingsFeature::draw(ui::Ui& ui, StaffContext& ctx) {
  // back after being away, or sync brought new listings: read again
  if (ImGui::GetFrameCount() > last_frame_ + 1) dirty_ = true;
  last_frame_ = ImGui::GetFrameCount();
  if (ctx.sync && ctx.sync->generation() != generation_) dirty_ = true;
  if (editing_) draw_edit(ui, ctx);
  else draw_list(ui, ctx);
}

// ---------------------------------------------------------------- the lists
void StaffListingsFeature::refresh(StaffContext& ctx) {
  const CivilDate today = local_date(ctx.clock.now_s());
  rows_.clear();
  counts_.clear();
  if (tab_ == "pending") rows_ = listings_all(ctx.db, "pending");
  else if (tab_ == "stale") rows_ = going_stale(ctx.db, today, 30);
  else if (tab_ == "approved") rows_ = listings_all(ctx.db, "approved");
  else counts_ = listing_counts(ctx.db);
  flagged_.clear();
  for (const Listing& l : rows_) flagged_.push_back(!safety_check(l).empty());
  n_pending_ = listings_count(ctx.db, "pending");
  n_stale_ = static_cast<int64_t>(going_stale(ctx.db, today, 30).size());
  n_approved_ = listings_count(ctx.db, "approved");
  selected_listing_ = selected_.empty() ? std::nullopt : listing_get(ctx.db, selected_);
  selected_flags_.clear();
  selected_problems_.clear();
  if (selected_listing_) {
    selected_flags_ = safety_check(*selected_listing_);
    selected_problems_ = validate_listing(&ctx.db, *selected_listing_, today);
  }
  generation_ = ctx.sync ? ctx.sync->generation() : 0;
  dirty_ = false;
}

StaffDetailVM StaffListingsFeature::detail_vm(const ui::Ui& ui, const StaffContext& ctx) const {
  const Listing& sel = *selected_listing_;
  StaffDetailVM d;
  d.title = sel.title;
  d.where = sel.provider + ", " + sel.place + " (" + sel.la_code + ")";
  d.lines = {sel.kind + "  \xC2\xB7  " + sel.duration + "  \xC2\xB7  level " + std::to_string(sel.level),
             ui.t("staff.listings.need") + ": " + sel.requirements, sel.summary,
             ui.tf("staff.listings.edited", {{"who", sel.edited_by}, {"status", sel.status}}) +
                 (sel.approved_by.empty() ? "" : " " + ui.tf("staff.listings.approved_by", {{"who", sel.approved_by}}))};
  if (!sel.title_cy.empty() || !sel.summary_cy.empty() || !sel.requirements_cy.empty() || !sel.duration_cy.empty()) {
    d.welsh_head = ui.t("staff.listings.welsh") + ": " + (sel.title_cy.empty() ? "-" : sel.title_cy);
    if (!sel.duration_cy.empty()) d.welsh_head += "  \xC2\xB7  " + sel.duration_cy;
    for (const std::string* w : {&sel.requirements_cy, &sel.summary_cy})
      if (!w->empty()) d.welsh_lines.push_back(*w);
  }
  for (const SafetyFlag& f : selected_flags_) d.problems.push_back(ui.t("staff.listings.flag") + " " + describe(f));
  for (const FieldProblem& pr : selected_problems_) d.problems.push_back(pr.message);
  const bool approver = ctx.staff.has(Role::Approver);
  d.show_edit = sel.status != "retired";
  d.can_edit = ctx.staff.has(Role::Education);
  d.show_approve = sel.status == "pending";
  d.can_approve = d.show_approve && approver && sel.edited_by != ctx.staff.number && selected_flags_.empty() &&
                  selected_problems_.empty();
  if (d.show_approve && !d.can_approve) {
    if (!approver) d.why_not = ui.t("staff.listings.why.role");
    else if (sel.edited_by == ctx.staff.number) d.why_not = ui.t("staff.listings.why.own");
    else if (!selected_flags_.empty()) d.why_not = ui.t("staff.listings.why.flags");
    else d.why_not = ui.t("staff.listings.why.invalid");
  }
  return d;
}

StaffListVM StaffListingsFeature::list_vm(const ui::Ui& ui, const StaffContext& ctx) const {
  StaffListVM vm;
  vm.tab = tab_;
  vm.n_pending = n_pending_;
  vm.n_stale = n_stale_;
  vm.n_approved = n_approved_;
  vm.find = find_;
  vm.find_open = find_open_;
  const std::string q = lower_ascii(find_);
  for (size_t i = 0; i < rows_.size(); i++) {
    const Listing& l = rows_[i];
    if (!q.empty() && lower_ascii(l.title).find(q) == std::string::npos && lower_ascii(l.title_cy).find(q) == std::string::npos)
      continue;
    vm.rows.push_back({l.id, l.kind, l.title,
                       l.la_code + "  \xC2\xB7  " + ui.t("staff.listings.starts") + " " + l.start_date + "  \xC2\xB7  " +
                           ui.t("staff.listings.expires") + " " + l.expires,
                       flagged_[i]});
  }
  for (const ListingCounts& c : counts_)
    vm.counts.push_back({c.title, ui.tf("staff.listings.counts.row", {{"saved", std::to_string(c.saved)}, {"asked", std::to_string(c.asked)}})});
  vm.selected = selected_;
  if (selected_listing_) vm.detail = detail_vm(ui, ctx);
  vm.message = message_;
  vm.message_ok = message_ok_;
  vm.can_create = ctx.staff.has(Role::Education);
  vm.can_publish = ctx.staff.has(Role::Approver);
  return vm;
}

void StaffListingsFeature::draw_list(ui::Ui& ui, StaffContext& ctx) {
  if (dirty_) refresh(ctx);
  if (find_open_ && tab_ != "counts") {  // a plugged keyboard types into the find box
    if (!ctx.typed.empty()) find_ += sanitize_text(ctx.typed, 40, false);
    for (int i = 0; i < ctx.backspaces && !find_.empty(); i++) utf8_pop_back(find_);
  }
  StaffListVM vm = list_vm(ui, ctx);
  const StaffListIntent in = draw_staff_list(ui, vm, find_kbd_);
  if (in.action == StaffListAction::FindChanged) find_ = vm.find;
  else act_on_list(ui, ctx, in);
  ctx.wants_text = !editing_ && find_open_ && tab_ != "counts";
}

void StaffListingsFeature::act_on_list(ui::Ui& ui, StaffContext& ctx, const StaffListIntent& in) {
  const CivilDate today = local_date(ctx.clock.now_s());
  switch (in.action) {
    case StaffListAction::None:
    case StaffListAction::FindChanged: break;
    case StaffListAction::Back: ctx.nav.pop(); break;
    case StaffListAction::Tab:
      tab_ = in.arg;
      selected_.clear();
      message_.clear();
      dirty_ = true;
      break;
    case StaffListAction::FindToggle: find_open_ = !find_open_; break;
    case StaffListAction::Select:
      selected_ = in.arg;
      message_.clear();
      dirty_ = true;
      break;
    case StaffListAction::New: start_edit(ctx, nullptr); break;
    case StaffListAction::Edit:
      if (selected_listing_) start_edit(ctx, &*selected_listing_);
      break;
    case StaffListAction::Publish:
      selected_.clear();
      dirty_ = true;
      if (ctx.curator_key.empty()) {
        message_ok_ = false;
        message_ = ui.t("staff.publish.no_key");
        break;
      }
      if (const StaffPublishResult r = staff_publish(ctx.db, ctx.curator_key, ctx.data_dir, ctx.staff, today, ctx.clock.now_s()); r.ok) {
        message_ok_ = true;
        message_ = ui.tf("staff.publish.done", {{"id", r.pack.pack_id}, {"version", std::to_string(r.pack.version)},
                                                {"count", std::to_string(r.pack.listings)}, {"path", r.path}});
      } else {
        message_ok_ = false;
        message_ = ui.t("staff.publish.failed") + " " + r.error;
      }
      break;
    case StaffListAction::Approve:
      if (selected_listing_) {
        const ApproveResult r = approve_listing(ctx.db, selected_listing_->id, ctx.staff, today, ctx.clock.now_s());
        message_ok_ = r.status == ApproveStatus::Ok;
        message_ = message_ok_ ? ui.t("staff.listings.approved") : r.reason;
        dirty_ = true;
      }
      break;
    case StaffListAction::Retire:
      if (selected_listing_) {
        std::string err;
        message_ok_ = retire_listing(ctx.db, selected_listing_->id, ctx.staff, ctx.clock.now_s(), &err);
        message_ = message_ok_ ? ui.t("staff.listings.retired") : err;
        dirty_ = true;
      }
      break;
  }
}

// ---------------------------------------------------------------- the form
void StaffListingsFeature::start_edit(StaffContext& ctx, const Listing* from) {
  editing_ = true;
  form_ = StaffEditVM{};
  form_.draft = from ? *from : Listing{};
  if (!from) {
    form_.draft.kind = "course";
    form_.draft.expires = format_date(add_days(local_date(ctx.clock.now_s()), kDefaultExpiryDays));
  }
  las_ = la_all(ctx.db);
  for (const LocalAuthority& la : las_)
    if (la.code == form_.draft.la_code) form_.la_query = la.name_en;
  form_.focus = from ? "" : "title";
  form_.scroll_to_focus = 3;
  tried_save_ = false;
  checked_.clear();
  kbd_ = ui::KeyboardState{};
}

void StaffListingsFeature::type_into_focus(StaffContext& ctx) {
  size_t max = 0;
  std::string* value = staff_field_value(form_, form_.focus, &max);
  if (!value) return;
  const std::string before = *value;
  if (!ctx.typed.empty() && utf8_length(*value) < max) *value += sanitize_text(ctx.typed, max - utf8_length(*value), false);
  for (int i = 0; i < ctx.backspaces && !value->empty(); i++) utf8_pop_back(*value);
  if (form_.focus == "la" && *value != before) {  // typing again un-picks the area
    form_.draft.la_code.clear();
    form_.la_scroll = true;
  }
}

// The live safety check, the area's matches and, after a save that failed, the problems: again only when the form
// changed since the last check.
void StaffListingsFeature::check_form(ui::Ui& ui, StaffContext& ctx) {
  std::vector<std::string> key = form_key(form_);
  if (key == checked_) return;
  checked_ = std::move(key);
  form_.flags.clear();
  for (const SafetyFlag& f : safety_check(form_.draft)) form_.flags.push_back(describe(f));
  form_.la_matches = form_.draft.la_code.empty() ? match_las(las_, form_.la_query, 6) : std::vector<StaffLaChoice>{};
  form_.la_chosen = form_.draft.la_code;
  for (const LocalAuthority& la : las_)
    if (la.code == form_.draft.la_code)
      form_.la_chosen = la.name_en + (la.name_cy.empty() ? "" : " / " + la.name_cy) + " (" + la.code + ")";
  if (tried_save_) {  // after a save that failed, the problems follow what is typed, so a fixed one goes away
    Listing check = form_.draft;
    if (check.id.empty()) check.id = "new";
    check.status = "pending";
    form_.problems = validate_listing(&ctx.db, check, local_date(ctx.clock.now_s()));
    form_.message = form_.problems.empty() ? ui.t("staff.edit.now_ok")
                                           : ui.tf("staff.edit.not_saved", {{"count", std::to_string(form_.problems.size())}});
  }
  ui.request_animation();  // the problems and matches may move the layout: draw again at once
}

void StaffListingsFeature::save(ui::Ui& ui, StaffContext& ctx) {
  const ListingSaveResult r = save_listing(ctx.db, form_.draft, ctx.staff, local_date(ctx.clock.now_s()), ctx.clock.now_s());
  if (r.ok) {
    editing_ = false;
    tab_ = "pending";
    selected_ = r.id;
    message_ok_ = true;
    message_ = ui.t("staff.edit.saved");
    tried_save_ = false;
    dirty_ = true;
    return;
  }
  form_.problems = r.problems;
  tried_save_ = true;
  checked_.clear();  // checked again from the next frame, as things are typed
  form_.focus.clear();  // the keyboard goes, so more of the form and its problems show
  form_.message = ui.tf("staff.edit.not_saved", {{"count", std::to_string(r.problems.size())}});
  // problems with no field on the form (a retired id) are said here
  for (const FieldProblem& pr : r.problems)
    if (pr.field == "id" || pr.field == "status") form_.message += " " + pr.message;
}

void StaffListingsFeature::draw_edit(ui::Ui& ui, StaffContext& ctx) {
  type_into_focus(ctx);
  check_form(ui, ctx);
  form_.is_new = form_.draft.id.empty();
  switch (draw_staff_edit(ui, form_, kbd_)) {
    case StaffEditIntent::None: break;
    case StaffEditIntent::Cancel: editing_ = false; break;
    case StaffEditIntent::Save: save(ui, ctx); break;
  }
  if (editing_ && form_key(form_) != checked_) ui.request_animation();  // changed on screen: checked next frame
  ctx.wants_text = editing_ && !form_.focus.empty();
}

}  // namespace waymark::kiosk

#include "kiosk/courses/staff_listings.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>

#include "core/catalogue/curation.h"
#include "core/base/dates.h"
#include "core/base/text.h"
#include "kiosk/courses/courses_screens.h"
#include "kiosk/courses/staff_publish.h"

namespace waymark::kiosk {

using namespace ui;

namespace {
std::string lower_ascii(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

void StaffListingsFeature::on_sign_out() {
  tab_ = "pending";
  selected_.clear();
  message_.clear();
  find_.clear();
  find_open_ = false;
  find_kbd_ = KeyboardState{};
  editing_ = false;
  draft_ = Listing{};
  la_query_.clear();
  las_.clear();
  focus_.clear();
  kbd_ = KeyboardState{};
  problems_.clear();
  form_message_.clear();
  tried_save_ = false;
}

void StaffListingsFeature::draw(Ui& ui, StaffContext& ctx) {
  if (editing_) draw_edit(ui, ctx);
  else draw_list(ui, ctx);
}

void StaffListingsFeature::draw_list(Ui& ui, StaffContext& ctx) {
  screens::TopBarVM bar;
  bar.title = ui.t("staff.listings.title");
  bar.show_back = true;
  if (screens::draw_top_bar(ui, bar) == screens::TopBarIntent::Back) {
    ctx.nav.pop();
    return;
  }
  const screens::Area full = screens::content_area(ui);
  const float em = ui.em();
  const Palette& p = ui.pal();
  const CivilDate today = local_date(ctx.clock.now_s());
  // while finding, the keyboard takes the bottom, full width, and everything else ends above it
  const float kh = find_open_ ? std::min(10.0f * em, full.h() * 0.4f) : 0.0f;
  screens::Area a = full;
  if (find_open_) a.max.y = full.max.y - kh - 0.8f * em;

  // what each tab lists
  std::vector<Listing> rows;
  if (tab_ == "pending") rows = listings_all(ctx.db, "pending");
  else if (tab_ == "stale") rows = going_stale(ctx.db, today, 30);
  else if (tab_ == "approved") rows = listings_all(ctx.db, "approved");
  const int64_t n_pending = listings_count(ctx.db, "pending");
  const size_t n_stale = going_stale(ctx.db, today, 30).size();
  const int64_t n_approved = listings_count(ctx.db, "approved");

  float y = a.min.y;
  float x = a.min.x;
  struct Tab {
    const char* id;
    std::string words;
  };
  const Tab tabs[] = {{"pending", ui.tf("staff.listings.tab.pending", {{"count", std::to_string(n_pending)}})},
                      {"stale", ui.tf("staff.listings.tab.stale", {{"count", std::to_string(n_stale)}})},
                      {"approved", ui.tf("staff.listings.tab.approved", {{"count", std::to_string(n_approved)}})},
                      {"counts", ui.t("staff.listings.tab.counts")}};
  for (const Tab& t : tabs) {
    ButtonOpts c;
    c.kind = ButtonKind::Chip;
    c.selected = tab_ == t.id;
    const float w = ui.measure(t.words, FontRole::Bold).x + 2.0f * em + (c.selected ? 0.9f * em : 0.0f);
    if (ui.button_at(t.words + "###staff.listings.tab." + t.id, ImVec2(x, y), ImVec2(w, 2.3f * em), c)) {
      tab_ = t.id;
      selected_.clear();
      message_.clear();
    }
    x += w + 0.5f * em;
  }
  // find by title (the approved list is long): a field at the end of the tab row
  if (tab_ != "counts") {
    const float fw = a.max.x - x;
    if (fw > 6.0f * em) {
      const std::string label = ui.t("staff.listings.find");
      if (courses::hit_area(ui, label + "###staff.listings.find", ImVec2(x, y), ImVec2(fw, 2.3f * em))) {
        find_open_ = !find_open_;
        ui.request_animation();
      }
      ui.panel(ImVec2(x, y), ImVec2(x + fw, y + 2.3f * em), p.surface, find_open_ ? p.primary : p.border, 0.3f);
      const std::string shown = find_.empty() && !find_open_ ? label : find_ + (find_open_ ? "|" : "");
      draw_icon(ui.draw(), Icon::Search, ImVec2(x + 1.1f * em, y + 1.15f * em), 1.1f * em, p.text_muted);
      ui.text_at(ImVec2(x + 2.1f * em, y + 0.55f * em), shown, FontRole::Body, find_.empty() && !find_open_ ? p.text_muted : p.text,
                 fw - 2.6f * em, p.surface);
    }
    if (find_open_) {
      ctx.wants_text = true;
      if (!ctx.typed.empty()) find_ += sanitize_text(ctx.typed, 40, false);
      for (int i = 0; i < ctx.backspaces && !find_.empty(); i++) utf8_pop_back(find_);
      const ImVec2 kp(full.min.x, full.max.y - kh);
      ui.draw()->AddRectFilled(ImVec2(0, kp.y - 0.4f * em), ImGui::GetIO().DisplaySize, p.surface_alt);
      const std::string before = find_;
      ui.keyboard(kp, ImVec2(full.w(), kh), find_kbd_, find_, 40, false);
      if (find_ != before) ui.request_animation();
    }
    if (!find_.empty()) {
      const std::string q = lower_ascii(find_);
      rows.erase(std::remove_if(rows.begin(), rows.end(),
                                [&](const Listing& l) { return lower_ascii(l.title).find(q) == std::string::npos &&
                                                               lower_ascii(l.title_cy).find(q) == std::string::npos; }),
                 rows.end());
    }
  }
  y += 2.9f * em;

  const float lw = a.w() * 0.5f;
  if (tab_ == "counts") {
    const auto counts = listing_counts(ctx.db);
    y += ui.text_at(ImVec2(a.min.x, y), ui.t("staff.listings.counts.intro"), FontRole::Body, p.text_muted, a.w()).y + 0.5f * em;
    if (counts.empty()) ui.text_at(ImVec2(a.min.x, y), ui.t("staff.listings.counts.none"), FontRole::Bold);
    const ImVec2 o = ui.begin_scroll("staff.counts", ImVec2(a.min.x, y), ImVec2(a.w(), a.max.y - y));
    float ry = o.y;
    for (const auto& c : counts) {
      ui.text_at(ImVec2(o.x, ry), c.title, FontRole::Bold, 0, a.w() * 0.6f);
      ui.text_at(ImVec2(o.x + a.w() * 0.62f, ry),
                 ui.tf("staff.listings.counts.row", {{"saved", std::to_string(c.saved)}, {"asked", std::to_string(c.asked)}}),
                 FontRole::Body);
      ry += 1.6f * em;
    }
    ui.end_scroll(ry - o.y);
    return;
  }

  // under the rows: a new listing (education staff) and publishing (approvers)
  const float bh = 2.5f * em;
  const float list_bottom = a.max.y - bh - 0.6f * em;
  {
    const float half = (lw - 0.6f * em) / 2;
    ButtonOpts nb;
    nb.enabled = ctx.staff.has(Role::Education);
    if (ui.button_at(ui.t("staff.listings.new") + "###staff.listings.new", ImVec2(a.min.x, a.max.y - bh), ImVec2(half, bh), nb)) {
      start_edit(ctx, nullptr);
      return;
    }
    ButtonOpts pb;
    pb.kind = ButtonKind::Secondary;
    pb.icon = Icon::Send;
    pb.enabled = ctx.staff.has(Role::Approver);
    if (ui.button_at(ui.t("staff.listings.publish") + "###staff.listings.publish", ImVec2(a.min.x + half + 0.6f * em, a.max.y - bh),
                     ImVec2(half, bh), pb)) {
      selected_.clear();
      if (ctx.curator_key.empty()) {
        message_ok_ = false;
        message_ = ui.t("staff.publish.no_key");
      } else {
        const StaffPublishResult r = staff_publish(ctx.db, ctx.curator_key, ctx.data_dir, ctx.staff, today, ctx.clock.now_s());
        message_ok_ = r.ok;
        message_ = r.ok ? ui.tf("staff.publish.done", {{"id", r.pack.pack_id},
                                                       {"version", std::to_string(r.pack.version)},
                                                       {"count", std::to_string(r.pack.listings)},
                                                       {"path", r.path}})
                        : ui.t("staff.publish.failed") + " " + r.error;
      }
    }
  }

  // left: the rows
  if (rows.empty()) ui.text_at(ImVec2(a.min.x, y), ui.t("staff.listings.empty"), FontRole::Bold, p.text_muted, lw);
  const ImVec2 o = ui.begin_scroll("staff.listings", ImVec2(a.min.x, y), ImVec2(lw, list_bottom - y));
  float ry = o.y;
  const float rh = 3.4f * em;
  for (size_t i = 0; i < rows.size(); i++) {
    const Listing& l = rows[i];
    const ImVec2 rp(o.x, ry);
    if (ry + rh >= y - rh && ry <= list_bottom + rh) {
      const bool sel = l.id == selected_;
      if (courses::hit_area(ui, l.title + "###staff.listing." + std::to_string(i), rp, ImVec2(lw, rh))) {
        selected_ = l.id;
        message_.clear();
      }
      ui.panel(rp, ImVec2(rp.x + lw, rp.y + rh - 0.3f * em), sel ? p.surface_alt : p.surface, sel ? p.primary : p.border, 0.3f);
      draw_icon(ui.draw(), courses::kind_icon(l.kind), ImVec2(rp.x + 1.2f * em, rp.y + 1.5f * em), 1.4f * em,
                courses::kind_color(p, l.kind));
      ui.text_at(ImVec2(rp.x + 2.4f * em, rp.y + 0.3f * em), l.title, FontRole::Bold, 0, 0, sel ? p.surface_alt : p.surface);
      const bool flagged = !safety_check(l).empty();
      const std::string line = l.la_code + "  \xC2\xB7  " + ui.t("staff.listings.starts") + " " + l.start_date + "  \xC2\xB7  " +
                               ui.t("staff.listings.expires") + " " + l.expires;
      ui.text_at(ImVec2(rp.x + 2.4f * em, rp.y + 1.6f * em), line, FontRole::Small, flagged ? p.danger : p.text_muted, 0,
                 sel ? p.surface_alt : p.surface);
    }
    ry += rh;
  }
  ui.end_scroll(ry - o.y);

  // right: the selected listing, its checks and what can be done
  const ImVec2 dp(a.min.x + lw + 1.0f * em, y);
  const float dw = a.max.x - dp.x;
  ui.panel(dp, a.max, p.surface, p.border, 0.4f);
  const auto sel = selected_.empty() ? std::nullopt : listing_get(ctx.db, selected_);
  float dy = dp.y + 0.7f * em;
  const float dx = dp.x + 0.8f * em;
  const float tw = dw - 1.6f * em;
  if (!sel) {
    if (!message_.empty())  // what publishing did, or why it could not
      dy += ui.text_at(ImVec2(dx, dy), message_, FontRole::Bold, message_ok_ ? p.ok : p.danger, tw, p.surface).y + 0.8f * em;
    ui.text_at(ImVec2(dx, dy), ui.t("staff.listings.pick"), FontRole::Body, p.text_muted, tw, p.surface);
    return;
  }
  dy += ui.text_at(ImVec2(dx, dy), sel->title, FontRole::Heading, 0, tw, p.surface).y;
  dy += ui.text_at(ImVec2(dx, dy), sel->provider + ", " + sel->place + " (" + sel->la_code + ")", FontRole::Body, p.text_muted, tw, p.surface).y + 0.3f * em;
  for (const std::string& s : {sel->kind + "  \xC2\xB7  " + sel->duration + "  \xC2\xB7  level " + std::to_string(sel->level),
                               ui.t("staff.listings.need") + ": " + sel->requirements, sel->summary,
                               ui.tf("staff.listings.edited", {{"who", sel->edited_by}, {"status", sel->status}}) +
                                   (sel->approved_by.empty() ? "" : " " + ui.tf("staff.listings.approved_by", {{"who", sel->approved_by}}))})
    dy += ui.text_at(ImVec2(dx, dy), s, FontRole::Small, p.text, tw, p.surface).y + 0.25f * em;
  // the Welsh words a Welsh child will read: the approver sees them too (the safety check covers them)
  if (!sel->title_cy.empty() || !sel->summary_cy.empty() || !sel->requirements_cy.empty() || !sel->duration_cy.empty()) {
    std::string head = ui.t("staff.listings.welsh") + ": " + (sel->title_cy.empty() ? "-" : sel->title_cy);
    if (!sel->duration_cy.empty()) head += "  \xC2\xB7  " + sel->duration_cy;
    dy += ui.text_at(ImVec2(dx, dy), head, FontRole::Bold, p.text, tw, p.surface).y + 0.15f * em;
    for (const std::string* w : {&sel->requirements_cy, &sel->summary_cy})
      if (!w->empty()) dy += ui.text_at(ImVec2(dx, dy), *w, FontRole::Small, p.text, tw, p.surface).y + 0.25f * em;
  }
  // the checks
  const auto flags = safety_check(*sel);
  const auto problems = validate_listing(&ctx.db, *sel, today);
  for (const auto& f : flags) dy += ui.text_at(ImVec2(dx, dy), ui.t("staff.listings.flag") + " " + describe(f), FontRole::Small, p.danger, tw, p.surface).y;
  for (const auto& pr : problems) dy += ui.text_at(ImVec2(dx, dy), pr.message, FontRole::Small, p.danger, tw, p.surface).y;
  // edit / approve / retire
  const float by = a.max.y - bh - 0.8f * em;
  const bool can_approve = sel->status == "pending" && ctx.staff.has(Role::Approver) && sel->edited_by != ctx.staff.number &&
                           flags.empty() && problems.empty();
  std::string why_not;
  if (sel->status == "pending" && !can_approve) {
    if (!ctx.staff.has(Role::Approver)) why_not = ui.t("staff.listings.why.role");
    else if (sel->edited_by == ctx.staff.number) why_not = ui.t("staff.listings.why.own");
    else if (!flags.empty()) why_not = ui.t("staff.listings.why.flags");
    else why_not = ui.t("staff.listings.why.invalid");
  }
  if (!message_.empty())
    ui.text_at(ImVec2(dx, by - 2.6f * em), message_, FontRole::Bold, message_ok_ ? p.ok : p.danger, tw, p.surface);
  else if (!why_not.empty())
    ui.text_at(ImVec2(dx, by - 2.6f * em), why_not, FontRole::Bold, p.text_muted, tw, p.surface);
  const float third = (tw - 1.2f * em) / 3;
  if (sel->status != "retired") {
    ButtonOpts ed;
    ed.kind = ButtonKind::Secondary;
    ed.enabled = ctx.staff.has(Role::Education);
    if (ui.button_at(ui.t("staff.listings.edit") + "###staff.listings.edit", ImVec2(dx, by), ImVec2(third, bh), ed)) {
      start_edit(ctx, &*sel);
      return;
    }
  }
  if (sel->status == "pending") {
    ButtonOpts ap;
    ap.icon = Icon::Check;
    ap.enabled = can_approve;
    if (ui.button_at(ui.t("staff.listings.approve") + "###staff.listing.approve", ImVec2(dx + third + 0.6f * em, by),
                     ImVec2(third, bh), ap)) {
      const ApproveResult r = approve_listing(ctx.db, sel->id, ctx.staff, today, ctx.clock.now_s());
      message_ok_ = r.status == ApproveStatus::Ok;
      message_ = message_ok_ ? ui.t("staff.listings.approved") : r.reason;
    }
  }
  if (sel->status != "retired") {
    ButtonOpts re;
    re.kind = ButtonKind::Danger;
    re.icon = Icon::Cross;
    if (ui.button_at(ui.t("staff.listings.retire") + "###staff.listing.retire", ImVec2(dx + 2 * (third + 0.6f * em), by), ImVec2(third, bh), re)) {
      std::string err;
      message_ok_ = retire_listing(ctx.db, sel->id, ctx.staff, ctx.clock.now_s(), &err);
      message_ = message_ok_ ? ui.t("staff.listings.retired") : err;
    }
  }
}

}  // namespace waymark::kiosk

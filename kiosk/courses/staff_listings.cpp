#include "kiosk/courses/staff_listings.h"

#include <imgui.h>

#include <algorithm>

#include "core/curation.h"
#include "core/dates.h"
#include "kiosk/courses/courses_screens.h"

namespace waymark::kiosk {

using namespace ui;

void StaffListingsFeature::on_sign_out() {
  tab_ = "pending";
  selected_.clear();
  message_.clear();
}

void StaffListingsFeature::draw(Ui& ui, StaffContext& ctx) {
  screens::TopBarVM bar;
  bar.title = ui.t("staff.listings.title");
  bar.show_back = true;
  if (screens::draw_top_bar(ui, bar) == screens::TopBarIntent::Back) {
    ctx.nav.pop();
    return;
  }
  const screens::Area a = screens::content_area(ui);
  const float em = ui.em();
  const Palette& p = ui.pal();
  const CivilDate today = local_date(ctx.clock.now_s());

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

  // left: the rows
  if (rows.empty()) ui.text_at(ImVec2(a.min.x, y), ui.t("staff.listings.empty"), FontRole::Bold, p.text_muted, lw);
  const ImVec2 o = ui.begin_scroll("staff.listings", ImVec2(a.min.x, y), ImVec2(lw, a.max.y - y));
  float ry = o.y;
  const float rh = 3.4f * em;
  for (size_t i = 0; i < rows.size(); i++) {
    const Listing& l = rows[i];
    const ImVec2 rp(o.x, ry);
    if (ry + rh >= y - rh && ry <= a.max.y + rh) {
      const bool sel = l.id == selected_;
      ButtonOpts b;
      b.kind = ButtonKind::Ghost;
      if (ui.button_at(l.title + "###staff.listing." + std::to_string(i), rp, ImVec2(lw, rh), b)) {
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
  // approve / retire
  const float bh = 2.5f * em;
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
  const float half = (tw - 0.6f * em) / 2;
  if (sel->status == "pending") {
    ButtonOpts ap;
    ap.icon = Icon::Check;
    ap.enabled = can_approve;
    if (ui.button_at(ui.t("staff.listings.approve") + "###staff.listing.approve", ImVec2(dx, by), ImVec2(half, bh), ap)) {
      const ApproveResult r = approve_listing(ctx.db, sel->id, ctx.staff, today, ctx.clock.now_s());
      message_ok_ = r.status == ApproveStatus::Ok;
      message_ = message_ok_ ? ui.t("staff.listings.approved") : r.reason;
    }
  }
  if (sel->status != "retired") {
    ButtonOpts re;
    re.kind = ButtonKind::Danger;
    re.icon = Icon::Cross;
    if (ui.button_at(ui.t("staff.listings.retire") + "###staff.listing.retire", ImVec2(dx + half + 0.6f * em, by), ImVec2(half, bh), re)) {
      std::string err;
      message_ok_ = retire_listing(ctx.db, sel->id, ctx.staff, ctx.clock.now_s(), &err);
      message_ = message_ok_ ? ui.t("staff.listings.retired") : err;
    }
  }
}

}  // namespace waymark::kiosk

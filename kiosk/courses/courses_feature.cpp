#include "kiosk/courses/courses_feature.h"
#include "core/sync/wire.h"

#include <imgui.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/base/dates.h"
#include "core/messaging/history.h"
#include "core/messaging/outbox.h"
#include "core/base/secrets.h"
#include "kiosk/courses/courses_text.h"
#include "kiosk/plan/plan_feature.h"

namespace waymark::kiosk {

using namespace courses;

namespace {
const std::vector<std::string> kInterests = {"building", "cars", "food", "care", "sport", "digital", "outdoors", "creative"};
}

void CoursesFeature::on_sign_out() {
  wipe(search_);
  wipe(child_);
  wipe(open_id_);
  search_.clear();
  child_.clear();
  open_id_.clear();
  keyboard_open_ = false;
  kbd_ = {};
  kind_.clear();
  filters_ = {};
  screen_ = Screen::List;
  result_ = {};
  mine_.clear();
  flash_.clear();
  dirty_ = true;
}

void CoursesFeature::refresh(KioskContext& ctx) {
  MatchQuery q;
  q.child = ctx.child.number;
  q.release_la = ctx.child.release_la;
  q.release_date = ctx.child.release_date;
  q.today = local_date(ctx.clock.now_s());
  q.radius_km = filters_.further ? opt_.further_km : opt_.near_km;
  q.window_weeks = opt_.window_weeks;
  q.any_date = filters_.any_time;
  if (!kind_.empty()) q.kinds = {kind_};
  if (!filters_.interest.empty()) q.interests = {filters_.interest};
  q.max_level = filters_.max_level;
  q.search = search_;
  q.lang = searched_lang_ = ctx.session.lang();
  q.limit = opt_.max_cards;
  result_ = match_listings(ctx.db, q);
  mine_ = saved_listings(ctx.db, ctx.child.number, q.today);
  dirty_ = false;
}

CardVM CoursesFeature::card(const Words& w, const MatchedListing& m, CivilDate today) const {
  CardVM c;
  c.id = m.l.id;
  c.kind = m.l.kind;
  const ShownText title = listing_text(m.l, ListingText::Title, w.lang);
  c.title = title.text;
  c.title_lang = title.lang;
  c.in_english = title.fallback;
  c.line1 = m.l.provider + "  \xC2\xB7  " + where_line(w, m);
  std::string when;
  if (auto d = parse_date(m.l.start_date)) when = w.tf("catalogue.starts", {{"date", nice_date(w, *d, today)}});
  const ShownText dur = listing_text(m.l, ListingText::Duration, w.lang);
  c.line2 = dur.text.empty() ? when : when + "  \xC2\xB7  " + dur.text;
  c.saved = m.saved;
  c.asked = m.asked;
  return c;
}

bool CoursesFeature::asked_worker(KioskContext& ctx) const {
  for (const OutboxItem& o : own_records(ctx.db, ctx.child.number, "enquiry")) {
    const auto e = wire::parse_enquiry_text(o.body);
    const auto* q = e ? std::get_if<wire::WorkerQuestion>(&*e.value) : nullptr;
    if (q && q->topic == wire::kTopicReleaseArea) return true;
  }
  return false;
}

void CoursesFeature::draw(ui::Ui& ui, KioskContext& ctx) {
  // a different child, or back after being away: start from fresh data
  if (child_ != ctx.child.number) {
    on_sign_out();
    child_ = ctx.child.number;
  }
  if (ImGui::GetFrameCount() > last_frame_ + 1) dirty_ = true;
  if (!search_.empty() && ctx.session.lang() != searched_lang_) dirty_ = true;  // Welsh search finds mutated words
  last_frame_ = ImGui::GetFrameCount();
  if (dirty_) refresh(ctx);
  switch (screen_) {
    case Screen::List: draw_list(ui, ctx); break;
    case Screen::Filters: {
      FiltersVM vm = filters_;
      vm.interests = kInterests;
      switch (courses::draw_filters(ui, vm)) {
        case FiltersAction::Close: screen_ = Screen::List; break;
        case FiltersAction::Changed:
          filters_.further = vm.further;
          filters_.any_time = vm.any_time;
          filters_.max_level = vm.max_level;
          filters_.interest = vm.interest;
          dirty_ = true;
          break;
        case FiltersAction::Reset:
          filters_ = {};
          dirty_ = true;
          break;
        case FiltersAction::None: break;
      }
      break;
    }
    case Screen::Detail: draw_detail(ui, ctx); break;
    case Screen::MyList: draw_my_list(ui, ctx); break;
  }
}

void CoursesFeature::draw_list(ui::Ui& ui, KioskContext& ctx) {
  const Words w{ctx.strings, ui.lang()};
  const CivilDate today = local_date(ctx.clock.now_s());
  ListVM vm;
  ReasonInput ri;
  ri.area_known = result_.area_known;
  ri.area = ui.lang() == "cy" ? result_.area_name_cy : result_.area_name_en;
  if (ctx.child.release_date)
    if (auto rd = parse_date(*ctx.child.release_date); rd && *rd >= today) {
      ri.release_known = true;
      ri.release = *rd;
    }
  ri.further = filters_.further;
  ri.km = static_cast<int>(std::lround(opt_.further_km));
  ri.any_time = filters_.any_time;
  vm.reason = reason_line(w, ri);
  const int64_t n = result_.total;
  if (n == 1) vm.count_line = ui.t("catalogue.count_one");
  else if (n > static_cast<int64_t>(result_.items.size()))
    vm.count_line = ui.tf("catalogue.count_more", {{"shown", std::to_string(result_.items.size())}, {"count", std::to_string(n)}});
  else if (n > 1) vm.count_line = ui.tf("catalogue.count", {{"count", std::to_string(n)}});
  if (!result_.area_known) {
    vm.offer_ask_worker = true;
    vm.asked_worker = asked_worker(ctx);
    vm.notice = ui.t(vm.asked_worker ? "catalogue.area_unknown.asked" : "catalogue.area_unknown");
  }
  for (const auto& m : result_.items) vm.cards.push_back(card(w, m, today));
  if (vm.cards.empty()) {
    vm.empty_title = ui.t("catalogue.none.title");
    const bool narrowed = !kind_.empty() || !filters_.interest.empty() || filters_.max_level > 0;
    if (!search_.empty()) {
      vm.empty_body = ui.tf("catalogue.none.search", {{"text", search_}});
    } else if (narrowed || !result_.area_known) {
      vm.empty_body = ui.t("catalogue.none.filters");
      vm.offer_reset = true;
    } else {
      vm.empty_body = ui.tf("catalogue.none.near", {{"area", ri.area}});
      vm.offer_distance = !filters_.further;
      vm.offer_dates = !filters_.any_time;
      vm.offer_reset = filters_.further && filters_.any_time;
    }
  }
  vm.search = search_;
  vm.keyboard_open = keyboard_open_;
  vm.kind = kind_;
  vm.filters_on = (filters_.further ? 1 : 0) + (filters_.any_time ? 1 : 0) + (filters_.max_level ? 1 : 0) + (filters_.interest.empty() ? 0 : 1);
  vm.mylist_count = static_cast<int>(mine_.size());

  const ListIntent in = courses::draw_list(ui, vm, kbd_);
  switch (in.action) {
    case ListAction::None: break;
    case ListAction::Back:
      if (keyboard_open_) {
        keyboard_open_ = false;
      } else {
        ctx.nav.pop();
      }
      break;
    case ListAction::Open:
      open_id_ = in.arg;
      detail_from_ = Screen::List;
      screen_ = Screen::Detail;
      keyboard_open_ = false;
      flash_.clear();
      break;
    case ListAction::SearchOpen: keyboard_open_ = true; break;
    case ListAction::SearchDone: keyboard_open_ = false; break;
    case ListAction::SearchChanged:
      search_ = vm.search;
      dirty_ = true;
      break;
    case ListAction::SearchClear:
      wipe(search_);
      search_.clear();
      dirty_ = true;
      break;
    case ListAction::Kind:
      kind_ = in.arg;
      dirty_ = true;
      break;
    case ListAction::Filters: screen_ = Screen::Filters; break;
    case ListAction::MyList:
      screen_ = Screen::MyList;
      keyboard_open_ = false;
      dirty_ = true;
      break;
    case ListAction::WidenDistance:
      filters_.further = true;
      dirty_ = true;
      break;
    case ListAction::WidenDates:
      filters_.any_time = true;
      dirty_ = true;
      break;
    case ListAction::Reset:
      filters_ = {};
      kind_.clear();
      dirty_ = true;
      break;
    case ListAction::AskWorker:
      if (!asked_worker(ctx)) {
        wire::WorkerQuestion body;
        body.topic = wire::kTopicReleaseArea;
        body.question = "I do not know where I will live when I get out. Can you help me find out?";
        body.asked_at = ctx.clock.now_s();
        Txn txn(ctx.db);
        outbox_add(ctx.db, "enquiry", ctx.child.number, wire::body_text(body), ctx.clock.now_s());
        txn.commit();
      }
      break;
  }
}

void CoursesFeature::draw_detail(ui::Ui& ui, KioskContext& ctx) {
  const Words w{ctx.strings, ui.lang()};
  const CivilDate today = local_date(ctx.clock.now_s());
  DetailVM vm;
  const auto l = listing_get(ctx.db, open_id_);
  if (l) {
    vm.kind = l->kind;
    vm.kind_label = ui.t("catalogue.kind." + l->kind);
    const std::string& lang = ui.lang();
    const ShownText title = listing_text(*l, ListingText::Title, lang);
    vm.title = title.text;
    vm.title_lang = title.lang;
    vm.title_en = title.fallback;
    vm.provider = l->provider;
    MatchedListing m;
    m.l = *l;
    double km = -1;
    if (auto la = la_get(ctx.db, l->la_code)) {
      m.la_name_en = la->name_en;
      m.la_name_cy = la->name_cy.empty() ? la->name_en : la->name_cy;
      if (ctx.child.release_la)
        if (auto home = la_get(ctx.db, *ctx.child.release_la)) km = haversine_km(home->lat, home->lon, la->lat, la->lon);
    }
    vm.where = where_line(w, m);
    if (km >= 0)
      vm.where += ". " + (km < 5 ? ui.t("catalogue.distance.here")
                                 : ui.tf("catalogue.distance", {{"km", std::to_string(static_cast<int>(std::lround(km)))}})) + ".";
    if (auto d = parse_date(l->start_date)) vm.when = nice_date_long(w, *d, today) + ".";
    const ShownText dur = listing_text(*l, ListingText::Duration, lang);
    vm.how_long = dur.text;
    vm.how_long_lang = dur.lang;
    vm.how_long_en = dur.fallback && !title.fallback;
    const ShownText need = listing_text(*l, ListingText::Requirements, lang);
    if (need.text.empty()) {
      vm.need = ui.t("listing.need.nothing");
    } else {
      vm.need = need.text;
      vm.need_lang = need.lang;
      vm.need_en = need.fallback && !title.fallback;  // one marker under an English title says it for the whole listing
    }
    const ShownText what = listing_text(*l, ListingText::Summary, lang);
    vm.what = what.text;
    vm.what_lang = what.lang;
    vm.what_en = what.fallback && !title.fallback;
    if (l->level > 0) vm.level = ui.tf("catalogue.level", {{"level", std::to_string(l->level)}});
    vm.gone = !listing_showable(*l, today);
    vm.saved = is_saved(ctx.db, ctx.child.number, l->id);
    vm.state_kind = enquiry_state(ctx.db, ctx.child.number, l->id);
    vm.asked = !vm.state_kind.empty();
    if (vm.asked) {
      vm.state = ui.t("listing.state." + vm.state_kind);
      if (vm.state_kind == "waiting") vm.state_help = ui.t("listing.state.waiting.help");
      // where the worker has got to with it (My plan's application states), once they have said
      if (const auto app = plan::application_for(ctx.db, ctx.child.number, l->id)) vm.state_help = application_words(ui, *app);
    }
  } else {
    vm.kind_label = ui.t("catalogue.title");
    vm.gone = true;
  }
  const int64_t now = ctx.clock.now_s();
  switch (courses::draw_detail(ui, vm)) {
    case DetailAction::None: break;
    case DetailAction::Back:
      screen_ = detail_from_;
      dirty_ = true;
      break;
    case DetailAction::Save:
      set_saved(ctx.db, ctx.child.number, open_id_, true, now);
      dirty_ = true;
      break;
    case DetailAction::Unsave:
      set_saved(ctx.db, ctx.child.number, open_id_, false, now);
      dirty_ = true;
      break;
    case DetailAction::Interested: {
      const EnquiryResult r = express_interest(ctx.db, ctx.child.number, open_id_, today, now, ui.lang());
      if (!r.ok) flash_ = ui.t("listing.gone");
      dirty_ = true;
      break;
    }
  }
}

void CoursesFeature::draw_my_list(ui::Ui& ui, KioskContext& ctx) {
  const Words w{ctx.strings, ui.lang()};
  const CivilDate today = local_date(ctx.clock.now_s());
  MyListVM vm;
  for (const auto& m : mine_) {
    CardVM c = card(w, m, today);
    if (const auto app = plan::application_for(ctx.db, ctx.child.number, c.id)) c.line2 = application_words(ui, *app) + "  ·  " + c.line2;
    vm.cards.push_back(std::move(c));
  }
  const MyListIntent in = courses::draw_my_list(ui, vm);
  if (in.action == MyListIntent::Action::Back) {
    screen_ = Screen::List;
    dirty_ = true;
  } else if (in.action == MyListIntent::Action::Open) {
    open_id_ = in.id;
    detail_from_ = Screen::MyList;
    screen_ = Screen::Detail;
  }
}

}  // namespace waymark::kiosk

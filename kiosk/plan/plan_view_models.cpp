// kiosk/plan/plan_view_models.cpp: see plan_view_models.h.
#include "kiosk/plan/plan_view_models.h"

#include "core/base/dates.h"
#include "core/i18n/local_format.h"
#include "kiosk/plan/plan_feature.h"

namespace waymark::kiosk {

using plan::Pathway;

ui::Icon pathway_icon(Pathway p) {
  switch (p) {
    case Pathway::Accommodation: return ui::Icon::Home;
    case Pathway::Ete: return ui::Icon::Course;
    case Pathway::Health: return ui::Icon::Heart;
    case Pathway::Substance: return ui::Icon::Hand;
    case Pathway::Family: return ui::Icon::People;
    case Pathway::Money: return ui::Icon::Coin;
    case Pathway::Case: return ui::Icon::Staff;
  }
  return ui::Icon::None;
}

std::string pathway_title(const ui::Ui& ui, Pathway p) { return ui.t(std::string("plan.pathway.") + plan::pathway_code(p)); }

std::string date_words(const ui::Ui& ui, const std::string& iso) {
  const auto d = parse_date(iso);
  if (!d) return iso;
  return std::to_string(d->d) + " " + month_name(ui.lang(), d->m);
}

std::string application_words(const ui::Ui& ui, const plan::Application& a) {
  const std::string id = std::string("app.state.") + plan::application_state_code(a.state);
  if (a.state == plan::ApplicationState::Interview) return ui.tf(id, {{"date", date_words(ui, a.interview_on)}});
  std::string s = ui.t(id);
  if (a.state == plan::ApplicationState::NotThisTime && !a.reason.empty()) s += " " + a.reason;
  return s;
}

namespace {

bool late(const plan::Action& a, CivilDate today) {
  const auto due = parse_date(a.due);
  return a.state != plan::ActionState::Done && due && *due < today;
}

// Who is working on a pathway: the first action not done yet, else whoever saved the plan.
std::string working_owner(const ui::Ui& ui, const plan::Plan& p, const plan::PathwayPlan& pp) {
  for (const plan::Action& a : pp.actions)
    if (a.state != plan::ActionState::Done) return a.owner;
  return p.saved_by.empty() ? ui.t("plan.your_worker") : p.saved_by;
}

std::string arrangement_words(const ui::Ui& ui, const plan::Plan& p) {
  const plan::PathwayPlan& pp = p.at(Pathway::Accommodation);
  switch (p.arrangement.state) {
    case plan::ArrangementState::NotKnown: return ui.tf("plan.card.acc.not_known", {{"owner", working_owner(ui, p, pp)}});
    case plan::ArrangementState::BeingArranged:
      return ui.tf("plan.card.acc.being_arranged", {{"owner", working_owner(ui, p, pp)}});
    case plan::ArrangementState::Agreed:
      return ui.t(std::string("plan.card.acc.") + plan::place_kind_code(p.arrangement.kind.value_or(plan::PlaceKind::Other)));
  }
  return {};
}

std::string tile_state(const ui::Ui& ui, const plan::Plan& p, Pathway pw, const PlanFacts& f) {
  const plan::PathwayPlan& pp = p.at(pw);
  for (const plan::Action& a : pp.actions)
    if (late(a, f.today)) return ui.tf("plan.card.late", {{"owner", a.owner}});
  if (pw == Pathway::Accommodation) return arrangement_words(ui, p);
  if (pw == Pathway::Ete && !f.applications.empty()) {  // a confirmed place first, else the newest enquiry
    for (const plan::Application& a : f.applications)
      if (a.state == plan::ApplicationState::PlaceConfirmed) return ui.tf("plan.card.ete.confirmed", {{"title", a.title}});
    return f.applications.front().title + ": " + application_words(ui, f.applications.front());
  }
  if (pp.empty()) return ui.t("plan.card.empty");
  if (!pp.actions.empty()) {
    size_t done = 0;
    for (const plan::Action& a : pp.actions) done += a.state == plan::ActionState::Done ? 1 : 0;
    if (done == pp.actions.size()) return ui.t("plan.card.all_done");
    if (done == 0)
      return ui.tf("plan.card.to_do", {{"count", std::to_string(pp.actions.size())}, {"owner", working_owner(ui, p, pp)}});
    return ui.tf("plan.card.progress", {{"done", std::to_string(done)}, {"count", std::to_string(pp.actions.size())}});
  }
  return ui.t(pp.goal.empty() ? "plan.card.read" : "plan.card.goal");
}

screens::ActionVM action_vm(const ui::Ui& ui, const plan::Action& a, CivilDate today) {
  screens::ActionVM vm;
  vm.what = a.what;
  vm.done = a.state == plan::ActionState::Done;
  const std::string when = a.due.empty() ? ui.t("plan.action.no_date") : ui.tf("plan.action.by", {{"date", date_words(ui, a.due)}});
  vm.meta = ui.tf("plan.action.who", {{"owner", a.owner}}) + "  ·  " + when + "  ·  " +
            ui.t(std::string("plan.action.") + plan::action_state_code(a.state));
  if (late(a, today)) vm.alert = ui.tf("plan.action.late", {{"date", date_words(ui, a.due)}, {"owner", a.owner}});
  else if (a.state == plan::ActionState::Stuck) vm.alert = ui.tf("plan.action.stuck_help", {{"owner", a.owner}});
  return vm;
}

std::string answer_line(const ui::Ui& ui, const plan::SentAnswer& s, int64_t current_version) {
  std::string line = s.answer == plan::Answer::Agree ? ui.t("plan.answer.agree")
                     : s.answer == plan::Answer::Talk ? ui.t("plan.answer.talk")
                                                      : ui.tf("plan.answer.own_goal", {{"text", s.text}});
  line += "  ·  " + ui.t("messages.state." + s.state);
  if (s.plan_version < current_version) line += "  ·  " + ui.t("plan.answer.older");
  return line;
}

}  // namespace

screens::PlanVM plan_vm(const ui::Ui& ui, const plan::Plan* p, const PlanFacts& f, const plan::PlanChanges& changed) {
  screens::PlanVM vm;
  if (!p) return vm;
  vm.have_plan = true;
  const std::string saved_on = p->saved_at > 0 ? date_words(ui, format_date(local_date(p->saved_at))) : std::string();
  vm.saved_line = ui.tf("plan.saved_by", {{"name", p->saved_by.empty() ? ui.t("plan.your_worker") : p->saved_by}, {"date", saved_on}});
  for (Pathway pw : plan::kPathways) {
    screens::PathwayTileVM t;
    t.code = plan::pathway_code(pw);
    t.title = pathway_title(ui, pw);
    t.icon = pathway_icon(pw);
    t.state = tile_state(ui, *p, pw, f);
    for (Pathway c : changed.pathways) t.changed = t.changed || c == pw;
    vm.tiles.push_back(std::move(t));
  }
  const screens::DayOutVM d = dayout_vm(ui, p, f.today);
  vm.dayout_line = d.have ? d.date_line + (d.countdown.empty() ? "" : ". " + d.countdown) : ui.t("plan.dayout.none");
  vm.dayout_changed = changed.day_out;
  return vm;
}

screens::PathwayVM pathway_vm(const ui::Ui& ui, const plan::Plan* p, Pathway pw, const PlanFacts& f) {
  screens::PathwayVM vm;
  vm.title = pathway_title(ui, pw);
  vm.icon = pathway_icon(pw);
  vm.can_answer = p != nullptr;
  if (!p) return vm;
  const plan::PathwayPlan& pp = p->at(pw);
  vm.goal = pp.goal;
  vm.now = pp.now;
  if (pw == Pathway::Accommodation) vm.arrangement = arrangement_words(ui, *p);
  for (const plan::Action& a : pp.actions) vm.actions.push_back(action_vm(ui, a, f.today));
  if (pw == Pathway::Ete)
    for (const plan::Application& a : f.applications) vm.places.push_back(a.title + ": " + application_words(ui, a));
  for (const plan::SentAnswer& s : f.answers)
    if (s.pathway == pw) vm.answers.push_back(answer_line(ui, s, p->version));
  return vm;
}

screens::DayOutVM dayout_vm(const ui::Ui& ui, const plan::Plan* p, CivilDate today) {
  screens::DayOutVM vm;
  if (!p || !p->day_out) return vm;
  const plan::DayOut& d = *p->day_out;
  const auto date = parse_date(d.date);
  if (!date) return vm;
  vm.have = true;
  auto at = [&](const std::string& iso, const std::string& hhmm) {
    const auto day = parse_date(iso);
    std::string s = day ? format_date_short(ui.lang(), *day) : iso;
    if (plan::valid_hhmm(hhmm)) {
      const int mins = std::stoi(hhmm.substr(0, 2)) * 60 + std::stoi(hhmm.substr(3, 2));
      s = s.empty() ? format_time(ui.lang(), mins) : ui.tf("plan.dayout.at", {{"date", s}, {"time", format_time(ui.lang(), mins)}});
    }
    return s;
  };
  vm.date_line = at(d.date, d.time);
  const int64_t days = days_between(today, *date);
  if (days > 13) vm.countdown = ui.tf("plan.dayout.weeks", {{"weeks", std::to_string(days / 7)}});
  else if (days > 1) vm.countdown = ui.tf("plan.dayout.days", {{"days", std::to_string(days)}});
  else if (days == 1) vm.countdown = ui.t("plan.dayout.tomorrow");
  else if (days == 0) vm.countdown = ui.t("plan.dayout.today");
  auto row = [&](const char* label, const std::string& value) {
    if (!value.empty()) vm.rows.push_back({ui.t(label), value});
  };
  row("plan.dayout.who", d.who_meets);
  row("plan.dayout.where", d.meet_where);
  row("plan.dayout.first", d.where_first);
  std::string appt = d.first.who;
  for (const std::string& part : {d.first.where, at(d.first.date, d.first.time)})
    if (!part.empty()) appt += (appt.empty() ? "" : ", ") + part;
  row("plan.dayout.appointment", appt);
  vm.bring = d.bring;
  return vm;
}

}  // namespace waymark::kiosk

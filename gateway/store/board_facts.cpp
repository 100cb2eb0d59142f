#include "gateway/store/board_facts.h"

#include <map>
#include <tuple>

#include <nlohmann/json.hpp>

#include "gateway/store/database.h"
#include "gateway/store/establishments.h"

namespace waymark::gateway {

using report::LocalTime;

namespace {

// Unix ms at the start of a day, widened by two days either way so no local time zone can move an event out.
int64_t day_ms(CivilDate d, int days_later) { return (days_from_civil(d) + days_later) * 86'400'000LL; }

int minutes_of(const std::string& hhmm) {
  if (hhmm.size() != 5 || hhmm[2] != ':') return 0;  // a meeting with no time: counted from the start of its day
  return ((hhmm[0] - '0') * 10 + (hhmm[1] - '0')) * 60 + (hhmm[3] - '0') * 10 + (hhmm[4] - '0');
}

// Children in scope: number -> index in f.children. Each is named with their establishment ("Brookfield YOI,
// BRK"), so the report by establishment has a row for each; an establishment scope reads only its own.
std::map<std::string, size_t> read_children(Db& db, const BoardScope& scope, const std::string& yot, report::Facts& f) {
  const std::string only_est = scope.kind == BoardScope::Kind::Establishment ? scope.value : "";
  // A child's YOT: the organisation of the worker allocated to them (an allowed contact first; a released
  // child whose contact was revoked keeps the YOT of the worker they had).
  Stmt s(db,
         "SELECT ch.number, ch.release_date, (SELECT w.org FROM contacts c JOIN workers w ON w.id = c.worker_id "
         "WHERE c.child = ch.number ORDER BY c.allowed DESC, w.id LIMIT 1), e.name, e.code FROM children ch "
         "JOIN establishments e ON e.id = ch.establishment_id WHERE (:all = 1 OR e.code = :est) ORDER BY ch.number");
  s.bind(":all", only_est.empty() ? 1 : 0).bind(":est", only_est);
  std::map<std::string, size_t> index;
  while (s.step()) {
    const std::string child_yot = s.is_null(2) ? "" : s.text(2);
    if (!yot.empty() && child_yot != yot) continue;
    report::ChildFact c;
    c.establishment = s.text(3) + ", " + s.text(4);
    c.yot = child_yot;
    if (!s.is_null(1)) c.release = parse_date(s.text(1));
    index[s.text(0)] = f.children.size();
    f.children.push_back(std::move(c));
  }
  return index;
}

// The heading's establishment: the one a scope names or the only one there is ("Brookfield YOI, BRK"), else
// how many ("3 establishments"; each has its own row when grouped by establishment).
std::string heading_establishments(Db& db, const BoardScope& scope) {
  const auto all = list_establishments(db);
  for (const Establishment& e : all)
    if ((scope.kind == BoardScope::Kind::Establishment && e.code == scope.value) || all.size() == 1) return e.name + ", " + e.code;
  return std::to_string(all.size()) + " establishments";
}

// The first My Views for each meeting (same child, kind and day) and when the worker first opened one.
struct ViewsSeen {
  std::optional<int64_t> sent_ms, read_ms;
};
std::map<std::tuple<std::string, std::string, std::string>, ViewsSeen> read_views(Db& db) {
  std::map<std::tuple<std::string, std::string, std::string>, ViewsSeen> out;
  Stmt s(db, "SELECT child, body, received_at, read_at FROM records WHERE kind = 'myviews' AND status = 'accepted'");
  while (s.step()) {
    const nlohmann::json body = nlohmann::json::parse(s.text(1), nullptr, false);
    if (!body.is_object() || !body.contains("meeting") || !body["meeting"].is_object()) continue;
    const nlohmann::json& m = body["meeting"];
    if (!m.value("type", nlohmann::json()).is_string() || !m.value("starts_at", nlohmann::json()).is_number_integer()) continue;
    const std::string day = format_date(local_date(m["starts_at"].get<int64_t>()));
    ViewsSeen& v = out[{s.text(0), m["type"].get<std::string>(), day}];
    if (!v.sent_ms || s.i64(2) < *v.sent_ms) v.sent_ms = s.i64(2);
    if (!s.is_null(3) && (!v.read_ms || s.i64(3) < *v.read_ms)) v.read_ms = s.i64(3);
  }
  return out;
}

void read_meetings(Db& db, const std::map<std::string, size_t>& index, report::Facts& f) {
  const auto views = read_views(db);
  Stmt s(db, "SELECT child, kind, date, time, cancelled FROM meetings ORDER BY date, time, id");
  while (s.step()) {
    const auto it = index.find(s.text(0));
    const auto day = parse_date(s.text(2));
    if (it == index.end() || !day) continue;
    report::MeetingFact m{it->second, s.text(1), LocalTime{*day, minutes_of(s.text(3))}, s.i64(4) != 0, std::nullopt, std::nullopt};
    if (const auto v = views.find({s.text(0), s.text(1), s.text(2)}); v != views.end()) {
      if (v->second.sent_ms) m.views_sent = local_time_at(*v->second.sent_ms);
      if (v->second.read_ms) m.views_read = local_time_at(*v->second.read_ms);
    }
    f.meetings.push_back(m);
  }
}

// A child's messages in the period, each with the worker's next reply to that child.
void read_messages(Db& db, const std::map<std::string, size_t>& index, const report::Period& p, report::Facts& f) {
  Stmt s(db,
         "SELECT r.child, r.received_at, (SELECT min(w.sent_at) FROM worker_messages w WHERE w.child = r.child AND "
         "w.worker_id = r.worker_id AND w.sent_at >= r.received_at) FROM records r WHERE r.kind = 'message' AND "
         "r.status = 'accepted' AND r.received_at >= :lo AND r.received_at < :hi ORDER BY r.rec_seq");
  s.bind(":lo", day_ms(p.from, -2)).bind(":hi", day_ms(p.to, 3));
  while (s.step()) {
    const auto it = index.find(s.text(0));
    if (it == index.end()) continue;
    report::AskFact a{it->second, s.i64(1), local_time_at(s.i64(1)), std::nullopt, std::nullopt};
    if (!s.is_null(2)) {
      a.answered_ms = s.i64(2);
      a.answered = local_time_at(s.i64(2));
    }
    f.messages.push_back(a);
  }
}

bool table_exists(Db& db, const char* name) {
  // Each engine's catalogue: SQLite's sqlite_master, PostgreSQL's to_regclass.
  Stmt s(db, db.backend() ? "SELECT 1 WHERE to_regclass(:n) IS NOT NULL"
                          : "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :n");
  s.bind(":n", name);
  return s.step();
}

// "I'm interested" in a listing (an enquiry with no topic; a question to the worker has one). The worker's
// first step on it is the first state they set for that listing after it came (enquiry_states, from "My
// plan", gateway migration 104), when this gateway keeps them.
void read_enquiries(Db& db, const std::map<std::string, size_t>& index, const report::Period& p, bool plan, report::Facts& f) {
  Stmt s(db,
         "SELECT child, received_at, body FROM records WHERE kind = 'enquiry' AND status = 'accepted' AND "
         "received_at >= :lo AND received_at < :hi ORDER BY rec_seq");
  s.bind(":lo", day_ms(p.from, -2)).bind(":hi", day_ms(p.to, 3));
  while (s.step()) {
    const auto it = index.find(s.text(0));
    if (it == index.end()) continue;
    const nlohmann::json body = nlohmann::json::parse(s.text(2), nullptr, false);
    if (!body.is_object() || body.contains("topic")) continue;
    report::AskFact a{it->second, s.i64(1), local_time_at(s.i64(1)), std::nullopt, std::nullopt};
    if (plan && body.value("listing_id", nlohmann::json()).is_string()) {
      Stmt step(db, "SELECT min(set_at) FROM enquiry_states WHERE child = :c AND listing_id = :l AND set_at >= :at");
      step.bind(":c", s.text(0)).bind(":l", body["listing_id"].get<std::string>()).bind(":at", s.i64(1));
      if (step.step() && !step.is_null(0)) {
        a.answered_ms = step.i64(0);
        a.answered = local_time_at(step.i64(0));
      }
    }
    f.enquiries.push_back(a);
  }
}

// From "My plan" (gateway migration 104): the day somewhere to live was agreed (the newest plan version's
// accommodation arrangement, agreed_on as the worker recorded it) and the day a place was first confirmed
// (the first place_confirmed of an application whose newest state is still place_confirmed).
void read_plan_dates(Db& db, const std::map<std::string, size_t>& index, report::Facts& f) {
  Stmt v(db, "SELECT child, body FROM plan_versions p WHERE version = (SELECT max(version) FROM plan_versions q WHERE q.child = p.child)");
  while (v.step()) {
    const auto it = index.find(v.text(0));
    if (it == index.end()) continue;
    const nlohmann::json body = nlohmann::json::parse(v.text(1), nullptr, false);
    const nlohmann::json::json_pointer ptr("/pathways/accommodation/arrangement");
    if (!body.is_object() || !body.contains(ptr) || !body[ptr].is_object()) continue;
    const nlohmann::json& arr = body[ptr];
    if (arr.value("state", "") == "agreed" && arr.value("agreed_on", nlohmann::json()).is_string())
      f.children[it->second].accommodation_agreed = parse_date(arr["agreed_on"].get<std::string>());
  }
  Stmt e(db,
         "SELECT child, min(set_at) FROM enquiry_states s WHERE state = 'place_confirmed' AND 'place_confirmed' = "
         "(SELECT state FROM enquiry_states n WHERE n.child = s.child AND n.listing_id = s.listing_id ORDER BY seq DESC LIMIT 1) "
         "GROUP BY child");
  while (e.step()) {
    const auto it = index.find(e.text(0));
    if (it != index.end()) f.children[it->second].ete_confirmed = local_date(e.i64(1) / 1000);
  }
}

// Plan actions, each as its history ends: its owner and date as last written, done on the day its last run of
// "done" began (an action taken out of the plan is left out).
void read_actions(Db& db, const std::map<std::string, size_t>& index, report::Facts& f) {
  struct Open {
    size_t child = 0;
    std::string owner, due, state;
    std::optional<int64_t> done_at;
  };
  std::map<std::tuple<std::string, std::string, std::string>, Open> acts;
  Stmt s(db, "SELECT child, pathway, action_id, state, owner, due, at FROM plan_action_history ORDER BY seq");
  while (s.step()) {
    const auto it = index.find(s.text(0));
    if (it == index.end()) continue;
    Open& a = acts[{s.text(0), s.text(1), s.text(2)}];
    const std::string state = s.text(3);
    if (state == "done" && a.state != "done") a.done_at = s.i64(6);
    if (state != "done") a.done_at.reset();
    a = Open{it->second, s.text(4), s.text(5), state, a.done_at};
  }
  for (const auto& [key, a] : acts) {
    const auto due = parse_date(a.due);
    if (a.state == "removed" || !due) continue;  // no date: nothing to be on time for
    f.actions.push_back(report::ActionFact{a.child, a.owner, *due,
                                           a.done_at ? std::optional<CivilDate>(local_date(*a.done_at / 1000)) : std::nullopt});
  }
}

}  // namespace

LocalTime local_time_at(int64_t ms) { return LocalTime{local_date(ms / 1000), local_minutes_of_day(ms / 1000)}; }

report::Facts read_board_facts(Db& db, const BoardScope& scope, const std::string& yot, const report::Period& p) {
  report::Facts f;
  const std::string only = !yot.empty() ? yot : scope.kind == BoardScope::Kind::Yot ? scope.value : "";
  const auto index = read_children(db, scope, only, f);
  read_meetings(db, index, f);
  read_messages(db, index, p, f);
  f.plan_recorded = table_exists(db, "plan_versions") && table_exists(db, "plan_action_history") && table_exists(db, "enquiry_states");
  read_enquiries(db, index, p, f.plan_recorded, f);
  if (f.plan_recorded) {
    read_plan_dates(db, index, f);
    read_actions(db, index, f);
  }
  return f;
}

BoardReport board_report(Db& db, const BoardScope& scope, const std::string& yot, const report::Period& p, report::GroupBy by,
                         int64_t now_ms) {
  BoardReport b;
  b.report = report::build_report(read_board_facts(db, scope, yot, p), p, by, local_time_at(now_ms));
  b.heading.establishment = heading_establishments(db, scope);
  const std::string only = !yot.empty() ? yot : scope.kind == BoardScope::Kind::Yot ? scope.value : "";
  b.heading.scope = only.empty() ? "All YOTs" : only;
  return b;
}

}  // namespace waymark::gateway

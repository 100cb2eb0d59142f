// core/plan/plan_json.cpp: the plan's JSON form (docs/plan-format.md). Reading is strict and all-or-nothing: the
// first problem refuses the whole plan with a reason that names the field, so neither the gateway nor the kiosk
// ever keeps half a plan.
#include <algorithm>
#include <initializer_list>
#include <set>
#include <stdexcept>

#include "core/base/dates.h"
#include "core/base/json_limits.h"
#include "core/base/text.h"
#include "core/plan/plan.h"

namespace waymark::plan {

using nlohmann::json;

namespace {

struct Refusal : std::runtime_error {
  using std::runtime_error::runtime_error;
};
[[noreturn]] void refuse(const std::string& where, const std::string& why) { throw Refusal(where + ": " + why); }

std::string join(const std::string& at, const std::string& k) { return at.empty() ? k : at + "." + k; }

void need_object(const json& j, const std::string& at) {
  if (!j.is_object()) refuse(at.empty() ? "plan" : at, "must be a JSON object");
}
void only_keys(const json& j, const std::string& at, std::initializer_list<const char*> keys) {
  for (auto it = j.begin(); it != j.end(); ++it)
    if (std::none_of(keys.begin(), keys.end(), [&](const char* k) { return it.key() == k; }))
      refuse(join(at, it.key()), "not a field of the plan here");
}

// Text: absent or null reads as empty; valid UTF-8, no control characters (a newline only where allowed),
// at most max code points.
std::string text(const json& j, const std::string& at, const char* k, size_t max, bool newlines = false) {
  auto it = j.find(k);
  if (it == j.end() || it->is_null()) return {};
  const std::string where = join(at, k);
  if (!it->is_string()) refuse(where, "must be text");
  const std::string s = it->get<std::string>();
  if (!utf8_valid(s)) refuse(where, "is not valid UTF-8 text");
  if (std::any_of(s.begin(), s.end(), [&](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && !(newlines && c == '\n')) || u == 0x7f;
      }))
    refuse(where, "must not hold control characters");
  const size_t n = utf8_length(s);
  if (n > max) refuse(where, "is too long (" + std::to_string(n) + " characters, at most " + std::to_string(max) + ")");
  return s;
}
std::string date(const json& j, const std::string& at, const char* k, bool required) {
  const std::string s = text(j, at, k, 40);
  if (s.empty()) {
    if (required) refuse(join(at, k), "missing (a date, YYYY-MM-DD)");
    return s;
  }
  if (!parse_date(s)) refuse(join(at, k), "\"" + s + "\" is not a date (YYYY-MM-DD)");
  return s;
}
std::string hhmm(const json& j, const std::string& at, const char* k) {
  const std::string s = text(j, at, k, 40);
  if (!s.empty() && !valid_hhmm(s)) refuse(join(at, k), "\"" + s + "\" is not a time (HH:MM, 24-hour)");
  return s;
}
int64_t whole(const json& j, const std::string& at, const char* k) {
  auto it = j.find(k);
  if (it == j.end() || it->is_null()) return 0;
  if (!it->is_number_integer() || it->get<int64_t>() < 0) refuse(join(at, k), "must be a whole number, 0 or more");
  return it->get<int64_t>();
}
const json* list(const json& j, const std::string& at, const char* k, size_t max) {
  auto it = j.find(k);
  if (it == j.end() || it->is_null()) return nullptr;
  if (!it->is_array()) refuse(join(at, k), "must be a list");
  if (it->size() > max) refuse(join(at, k), "has too many entries (at most " + std::to_string(max) + ")");
  return &*it;
}
template <class E, class F>
E code(const json& j, const std::string& at, const char* k, F parse, const char* allowed) {
  auto it = j.find(k);
  if (it == j.end() || it->is_null()) refuse(join(at, k), std::string("missing (") + allowed + ")");
  if (!it->is_string()) refuse(join(at, k), std::string("must be one of ") + allowed);
  const auto v = parse(it->get<std::string>());
  if (!v) refuse(join(at, k), "\"" + it->get<std::string>() + "\" is not one of " + allowed);
  return *v;
}

constexpr const char* kStates = "to_do, doing, done, stuck";

ActionEvent read_event(const json& j, const std::string& at) {
  need_object(j, at);
  only_keys(j, at, {"on", "state", "by", "note"});
  ActionEvent e;
  e.on = date(j, at, "on", true);
  e.state = code<ActionState>(j, at, "state", parse_action_state, kStates);
  e.by = text(j, at, "by", kMaxOwnerChars);
  e.note = text(j, at, "note", kMaxNoteChars);
  return e;
}

Action read_action(const json& j, const std::string& at) {
  need_object(j, at);
  only_keys(j, at, {"id", "what", "owner", "due", "state", "history"});
  Action a;
  a.id = text(j, at, "id", 40);
  if (a.id.empty()) refuse(join(at, "id"), "missing (a short id such as \"a1\", kept from version to version)");
  a.what = text(j, at, "what", kMaxWhatChars, true);
  if (a.what.empty()) refuse(join(at, "what"), "missing (what will be done)");
  a.owner = text(j, at, "owner", kMaxOwnerChars);
  if (a.owner.empty()) refuse(join(at, "owner"), "missing (who will do it)");
  a.due = date(j, at, "due", false);
  a.state = code<ActionState>(j, at, "state", parse_action_state, kStates);
  if (const json* h = list(j, at, "history", kMaxHistory))
    for (size_t i = 0; i < h->size(); ++i) a.history.push_back(read_event((*h)[i], join(at, "history") + "[" + std::to_string(i) + "]"));
  return a;
}

Arrangement read_arrangement(const json& j, const std::string& at) {
  need_object(j, at);
  only_keys(j, at, {"state", "kind", "agreed_on"});
  Arrangement a;
  a.state = code<ArrangementState>(j, at, "state", parse_arrangement, "not_known, being_arranged, agreed");
  if (a.state == ArrangementState::Agreed) {
    a.kind = code<PlaceKind>(j, at, "kind", parse_place_kind,
                             "family, foster, supported_lodgings, childrens_home, own_tenancy, other");
    a.agreed_on = date(j, at, "agreed_on", true);
  } else if ((j.contains("kind") && !j["kind"].is_null()) || (j.contains("agreed_on") && !j["agreed_on"].is_null())) {
    refuse(at, "a kind of place and the date it was agreed belong only to an agreed place");
  }
  return a;
}

void read_pathway(const json& j, const std::string& at, Pathway p, Plan& plan) {
  need_object(j, at);
  if (p == Pathway::Accommodation) only_keys(j, at, {"now", "goal", "actions", "arrangement"});
  else only_keys(j, at, {"now", "goal", "actions"});
  PathwayPlan& pp = plan.at(p);
  pp.now = text(j, at, "now", kMaxNowChars, true);
  pp.goal = text(j, at, "goal", kMaxGoalChars, true);
  std::set<std::string> ids;
  if (const json* acts = list(j, at, "actions", kMaxActions))
    for (size_t i = 0; i < acts->size(); ++i) {
      const std::string where = join(at, "actions") + "[" + std::to_string(i) + "]";
      Action a = read_action((*acts)[i], where);
      if (!ids.insert(a.id).second) refuse(join(where, "id"), "\"" + a.id + "\" is used twice in this pathway");
      pp.actions.push_back(std::move(a));
    }
  if (p == Pathway::Accommodation && j.contains("arrangement") && !j["arrangement"].is_null())
    plan.arrangement = read_arrangement(j["arrangement"], join(at, "arrangement"));
}

DayOut read_day_out(const json& j, const std::string& at) {
  need_object(j, at);
  only_keys(j, at, {"date", "time", "who_meets", "meet_where", "where_first", "first_appointment", "bring"});
  DayOut d;
  d.date = date(j, at, "date", true);
  d.time = hhmm(j, at, "time");
  d.who_meets = text(j, at, "who_meets", kMaxShortChars);
  d.meet_where = text(j, at, "meet_where", kMaxShortChars);
  d.where_first = text(j, at, "where_first", kMaxShortChars);
  if (j.contains("first_appointment") && !j["first_appointment"].is_null()) {
    const std::string fa = join(at, "first_appointment");
    const json& f = j["first_appointment"];
    need_object(f, fa);
    only_keys(f, fa, {"who", "where", "date", "time"});
    d.first.who = text(f, fa, "who", kMaxShortChars);
    d.first.where = text(f, fa, "where", kMaxShortChars);
    d.first.date = date(f, fa, "date", false);
    d.first.time = hhmm(f, fa, "time");
  }
  if (const json* b = list(j, at, "bring", kMaxBring))
    for (size_t i = 0; i < b->size(); ++i) {
      const json wrap = json{{"item", (*b)[i]}};
      std::string item = text(wrap, join(at, "bring") + "[" + std::to_string(i) + "]", "item", kMaxBringChars);
      if (!item.empty()) d.bring.push_back(std::move(item));
    }
  return d;
}

Plan read_plan(const json& j) {
  need_object(j, "");
  only_keys(j, "", {"v", "version", "saved_by", "saved_at", "pathways", "day_out"});
  const int64_t v = j.contains("v") ? whole(j, "", "v") : 1;
  if (v < 1) refuse("v", "must be 1 or more");
  if (v > kPlanFormatVersion) refuse("v", "written by a newer version (" + std::to_string(v) + ") than this one understands");
  Plan p;
  p.version = whole(j, "", "version");
  p.saved_by = text(j, "", "saved_by", kMaxShortChars);
  p.saved_at = whole(j, "", "saved_at");
  if (j.contains("pathways") && !j["pathways"].is_null()) {
    const json& ps = j["pathways"];
    need_object(ps, "pathways");
    for (auto it = ps.begin(); it != ps.end(); ++it) {
      const auto pw = parse_pathway(it.key());
      if (!pw) refuse(join("pathways", it.key()), "not a pathway (accommodation, ete, health, substance, family, money, case)");
      read_pathway(it.value(), join("pathways", it.key()), *pw, p);
    }
  }
  if (j.contains("day_out") && !j["day_out"].is_null()) p.day_out = read_day_out(j["day_out"], "day_out");
  return p;
}

void put(json& j, const char* k, const std::string& v) {
  if (!v.empty()) j[k] = v;
}

}  // namespace

ParsedPlan parse_plan(const json& j) {
  ParsedPlan out;
  try {
    out.plan = read_plan(j);
  } catch (const std::exception& e) {  // Refusal, or nlohmann's own for a shape not foreseen
    out.plan.reset();
    out.error = e.what();
  }
  return out;
}

ParsedPlan parse_plan_text(std::string_view t) {
  const json j = parse_json_limited(t);
  if (j.is_discarded()) return ParsedPlan{std::nullopt, "plan: not JSON (or nested too deep)"};
  return parse_plan(j);
}

json plan_to_json(const Plan& p) {
  json j = json{{"v", kPlanFormatVersion}, {"version", p.version}, {"saved_at", p.saved_at}};
  put(j, "saved_by", p.saved_by);
  json ps = json::object();
  for (const PathwayPlan& pp : p.pathways) {
    json o = json::object();
    put(o, "now", pp.now);
    put(o, "goal", pp.goal);
    if (!pp.actions.empty()) {
      json acts = json::array();
      for (const Action& a : pp.actions) {
        json ja = json{{"id", a.id}, {"what", a.what}, {"owner", a.owner}, {"state", action_state_code(a.state)}};
        put(ja, "due", a.due);
        if (!a.history.empty()) {
          json h = json::array();
          for (const ActionEvent& e : a.history) {
            json je = json{{"on", e.on}, {"state", action_state_code(e.state)}};
            put(je, "by", e.by);
            put(je, "note", e.note);
            h.push_back(std::move(je));
          }
          ja["history"] = std::move(h);
        }
        acts.push_back(std::move(ja));
      }
      o["actions"] = std::move(acts);
    }
    if (pp.pathway == Pathway::Accommodation) {
      json a = json{{"state", arrangement_code(p.arrangement.state)}};
      if (p.arrangement.kind) a["kind"] = place_kind_code(*p.arrangement.kind);
      put(a, "agreed_on", p.arrangement.agreed_on);
      o["arrangement"] = std::move(a);
    }
    if (!o.empty()) ps[pathway_code(pp.pathway)] = std::move(o);
  }
  j["pathways"] = std::move(ps);
  if (p.day_out) {
    const DayOut& d = *p.day_out;
    json o = json{{"date", d.date}};
    put(o, "time", d.time);
    put(o, "who_meets", d.who_meets);
    put(o, "meet_where", d.meet_where);
    put(o, "where_first", d.where_first);
    json f = json::object();
    put(f, "who", d.first.who);
    put(f, "where", d.first.where);
    put(f, "date", d.first.date);
    put(f, "time", d.first.time);
    if (!f.empty()) o["first_appointment"] = std::move(f);
    if (!d.bring.empty()) o["bring"] = d.bring;
    j["day_out"] = std::move(o);
  }
  return j;
}

}  // namespace waymark::plan

// core/sync/wire_plan.cpp: the wire bodies of "My plan" (issue 15): the child's answer going up, the plan and an
// enquiry's application state coming down. Kept apart from wire.cpp so the plan's bodies change in one place.
#include <algorithm>

#include "core/base/dates.h"
#include "core/base/text.h"
#include "core/plan/application.h"
#include "core/sync/wire.h"

namespace waymark::wire {

using nlohmann::json;

namespace {

[[noreturn]] void refuse(const std::string& what) { throw WireError(what); }

std::string get_text(const json& j, const char* k, bool required) {
  auto it = j.find(k);
  if (it == j.end() || it->is_null()) {
    if (required) refuse(std::string(k) + ": missing");
    return {};
  }
  if (!it->is_string()) refuse(std::string(k) + ": must be text");
  return it->get<std::string>();
}
int64_t get_int(const json& j, const char* k, bool required) {
  auto it = j.find(k);
  if (it == j.end() || it->is_null()) {
    if (required) refuse(std::string(k) + ": missing");
    return 0;
  }
  if (!it->is_number_integer()) refuse(std::string(k) + ": must be a whole number");
  return it->get<int64_t>();
}
int read_version(const json& j) {
  const int64_t v = j.contains("v") ? get_int(j, "v", true) : 1;
  if (v < 1) refuse("v: must be 1 or more");
  if (v > kWireVersion) refuse("v: written by a newer version (" + std::to_string(v) + ") than this one understands");
  return static_cast<int>(v);
}
void check_text(const std::string& s, const char* k, size_t max) {
  if (!utf8_valid(s) || utf8_length(s) > max)
    refuse(std::string(k) + ": must be at most " + std::to_string(max) + " characters of UTF-8");
}

}  // namespace

// ---------------------------------------------------------------- plan_answer (kiosk -> gateway), strict
void to_json(json& j, const PlanAnswer& x) {
  j = json{{"v", x.v},       {"pathway", x.pathway},           {"answer", x.answer},           {"text", x.text},
           {"plan_version", x.plan_version}, {"answered_at", x.answered_at}, {"lang", x.lang}};
}
void from_json(const json& j, PlanAnswer& x) {
  if (!j.is_object()) refuse("the body must be a JSON object");
  static constexpr const char* kKeys[] = {"v", "pathway", "answer", "text", "plan_version", "answered_at", "lang"};
  for (auto it = j.begin(); it != j.end(); ++it)
    if (std::none_of(std::begin(kKeys), std::end(kKeys), [&](const char* k) { return it.key() == k; }))
      refuse(field_name(it.key()) + ": not a field of this body");
  x.v = read_version(j);
  x.pathway = get_text(j, "pathway", true);
  if (!plan::parse_pathway(x.pathway))
    refuse("pathway: \"" + x.pathway + "\" is not a pathway (accommodation, ete, health, substance, family, money, case)");
  x.answer = get_text(j, "answer", true);
  if (std::none_of(std::begin(kPlanAnswers), std::end(kPlanAnswers), [&](const char* a) { return x.answer == a; }))
    refuse("answer: must be \"agree\", \"talk\" or \"own_goal\"");
  x.text = get_text(j, "text", false);
  check_text(x.text, "text", plan::kMaxGoalChars);
  if (x.answer == "own_goal" && trim_space(x.text).empty()) refuse("text: an own goal needs some words");
  if (x.answer != "own_goal" && !x.text.empty()) refuse("text: only an own goal carries text");
  x.plan_version = get_int(j, "plan_version", true);
  if (x.plan_version < 1) refuse("plan_version: must be 1 or more");
  x.answered_at = get_int(j, "answered_at", true);
  x.lang = get_text(j, "lang", true);
  if (x.lang != "en" && x.lang != "cy") refuse("lang: must be \"en\" or \"cy\"");
}

// ---------------------------------------------------------------- plan (gateway -> kiosk)
void to_json(json& j, const PlanChange& x) { j = json{{"v", x.v}, {"child", x.child}, {"plan", plan::plan_to_json(x.plan)}}; }
void from_json(const json& j, PlanChange& x) {
  if (!j.is_object()) refuse("the body must be a JSON object");
  x.v = read_version(j);
  x.child = get_text(j, "child", true);
  if (x.child.empty()) refuse("child: must not be empty");
  auto it = j.find("plan");
  if (it == j.end()) refuse("plan: missing");
  auto p = plan::parse_plan(*it);
  if (!p.ok()) refuse("plan." + p.error);
  if (p.plan->version < 1) refuse("plan.version: must be 1 or more (a saved version)");
  x.plan = std::move(*p.plan);
}

// ---------------------------------------------------------------- application (gateway -> kiosk)
void to_json(json& j, const ApplicationChange& x) {
  j = json{{"v", x.v},         {"child", x.child},       {"listing_id", x.listing_id}, {"enquiry", x.enquiry},
           {"title", x.title}, {"provider", x.provider}, {"state", x.state},           {"interview_on", x.interview_on},
           {"reason", x.reason}, {"updated_at", x.updated_at}};
}
void from_json(const json& j, ApplicationChange& x) {
  if (!j.is_object()) refuse("the body must be a JSON object");
  x.v = read_version(j);
  x.child = get_text(j, "child", true);
  x.listing_id = get_text(j, "listing_id", true);
  if (x.child.empty() || x.listing_id.empty()) refuse("an application needs a child and a listing_id");
  x.enquiry = get_text(j, "enquiry", false);
  x.title = get_text(j, "title", false);
  x.provider = get_text(j, "provider", false);
  check_text(x.title, "title", 200);
  check_text(x.provider, "provider", 200);
  x.state = get_text(j, "state", true);
  const auto st = plan::parse_application_state(x.state);
  if (!st)
    refuse("state: \"" + x.state +
           "\" is not one of finding_out, application_sent, interview, place_offered, place_confirmed, not_this_time");
  x.interview_on = get_text(j, "interview_on", false);
  if (*st == plan::ApplicationState::Interview && !parse_date(x.interview_on))
    refuse("interview_on: an interview needs its date, YYYY-MM-DD");
  if (*st != plan::ApplicationState::Interview && !x.interview_on.empty())
    refuse("interview_on: only an interview has a date");
  x.reason = get_text(j, "reason", false);
  check_text(x.reason, "reason", plan::kMaxReasonChars);
  if (*st != plan::ApplicationState::NotThisTime && !x.reason.empty())
    refuse("reason: only \"not_this_time\" carries a reason");
  x.updated_at = get_int(j, "updated_at", false);
}

}  // namespace waymark::wire

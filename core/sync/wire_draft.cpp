// core/sync/wire_draft.cpp: the "draft" body (wire.h, DraftBody): a transferred child's unsent words, going up
// from the kiosk they left and down to the kiosks of their new wing. Read strictly, with its limits, the same
// way in both directions, so a kiosk only ever puts back what a gateway would have accepted.
#include <algorithm>

#include "core/base/text.h"
#include "core/sync/sync_proto.h"
#include "core/sync/wire.h"
#include "core/sync/wire_check.h"

namespace waymark::wire {

using nlohmann::json;

namespace {

[[noreturn]] void refuse(const std::string& what) { throw WireError(what); }

void only(const json& j, std::initializer_list<const char*> keys) {
  for (auto it = j.begin(); it != j.end(); ++it)
    if (std::none_of(keys.begin(), keys.end(), [&](const char* k) { return it.key() == k; }))
      refuse(field_name(it.key()) + ": not a field of this body");
}
std::string text(const json& j, const char* k, size_t min_cp, size_t max_cp) {
  auto it = j.find(k);
  if (it == j.end() || it->is_null()) {
    if (min_cp > 0) refuse(std::string(k) + ": missing");
    return {};
  }
  if (!it->is_string()) refuse(std::string(k) + ": must be text");
  const std::string s = it->get<std::string>();
  if (!utf8_valid(s) || utf8_length(s) < min_cp || utf8_length(s) > max_cp)
    refuse(std::string(k) + ": must be " + std::to_string(min_cp) + " to " + std::to_string(max_cp) + " characters of UTF-8");
  return s;
}
int64_t whole(const json& j, const char* k, int64_t lo, int64_t hi) {
  auto it = j.find(k);
  if (it == j.end()) refuse(std::string(k) + ": missing");
  if (!it->is_number_integer()) refuse(std::string(k) + ": must be a whole number");
  const int64_t v = it->get<int64_t>();
  if (v < lo || v > hi) refuse(std::string(k) + ": out of range");
  return v;
}
size_t depth(const json& v) {
  size_t d = 0;
  if (v.is_structured())
    for (const json& x : v) d = std::max(d, depth(x));
  return v.is_structured() ? d + 1 : 0;
}

}  // namespace

void to_json(json& j, const DraftAnswer& x) { j = json{{"q", x.q}, {"value", x.value}, {"skipped", x.skipped}}; }
void from_json(const json& j, DraftAnswer& x) {
  if (!j.is_object()) refuse("an answer must be a JSON object");
  only(j, {"q", "value", "skipped"});
  x.q = text(j, "q", 1, 64);
  x.value = j.contains("value") ? j["value"] : json(nullptr);
  if (depth(x.value) > kMaxValueDepth) refuse("value: nested too deeply");
  const auto s = j.find("skipped");
  if (s != j.end() && !s->is_boolean()) refuse("skipped: must be true or false");
  x.skipped = s != j.end() && s->get<bool>();
}

void to_json(json& j, const DraftBody& x) {
  j = json{{"v", x.v}, {"kind", "draft"}, {"child", x.child}, {"what", x.what}, {"updated_at", x.updated_at}};
  if (x.what == "plan_goal") {
    j["pathway"] = x.pathway;
    j["text"] = x.text;
    return;
  }
  j["meeting"] = x.meeting;
  j["meeting_type"] = x.meeting_type;
  j["meeting_starts_at"] = x.meeting_starts_at;
  j["form"] = x.form;
  j["form_version"] = x.form_version;
  j["current_q"] = x.current_q;
  j["supersedes"] = x.supersedes ? json(*x.supersedes) : json(nullptr);
  j["answers"] = x.answers;
}

void from_json(const json& j, DraftBody& x) {
  if (!j.is_object()) refuse("the body must be a JSON object");
  x.v = static_cast<int>(j.contains("v") ? whole(j, "v", 1, 1'000'000) : 1);
  if (x.v > kWireVersion) refuse("v: written by a newer version (" + std::to_string(x.v) + ") than this one understands");
  if (text(j, "kind", 1, 16) != "draft") refuse("kind: must be \"draft\"");
  x.child = text(j, "child", 1, 16);
  if (x.child.find_first_not_of("0123456789") != std::string::npos) refuse("child: must be 1 to 16 digits");
  x.what = text(j, "what", 1, 16);
  x.updated_at = whole(j, "updated_at", 0, int64_t{1} << 40);
  if (x.what == "plan_goal") {
    only(j, {"v", "kind", "child", "what", "updated_at", "pathway", "text"});
    x.pathway = text(j, "pathway", 1, 32);
    if (!plan::parse_pathway(x.pathway)) refuse("pathway: \"" + x.pathway + "\" is not a pathway");
    x.text = text(j, "text", 1, plan::kMaxGoalChars);
    if (trim_space(x.text).empty()) refuse("text: an own goal being written has some words");
    return;
  }
  if (x.what != "myviews") refuse("what: must be \"myviews\" or \"plan_goal\"");
  only(j, {"v", "kind", "child", "what", "updated_at", "meeting", "meeting_type", "meeting_starts_at", "form",
           "form_version", "current_q", "supersedes", "answers"});
  x.meeting = text(j, "meeting", 1, 64);
  x.meeting_type = text(j, "meeting_type", 1, 64);
  x.meeting_starts_at = whole(j, "meeting_starts_at", 0, int64_t{1} << 40);
  x.form = text(j, "form", 1, 64);
  x.form_version = whole(j, "form_version", 1, 1'000'000);
  x.current_q = text(j, "current_q", 0, 64);
  x.supersedes.reset();
  if (j.contains("supersedes") && !j["supersedes"].is_null()) {
    x.supersedes = text(j, "supersedes", 32, 32);
    if (!sync::is_hex_id(*x.supersedes)) refuse("supersedes: must be a record id (32 hex digits)");
  }
  const auto a = j.find("answers");
  if (a == j.end() || !a->is_array()) refuse("answers: must be a list");
  if (a->size() > kMaxAnswers) refuse("answers: at most " + std::to_string(kMaxAnswers));
  x.answers = a->get<std::vector<DraftAnswer>>();
}

}  // namespace waymark::wire

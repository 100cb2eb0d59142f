// core/plan/plan.cpp: the plan's codes (pathways, action states, accommodation, applications) and their spellings
// on the wire.
#include "core/plan/plan.h"
#include "core/plan/application.h"

namespace waymark::plan {

namespace {

template <class E, size_t N>
std::optional<E> find_code(const std::array<const char*, N>& codes, std::string_view code) {
  for (size_t i = 0; i < N; ++i)
    if (code == codes[i]) return static_cast<E>(i);
  return std::nullopt;
}

constexpr std::array<const char*, 7> kPathwayCodes = {"accommodation", "ete",   "health", "substance",
                                                      "family",        "money", "case"};
constexpr std::array<const char*, 4> kActionCodes = {"to_do", "doing", "done", "stuck"};
constexpr std::array<const char*, 3> kArrangementCodes = {"not_known", "being_arranged", "agreed"};
constexpr std::array<const char*, 6> kPlaceCodes = {"family",         "foster",      "supported_lodgings",
                                                    "childrens_home", "own_tenancy", "other"};

}  // namespace

const char* pathway_code(Pathway p) { return kPathwayCodes[static_cast<size_t>(p)]; }
std::optional<Pathway> parse_pathway(std::string_view code) { return find_code<Pathway>(kPathwayCodes, code); }
size_t pathway_index(Pathway p) { return static_cast<size_t>(p); }

const char* action_state_code(ActionState s) { return kActionCodes[static_cast<size_t>(s)]; }
std::optional<ActionState> parse_action_state(std::string_view code) {
  return find_code<ActionState>(kActionCodes, code);
}

const char* arrangement_code(ArrangementState s) { return kArrangementCodes[static_cast<size_t>(s)]; }
std::optional<ArrangementState> parse_arrangement(std::string_view code) {
  return find_code<ArrangementState>(kArrangementCodes, code);
}

const char* place_kind_code(PlaceKind k) { return kPlaceCodes[static_cast<size_t>(k)]; }
std::optional<PlaceKind> parse_place_kind(std::string_view code) { return find_code<PlaceKind>(kPlaceCodes, code); }

Plan::Plan() {
  for (Pathway p : kPathways) pathways[pathway_index(p)].pathway = p;
}

bool valid_hhmm(std::string_view s) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (s.size() != 5 || s[2] != ':' || !digit(s[0]) || !digit(s[1]) || !digit(s[3]) || !digit(s[4])) return false;
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  return h < 24 && m < 60;
}

}  // namespace waymark::plan

namespace waymark::plan {

namespace {
constexpr std::array<const char*, 6> kApplicationCodes = {"finding_out",   "application_sent", "interview",
                                                          "place_offered", "place_confirmed",  "not_this_time"};
}

const char* application_state_code(ApplicationState s) { return kApplicationCodes[static_cast<size_t>(s)]; }
std::optional<ApplicationState> parse_application_state(std::string_view code) {
  return find_code<ApplicationState>(kApplicationCodes, code);
}

}  // namespace waymark::plan

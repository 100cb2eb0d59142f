#include "gateway/web/plan_words.h"

namespace waymark::gateway::web {

std::string pathway_name(plan::Pathway p) {
  switch (p) {
    case plan::Pathway::Accommodation: return "Accommodation";
    case plan::Pathway::Ete: return "Education, training and employment";
    case plan::Pathway::Health: return "Health";
    case plan::Pathway::Substance: return "Substance misuse";
    case plan::Pathway::Family: return "Families";
    case plan::Pathway::Money: return "Finance, benefits and debt";
    case plan::Pathway::Case: return "Case management and transitions";
  }
  return "Pathway";
}

const CodeWords& action_states() {
  static const CodeWords t = {{"to_do", "To do"}, {"doing", "Doing"}, {"done", "Done"}, {"stuck", "Stuck"}};
  return t;
}
const CodeWords& arrangement_states() {
  static const CodeWords t = {{"not_known", "Not known yet"}, {"being_arranged", "Being arranged"}, {"agreed", "Agreed"}};
  return t;
}
const CodeWords& place_kinds() {
  static const CodeWords t = {{"family", "With family"},         {"foster", "Foster care"},      {"supported_lodgings", "Supported lodgings"},
                              {"childrens_home", "Children's home"}, {"own_tenancy", "Own tenancy"}, {"other", "Somewhere else"}};
  return t;
}
const CodeWords& application_states() {
  static const CodeWords t = {{"finding_out", "Finding out"},     {"application_sent", "Application sent"},
                              {"interview", "Interview"},         {"place_offered", "Place offered"},
                              {"place_confirmed", "Place confirmed"}, {"not_this_time", "Not this time"}};
  return t;
}
const CodeWords& answer_kinds() {
  static const CodeWords t = {{"agree", "That's right"}, {"talk", "I want to talk about this"}, {"own_goal", "My own goal"}};
  return t;
}

std::string words_for(const CodeWords& table, const std::string& code) {
  for (const auto& [c, w] : table)
    if (c == code) return w;
  return code;
}

}  // namespace waymark::gateway::web

// gateway/web/plan_words.h: the plan's codes in the words a YOT worker reads on the web inbox (the child's
// words, in English and Welsh, are the kiosk's: core/i18n). One table each, so every page says the same.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/plan/plan.h"

namespace waymark::gateway::web {

using CodeWords = std::vector<std::pair<std::string, std::string>>;  // code, words; in the order forms list them

std::string pathway_name(plan::Pathway p);  // "Education, training and employment"
const CodeWords& action_states();           // to_do "To do", doing, done, stuck
const CodeWords& arrangement_states();      // not_known "Not known yet", being_arranged, agreed
const CodeWords& place_kinds();             // family "With family", foster, ...
const CodeWords& application_states();      // finding_out "Finding out", application_sent, ...
const CodeWords& answer_kinds();            // agree "That's right", talk, own_goal
// The words for a code in a table; the code itself when the table does not have it.
std::string words_for(const CodeWords& table, const std::string& code);

}  // namespace waymark::gateway::web

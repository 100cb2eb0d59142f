// core/i18n/welsh.h: Welsh grammar the string tables cannot hold, because the words come from data (a listing's
// duration typed in English by education staff) rather than from the tables.
//
// Welsh nouns stay singular after a number and some change their first sound (a mutation): "2 fis", "1 flwyddyn",
// "5 mlynedd". Only patterns known to be right are put into Welsh; anything else gives nullopt and the caller
// shows the English, marked as such (core/catalogue/catalogue.h: listing_text).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace waymark {

// "10 weeks" -> "10 wythnos", "1 year" -> "1 flwyddyn", "Part time, 16 hours a week" -> "Rhan amser, 16 awr yr
// wythnos", "Full time, 6 month contract" -> "Llawn amser, cytundeb 6 mis". Every comma-separated part must be
// a known pattern; free text gives nullopt.
std::optional<std::string> welsh_duration(std::string_view english);

}  // namespace waymark

// core/i18n/welsh.h: Welsh grammar the string tables cannot hold, because the words come from data (a listing's
// duration typed in English by education staff) rather than from the tables.
//
// Welsh nouns stay singular after a number and some change their first sound (a mutation): "2 fis", "1 flwyddyn",
// "5 mlynedd". Only patterns known to be right are put into Welsh; anything else gives nullopt and the caller
// shows the English, marked as such (core/catalogue/catalogue.h: listing_text).
// Search uses the mutations too: a child types a word as the dictionary has it ("gweithdy") and the listing says
// it mutated ("yng ngweithdy'r coleg").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

// "10 weeks" -> "10 wythnos", "1 year" -> "1 flwyddyn", "Part time, 16 hours a week" -> "Rhan amser, 16 awr yr
// wythnos", "Full time, 6 month contract" -> "Llawn amser, cytundeb 6 mis". Every comma-separated part must be
// a known pattern; free text gives nullopt.
std::optional<std::string> welsh_duration(std::string_view english);

// The forms a Welsh word (lower case, as the dictionary has it) takes after a mutation, each once and never the word
// itself: soft (p>b, t>d, c>g, b>f, d>dd, g>-, m>f, ll>l, rh>r), nasal (p>mh, t>nh, c>ngh, b>m, d>n, g>ng),
// aspirate (p>ph, t>th, c>ch) and an h before a vowel ("ei hanfon"). Only the first sound changes, so the start
// of a word gives the start of its forms: "gweith" -> "weith", "ngweith". "ch", "ph", "th", "dd", "ff" and "ng"
// are letters of their own and never mutate. Empty when nothing changes (most English words, "sut").
std::vector<std::string> welsh_mutations(std::string_view radical);

}  // namespace waymark

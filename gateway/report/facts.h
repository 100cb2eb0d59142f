// gateway/report/facts.h: what the board report is computed from: plain facts about children, meetings,
// messages, enquiries and plan actions, with no names, numbers, ids or words anyone wrote. The gateway reads
// them in one place (gateway/store/board_facts.h); the figures (figures.h) are pure functions over them, so
// tests build facts by hand and check every figure without a database.
//
// Times are the establishment's local time (a date and the minute of the day) for the rules that count days,
// and unix ms beside them for the lengths of time whose median is shown.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/dates.h"

namespace waymark::gateway::report {

struct LocalTime {
  CivilDate date;
  int minute = 0;  // of the day, 0..1439
  auto operator<=>(const LocalTime&) const = default;
};

struct ChildFact {
  std::string establishment;  // "Brookfield YOI, BKF": the group "by establishment" puts the child in
  std::string yot;            // the YOT of the worker allocated to the child; "" when none is recorded
  std::optional<CivilDate> release;
  std::optional<CivilDate> accommodation_agreed;  // plan: the day somewhere to live was agreed
  std::optional<CivilDate> ete_confirmed;         // plan: the day a place in education, training or work was confirmed
};

// A meeting, with the first My Views the child sent for it (matched by kind and day) and when the worker first
// opened one.
struct MeetingFact {
  size_t child = 0;  // index into Facts::children
  std::string kind;  // initial_planning, review, pre_release, final_release, community_planning, other
  LocalTime starts;
  bool cancelled = false;
  std::optional<LocalTime> views_sent, views_read;
};

// Something a child sent that waits for the worker: a message (answered by the worker's next reply) or an
// "I'm interested" (answered by the worker's first step on it).
struct AskFact {
  size_t child = 0;
  int64_t at_ms = 0;
  LocalTime at;
  std::optional<int64_t> answered_ms;
  std::optional<LocalTime> answered;
};

struct ActionFact {
  size_t child = 0;
  std::string owner;  // the agency that owns the action, as the plan names it ("Leeds Housing team")
  CivilDate due;
  std::optional<CivilDate> done;
};

struct Facts {
  std::vector<ChildFact> children;
  std::vector<MeetingFact> meetings;
  std::vector<AskFact> messages, enquiries;
  std::vector<ActionFact> actions;
};

}  // namespace waymark::gateway::report

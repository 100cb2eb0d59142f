// core/myviews/meetings.h: a child's resettlement planning meetings (demo data now; the gateway brings them from
// the YOT worker later). A child only ever sees their own meetings: every query takes the child's number.
//
// Index
//  - MeetingType : initial planning, review, pre-release, final release, community planning, other
//  - Invitee     : who is invited (a name and a role code: yot_worker, key_worker, ...)
//  - Meeting     : type, start time, place or video, invitees
//  - functions   : add, list upcoming, next, get; demo seeding
//  - kMeetingsSql: migration 20
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/clock.h"
#include "core/storage/db.h"

namespace waymark {

enum class MeetingType { InitialPlanning, Review, PreRelease, FinalRelease, CommunityPlanning, Other };
const char* meeting_type_code(MeetingType t);  // "initial_planning", "review", ...
std::optional<MeetingType> parse_meeting_type(const std::string& code);

// Role codes a meeting invitee may have; the kiosk shows each in plain words ("meetings.role.<code>").
bool valid_role_code(const std::string& code);

struct Invitee {
  std::string name;
  std::string role = "other";  // one of yot_worker, key_worker, education, health, family, social_worker,
                               // housing, careers, you, other
};

struct Meeting {
  int64_t id = 0;
  std::string child;
  MeetingType type = MeetingType::Other;
  int64_t starts_at = 0;  // unix seconds
  bool video = false;     // true: a video call (place may name where the child goes for it)
  std::string place;      // "Oak wing meeting room"; may be empty for video
  std::vector<Invitee> invited;
};

// Adds a meeting with its invitees; returns its id. Validates (plain-words reason in the DbError text).
// Inside a transaction (db.h): the demo seeding's or the sync round's.
int64_t meeting_add(Db& db, const Meeting& m);
std::optional<Meeting> meeting_get(Db& db, const std::string& child, int64_t id);
// Meetings that have not ended (start later than now minus 2 hours), soonest first.
std::vector<Meeting> meetings_upcoming(Db& db, const std::string& child, int64_t now_s);
std::optional<Meeting> meeting_next(Db& db, const std::string& child, int64_t now_s);

// Demo meetings for children 1001 and 1002 (called by seed_demo inside its flow). Idempotent.
void seed_demo_meetings(Db& db, const Clock& clock);

extern const char* const kMeetingsSql;  // migration 20

}  // namespace waymark

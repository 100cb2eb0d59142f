// core/myviews/demo_meetings.h: the demo's planning meetings (and its release days), one list for both demos. The device demo
// (seed_demo_meetings) and the gateway demo (waymark-gateway demo-seed) seed the same meetings under the same
// gateway ids, so after a sync the kiosk's meeting is the gateway's (matched by source_id) and the child and
// the worker see one set. Each falls on a working day (core/base/working_days.h), so no review is on a Sunday.
#pragma once

#include <string>
#include <vector>

#include "core/base/dates.h"
#include "core/myviews/meetings.h"

namespace waymark {

struct DemoMeeting {
  const char* id;         // the gateway's meeting id, the device's source_id: hex like the gateway's own ids
  const char* child;      // 1001 Alex, 1002 Cerys, 1003 Jay
  const char* kind;       // core/myviews/meetings.h's type code: review, pre_release, ...
  int days;               // from today, moved on to the next working day
  int hh, mm;
  const char* place;      // "video" for a video call
  const char* with_whom;  // the YOT worker, as the gateway shows it
  std::vector<Invitee> invited;  // who the kiosk lists (the gateway has only with_whom)
};
const std::vector<DemoMeeting>& demo_meetings();
// Days from today to the meeting: m.days, moved on to the first working day at or after it.
int demo_meeting_offset(const DemoMeeting& m, CivilDate today);
// A demo release day `days` from today, moved on to the first working day at or after it: the day-out card of
// the demo plans, and the release dates both demos seed, never fall on a weekend or bank holiday.
CivilDate demo_working_day(CivilDate today, int days);

}  // namespace waymark

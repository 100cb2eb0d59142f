#include "core/myviews/demo_meetings.h"

#include "core/base/working_days.h"

namespace waymark {

const std::vector<DemoMeeting>& demo_meetings() {
  static const std::vector<DemoMeeting> list = {
      // 1001 Alex: release in about 10 weeks to Leeds
      {"de300000000000000000000000100101", "1001", "review", 4, 10, 30, "Oak wing meeting room", "Sam Taylor (Leeds YOT)",
       {{"Sam Taylor", "yot_worker"}, {"Jo Green", "key_worker"}, {"Ms Hughes", "education"}, {"Your mum", "family"}}},
      {"de300000000000000000000000100102", "1001", "pre_release", 38, 14, 0, "video", "Sam Taylor (Leeds YOT)",
       {{"Sam Taylor", "yot_worker"}, {"Jo Green", "key_worker"}, {"Leeds Housing team", "housing"}, {"Your mum", "family"}}},
      {"de300000000000000000000000100103", "1001", "final_release", 60, 11, 0, "Oak wing meeting room", "Sam Taylor (Leeds YOT)",
       {{"Sam Taylor", "yot_worker"}, {"Jo Green", "key_worker"}, {"Ms Hughes", "education"}}},
      // 1002 Cerys: release in about 6 weeks to Cardiff (Welsh)
      {"de300000000000000000000000100201", "1002", "pre_release", 3, 11, 0, "video", "Rhian Evans (Cardiff YOS)",
       {{"Rhian Evans", "yot_worker"}, {"Jo Green", "key_worker"}, {"Mrs Davies", "education"}, {"Dy dad", "family"}}},
      {"de300000000000000000000000100202", "1002", "final_release", 30, 10, 0, "Ystafell gyfarfod Oak", "Rhian Evans (Cardiff YOS)",
       {{"Rhian Evans", "yot_worker"}, {"Jo Green", "key_worker"}, {"Tîm Tai Caerdydd", "housing"}}},
      {"de300000000000000000000000100203", "1002", "community_planning", 50, 10, 30, "Swyddfa'r YOT, Caerdydd", "Rhian Evans (Cardiff YOS)",
       {{"Rhian Evans", "yot_worker"}, {"Gyrfa Cymru", "careers"}, {"Dy dad", "family"}}},
      // 1003 Jay, at Hollins: release in about 8 weeks to Bradford
      {"de300000000000000000000000100301", "1003", "review", 6, 14, 0, "Ash wing lounge", "Sam Taylor (Leeds YOT)",
       {{"Sam Taylor", "yot_worker"}, {"Chris Moss", "key_worker"}}},
  };
  return list;
}

int demo_meeting_offset(const DemoMeeting& m, CivilDate today) {
  int n = m.days;
  while (!is_working_day(add_days(today, n))) n++;
  return n;
}

CivilDate demo_working_day(CivilDate today, int days) {
  const CivilDate d = add_days(today, days);
  return is_working_day(d) ? d : add_working_days(d, 1);
}

}  // namespace waymark

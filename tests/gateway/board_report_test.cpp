// tests/gateway/board_report_test.cpp: the board report's figures (gateway/report/figures.h) over a seeded
// quarter of synthetic children, checked figure by figure against answers worked out by hand below. No
// database: the figures are pure functions over facts. The quarter is 1 Apr to 30 Jun 2026; "now" is
// Wed 1 Jul 2026 09:00. Bank holidays in it (assets/calendar): Fri 3 Apr (Good Friday), Mon 6 Apr (Easter
// Monday), Mon 4 May (Early May), Mon 25 May (Spring).
#include <gtest/gtest.h>

#include "core/base/working_days.h"
#include "gateway/report/figures.h"
#include "gateway/report/render.h"

using namespace waymark;
using namespace waymark::gateway::report;

namespace {

CivilDate d(const char* iso) { return *parse_date(iso); }
// "2026-05-22 16:00" as local time, and as ms (read as UTC: only differences between two of them matter).
LocalTime lt(const std::string& s) { return LocalTime{d(s.substr(0, 10).c_str()), std::stoi(s.substr(11, 2)) * 60 + std::stoi(s.substr(14, 2))}; }
int64_t ms(const std::string& s) {
  const LocalTime t = lt(s);
  return (days_from_civil(t.date) * 1440 + t.minute) * 60'000LL;
}

const Period kQ2{d("2026-04-01"), d("2026-06-30")};
const LocalTime kNow = LocalTime{d("2026-07-01"), 9 * 60};

struct Seed {
  Facts f;
  size_t child(const std::string& yot, const char* release, const char* accom = nullptr, const char* ete = nullptr) {
    ChildFact c{"Brookfield, BKF", yot, d(release), std::nullopt, std::nullopt};
    if (accom) c.accommodation_agreed = d(accom);
    if (ete) c.ete_confirmed = d(ete);
    f.children.push_back(c);
    return f.children.size() - 1;
  }
  void meeting(size_t c, const char* kind, const char* day, bool cancelled = false, const char* sent = nullptr, const char* read = nullptr) {
    MeetingFact m{c, kind, LocalTime{d(day), 600}, cancelled, std::nullopt, std::nullopt};
    if (sent) m.views_sent = lt(sent);
    if (read) m.views_read = lt(read);
    f.meetings.push_back(m);
  }
  void message(size_t c, const std::string& at, const std::string& reply = "") {
    AskFact a{c, ms(at), lt(at), std::nullopt, std::nullopt};
    if (!reply.empty()) {
      a.answered_ms = ms(reply);
      a.answered = lt(reply);
    }
    f.messages.push_back(a);
  }
  void enquiry(size_t c, const std::string& at, const std::string& step = "") {
    AskFact a{c, ms(at), lt(at), std::nullopt, std::nullopt};
    if (!step.empty()) {
      a.answered_ms = ms(step);
      a.answered = lt(step);
    }
    f.enquiries.push_back(a);
  }
  void action(size_t c, const char* owner, const char* due, const char* done = nullptr) {
    f.actions.push_back(ActionFact{c, owner, d(due), done ? std::optional<CivilDate>(d(done)) : std::nullopt});
  }
};

// The seeded quarter. Hand-worked thresholds (checked against working_days.h in TimelinesOverBankHolidays):
//   release Fri 29 May: 4 weeks before = Fri 1 May; 10 working days before = Thu 14 May (Mon 25 May is a bank
//     holiday: 28,27,26,22,21,20,19,18,15,14), not Fri 15 May; a month before = Wed 29 Apr
//   release Fri 10 Apr: 4 weeks before = Fri 13 Mar; 10 working days = Wed 25 Mar (Fri 3 and Mon 6 Apr are bank
//     holidays: 9,8,7,2,1,31,30,27,26,25); a month before = Tue 10 Mar
//   release Tue 30 Jun: 4 weeks = Tue 2 Jun; 10 working days = Tue 16 Jun; a month before = Sat 30 May
//   release Wed 1 Apr: 10 working days = Wed 18 Mar; a month before = Sun 1 Mar
//   release Fri 19 Jun: 4 weeks = Fri 22 May; 10 working days = Fri 5 Jun; a month before = Tue 19 May
//   release Wed 6 May: 4 weeks = Wed 8 Apr; 10 working days = Tue 21 Apr (Mon 4 May is a bank holiday);
//     a month before = Mon 6 Apr
Seed seeded() {
  Seed s;
  // Leeds YOT, 7 released:        4 weeks  10 wd  ETE   pre-release  final
  const size_t l1 = s.child("Leeds YOT", "2026-05-29", "2026-05-15", "2026-05-29");  //  no  no(BH) yes   yes(=)  yes(=)
  const size_t l2 = s.child("Leeds YOT", "2026-05-29", "2026-05-14", "2026-05-30");  //  no  yes(=)  no   no      no(BH)
  const size_t l3 = s.child("Leeds YOT", "2026-04-10", "2026-03-13");                //  yes(=) yes  no   yes(=)  yes(=)
  const size_t l4 = s.child("Leeds YOT", "2026-04-10", "2026-03-26", "2026-04-01");  //  no  no(BH) yes   no(cancelled) no
  const size_t l5 = s.child("Leeds YOT", "2026-06-30", "2026-05-01", "2026-06-01");  //  yes yes    yes   yes(=)  yes(=)
  s.child("Leeds YOT", "2026-06-01");                                                //  no  no     no    no      no
  const size_t l7 = s.child("Leeds YOT", "2026-04-01", "2026-02-01", "2026-03-31");  //  yes yes    yes   yes(=)  yes(=)
  s.child("Leeds YOT", "2026-07-15", "2026-01-01", "2026-01-01");                    //  released after the quarter: not counted
  //   Leeds: released 7; 4 weeks 3 (l3 l5 l7); 10 wd 4 (l2 l3 l5 l7); ETE 4 (l1 l4 l5 l7); pre 4 (l1 l3 l5 l7); final 4 (l1 l3 l5 l7)
  // Cardiff YOS, 3 released on Wed 6 May; only c1 has anything in place, all on time (pre-release on the bank holiday itself).
  const size_t c1 = s.child("Cardiff YOS", "2026-05-06", "2026-04-08", "2026-05-06");
  s.child("Cardiff YOS", "2026-05-06");
  s.child("Cardiff YOS", "2026-05-06");
  //   Cardiff: released 3; 4 weeks 1; 10 wd 1; ETE 1; pre 1; final 1
  // Bradford YOT, 8 released on Fri 19 Jun, all with accommodation agreed Fri 1 May; ETE for 6; pre-release for 5; final for 8.
  std::vector<size_t> b;
  for (int i = 0; i < 8; i++) b.push_back(s.child("Bradford YOT", "2026-06-19", "2026-05-01", i < 6 ? "2026-06-19" : nullptr));
  //   Bradford: released 8; 4 weeks 8; 10 wd 8; ETE 6; pre 5; final 8
  // Totals: released 18; 4 weeks 12; 10 wd 13; ETE 11; pre 10; final 13.

  // Meetings, all at 10:00. In the quarter and held by now: Leeds 6, Cardiff 2, Bradford 13 = 21.
  s.meeting(l1, "pre_release", "2026-04-29", false, "2026-04-27 15:00", "2026-04-28 09:00");  // sent, read
  s.meeting(l1, "final_release", "2026-05-14", false, "2026-05-14 11:00");                    // sent after it started: not before
  s.meeting(l2, "pre_release", "2026-04-30", false, "2026-04-28 15:00");                      // sent, never read
  s.meeting(l2, "final_release", "2026-05-15");
  s.meeting(l3, "pre_release", "2026-03-10");  // before the quarter: counts for l3's timeline only
  s.meeting(l3, "final_release", "2026-03-25");
  s.meeting(l4, "pre_release", "2026-03-01", true);  // cancelled: never on time
  s.meeting(l4, "final_release", "2026-03-26");
  s.meeting(l5, "pre_release", "2026-05-30", false, "2026-05-28 15:00", "2026-05-29 10:00");
  s.meeting(l5, "final_release", "2026-06-16", false, "2026-06-14 15:00", "2026-06-16 09:59");  // read a minute before
  s.meeting(l7, "pre_release", "2026-03-01");
  s.meeting(l7, "final_release", "2026-03-18");
  s.meeting(c1, "pre_release", "2026-04-06", false, "2026-04-04 15:00", "2026-04-05 09:00");
  s.meeting(c1, "final_release", "2026-04-21");
  for (size_t i = 0; i < 5; i++) s.meeting(b[i], "pre_release", "2026-05-19", false, i < 2 ? "2026-05-17 15:00" : nullptr);
  for (size_t i = 0; i < 8; i++)
    s.meeting(b[i], "final_release", "2026-06-05", false, "2026-06-03 15:00",
              i < 6 ? "2026-06-04 09:00" : i == 6 ? "2026-06-05 11:00" /* after it started */ : nullptr);
  s.meeting(b[0], "review", "2026-07-20");  // after the quarter
  //   My Views sent before: Leeds 4 (l1 pre, l2 pre, l5 pre, l5 final), Cardiff 1, Bradford 10 (8 final + 2 pre) = 15
  //   read before: Leeds 3 (l1 pre, l5 pre, l5 final), Cardiff 1, Bradford 6 = 10

  // Messages from Bradford's b[0]. Deadlines are the second working day after the day a message arrived.
  s.message(b[0], "2026-05-22 16:00", "2026-05-27 09:00");  // Fri; Mon 25 May is a bank holiday: due Wed 27: in time, 113 h
  s.message(b[0], "2026-06-01 10:00", "2026-06-01 12:00");  // in time, 2 h
  s.message(b[0], "2026-06-02 10:00", "2026-06-03 10:00");  // in time, 24 h
  s.message(b[0], "2026-06-03 10:00", "2026-06-08 10:00");  // due Fri 5 Jun: late, 120 h
  s.message(b[0], "2026-06-04 10:00");                      // due Mon 8 Jun, never answered: counted, not answered
  s.message(b[0], "2026-06-30 10:00");                      // due Thu 2 Jul, after now: not counted yet
  s.message(b[0], "2026-04-02 10:00", "2026-04-08 17:00");  // Thu before Easter: due Wed 8 Apr: in time, 151 h
  s.message(b[0], "2026-06-09 09:00", "2026-06-09 10:00");  // in time, 1 h
  s.message(b[0], "2026-03-31 10:00", "2026-03-31 11:00");  // before the quarter
  s.message(l1, "2026-05-11 10:00", "2026-05-11 11:00");    // Leeds: in time, 1 h
  s.message(l1, "2026-05-12 10:00");                        // Leeds: never answered
  //   Bradford: 7 counted, 5 in time, 1 not answered; replies 1 2 24 113 120 151 h: median (24 + 113) / 2 = 68.5 h = 2.9 days
  //   Leeds: 2 counted, 1 in time, 1 not answered. All: 9, 6 in time (67%), 2 not answered; median of
  //   1 1 2 24 113 120 151 = 24 h
  for (int i = 0; i < 6; i++) {
    static const char* const steps[] = {"2026-05-05 11:00", "2026-05-06 09:00", "2026-05-07 09:00", "2026-05-08 09:00", "2026-05-09 09:00", ""};
    s.enquiry(b[static_cast<size_t>(i)], "2026-05-05 09:00", steps[i]);  // first steps after 2, 24, 48, 72, 96 h: median 48 h = 2 days
  }
  s.enquiry(b[0], "2026-07-02 09:00", "2026-07-02 10:00");  // after the quarter

  // Plan actions. Now is 1 Jul, so an undone action due by 30 Jun is late now.
  s.action(l1, "Leeds Housing team", "2026-04-15", "2026-04-10");  // on time
  s.action(l1, "Leeds Housing team", "2026-04-15", "2026-04-15");  // on time (on the day)
  s.action(l2, "Leeds Housing team", "2026-05-20", "2026-05-21");  // done late: neither
  s.action(l2, "Leeds Housing team", "2026-06-10");                // late now
  s.action(l5, "Leeds Housing team", "2026-06-30");                // late now (due yesterday)
  s.action(l5, "Leeds Housing team", "2026-06-01", "2026-05-01");  // on time
  for (size_t i = 0; i < 7; i++) s.action(b[i], "Education team", "2026-05-01", "2026-04-30");  // all on time
  s.action(c1, "Health", "2026-06-15");
  s.action(c1, "Health", "2026-06-15");
  s.action(c1, "Health", "2026-07-10");  // after the quarter
  s.action(c1, "Health", "2026-03-31");  // before it
  //   Education team: due 7, on time 7, late 0; Health: due 2, on time 0, late 2; Leeds Housing team: due 6, on
  //   time 3, late 2. Total: due 15, on time 10, late 4.
  return s;
}

const Table& table(const Report& r, const std::string& id) {
  for (const Table& t : r.tables)
    if (t.id == id) return t;
  throw std::runtime_error("no table " + id);
}
// The text of the cell in row `row` and column `col` (by the column's name).
std::string at(const Table& t, const std::string& row, const std::string& col) {
  for (const Row& r : t.rows) {
    if (r.label != row) continue;
    for (size_t c = 0; c < t.columns.size(); c++)
      if (t.columns[c].name == col) return cell_text(r.cells[c], t.columns[c].kind);
  }
  throw std::runtime_error("no cell " + row + " / " + col + " in " + t.id);
}

}  // namespace

TEST(BoardReport, TimelinesOverBankHolidays) {
  // The hand-worked thresholds above, from the same working-day code the figures use.
  EXPECT_EQ(format_date(add_working_days(d("2026-05-29"), -10)), "2026-05-14");  // not the 15th: Spring bank holiday
  EXPECT_EQ(format_date(add_working_days(d("2026-04-10"), -10)), "2026-03-25");  // not the 27th: Easter
  EXPECT_EQ(format_date(add_working_days(d("2026-05-06"), -10)), "2026-04-21");  // Early May bank holiday
  EXPECT_EQ(format_date(add_working_days(d("2026-06-19"), -10)), "2026-06-05");
  EXPECT_EQ(format_date(add_working_days(d("2026-05-22"), 2)), "2026-05-27");
  EXPECT_EQ(format_date(add_working_days(d("2026-04-02"), 2)), "2026-04-08");
}

TEST(BoardReport, ReleaseFiguresByEstablishmentAreAllShown) {
  const Report r = build_report(seeded().f, kQ2, GroupBy::Establishment, kNow);
  const Table& t = table(r, "release");
  ASSERT_EQ(t.rows.size(), 2u);  // the one establishment, and the total
  for (const char* row : {"Brookfield, BKF", "Total"}) {
    EXPECT_EQ(at(t, row, "Released"), "18");
    EXPECT_EQ(at(t, row, "Somewhere to live agreed 4 weeks before"), "12");
    EXPECT_EQ(at(t, row, "% agreed 4 weeks before"), "67%");  // 12 / 18 = 66.7
    EXPECT_EQ(at(t, row, "Agreed 10 working days before"), "13");
    EXPECT_EQ(at(t, row, "% agreed 10 working days before"), "72%");  // 13 / 18 = 72.2
    EXPECT_EQ(at(t, row, "Education, training or work confirmed by release day"), "11");
    EXPECT_EQ(at(t, row, "% confirmed by release day"), "61%");  // 11 / 18 = 61.1
    EXPECT_EQ(at(t, row, "Pre-release meeting a month before"), "10");
    EXPECT_EQ(at(t, row, "% pre-release meeting on time"), "56%");  // 10 / 18 = 55.6
    EXPECT_EQ(at(t, row, "Final release meeting 10 working days before"), "13");
    EXPECT_EQ(at(t, row, "% final release meeting on time"), "72%");
  }
}

TEST(BoardReport, ReleaseFiguresByYotArePrimaryAndSecondarySuppressed) {
  const Report r = build_report(seeded().f, kQ2, GroupBy::Yot, kNow);
  const Table& t = table(r, "release");
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.rows[0].label, "Bradford YOT");
  EXPECT_EQ(t.rows[1].label, "Cardiff YOS");
  EXPECT_EQ(t.rows[2].label, "Leeds YOT");
  // Released: Bradford 8, Cardiff 3 (fewer than 5), Leeds 7, total 18. One hidden count would be 18 - 8 - 7 = 3,
  // so the next smallest, Leeds's 7, is hidden too: 3 + 7 = 10 is not small.
  EXPECT_EQ(at(t, "Bradford YOT", "Released"), "8");
  EXPECT_EQ(at(t, "Cardiff YOS", "Released"), "fewer than 5");
  EXPECT_EQ(at(t, "Leeds YOT", "Released"), "hidden");
  EXPECT_EQ(at(t, "Total", "Released"), "18");
  // 4 weeks: Bradford 8, Cardiff 1, Leeds 3: the two small ones add up to 4, so Bradford's 8 is hidden too.
  EXPECT_EQ(at(t, "Bradford YOT", "Somewhere to live agreed 4 weeks before"), "hidden");
  EXPECT_EQ(at(t, "Bradford YOT", "% agreed 4 weeks before"), "not shown");  // its count is hidden
  EXPECT_EQ(at(t, "Total", "Somewhere to live agreed 4 weeks before"), "12");
  // 10 working days: Bradford 8, Cardiff 1, Leeds 4: the small ones add up to 5, so Bradford stays: 8 of 8.
  EXPECT_EQ(at(t, "Bradford YOT", "Agreed 10 working days before"), "8");
  EXPECT_EQ(at(t, "Bradford YOT", "% agreed 10 working days before"), "100%");
  EXPECT_EQ(at(t, "Leeds YOT", "Agreed 10 working days before"), "fewer than 5");
  EXPECT_EQ(at(t, "Leeds YOT", "% agreed 10 working days before"), "not shown");  // its base (released) is hidden
  EXPECT_EQ(at(t, "Bradford YOT", "Education, training or work confirmed by release day"), "6");
  EXPECT_EQ(at(t, "Bradford YOT", "% confirmed by release day"), "75%");  // 6 / 8
  EXPECT_EQ(at(t, "Bradford YOT", "Pre-release meeting a month before"), "5");
  EXPECT_EQ(at(t, "Bradford YOT", "% pre-release meeting on time"), "63%");  // 5 / 8 = 62.5
  EXPECT_EQ(at(t, "Cardiff YOS", "% final release meeting on time"), "not shown");  // base 3
  EXPECT_EQ(at(t, "Total", "% final release meeting on time"), "72%");
}

TEST(BoardReport, MyViewsBeforeMeetings) {
  const Report r = build_report(seeded().f, kQ2, GroupBy::Yot, kNow);
  const Table& t = table(r, "meetings");
  // Held: Bradford 13, Cardiff 2 (small), Leeds 6 (hidden: it would give Cardiff's away); total 21.
  EXPECT_EQ(at(t, "Bradford YOT", "Meetings held"), "13");
  EXPECT_EQ(at(t, "Cardiff YOS", "Meetings held"), "fewer than 5");
  EXPECT_EQ(at(t, "Leeds YOT", "Meetings held"), "hidden");
  EXPECT_EQ(at(t, "Total", "Meetings held"), "21");
  // Sent before: Bradford 10 of 13 (77%); Cardiff 1 and Leeds 4 add up to 5: nothing more hidden.
  EXPECT_EQ(at(t, "Bradford YOT", "My Views sent before the meeting"), "10");
  EXPECT_EQ(at(t, "Bradford YOT", "% of meetings"), "77%");
  EXPECT_EQ(at(t, "Total", "My Views sent before the meeting"), "15");
  EXPECT_EQ(at(t, "Total", "% of meetings"), "71%");  // 15 / 21
  // Read before: Bradford 6, Cardiff 1, Leeds 3: the small ones add up to 4, so Bradford is hidden; total 10 of 15.
  EXPECT_EQ(at(t, "Bradford YOT", "Read by the worker before the meeting"), "hidden");
  EXPECT_EQ(at(t, "Total", "Read by the worker before the meeting"), "10");
  EXPECT_EQ(at(t, "Total", "% of those sent"), "67%");

  const Table& k = table(r, "views_by_type");
  // Held by type: pre-release 9, final release 12, four kinds with none; the zeros add up to 0, so pre-release
  // is hidden too. Sent: pre-release 6 (hidden), final 9 of 12 (75%). Read: pre 3, final 7 (hidden); total 10.
  EXPECT_EQ(at(k, "Pre-release meeting", "Meetings held"), "hidden");
  EXPECT_EQ(at(k, "Final release meeting", "Meetings held"), "12");
  EXPECT_EQ(at(k, "Review meeting", "Meetings held"), "fewer than 5");
  EXPECT_EQ(at(k, "Final release meeting", "My Views sent before the meeting"), "9");
  EXPECT_EQ(at(k, "Final release meeting", "% of meetings"), "75%");
  EXPECT_EQ(at(k, "Pre-release meeting", "My Views sent before the meeting"), "hidden");
  EXPECT_EQ(at(k, "Final release meeting", "Read by the worker before the meeting"), "hidden");
  EXPECT_EQ(at(k, "Total", "Read by the worker before the meeting"), "10");
}

TEST(BoardReport, MessagesAndFirstSteps) {
  {
    const Report r = build_report(seeded().f, kQ2, GroupBy::Establishment, kNow);
    const Table& t = table(r, "responses");
    EXPECT_EQ(at(t, "Total", "Messages from children"), "9");
    EXPECT_EQ(at(t, "Total", "Answered within 2 working days"), "6");
    EXPECT_EQ(at(t, "Total", "% answered within 2 working days"), "67%");
    EXPECT_EQ(at(t, "Total", "Median time to reply"), "24 hours");
    EXPECT_EQ(at(t, "Total", "Not answered"), "fewer than 5");
    EXPECT_EQ(at(t, "Total", "\"I'm interested\""), "6");
    EXPECT_EQ(at(t, "Total", "With a first step"), "5");
    EXPECT_EQ(at(t, "Total", "Median time to the first step"), "2 days");
  }
  const Report r = build_report(seeded().f, kQ2, GroupBy::Yot, kNow);
  const Table& t = table(r, "responses");
  // Bradford 7, Cardiff 0, Leeds 2: the small ones add up to 2, so Bradford's 7 is hidden; total 9.
  EXPECT_EQ(at(t, "Bradford YOT", "Messages from children"), "hidden");
  EXPECT_EQ(at(t, "Total", "Messages from children"), "9");
  EXPECT_EQ(at(t, "Bradford YOT", "% answered within 2 working days"), "not shown");
  // A median is not a count: Bradford's six replies give 68.5 hours, shown as days.
  EXPECT_EQ(at(t, "Bradford YOT", "Median time to reply"), "2.9 days");
  EXPECT_EQ(at(t, "Leeds YOT", "Median time to reply"), "not shown");  // one reply
}

TEST(BoardReport, PlanActionsByOwnerAgency) {
  const Report r = build_report(seeded().f, kQ2, GroupBy::Establishment, kNow);
  const Table& t = table(r, "actions");
  ASSERT_EQ(t.rows.size(), 4u);
  // Due: Education 7, Health 2 (small), Leeds Housing 6 (hidden so the total 15 cannot give Health's away).
  EXPECT_EQ(at(t, "Education team", "Due in the period"), "7");
  EXPECT_EQ(at(t, "Health", "Due in the period"), "fewer than 5");
  EXPECT_EQ(at(t, "Leeds Housing team", "Due in the period"), "hidden");
  EXPECT_EQ(at(t, "Total", "Due in the period"), "15");
  // On time: Education 7, Health 0, Leeds Housing 3: the small ones add up to 3, so Education's is hidden.
  EXPECT_EQ(at(t, "Education team", "Done on time"), "hidden");
  EXPECT_EQ(at(t, "Total", "Done on time"), "10");
  EXPECT_EQ(at(t, "Total", "% done on time"), "67%");
  // Late now: 0, 2, 2; the total 4 is itself small.
  EXPECT_EQ(at(t, "Leeds Housing team", "Late now"), "fewer than 5");
  EXPECT_EQ(at(t, "Total", "Late now"), "fewer than 5");
  EXPECT_EQ(at(t, "Total", "% late now"), "not shown");
  ASSERT_EQ(r.agencies.size(), 3u);
  EXPECT_EQ(r.agencies[0].label, "Education team");
  EXPECT_EQ(r.agencies[0].cell.state, CellState::NotShown);
}

TEST(BoardReport, SecondarySuppressionHidesTheTotalWhenNoCountIsLeft) {
  RawTable raw{"t", "T", "", "Group", {RawColumn{"Count", ColumnKind::Count, -1, -1}}, {}};
  raw.rows.push_back(RawRow{"a", {1}, {{}}, false});
  raw.rows.push_back(RawRow{"b", {2}, {{}}, false});
  raw.rows.push_back(RawRow{"Total", {7}, {{}}, true});  // (a made-up total: 1 + 2 would be small anyway)
  const Table t = suppress(raw);
  EXPECT_EQ(t.rows[0].cells[0].state, CellState::Small);
  EXPECT_EQ(t.rows[1].cells[0].state, CellState::Small);
  EXPECT_EQ(t.rows[2].cells[0].state, CellState::Hidden);
}

TEST(BoardReport, Periods) {
  const auto p = std::get<Period>(parse_period("", "", d("2027-03-01")));
  EXPECT_EQ(format_date(p.from), "2026-10-01");
  EXPECT_EQ(format_date(p.to), "2026-12-31");
  EXPECT_EQ(format_date(default_period(d("2026-04-01")).from), "2026-01-01");
  EXPECT_EQ(format_date(default_period(d("2026-04-01")).to), "2026-03-31");
  EXPECT_EQ(format_date(default_period(d("2026-12-02")).from), "2026-07-01");
  EXPECT_EQ(format_date(default_period(d("2026-12-02")).to), "2026-09-30");
  EXPECT_EQ(std::get<std::string>(parse_period("2026-07-01", "2026-06-30", d("2027-03-01"))),
            "The period ends before it starts. Choose an end on or after the start.");
  EXPECT_TRUE(std::holds_alternative<Period>(parse_period("2021-01-01", "2025-12-31", d("2027-03-01"))));  // five years exactly
  EXPECT_EQ(std::get<std::string>(parse_period("2021-01-01", "2026-01-01", d("2027-03-01"))),
            "The period is longer than five years. Choose a shorter one.");
  EXPECT_TRUE(std::holds_alternative<std::string>(parse_period("2026-02-30", "2026-03-01", d("2027-03-01"))));
  EXPECT_TRUE(std::holds_alternative<std::string>(parse_period("2026-01-01", "", d("2027-03-01"))));
}

TEST(BoardReport, RenderingEscapesAndLabelsEveryBar) {
  Seed s = seeded();
  s.action(0, "<b>Housing</b> & co", "2026-05-01");
  s.action(0, "=HYPERLINK(\"x\")", "2026-05-01");
  const Report r = build_report(s.f, kQ2, GroupBy::Yot, kNow);
  const Heading h{"Brookfield, BKF", "All YOTs"};
  const std::string html = report_html_body(r, h).str();
  EXPECT_EQ(html.find("<b>Housing"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;Housing&lt;/b&gt; &amp; co"), std::string::npos);
  EXPECT_NE(html.find("small numbers are not shown"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  // Every bar has its words and its value (or why not) beside it: two <text> per bar.
  const std::string svg = bar_chart_svg("g", "At a glance", r.glance).str();
  size_t texts = 0;
  for (size_t p = 0; (p = svg.find("<text", p)) != std::string::npos; p++) texts++;
  EXPECT_EQ(texts, 2 * r.glance.size());
  EXPECT_NE(svg.find(">67%</text>"), std::string::npos);  // My Views read before (of those sent), 10 / 15
  const std::string csv = report_csv(r, h);
  EXPECT_NE(csv.find("actions,\"'=HYPERLINK(\"\"x\"\")\""), std::string::npos) << csv;
  const std::string text = report_text(r, h);
  EXPECT_NE(text.find("fewer than 5"), std::string::npos);
}

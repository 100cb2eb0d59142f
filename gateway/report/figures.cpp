// gateway/report/figures.cpp: the board's figures from facts (figures.h). Each table is counted raw, one row per
// group and a total row, then made safe to show by suppress(). The timelines are the brief's:
//  - somewhere to live agreed at least 4 weeks (28 days) and at least 10 working days before release
//  - education, training or employment confirmed on or before the day of release
//  - pre-release meeting no later than one calendar month before release; final release meeting no later than
//    10 working days before (cancelled meetings do not count)
//  - a child's message answered within 2 working days: the reply on or before the second working day after the
//    day it arrived; a message still inside that time with no reply is not counted yet
//  - My Views sent before the meeting: it reached the gateway before the meeting's start; read: the worker
//    first opened it before the start. Only meetings that have started by now count.
//  - a plan action is done on time when it was done on or before its date, late now when it is not done and its
//    date has passed
// Working days are core/base/working_days.h's: England and Wales, bank holidays from assets/calendar.
#include <algorithm>
#include <map>

#include "core/base/working_days.h"
#include "gateway/report/figures.h"
#include "gateway/web/html.h"

namespace waymark::gateway::report {

namespace {

const char* const kNoYot = "No YOT recorded";

bool in(const Period& p, CivilDate d) { return !(d < p.from) && !(p.to < d); }

CivilDate one_month_before(CivilDate d) {
  CivilDate m{d.m == 1 ? d.y - 1 : d.y, d.m == 1 ? 12 : d.m - 1, d.d};
  while (!parse_date(format_date(m))) m.d--;  // 31 March -> 28 (or 29) February
  return m;
}

double hours(int64_t from_ms, int64_t to_ms) { return static_cast<double>(to_ms - from_ms) / 3'600'000.0; }

// The groups of a report, in order, and which group each child is in.
struct Groups {
  std::vector<std::string> labels;
  std::vector<size_t> of_child;
};
Groups group_children(const Facts& f, GroupBy by) {
  Groups g;
  std::vector<std::string> key;
  for (const ChildFact& c : f.children) key.push_back(by == GroupBy::Establishment ? c.establishment : c.yot.empty() ? kNoYot : c.yot);
  g.labels = key;
  std::sort(g.labels.begin(), g.labels.end(), [](const std::string& a, const std::string& b) {
    if ((a == kNoYot) != (b == kNoYot)) return b == kNoYot;  // "No YOT recorded" last
    return a < b;
  });
  g.labels.erase(std::unique(g.labels.begin(), g.labels.end()), g.labels.end());
  for (const std::string& k : key) g.of_child.push_back(static_cast<size_t>(std::find(g.labels.begin(), g.labels.end(), k) - g.labels.begin()));
  return g;
}

// A raw table with one row per label and a total row; add() counts into a row and the total together.
struct Counter {
  RawTable t;
  Counter(std::string id, std::string title, std::string note, std::string head, std::vector<RawColumn> cols,
          const std::vector<std::string>& labels) {
    t = RawTable{std::move(id), std::move(title), std::move(note), std::move(head), std::move(cols), {}};
    for (const std::string& l : labels) t.rows.push_back(RawRow{l, std::vector<int64_t>(t.columns.size()), std::vector<std::vector<double>>(t.columns.size()), false});
    t.rows.push_back(RawRow{"Total", std::vector<int64_t>(t.columns.size()), std::vector<std::vector<double>>(t.columns.size()), true});
  }
  void add(size_t row, size_t col, bool yes = true) {
    if (!yes) return;
    t.rows[row].n[col]++;
    t.rows.back().n[col]++;
  }
  void sample(size_t row, size_t col, double v) {
    t.rows[row].samples[col].push_back(v);
    t.rows.back().samples[col].push_back(v);
  }
};

RawColumn count(std::string name) { return RawColumn{std::move(name), ColumnKind::Count, -1, -1}; }
RawColumn percent(std::string name, int num, int base) { return RawColumn{std::move(name), ColumnKind::Percent, num, base}; }
RawColumn median(std::string name) { return RawColumn{std::move(name), ColumnKind::Median, -1, -1}; }

bool meeting_by(const Facts& f, size_t child, const char* kind, CivilDate deadline) {
  for (const MeetingFact& m : f.meetings)
    if (m.child == child && m.kind == kind && !m.cancelled && !(deadline < m.starts.date)) return true;
  return false;
}

RawTable release_table(const Facts& f, const Period& p, const Groups& g, const std::string& head) {
  Counter k("release", "Children released", "Children whose release date is in the period, and what was in place in time.", head,
            {count("Released"), count("Somewhere to live agreed 4 weeks before"), percent("% agreed 4 weeks before", 1, 0),
             count("Agreed 10 working days before"), percent("% agreed 10 working days before", 3, 0),
             count("Education, training or work confirmed by release day"), percent("% confirmed by release day", 5, 0),
             count("Pre-release meeting a month before"), percent("% pre-release meeting on time", 7, 0),
             count("Final release meeting 10 working days before"), percent("% final release meeting on time", 9, 0)},
            g.labels);
  for (size_t i = 0; i < f.children.size(); i++) {
    const ChildFact& c = f.children[i];
    if (!c.release || !in(p, *c.release)) continue;
    const size_t row = g.of_child[i];
    const CivilDate four_weeks = add_days(*c.release, -28), ten_days = add_working_days(*c.release, -10);
    k.add(row, 0);
    k.add(row, 1, c.accommodation_agreed && !(four_weeks < *c.accommodation_agreed));
    k.add(row, 3, c.accommodation_agreed && !(ten_days < *c.accommodation_agreed));
    k.add(row, 5, c.ete_confirmed && !(*c.release < *c.ete_confirmed));
    k.add(row, 7, meeting_by(f, i, "pre_release", one_month_before(*c.release)));
    k.add(row, 9, meeting_by(f, i, "final_release", ten_days));
  }
  return k.t;
}

std::vector<RawColumn> views_columns() {
  return {count("Meetings held"), count("My Views sent before the meeting"), percent("% of meetings", 1, 0),
          count("Read by the worker before the meeting"), percent("% of those sent", 3, 1)};
}

// Meetings in the period that have started by now, counted by `row_of`.
template <class RowOf>
void count_views(const Facts& f, const Period& p, LocalTime now, Counter& k, RowOf row_of) {
  for (const MeetingFact& m : f.meetings) {
    if (m.cancelled || !in(p, m.starts.date) || now < m.starts) continue;
    const size_t row = row_of(m);
    const bool sent = m.views_sent && *m.views_sent < m.starts;
    k.add(row, 0);
    k.add(row, 1, sent);
    k.add(row, 3, sent && m.views_read && *m.views_read < m.starts);
  }
}

// The kinds of meeting, as the web inbox names them.
const std::vector<std::pair<std::string, std::string>>& kinds() { return web::meeting_kinds(); }

RawTable responses_table(const Facts& f, const Period& p, LocalTime now, const Groups& g, const std::string& head) {
  Counter k("responses", "Messages and \"I'm interested\"",
            "A child's message is answered within 2 working days when the worker replied by the end of the second working day "
            "after it arrived; messages still inside that time are not counted yet. A first step is the worker's first move "
            "on an \"I'm interested\".",
            head,
            {count("Messages from children"), count("Answered within 2 working days"), percent("% answered within 2 working days", 1, 0),
             median("Median time to reply"), count("Not answered"), count("\"I'm interested\""), count("With a first step"),
             median("Median time to the first step")},
            g.labels);
  for (const AskFact& m : f.messages) {
    if (!in(p, m.at.date)) continue;
    const CivilDate due = add_working_days(m.at.date, 2);
    if (!m.answered && !(due < now.date)) continue;  // still inside its two working days
    const size_t row = g.of_child[m.child];
    k.add(row, 0);
    k.add(row, 1, m.answered && !(due < m.answered->date));
    k.add(row, 4, !m.answered);
    if (m.answered_ms) k.sample(row, 3, hours(m.at_ms, *m.answered_ms));
  }
  for (const AskFact& e : f.enquiries) {
    if (!in(p, e.at.date)) continue;
    const size_t row = g.of_child[e.child];
    k.add(row, 5);
    k.add(row, 6, e.answered.has_value());
    if (e.answered_ms) k.sample(row, 7, hours(e.at_ms, *e.answered_ms));
  }
  return k.t;
}

RawTable actions_table(const Facts& f, const Period& p, LocalTime now) {
  std::vector<std::string> owners;
  for (const ActionFact& a : f.actions)
    if (in(p, a.due)) owners.push_back(a.owner);
  std::sort(owners.begin(), owners.end());
  owners.erase(std::unique(owners.begin(), owners.end()), owners.end());
  Counter k("actions", "Plan actions by owner agency",
            "Actions in children's plans whose date is in the period, by the agency that owns them. Done on time: done on or "
            "before its date. Late now: not done, and its date has passed.",
            "Owner agency",
            {count("Due in the period"), count("Done on time"), percent("% done on time", 1, 0),
             count("Late now"), percent("% late now", 3, 0)},
            owners);
  for (const ActionFact& a : f.actions) {
    if (!in(p, a.due)) continue;
    const size_t row = static_cast<size_t>(std::find(owners.begin(), owners.end(), a.owner) - owners.begin());
    k.add(row, 0);
    k.add(row, 1, a.done && !(a.due < *a.done));
    k.add(row, 3, !a.done && a.due < now.date);
  }
  return k.t;
}

void glance_bars(Report& r) {
  const auto total = [&](size_t t) -> const Row& { return r.tables[t].rows.back(); };
  const std::pair<size_t, size_t> picks[] = {{0, 2}, {0, 4}, {0, 6}, {0, 8}, {0, 10}, {1, 2}, {1, 4}, {3, 2}};
  const char* const words[] = {"Somewhere to live agreed 4 weeks before release",
                               "Somewhere to live agreed 10 working days before release",
                               "Education, training or work confirmed by release day",
                               "Pre-release meeting a month before release",
                               "Final release meeting 10 working days before release",
                               "My Views sent before the meeting",
                               "My Views read by the worker before the meeting (of those sent)",
                               "Messages answered within 2 working days"};
  for (size_t i = 0; i < std::size(picks); i++) r.glance.push_back(Bar{words[i], total(picks[i].first).cells[picks[i].second]});
  for (const Row& row : r.tables[4].rows)
    if (!row.total) r.agencies.push_back(Bar{row.label, row.cells[2]});
}

}  // namespace

Report build_report(const Facts& f, const Period& p, GroupBy by, LocalTime now) {
  Report r;
  r.period = p;
  r.by = by;
  const Groups g = group_children(f, by);
  const std::string head = by == GroupBy::Establishment ? "Establishment" : "YOT";
  r.tables.push_back(suppress(release_table(f, p, g, head)));
  Counter meetings("meetings", "My Views before meetings",
                   "Meetings in the period that have taken place. Sent: the child's My Views reached the gateway before the "
                   "meeting started. Read: the worker opened it before the meeting started.",
                   head, views_columns(), g.labels);
  count_views(f, p, now, meetings, [&](const MeetingFact& m) { return g.of_child[m.child]; });
  r.tables.push_back(suppress(meetings.t));
  std::vector<std::string> kind_names;
  for (const auto& [code, name] : kinds()) kind_names.push_back(name);
  Counter by_type("views_by_type", "My Views by meeting type", "The same meetings, by the kind of meeting.", "Meeting type",
                  views_columns(), kind_names);
  count_views(f, p, now, by_type, [&](const MeetingFact& m) {
    for (size_t i = 0; i < kinds().size(); i++)
      if (kinds()[i].first == m.kind) return i;
    return kinds().size() - 1;  // an unknown kind counts as "other"
  });
  r.tables.push_back(suppress(by_type.t));
  r.tables.push_back(suppress(responses_table(f, p, now, g, head)));
  r.tables.push_back(suppress(actions_table(f, p, now)));
  glance_bars(r);
  return r;
}

}  // namespace waymark::gateway::report

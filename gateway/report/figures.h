// gateway/report/figures.h: the management board's figures (docs/board-report.md), as tables of cells that are
// already safe to show: small numbers suppressed, percentages and medians on small bases not shown. Pure
// functions over facts.h, so every figure is tested against hand-worked answers without a database.
//
// Index
//  - period      : a from..to period (refused when it ends before it starts or is longer than five years), and
//                  the default: the last full quarter before today
//  - cells       : a count, a percentage or a median, and why it is not shown when it is not
//  - tables      : the report's tables and the bars of its charts
//  - the rule    : kSuppressionRule, written on the page and in every export
//  - build       : the whole report for a period, grouped by establishment or by YOT
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "gateway/report/facts.h"

namespace waymark::gateway::report {

// ---------------------------------------------------------------- period
struct Period {
  CivilDate from, to;  // both days included
};
// The last full quarter (Jan-Mar, Apr-Jun, Jul-Sep, Oct-Dec) that ended before `today`.
Period default_period(CivilDate today);
// From the words a person typed ("2026-07-01"); an empty from and to give the default period. Plain words when
// refused: not a date, ends before it starts, longer than five years.
std::variant<Period, std::string> parse_period(const std::string& from, const std::string& to, CivilDate today);

// ---------------------------------------------------------------- cells
enum class CellState {
  Shown,        // the value is shown
  Small,        // a count under 5: "fewer than 5"
  Hidden,       // secondary suppression: a count hidden so a total cannot give a small one away
  NotShown,     // a percentage or median on a base under 5, or of a count that is not shown
};
enum class ColumnKind { Count, Percent, Median };

struct Cell {
  CellState state = CellState::Shown;
  double value = 0;  // a count, a percentage (0..100) or a median in hours; meaningful only when Shown
};
// "12", "fewer than 5", "hidden", "not shown", "60%", "3.5 hours", "2 days".
std::string cell_text(const Cell& c, ColumnKind k);
// The same for CSV: a number without words when shown ("60", "3.5"), otherwise the words.
std::string cell_csv(const Cell& c, ColumnKind k);

// ---------------------------------------------------------------- tables
struct Column {
  std::string name;
  ColumnKind kind = ColumnKind::Count;
};
struct Row {
  std::string label;
  std::vector<Cell> cells;
  bool total = false;
};
struct Table {
  std::string id;        // "release", "meetings", "views_by_type", "responses", "actions"
  std::string title, note;
  std::string row_head;  // "Establishment", "YOT", "Meeting type", "Owner agency"
  std::vector<Column> columns;
  std::vector<Row> rows;  // groups, then the total row last
};
struct Bar {
  std::string label;
  Cell cell;  // a percentage
};

inline constexpr const char* kSuppressionRule =
    "To protect children, small numbers are not shown. Any count under 5 shows as \"fewer than 5\". A percentage "
    "whose base is under 5, or whose count is not shown, and a median of fewer than 5 times, are \"not shown\". In "
    "each column, when only one count is hidden, or the hidden counts add up to fewer than 5, the next smallest "
    "count is also hidden (\"hidden\"), or the total when there is none, so a total cannot give a small number away.";

// ---------------------------------------------------------------- build
enum class GroupBy { Establishment, Yot };

struct Report {
  Period period;
  GroupBy by = GroupBy::Establishment;
  std::vector<Table> tables;  // release, meetings, views_by_type, responses, actions
  std::vector<Bar> glance;    // the whole scope's percentages, one bar each
  std::vector<Bar> agencies;  // plan actions done on time, one bar per owner agency
};
// `now` is the establishment's local time: what is "late now", which meetings have happened, which messages are
// not yet due an answer.
Report build_report(const Facts& f, const Period& p, GroupBy by, LocalTime now);

// ---------------------------------------------------------------- raw tables and the rule (exposed for the tests)
struct RawColumn {
  std::string name;
  ColumnKind kind = ColumnKind::Count;
  int num = -1, base = -1;  // a Percent: the Count columns it divides
};
struct RawRow {
  std::string label;
  std::vector<int64_t> n;                     // per column: a Count's value
  std::vector<std::vector<double>> samples;  // per column: a Median's values (hours)
  bool total = false;
};
struct RawTable {
  std::string id, title, note, row_head;
  std::vector<RawColumn> columns;
  std::vector<RawRow> rows;  // the total row, when there is one, is marked total
};
// Applies kSuppressionRule: primary (counts under 5), secondary (per column, against the total row), then
// percentages and medians.
Table suppress(const RawTable& raw);

}  // namespace waymark::gateway::report

// gateway/report/suppress.cpp: the period rules, the words of a cell, and the small-number rule
// (kSuppressionRule in figures.h) that makes a table of raw figures safe to show.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gateway/report/figures.h"

namespace waymark::gateway::report {

// ================================================================= period
Period default_period(CivilDate today) {
  const CivilDate quarter_start{today.y, ((today.m - 1) / 3) * 3 + 1, 1};
  const CivilDate to = add_days(quarter_start, -1);
  return Period{CivilDate{to.y, to.m - 2, 1}, to};
}

namespace {
// The same day five years on (29 February becomes 1 March).
CivilDate five_years_after(CivilDate d) {
  const CivilDate same{d.y + 5, d.m, d.d};
  if (parse_date(format_date(same))) return same;
  return CivilDate{d.y + 5, 3, 1};
}
}  // namespace

std::variant<Period, std::string> parse_period(const std::string& from, const std::string& to, CivilDate today) {
  if (from.empty() && to.empty()) return default_period(today);
  const auto f = parse_date(from), t = parse_date(to);
  if (!f) return std::string("The start of the period must be a date like 2026-07-01.");
  if (!t) return std::string("The end of the period must be a date like 2026-09-30.");
  if (*t < *f) return std::string("The period ends before it starts. Choose an end on or after the start.");
  if (!(*t < five_years_after(*f))) return std::string("The period is longer than five years. Choose a shorter one.");
  return Period{*f, *t};
}

// ================================================================= cells
namespace {
std::string number(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

std::string hours_words(double h) {
  if (h < 1) return number(std::round(h * 60), 0) + " minutes";
  if (h < 48) return number(std::round(h * 10) / 10, 1) + (h == 1 ? " hour" : " hours");
  return number(std::round(h / 24 * 10) / 10, 1) + " days";
}

const char* state_words(CellState s) {
  switch (s) {
    case CellState::Shown: return "";
    case CellState::Small: return "fewer than 5";
    case CellState::Hidden: return "hidden";
    case CellState::NotShown: return "not shown";
  }
  return "";
}
}  // namespace

std::string cell_text(const Cell& c, ColumnKind k) {
  if (c.state != CellState::Shown) return state_words(c.state);
  switch (k) {
    case ColumnKind::Count: return number(c.value, 0);
    case ColumnKind::Percent: return number(std::round(c.value), 0) + "%";
    case ColumnKind::Median: return hours_words(c.value);
  }
  return "";
}

std::string cell_csv(const Cell& c, ColumnKind k) {
  if (c.state != CellState::Shown) return state_words(c.state);
  if (k == ColumnKind::Count) return number(c.value, 0);
  if (k == ColumnKind::Percent) return number(std::round(c.value), 0);
  return number(std::round(c.value * 10) / 10, 1);
}

// ================================================================= the rule
namespace {
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Secondary suppression in one Count column: while only one group count is hidden, or the hidden ones add
// up to fewer than 5, hide the smallest shown group count too, or the total when no group count is left.
void secondary(const RawTable& raw, size_t c, std::vector<std::vector<CellState>>& st) {
  size_t total = raw.rows.size();
  for (size_t r = 0; r < raw.rows.size(); r++)
    if (raw.rows[r].total) total = r;
  if (total == raw.rows.size()) return;
  for (;;) {
    if (st[total][c] != CellState::Shown) return;  // nothing can be taken away from a total that is not shown
    int hidden = 0;
    int64_t hidden_sum = 0;
    size_t smallest = raw.rows.size();
    for (size_t r = 0; r < raw.rows.size(); r++) {
      if (raw.rows[r].total) continue;
      if (st[r][c] != CellState::Shown) {
        hidden++;
        hidden_sum += raw.rows[r].n[c];
      } else if (smallest == raw.rows.size() || raw.rows[r].n[c] < raw.rows[smallest].n[c]) {
        smallest = r;
      }
    }
    if (hidden == 0 || (hidden >= 2 && hidden_sum >= 5)) return;
    if (smallest == raw.rows.size()) {
      st[total][c] = CellState::Hidden;
      return;
    }
    st[smallest][c] = CellState::Hidden;
  }
}
}  // namespace

Table suppress(const RawTable& raw) {
  const size_t nc = raw.columns.size(), nr = raw.rows.size();
  std::vector<std::vector<CellState>> st(nr, std::vector<CellState>(nc, CellState::Shown));
  for (size_t c = 0; c < nc; c++) {
    if (raw.columns[c].kind != ColumnKind::Count) continue;
    for (size_t r = 0; r < nr; r++) st[r][c] = raw.rows[r].n[c] < 5 ? CellState::Small : CellState::Shown;
    secondary(raw, c, st);
  }
  Table t{raw.id, raw.title, raw.note, raw.row_head, {}, {}};
  for (const RawColumn& col : raw.columns) t.columns.push_back(Column{col.name, col.kind});
  for (size_t r = 0; r < nr; r++) {
    Row row{raw.rows[r].label, std::vector<Cell>(nc), raw.rows[r].total};
    for (size_t c = 0; c < nc; c++) {
      const RawColumn& col = raw.columns[c];
      Cell& cell = row.cells[c];
      if (col.kind == ColumnKind::Count) {
        cell = Cell{st[r][c], static_cast<double>(raw.rows[r].n[c])};
      } else if (col.kind == ColumnKind::Percent) {
        const auto num = static_cast<size_t>(col.num), base = static_cast<size_t>(col.base);
        const int64_t b = raw.rows[r].n[base];
        const bool ok = b >= 5 && st[r][base] == CellState::Shown && st[r][num] == CellState::Shown;
        cell = ok ? Cell{CellState::Shown, 100.0 * static_cast<double>(raw.rows[r].n[num]) / static_cast<double>(b)}
                  : Cell{CellState::NotShown, 0};
      } else {
        const auto& v = raw.rows[r].samples[c];
        cell = v.size() >= 5 ? Cell{CellState::Shown, median(v)} : Cell{CellState::NotShown, 0};
      }
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace waymark::gateway::report

#include "gateway/report/render.h"

#include <algorithm>
#include <sstream>

#include "core/base/csv.h"
#include "gateway/web/html.h"

namespace waymark::gateway::report {

namespace {

using web::Html;

// A figure as people read it: a Count with the Percent column that follows it joined ("12 (60%)"). Every
// Percent column the figures build directly follows the Count it is a share of.
struct Figure {
  std::string name;
  size_t col = 0;
  bool with_percent = false;
};
std::vector<Figure> figures_of(const Table& t) {
  std::vector<Figure> out;
  for (size_t c = 0; c < t.columns.size(); c++) {
    if (t.columns[c].kind == ColumnKind::Percent) continue;
    const bool pct = c + 1 < t.columns.size() && t.columns[c + 1].kind == ColumnKind::Percent;
    out.push_back(Figure{t.columns[c].name, c, pct});
  }
  return out;
}

std::string figure_text(const Row& row, const Table& t, const Figure& f) {
  std::string s = cell_text(row.cells[f.col], t.columns[f.col].kind);
  if (f.with_percent && row.cells[f.col].state == CellState::Shown && row.cells[f.col + 1].state == CellState::Shown)
    s += " (" + cell_text(row.cells[f.col + 1], ColumnKind::Percent) + ")";
  return s;
}

const char* group_words(GroupBy by) { return by == GroupBy::Establishment ? "by establishment" : "by YOT"; }

std::string csv_safe(const std::string& v) {
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) return "'" + v;
  return v;
}

// A table as HTML: figures down the side and groups across when it is wide, otherwise one row per group.
Html table_html(const Table& t) {
  const auto figs = figures_of(t);
  Html o;
  o << "<section class=\"board-table\" id=\"" << t.id << "\"><h2>" << t.title << "</h2><p class=\"hint\">" << t.note
    << "</p><div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"" << t.title << "\"><table>";
  if (figs.size() > 4) {
    o << "<thead><tr><th scope=\"col\">Figure</th>";
    for (const Row& r : t.rows) o << "<th scope=\"col\">" << r.label << "</th>";
    o << "</tr></thead><tbody>";
    for (const Figure& f : figs) {
      o << "<tr><th scope=\"row\">" << f.name << "</th>";
      for (const Row& r : t.rows) o << (r.total ? Html("<td class=\"total\">") : Html("<td>")) << figure_text(r, t, f) << "</td>";
      o << "</tr>";
    }
  } else {
    o << "<thead><tr><th scope=\"col\">" << t.row_head << "</th>";
    for (const Figure& f : figs) o << "<th scope=\"col\">" << f.name << "</th>";
    o << "</tr></thead><tbody>";
    for (const Row& r : t.rows) {
      o << (r.total ? Html("<tr class=\"total\">") : Html("<tr>")) << "<th scope=\"row\">" << r.label << "</th>";
      for (const Figure& f : figs) o << "<td>" << figure_text(r, t, f) << "</td>";
      o << "</tr>";
    }
  }
  o << "</tbody></table></div></section>";
  return o;
}

}  // namespace

std::string period_words(const Period& p) {
  return web::nice_date(format_date(p.from)) + " to " + web::nice_date(format_date(p.to));
}

Html bar_chart_svg(const std::string& id, const std::string& title, const std::vector<Bar>& bars) {
  constexpr int kTrack = 420, kRow = 54, kTop = 8;
  const int height = kTop + static_cast<int>(bars.size()) * kRow + 4;
  Html o;
  o << "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 " << height << "\" width=\"640\" height=\""
    << height << "\" role=\"img\" aria-labelledby=\"" << id << "-title\"><title id=\"" << id << "-title\">" << title << "</title>";
  for (size_t i = 0; i < bars.size(); i++) {
    const Bar& b = bars[i];
    const int y = kTop + static_cast<int>(i) * kRow;
    const bool shown = b.cell.state == CellState::Shown;
    const int w = shown ? static_cast<int>(std::clamp(b.cell.value, 0.0, 100.0) / 100.0 * kTrack + 0.5) : 0;
    o << "<text x=\"0\" y=\"" << y + 15 << "\" font-size=\"15\" fill=\"#1b1b1b\">" << b.label << "</text>"
      << "<rect x=\"0\" y=\"" << y + 22 << "\" width=\"" << kTrack << "\" height=\"20\" fill=\"#f3f2f1\" stroke=\"#505a5f\"/>";
    if (w > 0) o << "<rect x=\"0\" y=\"" << y + 22 << "\" width=\"" << w << "\" height=\"20\" fill=\"#0b4f9c\"/>";
    o << "<text x=\"" << kTrack + 10 << "\" y=\"" << y + 38 << "\" font-size=\"15\" font-weight=\"700\" fill=\"#1b1b1b\">"
      << cell_text(b.cell, ColumnKind::Percent) << "</text>";
  }
  o << "</svg>";
  return o;
}

Html report_html_body(const Report& r, const Heading& h) {
  Html o;
  o << "<p class=\"lede\">" << h.establishment << " · " << h.scope << " · " << period_words(r.period) << ", " << group_words(r.by)
    << "</p><div class=\"notice rule\"><h2>Small numbers are not shown</h2><p>" << kSuppressionRule << "</p>"
    << "<p>Figures only: this report never names or numbers a child.</p></div>";
  o << "<section class=\"charts\"><h2>At a glance</h2>"
    << bar_chart_svg("glance", "At a glance: " + period_words(r.period) + ", " + h.scope, r.glance);
  if (!r.agencies.empty())
    o << "<h3>Plan actions done on time, by owner agency</h3>" << bar_chart_svg("agencies", "Plan actions done on time, by owner agency", r.agencies);
  o << "</section>";
  for (const Table& t : r.tables) o << table_html(t);
  return o;
}

std::string report_html_document(const Report& r, const Heading& h, const std::string& css) {
  std::string safe_css = css;
  for (size_t p; (p = safe_css.find("</")) != std::string::npos;) safe_css.replace(p, 2, "<\\/");
  Html o;
  // The stylesheet is the gateway's own, compiled in (gateway/web/web.css): the one string trusted as it is here.
  o << "<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Board report – Waymark</title><style>"
    << web::raw(safe_css) << "</style></head><body><main id=\"main\"><h1>Board report</h1>" << report_html_body(r, h)
    << "</main></body></html>\n";
  return o.str();
}

std::string report_text(const Report& r, const Heading& h) {
  std::ostringstream o;
  o << "Board report: " << h.establishment << ", " << h.scope << ", " << period_words(r.period) << ", " << group_words(r.by) << "\n\n"
    << kSuppressionRule << "\n";
  for (const Table& t : r.tables) {
    o << "\n" << t.title << "\n" << std::string(t.title.size(), '=') << "\n";
    size_t width = 0;
    for (const Figure& f : figures_of(t)) width = std::max(width, f.name.size());
    for (const Row& row : t.rows) {
      o << row.label << ":\n";
      for (const Figure& f : figures_of(t))
        o << "  " << f.name << std::string(width - f.name.size(), ' ') << "  " << figure_text(row, t, f) << "\n";
    }
  }
  return o.str();
}

std::string report_csv(const Report& r, const Heading& h) {
  std::string o = csv_line({"section", "row", "figure", "value"});
  o += csv_line({"report", "", "establishment", csv_safe(h.establishment)});
  o += csv_line({"report", "", "scope", csv_safe(h.scope)});
  o += csv_line({"report", "", "from", format_date(r.period.from)});
  o += csv_line({"report", "", "to", format_date(r.period.to)});
  o += csv_line({"report", "", "grouped", group_words(r.by)});
  o += csv_line({"report", "", "rule", kSuppressionRule});
  for (const Table& t : r.tables)
    for (const Row& row : t.rows)
      for (size_t c = 0; c < t.columns.size(); c++)
        o += csv_line({t.id, csv_safe(row.label), t.columns[c].name, cell_csv(row.cells[c], t.columns[c].kind)});
  return o;
}

}  // namespace waymark::gateway::report

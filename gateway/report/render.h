// gateway/report/render.h: the board report as plain text (the command line), CSV (/board.csv and the command
// line) and HTML with its charts as server-rendered SVG (/board and report --format html). Everything shown
// comes from a suppressed Report (figures.h), so no renderer can show what the rule hides; the HTML is written
// with the escaping builder (gateway/web/html_builder.h). No scripts and no external assets: the SVG is inline, with words and numbers beside every bar.
#pragma once

#include <string>
#include <vector>

#include "gateway/report/figures.h"
#include "gateway/web/html_builder.h"

namespace waymark::gateway::report {

struct Heading {
  std::string establishment;  // "Brookfield YOI (BKF)"
  std::string scope;          // "All YOTs", "Leeds YOT"
};

// "1 Jul 2026 to 30 Sep 2026".
std::string period_words(const Period& p);

std::string report_text(const Report& r, const Heading& h);
// Long form, one figure a line: section,row,figure,value (a value not shown is its words). Cells a
// spreadsheet would run as a formula are prefixed with '.
std::string report_csv(const Report& r, const Heading& h);
// The report's sections (h2 and below): the rule, the charts and the tables. The page puts its own h1 and form
// around it.
web::Html report_html_body(const Report& r, const Heading& h);
// A whole document (the command line's --format html): the body above with the stylesheet inline.
std::string report_html_document(const Report& r, const Heading& h, const std::string& css);
// A horizontal bar chart of percentages: the label above each bar, the value (or why it is not shown) beside it.
web::Html bar_chart_svg(const std::string& id, const std::string& title, const std::vector<Bar>& bars);

}  // namespace waymark::gateway::report

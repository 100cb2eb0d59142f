// gateway/web/pages_board.cpp: the management board's report (/board) and its CSV (/board.csv). Board accounts
// only; figures only (gateway/report/): no child's name, number, record id or words on either. A period, a
// grouping and a YOT are chosen with a plain GET form; asking for an establishment or YOT outside the
// member's scope is answered "not found" and audited (web.denied), like a child who is not allocated.
#include <httplib.h>

#include "gateway/store/audit.h"
#include "gateway/store/board_facts.h"
#include "gateway/store/establishments.h"
#include "gateway/web/pages.h"

namespace waymark::gateway::web {

namespace {

struct BoardAsk {
  BoardScope scope;
  std::string yot;
  report::Period period;
  report::GroupBy by = report::GroupBy::Establishment;
};

// The form: period, grouping, and (for a member who may see more than one) the YOT.
Html board_form(Ctx& c, const BoardScope& scope, const std::string& from, const std::string& to, const std::string& by,
                const std::string& yot) {
  Html o;
  o << "<form class=\"board-form noprint\" method=\"get\" action=\"/board\"><div><label for=\"from\">From<span class=\"hint\">"
       "A date like 2026-07-01</span></label><input id=\"from\" name=\"from\" type=\"text\" inputmode=\"numeric\" maxlength=\"10\" "
       "value=\""
    << from << "\"></div><div><label for=\"to\">To<span class=\"hint\">A date like 2026-09-30</span></label><input id=\"to\" "
               "name=\"to\" type=\"text\" inputmode=\"numeric\" maxlength=\"10\" value=\""
    << to << "\"></div><div><label for=\"by\">Group by</label><select id=\"by\" name=\"by\">"
    << (by == "yot" ? Html("<option value=\"establishment\">Establishment</option><option value=\"yot\" selected>YOT</option>")
                    : Html("<option value=\"establishment\" selected>Establishment</option><option value=\"yot\">YOT</option>"))
    << "</select></div>";
  if (scope.kind != BoardScope::Kind::Yot) {
    o << "<div><label for=\"yot\">YOT</label><select id=\"yot\" name=\"yot\"><option value=\"\">All YOTs</option>";
    for (const std::string& y : known_yots(c.db))
      o << "<option value=\"" << y << (y == yot ? Html("\" selected>") : Html("\">")) << y << "</option>";
    o << "</select></div>";
  }
  o << "<div><button class=\"primary\" type=\"submit\">Show</button></div></form>";
  return o;
}

// Session, scope and period. Each refusal is answered here; std::nullopt then.
std::optional<BoardAsk> need_board_ask(Ctx& c) {
  if (!need_session(c, PrincipalKind::Board)) return std::nullopt;
  BoardAsk a;
  a.scope = parse_board_scope(c.s->who.org_or_role);
  a.yot = query(c.req, "yot");
  std::vector<std::string> known;
  const std::vector<Establishment> all = list_establishments(c.db);
  for (const Establishment& e : all) {
    known.push_back(e.code);
    if (a.scope.kind == BoardScope::Kind::Establishment && e.code == a.scope.value) c.establishment = e.name;
  }
  // The page's header names the member's establishment, or none when they see several.
  if (a.scope.kind != BoardScope::Kind::Establishment && all.size() > 1) c.establishment.clear();
  if (!scope_allows(a.scope, known, query(c.req, "establishment"), a.yot)) {
    deny(c);  // audited as web.denied; the same "not found" as anything else that is not theirs
    return std::nullopt;
  }
  const std::string by = query(c.req, "by");
  if (!by.empty() && by != "establishment" && by != "yot") {
    not_found(c);
    return std::nullopt;
  }
  a.by = by == "yot" ? report::GroupBy::Yot : report::GroupBy::Establishment;
  const auto p = report::parse_period(query(c.req, "from"), query(c.req, "to"), local_date(c.now / 1000));
  if (const auto* err = std::get_if<std::string>(&p)) {
    Html b;
    b << "<h1>Board report</h1><div class=\"notice err\" role=\"alert\"><p>" << *err << "</p></div>"
      << board_form(c, a.scope, query(c.req, "from"), query(c.req, "to"), by, a.yot);
    send_html(c.res, 400, page(c.frame("Board report"), b));
    return std::nullopt;
  }
  a.period = std::get<report::Period>(p);
  return a;
}

void audit_report(Ctx& c, const BoardAsk& a, const char* what) {
  Txn t(c.db);
  audit(c.db, c.now, c.s->who.label(), what,
        format_date(a.period.from) + ".." + format_date(a.period.to) + (a.yot.empty() ? "" : " " + a.yot));
  t.commit();
}

std::string csv_link(const BoardAsk& a) {
  std::string q = "from=" + format_date(a.period.from) + "&to=" + format_date(a.period.to) +
                  "&by=" + (a.by == report::GroupBy::Yot ? "yot" : "establishment");
  if (!a.yot.empty()) q += "&yot=" + httplib::detail::encode_query_param(a.yot);
  return "/board.csv?" + q;
}

}  // namespace

void get_board(Ctx& c) {
  const auto a = need_board_ask(c);
  if (!a) return;
  const BoardReport b = board_report(c.db, a->scope, a->yot, a->period, a->by, c.now);
  audit_report(c, *a, "board.report");
  Html o;
  o << "<p class=\"print-only\">Waymark board report, printed by " << c.s->who.name << ". Figures only.</p>"
    << "<h1>Board report</h1>"
    << board_form(c, a->scope, format_date(a->period.from), format_date(a->period.to), a->by == report::GroupBy::Yot ? "yot" : "",
                  a->yot)
    << "<p class=\"noprint\"><a href=\"" << csv_link(*a) << "\">Download these figures as CSV</a> · "
    << "<span class=\"print-hint\">Print this page for a paper copy.</span></p>" << report::report_html_body(b.report, b.heading);
  send_html(c.res, 200, page(c.frame("Board report"), o));
}

void get_board_csv(Ctx& c) {
  const auto a = need_board_ask(c);
  if (!a) return;
  const BoardReport b = board_report(c.db, a->scope, a->yot, a->period, a->by, c.now);
  audit_report(c, *a, "board.csv");
  c.res.status = 200;
  c.res.set_header("Content-Disposition", "attachment; filename=\"board-report-" + format_date(a->period.from) + "-to-" +
                                              format_date(a->period.to) + ".csv\"");
  c.res.set_content(report::report_csv(b.report, b.heading), "text/csv; charset=utf-8");
}

}  // namespace waymark::gateway::web

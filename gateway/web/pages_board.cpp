// gateway/web/pages_board.cpp: the management board's report (/board) and its CSV (/board.csv). Board accounts
// only; figures only (gateway/report/): no child's name, number, record id or words on either. A period, a
// grouping, an establishment and a YOT are chosen with a plain GET form. A YOT outside the member's scope is
// answered "not found" and audited (web.denied), like a child who is not allocated; an establishment outside it
// gets the same answer as a code that is no establishment here, and is audited (scope.refused), as the IT
// pages do.
#include <httplib.h>

#include <algorithm>
#include <stdexcept>

#include "gateway/store/audit.h"
#include "gateway/store/board_facts.h"
#include "gateway/store/establishments.h"
#include "gateway/web/pages.h"

namespace waymark::gateway::web {

namespace {

struct BoardAsk {
  BoardScope scope;          // the member's own
  std::string yot;           // "" for every YOT the scope allows
  std::string establishment; // a code, "" for every establishment the scope allows
  report::Period period;
  report::GroupBy by = report::GroupBy::Establishment;
  // The report asked for: one establishment narrows the scope to it (a YOT scope keeps its YOT inside it).
  BoardScope narrowed() const {
    return establishment.empty() ? scope : BoardScope{BoardScope::Kind::Establishment, establishment};
  }
  std::string narrowed_yot() const { return scope.kind == BoardScope::Kind::Yot && yot.empty() ? scope.value : yot; }
};

// What the form shows: as asked, before it is checked.
struct BoardFormValues {
  std::string from, to, by, yot, establishment;
};

Html select_field(const char* id, const char* label, const char* all_words, const std::vector<std::pair<std::string, std::string>>& options,
                  const std::string& chosen) {
  Html o;
  o << "<div><label for=\"" << id << "\">" << label << "</label><select id=\"" << id << "\" name=\"" << id << "\"><option value=\"\">"
    << all_words << "</option>";
  for (const auto& [value, words] : options)
    o << "<option value=\"" << value << (value == chosen ? Html("\" selected>") : Html("\">")) << words << "</option>";
  o << "</select></div>";
  return o;
}

// The form: period, grouping, and (for a member who may see more than one) the establishment and the YOT.
Html board_form(Ctx& c, const BoardScope& scope, const BoardFormValues& v) {
  Html o;
  o << "<form class=\"board-form noprint\" method=\"get\" action=\"/board\"><div><label for=\"from\">From<span class=\"hint\">"
       "A date like 2026-07-01</span></label><input id=\"from\" name=\"from\" type=\"text\" inputmode=\"numeric\" maxlength=\"10\" "
       "value=\""
    << v.from << "\"></div><div><label for=\"to\">To<span class=\"hint\">A date like 2026-09-30</span></label><input id=\"to\" "
                 "name=\"to\" type=\"text\" inputmode=\"numeric\" maxlength=\"10\" value=\""
    << v.to << "\"></div><div><label for=\"by\">Group by</label><select id=\"by\" name=\"by\">"
    << (v.by == "yot" ? Html("<option value=\"establishment\">Establishment</option><option value=\"yot\" selected>YOT</option>")
                      : Html("<option value=\"establishment\" selected>Establishment</option><option value=\"yot\">YOT</option>"))
    << "</select></div>";
  if (scope.kind != BoardScope::Kind::Establishment) {
    std::vector<std::pair<std::string, std::string>> ests;
    for (const Establishment& e : list_establishments(c.db)) ests.emplace_back(e.code, e.name + ", " + e.code);  // as the report names it
    if (ests.size() > 1) o << select_field("establishment", "Establishment", "All establishments", ests, v.establishment);
  }
  if (scope.kind != BoardScope::Kind::Yot) {
    std::vector<std::pair<std::string, std::string>> yots;
    for (const std::string& y : known_yots(c.db)) yots.emplace_back(y, y);
    o << select_field("yot", "YOT", "All YOTs", yots, v.yot);
  }
  o << "<div><button class=\"primary\" type=\"submit\">Show</button></div></form>";
  return o;
}

BoardFormValues asked_values(Ctx& c) {
  return {query(c.req, "from"), query(c.req, "to"), query(c.req, "by"), query(c.req, "yot"), query(c.req, "establishment")};
}

// A request the report cannot answer: the words, and the form to ask again. Nothing is read or audited.
void refuse_board(Ctx& c, int status, const std::string& why, const BoardScope& scope) {
  Html b;
  b << "<h1>Board report</h1><div class=\"notice err\" role=\"alert\"><p>" << why << "</p></div>" << board_form(c, scope, asked_values(c));
  send_html(c.res, status, page(c.frame("Board report"), b));
}

// The establishment asked for: "" (every one the scope allows), or a code on this gateway inside the scope.
// A code of another establishment than the member's own gets the same answer as one that is no establishment
// here, so the answer says nothing about which exist; only the audit log tells them apart (scope.refused).
std::optional<std::string> need_board_establishment(Ctx& c, const BoardScope& scope, const std::vector<Establishment>& all) {
  const std::string code = query(c.req, "establishment");
  if (code.empty()) return code;
  try {
    check_establishment_code(code);
  } catch (const std::invalid_argument&) {
    refuse_board(c, 400, "An establishment code is 2 to 12 capital letters and digits, like BRK. Choose one from the list.", scope);
    return std::nullopt;
  }
  const bool known = std::any_of(all.begin(), all.end(), [&](const Establishment& e) { return e.code == code; });
  const bool theirs = known && (scope.kind != BoardScope::Kind::Establishment || scope.value == code);
  if (!theirs) {
    if (known) {
      Txn t(c.db);
      audit(c.db, c.now, c.s->who.label(), "scope.refused", "board report of establishment " + code + " (scope " + scope.text() + ")");
      t.commit();
    }
    refuse_board(c, 404, "There is no establishment " + code + " in the figures you can see. Choose one from the list.", scope);
    return std::nullopt;
  }
  return code;
}

// Session, scope, establishment and period. Each refusal is answered here; std::nullopt then.
std::optional<BoardAsk> need_board_ask(Ctx& c) {
  if (!need_session(c, PrincipalKind::Board)) return std::nullopt;
  BoardAsk a;
  a.scope = parse_board_scope(c.s->who.org_or_role);
  a.yot = query(c.req, "yot");
  std::vector<std::string> known;
  const std::vector<Establishment> all = list_establishments(c.db);
  for (const Establishment& e : all) known.push_back(e.code);
  if (!scope_allows(a.scope, known, "", a.yot)) {
    deny(c);  // audited as web.denied; the same "not found" as anything else that is not theirs
    return std::nullopt;
  }
  // The page's header names the one establishment the figures are about, or none when they cover several: the
  // member's own (a refusal too), then the one they chose.
  const auto name_in_header = [&c, &all](const std::string& code) {
    c.establishment.clear();
    for (const Establishment& e : all)
      if (e.code == code) c.establishment = e.name;
  };
  name_in_header(a.scope.kind == BoardScope::Kind::Establishment ? a.scope.value : all.size() == 1 ? all.front().code : "");
  const auto est = need_board_establishment(c, a.scope, all);
  if (!est) return std::nullopt;
  a.establishment = *est;
  if (!a.establishment.empty()) name_in_header(a.establishment);
  const std::string by = query(c.req, "by");
  if (!by.empty() && by != "establishment" && by != "yot") {
    not_found(c);
    return std::nullopt;
  }
  a.by = by == "yot" ? report::GroupBy::Yot : report::GroupBy::Establishment;
  const auto p = report::parse_period(query(c.req, "from"), query(c.req, "to"), local_date(c.now / 1000));
  if (const auto* err = std::get_if<std::string>(&p)) {
    refuse_board(c, 400, *err, a.scope);
    return std::nullopt;
  }
  a.period = std::get<report::Period>(p);
  return a;
}

BoardReport report_for(Ctx& c, const BoardAsk& a) {
  return board_report(c.db, a.narrowed(), a.narrowed_yot(), a.period, a.by, c.now);
}

void audit_report(Ctx& c, const BoardAsk& a, const char* what) {
  Txn t(c.db);
  audit(c.db, c.now, c.s->who.label(), what,
        format_date(a.period.from) + ".." + format_date(a.period.to) + (a.establishment.empty() ? "" : " " + a.establishment) +
            (a.yot.empty() ? "" : " " + a.yot));
  t.commit();
}

std::string csv_link(const BoardAsk& a) {
  std::string q = "from=" + format_date(a.period.from) + "&to=" + format_date(a.period.to) +
                  "&by=" + (a.by == report::GroupBy::Yot ? "yot" : "establishment");
  if (!a.establishment.empty()) q += "&establishment=" + a.establishment;  // capital letters and digits only
  if (!a.yot.empty()) q += "&yot=" + httplib::detail::encode_query_param(a.yot);
  return "/board.csv?" + q;
}

}  // namespace

void get_board(Ctx& c) {
  const auto a = need_board_ask(c);
  if (!a) return;
  const BoardReport b = report_for(c, *a);
  audit_report(c, *a, "board.report");
  Html o;
  o << "<p class=\"print-only\">Waymark board report, printed by " << c.s->who.name << ". Figures only.</p>"
    << "<h1>Board report</h1>"
    << board_form(c, a->scope,
                  {format_date(a->period.from), format_date(a->period.to), a->by == report::GroupBy::Yot ? "yot" : "", a->yot,
                   a->establishment})
    << "<p class=\"noprint\"><a href=\"" << csv_link(*a) << "\">Download these figures as CSV</a> · "
    << "<span class=\"print-hint\">Print this page for a paper copy.</span></p>" << report::report_html_body(b.report, b.heading);
  send_html(c.res, 200, page(c.frame("Board report"), o));
}

void get_board_csv(Ctx& c) {
  const auto a = need_board_ask(c);
  if (!a) return;
  const BoardReport b = report_for(c, *a);
  audit_report(c, *a, "board.csv");
  c.res.status = 200;
  const std::string which = a->establishment.empty() ? "" : a->establishment + "-";
  c.res.set_header("Content-Disposition", "attachment; filename=\"board-report-" + which + format_date(a->period.from) + "-to-" +
                                              format_date(a->period.to) + ".csv\"");
  c.res.set_content(report::report_csv(b.report, b.heading), "text/csv; charset=utf-8");
}

}  // namespace waymark::gateway::web

// gateway/cli/cmd_board.cpp: waymark-gateway board and report: management-board accounts (figures only, a scope
// each) and the board report from the command line, the same figures and rule as /board (docs/board-report.md).
#include <cstdio>
#include <stdexcept>
#include <string>

#include "gateway/cli/commands.h"
#include "gateway/store/board_facts.h"
#include "gateway/store/establishments.h"
#include "gateway/store/web_accounts.h"
#include "gateway/web/stylesheet.h"

namespace waymark::gateway::cli {

namespace {

int cmd_board(const Args& a) {
  return run_account_command(
      a, {"board", "board member", "--name, --email and --scope are required",
          [](const Args& x) { return !x.get("--name").empty() && !x.get("--email").empty() && !x.get("--scope").empty(); },
          [](Db& db, const Args& x) { return add_board_member(db, x.get("--name"), x.get("--email"), x.get("--scope"), actor(), now_ms()); },
          [](Db& db) {
            for (const BoardMember& m : list_board_members(db))
              std::printf("%lld\t%s\t%s\t%s\n", static_cast<long long>(m.id), m.name.c_str(), m.email.c_str(), m.scope.text().c_str());
          }});
}

int cmd_report(const Args& a) {
  if (!a.has("--data")) return usage_error("report", "--data is required");
  if (a.has("--from") != a.has("--to")) return usage_error("report", "--from and --to go together");
  const std::string by = a.has("--by") ? a.get("--by") : "establishment", format = a.has("--format") ? a.get("--format") : "text";
  if (by != "establishment" && by != "yot") return usage_error("report", "--by must be establishment or yot");
  if (format != "text" && format != "csv" && format != "html") return usage_error("report", "--format must be text, csv or html");
  const auto p = report::parse_period(a.get("--from"), a.get("--to"), local_date(now_ms() / 1000));
  if (const auto* err = std::get_if<std::string>(&p)) return failed("report", *err);
  auto db = open_or_fail(a);
  const std::string yot = a.get("--yot");
  if (!yot.empty()) {
    bool known = false;
    for (const std::string& y : known_yots(*db)) known = known || y == yot;
    if (!known) return failed("report", "no worker on this gateway belongs to \"" + yot + "\"");
  }
  BoardScope scope;  // an administrator's: the whole gateway, or the one establishment asked for
  if (const std::string code = a.get("--establishment"); !code.empty()) {
    if (!establishment_by_code(*db, code)) return failed("report", "there is no establishment " + code + " on this gateway");
    scope = BoardScope{BoardScope::Kind::Establishment, code};
  }
  const BoardReport b = board_report(*db, scope, yot, std::get<report::Period>(p),
                                     by == "yot" ? report::GroupBy::Yot : report::GroupBy::Establishment, now_ms());
  const std::string out = format == "csv"    ? report::report_csv(b.report, b.heading)
                          : format == "html" ? report::report_html_document(b.report, b.heading, web::kWebCss)
                                             : report::report_text(b.report, b.heading);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace

const Command kBoardCommand{
    "board", "board add|list|password-code --data DIR ...         management-board members (figures only)",
    "usage: waymark-gateway board add --data DIR --name NAME --email EMAIL --scope establishment:CODE|yot:NAME|all\n"
    "       waymark-gateway board password-code --data DIR --email EMAIL\n"
    "       waymark-gateway board list --data DIR\n"
    "Management-board accounts for the report at /board: figures only, never a child. The scope is one\n"
    "establishment on this gateway (its code), one YOT (the organisation of its workers; its children in every\n"
    "establishment), or all. add and password-code print a one-time password code as the last line.",
    {{.sub = "add", .options = {"--data", "--name", "--email", "--scope"}},
     {.sub = "password-code", .options = {"--data", "--email"}},
     {.sub = "list", .options = {"--data"}}},
    cmd_board};

const Command kReportCommand{
    "report", "report --data DIR [--from D --to D] [--by ...]        the board report (text, csv or html)",
    "usage: waymark-gateway report --data DIR [--from YYYY-MM-DD --to YYYY-MM-DD] [--by establishment|yot]\n"
    "                              [--establishment CODE] [--yot NAME] [--format text|csv|html]\n"
    "The management board's figures for a period (default: the last full quarter), with small numbers suppressed\n"
    "as on /board; by establishment, a row for each establishment on this gateway (or only the one --establishment\n"
    "names). A period that ends before it starts or is longer than five years is refused.",
    {{.options = {"--data", "--from", "--to", "--by", "--establishment", "--yot", "--format"}}},
    cmd_report};

}  // namespace waymark::gateway::cli

// gateway/store/board_facts.h: the one place the board report reads the gateway's database. It turns children,
// meetings, My Views, messages, enquiries and plans ("My plan": plan versions, action history and enquiry
// states, gateway migration 104, read when those tables are there) into report::Facts: dates,
// kinds and times only. A child's number is used inside to join rows and never leaves; names, record ids and
// anything a child or worker wrote are never read into the facts.
#pragma once

#include <cstdint>
#include <string>

#include "core/storage/db.h"
#include "gateway/report/figures.h"
#include "gateway/report/render.h"
#include "gateway/store/board_accounts.h"

namespace waymark::gateway {

// The facts about the children a board member may see, each named with their establishment: every child in
// every establishment when the scope is all, one establishment's when it names one, and (for a YOT scope, or
// when `yot` is given) only the children whose allocated worker is in that YOT, wherever they are. Things
// that happen on dates (meetings, messages, enquiries) are read from a little before `p` to a little after,
// so the local-time rules in figures.h decide what falls inside.
report::Facts read_board_facts(Db& db, const BoardScope& scope, const std::string& yot, const report::Period& p);

// The establishment's local time at unix ms, as the report's rules count it.
report::LocalTime local_time_at(int64_t ms);

// The whole report and its heading, for /board, /board.csv and `waymark-gateway report`.
struct BoardReport {
  report::Report report;
  report::Heading heading;
};
BoardReport board_report(Db& db, const BoardScope& scope, const std::string& yot, const report::Period& p, report::GroupBy by,
                         int64_t now_ms);

}  // namespace waymark::gateway

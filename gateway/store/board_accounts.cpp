#include "gateway/store/board_accounts.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "gateway/store/audit.h"
#include "gateway/store/checks.h"
#include "gateway/store/database.h"
#include "gateway/store/establishments.h"
#include "gateway/store/web_accounts.h"

namespace waymark::gateway {

// ================================================================= establishment code
std::string establishment_code(Db& db) { return gateway_meta(db, "establishment_code"); }

void set_establishment_code(Db& db, const std::string& code, const std::string& actor, int64_t now_ms) {
  bool ok = code.size() >= 2 && code.size() <= 12;
  for (char c : code) ok = ok && (std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)));
  if (!ok) throw std::invalid_argument("the establishment code must be 2 to 12 capital letters and digits, like WYI");
  Txn t(db);
  if (const auto other = establishment_by_code(db, code); other && other->id != 1)
    throw std::invalid_argument("the code " + code + " is already another establishment's");
  set_gateway_meta(db, "establishment_code", code);
  Stmt e(db, "UPDATE establishments SET code = :c WHERE id = 1");  // init --code names the first establishment
  e.bind(":c", code).run();
  audit(db, now_ms, actor, "establishment.code", code);
  t.commit();
}

// ================================================================= scope
std::string BoardScope::text() const {
  switch (kind) {
    case Kind::All: return "all";
    case Kind::Establishment: return "establishment:" + value;
    case Kind::Yot: return "yot:" + value;
  }
  return "all";
}

BoardScope parse_board_scope(const std::string& text) {
  const std::string why = "the scope must be establishment:CODE, yot:NAME or all (not \"" + text + "\")";
  if (text == "all") return {};
  const auto colon = text.find(':');
  if (colon == std::string::npos || colon + 1 >= text.size() || text.size() > 120) throw std::invalid_argument(why);
  const std::string head = text.substr(0, colon), value = text.substr(colon + 1);
  for (unsigned char c : value)
    if (c < 0x20 || c == 0x7f) throw std::invalid_argument(why);
  if (head == "establishment") return {BoardScope::Kind::Establishment, value};
  if (head == "yot") return {BoardScope::Kind::Yot, value};
  throw std::invalid_argument(why);
}

bool scope_allows(const BoardScope& scope, const std::vector<std::string>& known, const std::string& est,
                  const std::string& yot) {
  const auto is_known = [&known](const std::string& code) { return std::find(known.begin(), known.end(), code) != known.end(); };
  if (!est.empty() && !is_known(est)) return false;  // no such establishment on this gateway
  switch (scope.kind) {
    case BoardScope::Kind::All: return true;
    case BoardScope::Kind::Establishment: return is_known(scope.value) && (est.empty() || est == scope.value);
    case BoardScope::Kind::Yot: return yot.empty() || yot == scope.value;
  }
  return false;
}

// ================================================================= YOTs
std::vector<std::string> known_yots(Db& db) {
  std::vector<std::string> out;
  Stmt s(db, "SELECT DISTINCT org FROM workers WHERE org <> '' ORDER BY org");
  while (s.step()) out.push_back(s.text(0));
  return out;
}

// ================================================================= members
int64_t add_board_member(Db& db, const std::string& name, const std::string& email, const std::string& scope_text,
                         const std::string& actor, int64_t now_ms) {
  check_person(name, email);
  const BoardScope scope = parse_board_scope(scope_text);
  if (scope.kind == BoardScope::Kind::Establishment && !establishment_by_code(db, scope.value)) {
    std::string list;
    for (const Establishment& e : list_establishments(db)) list += (list.empty() ? "" : ", ") + e.code;
    throw std::invalid_argument("there is no establishment " + scope.value + " on this gateway; its establishments are: " +
                                (list.empty() ? "none yet" : list));
  }
  if (scope.kind == BoardScope::Kind::Yot) {
    const auto yots = known_yots(db);
    bool known = false;
    std::string list;
    for (const std::string& y : yots) {
      known = known || y == scope.value;
      list += (list.empty() ? "" : ", ") + y;
    }
    if (!known)
      throw std::invalid_argument("no worker on this gateway belongs to \"" + scope.value + "\"; the YOTs here are: " +
                                  (list.empty() ? "none yet" : list));
  }
  return add_account(db, PrincipalKind::Board, name, email, {"scope", scope.text()}, scope.text(), actor, now_ms);
}

std::vector<BoardMember> list_board_members(Db& db) {
  std::vector<BoardMember> out;
  Stmt s(db, "SELECT id, name, email, scope FROM board_members WHERE active = 1 ORDER BY id");
  while (s.step()) out.push_back(BoardMember{s.i64(0), s.text(1), s.text(2), parse_board_scope(s.text(3))});
  return out;
}

}  // namespace waymark::gateway

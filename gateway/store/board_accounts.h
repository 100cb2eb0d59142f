// gateway/store/board_accounts.h: management-board members (docs/board-report.md): their accounts, the scope
// each may see, and the establishment code a scope names. A board member signs in like everyone else
// (sign_in.h, web_accounts.h: one set of rules) and sees only figures, never a child.
//
// Index
//  - establishment code : the first establishment's code (meta "establishment_code"), set with init --code
//  - scope              : all, establishment:CODE (any establishment on this gateway) or yot:NAME; parsing, and
//                         whether a request is inside it
//  - YOTs               : the YOT of a child is the organisation of the worker allocated to them
//  - members            : add (with the scope checked against this gateway), list
// Every function that writes opens its own BEGIN IMMEDIATE transaction and audits the change.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/storage/db.h"

namespace waymark::gateway {

// ---------------------------------------------------------------- establishment code
// 2 to 12 capital letters and digits (a prison code like "WYI" fits). "" when none is set yet.
std::string establishment_code(Db& db);
// Throws std::invalid_argument with plain words for a code that is not 2 to 12 letters and digits.
void set_establishment_code(Db& db, const std::string& code, const std::string& actor, int64_t now_ms);

// ---------------------------------------------------------------- scope
struct BoardScope {
  enum class Kind { All, Establishment, Yot };
  Kind kind = Kind::All;
  std::string value;  // the establishment code or the YOT's name; empty for All
  std::string text() const;  // "all", "establishment:BKF", "yot:Leeds YOT"
};
// Throws std::invalid_argument with plain words ("--scope must be establishment:CODE, yot:NAME or all").
BoardScope parse_board_scope(const std::string& text);
// Whether a board member with `scope` may see figures for the establishment `est` (a code; empty: not asked)
// and the YOT `yot` (empty: not asked) on a gateway whose establishments have the codes `known`. An
// establishment scope sees only its own establishment; a YOT scope that YOT's children in every establishment.
// Pure.
bool scope_allows(const BoardScope& scope, const std::vector<std::string>& known, const std::string& est,
                  const std::string& yot);

// ---------------------------------------------------------------- YOTs
// Every YOT this gateway knows: the organisations of its workers, sorted.
std::vector<std::string> known_yots(Db& db);

// ---------------------------------------------------------------- members
struct BoardMember {
  int64_t id = 0;
  std::string name, email;
  BoardScope scope;
};
// Checks the name and email, and that the scope names an establishment on this gateway or a known YOT.
// Returns the new id. Throws std::invalid_argument with plain words.
int64_t add_board_member(Db& db, const std::string& name, const std::string& email, const std::string& scope,
                         const std::string& actor, int64_t now_ms);
std::vector<BoardMember> list_board_members(Db& db);

}  // namespace waymark::gateway

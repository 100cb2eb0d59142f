#include "gateway/store/establishments.h"

#include <cctype>
#include <stdexcept>

#include "core/base/text.h"
#include "gateway/store/audit.h"

namespace waymark::gateway {

namespace {

void check_name(const std::string& what, const std::string& v, size_t max) {
  if (v.empty() || utf8_length(v) > max || sanitize_text(v, max, false) != v)
    throw std::invalid_argument("the " + what + " must be 1 to " + std::to_string(max) + " printable characters");
}

std::vector<std::string> wings_of(Db& db, int64_t id) {
  std::vector<std::string> out;
  Stmt s(db, "SELECT name FROM wings WHERE establishment_id = :e ORDER BY name");
  s.bind(":e", id);
  while (s.step()) out.push_back(s.text(0));
  return out;
}

std::optional<Establishment> read_one(Db& db, Stmt& s) {
  if (!s.step()) return std::nullopt;
  Establishment e{s.i64(0), s.text(1), s.text(2), {}};
  e.wings = wings_of(db, e.id);
  return e;
}

// In its own transaction when none is open (a CLI call), inside the caller's otherwise.
void audit_refusal(Db& db, const std::string& actor, const std::string& detail, int64_t now_ms) {
  if (db.in_transaction()) {
    audit(db, now_ms, actor, "scope.refused", detail);
    return;
  }
  Txn t(db);
  audit(db, now_ms, actor, "scope.refused", detail);
  t.commit();
}

}  // namespace

// ================================================================= codes and rows
void check_establishment_code(const std::string& code) {
  bool ok = code.size() >= 2 && code.size() <= 12;
  for (char c : code) ok = ok && (std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)));
  if (!ok) throw std::invalid_argument("the establishment code must be 2 to 12 capital letters and digits, like BRK");
}

std::vector<Establishment> list_establishments(Db& db) {
  std::vector<Establishment> out;
  Stmt s(db, "SELECT id, code, name FROM establishments ORDER BY id");
  while (auto e = read_one(db, s)) out.push_back(std::move(*e));
  return out;
}

std::optional<Establishment> establishment_by_code(Db& db, const std::string& code) {
  Stmt s(db, "SELECT id, code, name FROM establishments WHERE code = :c");
  s.bind(":c", code);
  return read_one(db, s);
}

std::optional<Establishment> establishment_by_id(Db& db, int64_t id) {
  Stmt s(db, "SELECT id, code, name FROM establishments WHERE id = :i");
  s.bind(":i", id);
  return read_one(db, s);
}

int64_t add_establishment(Db& db, const std::string& code, const std::string& name,
                          const std::vector<std::string>& wings, const std::string& actor, int64_t now_ms) {
  check_establishment_code(code);
  check_name("establishment name", name, 80);
  if (wings.empty()) throw std::invalid_argument("an establishment needs at least one wing (--wing NAME)");
  for (const std::string& w : wings) check_name("wing name", w, 40);
  Txn t(db);
  if (establishment_by_code(db, code)) throw std::invalid_argument("there is already an establishment " + code);
  Stmt s(db, "INSERT INTO establishments(code, name, created_at) VALUES(:c, :n, :at) RETURNING id");
  s.bind(":c", code).bind(":n", name).bind(":at", now_ms);
  s.step();
  const int64_t id = s.i64(0);
  s.reset();
  std::string listed;
  for (const std::string& w : wings) {
    note_wing(db, id, w);
    listed += (listed.empty() ? "" : ", ") + w;
  }
  audit(db, now_ms, actor, "establishment.add", code + " " + name + " (wings " + listed + ")");
  t.commit();
  return id;
}

void add_wing(Db& db, const std::string& code, const std::string& wing, const std::string& actor, int64_t now_ms) {
  check_name("wing name", wing, 40);
  Txn t(db);
  const auto e = establishment_by_code(db, code);
  if (!e) throw std::invalid_argument("there is no establishment " + code);
  note_wing(db, e->id, wing);
  audit(db, now_ms, actor, "establishment.wing", code + " wing " + wing);
  t.commit();
}

void put_home_establishment(Db& db, const std::string& name, const std::string& code, int64_t now_ms) {
  Stmt s(db,
         "INSERT INTO establishments(id, code, name, created_at) VALUES(1, :c, :n, :at) "
         "ON CONFLICT(id) DO UPDATE SET name = excluded.name, code = excluded.code");
  s.bind(":c", code).bind(":n", name).bind(":at", now_ms).run();
}

void note_wing(Db& db, int64_t establishment_id, const std::string& wing) {
  Stmt s(db, "INSERT INTO wings(establishment_id, name) VALUES(:e, :w) ON CONFLICT(establishment_id, name) DO NOTHING");
  s.bind(":e", establishment_id).bind(":w", wing).run();
}

// ================================================================= resolve
Establishment resolve_establishment(Db& db, const std::string& code, const std::string& wing) {
  if (!code.empty()) {
    auto e = establishment_by_code(db, code);
    if (!e) throw std::invalid_argument("there is no establishment " + code + " (see `waymark-gateway establishments list`)");
    return *e;
  }
  const std::vector<Establishment> all = list_establishments(db);
  if (all.size() == 1) return all.front();
  if (all.empty()) throw std::invalid_argument("this gateway has no establishment yet: run `waymark-gateway init` first");
  std::optional<Establishment> found;
  int with_wing = 0;
  for (const Establishment& e : all)
    for (const std::string& w : e.wings)
      if (!wing.empty() && w == wing) {
        found = e;
        with_wing++;
      }
  if (with_wing == 1) return *found;
  throw std::invalid_argument("this gateway serves " + std::to_string(all.size()) +
                              " establishments: say which with --establishment CODE");
}

// ================================================================= scope checks
std::optional<int64_t> child_establishment(Db& db, const std::string& child) {
  Stmt s(db, "SELECT establishment_id FROM children WHERE number = :n");
  s.bind(":n", child);
  if (!s.step()) return std::nullopt;
  return s.i64(0);
}

void check_child_in_scope(Db& db, const std::string& scope, const std::string& child, const std::string& actor,
                          int64_t now_ms) {
  if (scope.empty()) return;
  const auto here = establishment_by_code(db, scope);
  const auto at = child_establishment(db, child);
  if (!at) throw std::invalid_argument("there is no child " + child);
  if (here && *at == here->id) return;
  audit_refusal(db, actor, scope + " named child " + child + " of another establishment", now_ms);
  throw std::invalid_argument("there is no child " + child);
}

void check_device_in_scope(Db& db, const std::string& scope, const std::string& device_id, const std::string& actor,
                           int64_t now_ms) {
  if (scope.empty()) return;
  const auto here = establishment_by_code(db, scope);
  Stmt s(db, "SELECT establishment_id FROM devices WHERE id = :d");
  s.bind(":d", device_id);
  if (!s.step()) throw std::invalid_argument("there is no enrolled device " + device_id);
  if (here && s.i64(0) == here->id) return;
  audit_refusal(db, actor, scope + " named device " + device_id + " of another establishment", now_ms);
  throw std::invalid_argument("there is no enrolled device " + device_id);
}

}  // namespace waymark::gateway

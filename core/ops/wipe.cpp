// The wipe: every child's data goes, enrolment, staff and device settings stay (see provisioning.h).
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "core/accounts/accounts.h"
#include "core/messaging/outbox.h"
#include "core/ops/provisioning.h"
#include "core/storage/device_store.h"

namespace waymark {

// Part of 50 (and of 12): which tables a wipe keeps (see the header). Other modules add their non-child tables
// in their own migrations; "IF NOT EXISTS" / "OR IGNORE": one numbered before 50 (the catalogue's 12) creates the
// list first.
const char* const kWipeKeepTableSql = R"SQL(
CREATE TABLE IF NOT EXISTS wipe_keep (
  name TEXT PRIMARY KEY,
  why  TEXT NOT NULL
) STRICT;
)SQL";

// The rest of 50: the tables of the foundation (migration 1) that a wipe keeps.
const char* const kOpsWipeKeepRows = R"SQL(INSERT OR IGNORE INTO wipe_keep(name, why) VALUES
  ('meta', 'device facts, enrolment and settings'),
  ('staff', 'staff accounts'),
  ('audit', 'the audit log (rows that name a child are removed)'),
  ('wipe_keep', 'this list');
)SQL";

namespace {

// SQL identifiers cannot be bound; names come from sqlite_schema, quoted here.
std::string quote_ident(const std::string& name) {
  std::string q = "\"";
  for (char c : name) q += (c == '"') ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

bool contains_word(const std::string& hay, const std::string& needle) {
  if (needle.empty()) return false;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) {
    auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
    const bool left = p == 0 || !is_word(hay[p - 1]);
    const bool right = p + needle.size() >= hay.size() || !is_word(hay[p + needle.size()]);
    if (left && right) return true;
  }
  return false;
}

struct SchemaTable {
  std::string name;
  bool is_virtual;
};

// Every table in the file, by name: the wipe empties what nobody listed in wipe_keep.
std::vector<SchemaTable> schema_tables(Db& db) {
  std::vector<SchemaTable> tables;
  Stmt s(db, "SELECT name, coalesce(sql, '') FROM sqlite_schema WHERE type = 'table' ORDER BY name");
  while (s.step()) {
    std::string head = s.text(1).substr(0, 24);
    std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    tables.push_back({s.text(0), head.rfind("CREATE VIRTUAL TABLE", 0) == 0});
  }
  return tables;
}

std::set<std::string> tables_a_wipe_keeps(Db& db) {
  std::set<std::string> keep;
  Stmt s(db, "SELECT name FROM wipe_keep");
  while (s.step()) keep.insert(s.text(0));
  return keep;
}

// Shadow tables belong to a virtual table (fts5: NAME_data, NAME_idx, ...): emptied through it.
bool is_shadow(const std::vector<SchemaTable>& tables, const std::string& n) {
  for (const SchemaTable& t : tables)
    if (t.is_virtual && n.size() > t.name.size() + 1 && n.rfind(t.name + "_", 0) == 0) return true;
  return false;
}

void empty_virtual_table(Db& db, const std::string& name) {
  // A table name cannot be a bound parameter: it comes from sqlite_schema and is quoted as an identifier.
  const std::string q = quote_ident(name);
  try {
    db.exec("DELETE FROM " + q + ";");
    // A full-text index keeps deleted terms in its segments until they merge: rebuild it from the
    // (now empty) content so no term survives.
    try {
      db.exec("INSERT INTO " + q + "(" + q + ") VALUES('rebuild');");
    } catch (const DbError&) {
    }
  } catch (const DbError&) {
    // contentless and external-content FTS5 tables empty with the 'delete-all' command
    db.exec("INSERT INTO " + q + "(" + q + ") VALUES('delete-all');");
  }
}

}  // namespace

// The audit log is append-only: its triggers are lifted for this one transaction and put back exactly as
// they were. Returns how many rows named a child (by number, first name or a "child:" actor).
int remove_audit_rows_naming(Db& db, const std::vector<ChildProfile>& children, bool any_child_actor) {
  std::vector<std::pair<std::string, std::string>> triggers;
  {
    Stmt s(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit'");
    while (s.step()) triggers.emplace_back(s.text(0), s.text(1));
  }
  std::vector<int64_t> doomed;
  {
    Stmt s(db, "SELECT seq, actor, detail FROM audit");
    while (s.step()) {
      const std::string text = s.text(1) + " " + s.text(2);
      bool names_child = any_child_actor && text.find("child:") != std::string::npos;
      for (size_t i = 0; i < children.size() && !names_child; i++)
        names_child = contains_word(text, children[i].number) || contains_word(text, children[i].first_name);
      if (names_child) doomed.push_back(s.i64(0));
    }
  }
  if (!doomed.empty()) {
    for (const auto& [name, sql] : triggers) db.exec("DROP TRIGGER " + quote_ident(name) + ";");
    Stmt del(db, "DELETE FROM audit WHERE seq = :s");
    for (int64_t seq : doomed) {
      del.bind(":s", seq).run();
      del.reset();
    }
    for (const auto& [name, sql] : triggers) db.exec(sql + ";");
  }
  return static_cast<int>(doomed.size());
}

namespace {

// A RESTRICT foreign key refuses a parent's rows while children rows exist, whatever the order:
// retry the refused tables until a pass makes no progress.
void empty_in_foreign_key_order(Db& db, std::vector<std::string> to_empty, WipeReport& r) {
  while (!to_empty.empty()) {
    std::vector<std::string> refused;
    std::string last_error;
    for (const std::string& name : to_empty) {
      try {
        db.exec("DELETE FROM " + quote_ident(name) + ";");
        r.tables_emptied.push_back(name);
      } catch (const DbError& e) {
        if ((e.code() & 0xff) != SQLITE_CONSTRAINT) throw;
        refused.push_back(name);
        last_error = e.what();
      }
    }
    if (refused.size() == to_empty.size()) throw DbError(SQLITE_CONSTRAINT, "cannot empty " + refused.front() + ": " + last_error);
    to_empty = std::move(refused);
  }
}

// Empties every table not in `keep` (the plain ones in foreign-key order), keeping staff lockouts and the
// audit rows that name no child.
void empty_child_tables(Db& db, const std::vector<ChildProfile>& children, WipeReport& r) {
  const std::set<std::string> keep = tables_a_wipe_keeps(db);
  const std::vector<SchemaTable> tables = schema_tables(db);
  // Virtual tables first (an external-content index must go before its content).
  for (const SchemaTable& t : tables) {
    if (!t.is_virtual || keep.count(t.name)) continue;
    empty_virtual_table(db, t.name);
    r.tables_emptied.push_back(t.name);
  }
  std::vector<std::string> to_empty;  // plain tables holding child data
  for (const SchemaTable& t : tables) {
    if (t.is_virtual || is_shadow(tables, t.name)) continue;
    if (t.name == "sqlite_sequence") continue;  // table names and counters only
    if (t.name.rfind("sqlite_stat", 0) == 0) {    // stat4 samples hold real key values
      db.exec("DELETE FROM " + quote_ident(t.name) + ";");
      continue;
    }
    if (t.name == "pin_attempts") {  // staff lockouts stay; every child number typed goes
      db.exec("DELETE FROM pin_attempts WHERE kind <> 'staff';");
      r.tables_emptied.push_back("pin_attempts (child rows)");
      continue;
    }
    if (t.name == "audit") {
      r.audit_rows_removed = remove_audit_rows_naming(db, children, true);
      r.tables_kept.push_back("audit");
      continue;
    }
    if (keep.count(t.name)) {
      r.tables_kept.push_back(t.name);
      continue;
    }
    to_empty.push_back(t.name);
  }
  empty_in_foreign_key_order(db, std::move(to_empty), r);
}

void checkpoint_truncate(Db& db) {
  Stmt s(db, "PRAGMA wal_checkpoint(TRUNCATE)");
  s.step();
  if (s.i64(0) != 0)
    throw DbError(SQLITE_BUSY, "the database is in use by another program (is the kiosk running?); the data is "
                               "removed but old copies may remain until the wipe is run again");
}

}  // namespace

int outbox_waiting(Db& db) { return static_cast<int>(outbox_backlog(db).waiting); }

WipeReport wipe_children(Db& db, const Clock& clock, const std::string& actor) {
  WipeReport r;
  r.file_bytes_before = database_bytes(db);
  db.exec("PRAGMA secure_delete=ON;");
  {
    Txn txn(db);
    db.exec("PRAGMA defer_foreign_keys=ON;");
    // What identifies a child, to find audit rows that name one.
    const std::vector<ChildProfile> children = Accounts(db, clock).every_child();
    r.children_removed = static_cast<int>(children.size());
    r.outbox_removed = static_cast<int>(outbox_backlog(db).total);
    empty_child_tables(db, children, r);
    audit(db, clock.now_s(), actor, "wipe",
          std::to_string(r.children_removed) + " children's data removed, " + std::to_string(r.outbox_removed) +
              " outbox records, " + std::to_string(r.audit_rows_removed) + " audit rows naming a child");
    txn.commit();
  }
  // Nothing of the old pages may survive: move the WAL into the file and truncate it, rebuild the file
  // (VACUUM writes only live rows), and truncate the WAL that VACUUM itself wrote.
  checkpoint_truncate(db);
  db.exec("VACUUM;");
  checkpoint_truncate(db);
  r.file_bytes_after = database_bytes(db);
  return r;
}

}  // namespace waymark

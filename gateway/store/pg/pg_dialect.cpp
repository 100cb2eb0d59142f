#include "gateway/store/pg/pg_dialect.h"

#include <cctype>
#include <regex>
#include <stdexcept>

namespace waymark::gateway {

namespace {

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Copies a quoted run ('...' or "...", doubled quote inside) or a comment starting at i; returns false when
// sql[i] starts neither.
bool copy_opaque(std::string_view sql, size_t& i, std::string& out) {
  const char c = sql[i];
  size_t end = std::string_view::npos;
  if (c == '\'' || c == '"') {
    end = i + 1;
    while (end < sql.size()) {
      if (sql[end] == c) {
        if (end + 1 < sql.size() && sql[end + 1] == c) {
          end += 2;
          continue;
        }
        break;
      }
      ++end;
    }
    end = end < sql.size() ? end + 1 : sql.size();
  } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
    end = sql.find('\n', i);
    if (end == std::string_view::npos) end = sql.size();
  } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
    end = sql.find("*/", i + 2);
    end = end == std::string_view::npos ? sql.size() : end + 2;
  } else {
    return false;
  }
  out.append(sql.substr(i, end - i));
  i = end;
  return true;
}

}  // namespace

PositionalSql named_to_positional(std::string_view sql) {
  PositionalSql r;
  r.sql.reserve(sql.size() + 8);
  size_t i = 0;
  while (i < sql.size()) {
    if (copy_opaque(sql, i, r.sql)) continue;
    const char c = sql[i];
    const bool starts_name = c == ':' && i + 1 < sql.size() && (std::isalpha(static_cast<unsigned char>(sql[i + 1])) || sql[i + 1] == '_') &&
                             (i == 0 || sql[i - 1] != ':');
    if (!starts_name) {
      r.sql += c;
      ++i;
      continue;
    }
    size_t end = i + 1;
    while (end < sql.size() && ident_char(sql[end])) ++end;
    const std::string name(sql.substr(i, end - i));
    size_t n = 0;
    while (n < r.names.size() && r.names[n] != name) ++n;
    if (n == r.names.size()) r.names.push_back(name);
    r.sql += '$' + std::to_string(n + 1);
    i = end;
  }
  return r;
}

namespace {

const char* const kRefuseFunction =
    "CREATE OR REPLACE FUNCTION waymark_refuse() RETURNS trigger LANGUAGE plpgsql AS $$\n"
    "BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = '23000'; END $$;\n";

// SQLite gives an INTEGER PRIMARY KEY max + 1 even when rows were inserted with their key given (the sync
// store writes rec_seq itself); an identity column's sequence does not see such rows. A statement trigger
// moves the sequence past the largest key after every insert into such a table.
const char* const kFollowKeyFunction =
    "CREATE OR REPLACE FUNCTION waymark_follow_key() RETURNS trigger LANGUAGE plpgsql AS $$\n"
    "DECLARE s text := pg_get_serial_sequence(quote_ident(TG_TABLE_NAME), TG_ARGV[0]); m bigint;\n"
    "BEGIN EXECUTE format('SELECT max(%I) FROM %I', TG_ARGV[0], TG_TABLE_NAME) INTO m;\n"
    "  IF m > coalesce(pg_sequence_last_value(s::regclass), 0) THEN PERFORM setval(s, m); END IF;\n"
    "  RETURN NULL; END $$;\n";

// After each CREATE TABLE with an INTEGER PRIMARY KEY column, the trigger above (tables as SQLite wrote them).
std::string with_follow_key_triggers(const std::string& s, bool& any) {
  static const std::regex table(R"(CREATE TABLE (\w+) \()", std::regex::icase);
  static const std::regex key_column(R"((\w+)\s+INTEGER\s+PRIMARY\s+KEY)", std::regex::icase);
  std::string out;
  size_t from = 0;
  for (std::sregex_iterator it(s.begin(), s.end(), table), end; it != end; ++it) {
    const size_t start = static_cast<size_t>(it->position(0));
    const size_t stop = s.find(';', start);
    const size_t upto = stop == std::string::npos ? s.size() : stop + 1;
    out.append(s, from, upto - from);
    from = upto;
    const std::string body = s.substr(start, upto - start);
    std::smatch col;
    if (!std::regex_search(body, col, key_column)) continue;
    any = true;
    out += "\nCREATE TRIGGER " + (*it)[1].str() + "_follow_key AFTER INSERT ON " + (*it)[1].str() +
           " FOR EACH STATEMENT EXECUTE FUNCTION waymark_follow_key('" + col[1].str() + "');";
  }
  out.append(s, from, std::string::npos);
  return out;
}

std::string replace_all(std::string s, const std::regex& re, const char* with) { return std::regex_replace(s, re, with); }

}  // namespace

std::string pg_ddl(std::string_view sqlite_ddl) {
  std::string s(sqlite_ddl);
  // Comments go first: a word in a comment must neither be translated nor refused.
  s = replace_all(s, std::regex("--[^\n]*"), "");
  bool any_key = false;
  s = with_follow_key_triggers(s, any_key);
  static const std::regex trigger(
      R"(CREATE TRIGGER (\w+) BEFORE (UPDATE|DELETE)( OF [\w, ]+?)? ON (\w+)\s+BEGIN SELECT RAISE\(ABORT, '([^']*)'\); END;)",
      std::regex::icase);
  const bool any_trigger = std::regex_search(s, trigger);
  s = replace_all(s, trigger, "CREATE TRIGGER $1 BEFORE $2$3 ON $4 FOR EACH ROW EXECUTE FUNCTION waymark_refuse('$5');");
  static const std::vector<std::pair<const char*, const char*>> words = {
      {R"(\bINTEGER\s+PRIMARY\s+KEY(\s+AUTOINCREMENT)?\b)", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"},
      {R"(\bINTEGER\b)", "BIGINT"},
      {R"(\bBLOB\b)", "BYTEA"},
      {R"(\bREAL\b)", "DOUBLE PRECISION"},
      {R"(\)\s*STRICT\s*;)", ");"},
  };
  for (const auto& [from, to] : words) s = replace_all(s, std::regex(from, std::regex::icase), to);
  static const std::regex refused(
      R"(\b(PRAGMA|AUTOINCREMENT|WITHOUT\s+ROWID|STRICT|INSERT\s+OR|RAISE|strftime|datetime|julianday|group_concat|ifnull|json_\w+|GLOB)\b|CREATE\s+TRIGGER\s+(?!\w+_follow_key AFTER INSERT ON \w+ FOR EACH STATEMENT EXECUTE FUNCTION waymark_follow_key)(?!\w+ BEFORE (UPDATE|DELETE)( OF [\w, ]+?)? ON \w+ FOR EACH ROW EXECUTE FUNCTION waymark_refuse))",
      std::regex::icase);
  std::smatch m;
  if (std::regex_search(s, m, refused))
    throw std::invalid_argument("this migration cannot run on PostgreSQL: \"" + m.str(0) +
                                "\" is outside the rules in gateway/store/pg/pg_dialect.h");
  return std::string(any_trigger ? kRefuseFunction : "") + (any_key ? kFollowKeyFunction : "") + s;
}

}  // namespace waymark::gateway

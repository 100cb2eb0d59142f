// tests/gateway/board_facts_test.cpp: the board report's one reader of the database (gateway/store/board_facts.h)
// and its accounts: facts come out with dates and kinds only, the YOT is the allocated worker's, plan data is
// read from the plan tables (gateway migration 104); migration 105 keeps every session, code and known address.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/storage/migrations.h"
#include "gateway/store/board_accounts.h"
#include "gateway/store/board_facts.h"
#include "gateway/store/schema.h"
#include "gateway/store/store.h"
#include "tests/gateway/fixture.h"

using namespace waymark;
using namespace waymark::gateway;

namespace {

int64_t noon_ms(const char* day) { return (days_from_civil(*parse_date(day)) * 86400 + 12 * 3600) * 1000LL; }

struct Fx {
  std::string dir = waymark::testing::temp_dir("board-facts");
  std::unique_ptr<Db> db = (waymark::testing::use_test_database(dir), open_gateway(dir, true));
  Fx() {
    gateway_init(*db, "Brookfield YOI", 0);
    set_establishment_code(*db, "BKF", "test", 0);
  }
  ~Fx() {
    db.reset();
    std::filesystem::remove_all(dir);
  }
};

}  // namespace

TEST(BoardFacts, ReadsDatesKindsAndTheYotOfTheAllocatedWorker) {
  Fx fx;
  Db& db = *fx.db;
  const int64_t leeds = add_worker(db, "Sam Taylor", "sam@leeds.example", "Leeds YOT", "password-123", "test", 0);
  const int64_t cardiff = add_worker(db, "Rhian Evans", "rhian@cardiff.example", "Cardiff YOS", "password-123", "test", 0);
  db.exec("INSERT INTO children(number, first_name, pin_hash, lang, wing, release_date, active) VALUES"
          "('5001', 'Secretname', '!', 'en', 'Oak', '2026-05-29', 0), ('5002', 'Othername', '!', 'en', 'Oak', '2026-06-10', 1),"
          "('5003', 'Nobody', '!', 'en', 'Oak', NULL, 1)");
  db.exec("INSERT INTO contacts(child, worker_id, allowed) VALUES('5001', " + std::to_string(leeds) + ", 0), ('5002', " +
          std::to_string(cardiff) + ", 1)");
  const report::Period q2{*parse_date("2026-04-01"), *parse_date("2026-06-30")};
  report::Facts f = read_board_facts(db, BoardScope{}, "", q2);
  ASSERT_EQ(f.children.size(), 3u);
  EXPECT_EQ(f.children[0].yot, "Leeds YOT");  // a revoked contact keeps the YOT the child had
  EXPECT_EQ(f.children[0].establishment, "Brookfield YOI, BKF");
  EXPECT_EQ(format_date(*f.children[0].release), "2026-05-29");
  EXPECT_EQ(f.children[1].yot, "Cardiff YOS");
  EXPECT_EQ(f.children[2].yot, "");
  EXPECT_TRUE(f.plan_recorded);  // gateway migration 104 ("My plan") made the tables
  EXPECT_FALSE(f.children[0].accommodation_agreed.has_value());
  // A YOT scope reads only that YOT's children.
  EXPECT_EQ(read_board_facts(db, parse_board_scope("yot:Cardiff YOS"), "", q2).children.size(), 1u);
  EXPECT_EQ(read_board_facts(db, BoardScope{}, "Leeds YOT", q2).children.size(), 1u);

  // With plan data: accommodation agreed, a confirmed place, actions and first steps.
  db.exec(R"(INSERT INTO plan_versions(child, version, body, saved_by, saved_at) VALUES
    ('5001', 1, '{"pathways":{"accommodation":{"arrangement":{"state":"being_arranged"}}}}', 'w', 1),
    ('5001', 2, '{"pathways":{"accommodation":{"arrangement":{"state":"agreed","kind":"family","agreed_on":"2026-05-14"}}}}', 'w', 2))");
  db.exec("INSERT INTO enquiry_states(child, listing_id, state, set_by, set_at) VALUES"
          "('5001', 'L1', 'finding_out', 'w', " + std::to_string(noon_ms("2026-05-02")) + "),"
          "('5001', 'L1', 'place_confirmed', 'w', " + std::to_string(noon_ms("2026-05-20")) + "),"
          "('5002', 'L2', 'place_confirmed', 'w', " + std::to_string(noon_ms("2026-05-21")) + "),"
          "('5002', 'L2', 'not_this_time', 'w', " + std::to_string(noon_ms("2026-05-22")) + ")");
  db.exec("INSERT INTO plan_action_history(child, action_id, version, pathway, state, what, owner, due, at, by) VALUES"
          "('5001', 'a1', 1, 'accommodation', 'to_do', 'x', 'Leeds Housing team', '2026-05-01', " + std::to_string(noon_ms("2026-04-01")) + ", 'w'),"
          "('5001', 'a1', 2, 'accommodation', 'done', 'x', 'Leeds Housing team', '2026-05-01', " + std::to_string(noon_ms("2026-04-30")) + ", 'w'),"
          "('5001', 'a2', 1, 'ete', 'to_do', 'x', 'Education team', '2026-05-10', " + std::to_string(noon_ms("2026-04-01")) + ", 'w'),"
          "('5001', 'a3', 1, 'ete', 'to_do', 'x', 'Education team', '2026-05-10', " + std::to_string(noon_ms("2026-04-01")) + ", 'w'),"
          "('5001', 'a3', 2, 'ete', 'removed', 'x', 'Education team', '2026-05-10', " + std::to_string(noon_ms("2026-04-02")) + ", 'w')");
  f = read_board_facts(db, BoardScope{}, "", q2);
  ASSERT_TRUE(f.plan_recorded);
  EXPECT_EQ(format_date(*f.children[0].accommodation_agreed), "2026-05-14");
  EXPECT_EQ(format_date(*f.children[0].ete_confirmed), "2026-05-20");
  EXPECT_FALSE(f.children[1].ete_confirmed.has_value());  // confirmed, then "not this time"
  ASSERT_EQ(f.actions.size(), 2u);                         // a3 was taken out of the plan
  EXPECT_EQ(f.actions[0].owner, "Leeds Housing team");
  EXPECT_EQ(format_date(*f.actions[0].done), "2026-04-30");
  EXPECT_EQ(f.actions[1].owner, "Education team");
  EXPECT_FALSE(f.actions[1].done.has_value());
}

// Many establishments on one gateway (issue 14): every child is read, each named with their establishment, so the
// report by establishment has a row for each; an establishment scope reads only its own; the rule is unchanged.
TEST(BoardFacts, EveryEstablishmentHasItsOwnRowAndAScopeSeesOnlyItsOwn) {
  Fx fx;
  Db& db = *fx.db;
  const int64_t hol = add_establishment(db, "HOL", "Hollins", {"Ash"}, "test", 0);
  std::string rows;
  for (int i = 0; i < 8; i++)  // six released from Brookfield, two from Hollins, all in the second quarter
    rows += std::string(rows.empty() ? "" : ",") + "('60" + std::to_string(i) + "', 'Kid', '!', 'en', '" + (i < 6 ? "Oak" : "Ash") +
            "', '2026-05-1" + std::to_string(i) + "', 0, " + std::to_string(i < 6 ? 1 : hol) + ")";
  db.exec("INSERT INTO children(number, first_name, pin_hash, lang, wing, release_date, active, establishment_id) VALUES" + rows);
  const report::Period q2{*parse_date("2026-04-01"), *parse_date("2026-06-30")};
  const report::Facts all = read_board_facts(db, BoardScope{}, "", q2);
  ASSERT_EQ(all.children.size(), 8u);
  EXPECT_EQ(all.children[0].establishment, "Brookfield YOI, BKF");
  EXPECT_EQ(all.children[7].establishment, "Hollins, HOL");
  const report::Facts only = read_board_facts(db, parse_board_scope("establishment:HOL"), "", q2);
  ASSERT_EQ(only.children.size(), 2u);
  EXPECT_EQ(only.children[0].establishment, "Hollins, HOL");

  const BoardReport b = board_report(db, BoardScope{}, "", q2, report::GroupBy::Establishment, noon_ms("2026-07-01"));
  EXPECT_EQ(b.heading.establishment, "2 establishments");
  const report::Table& release = b.report.tables.at(0);
  ASSERT_EQ(release.id, "release");
  ASSERT_EQ(release.rows.size(), 3u);  // one row each, then the total
  EXPECT_EQ(release.rows[0].label, "Brookfield YOI, BKF");
  EXPECT_EQ(release.rows[1].label, "Hollins, HOL");
  EXPECT_NE(release.rows[1].cells.at(0).state, report::CellState::Shown);  // 2 released: fewer than 5, as always
  const BoardReport h = board_report(db, parse_board_scope("establishment:HOL"), "", q2, report::GroupBy::Establishment,
                                     noon_ms("2026-07-01"));
  EXPECT_EQ(h.heading.establishment, "Hollins, HOL");
  ASSERT_EQ(h.report.tables.at(0).rows.size(), 2u);
  EXPECT_EQ(h.report.tables.at(0).rows[0].label, "Hollins, HOL");
  add_board_member(db, "H", "h@b.example", "establishment:HOL", "test", 0);  // any establishment on the gateway
}

TEST(BoardFacts, MigrationKeepsSessionsCodesAndAddressesAndAllowsBoard) {
  const std::string dir = waymark::testing::temp_dir("board-migrate");
  waymark::testing::use_test_database(dir);
  {
    auto store = waymark::testing::open_unmigrated_test_store(dir);
    Db& db = *store;
    std::vector<Migration> upto102;
    for (const Migration& m : gateway_migrations())
      if (m.version <= 102) upto102.push_back(m);
    migrate(db, upto102);
    db.exec("INSERT INTO web_sessions(token_hash, kind, principal, csrf, created_at, last_seen, expires_at, via) "
            "VALUES('h', 'worker', 1, 'c', 1, 2, 3, 'bearer')");
    db.exec("INSERT INTO web_password_codes(code_hash, kind, principal, issued_at, expires_at) VALUES('c', 'security', 2, 1, 2)");
    db.exec("INSERT INTO sign_in_addresses(kind, principal, addr, last_at) VALUES('worker', 1, '127.0.0.1', 5)");
  }
  auto db = open_gateway(dir);
  Stmt s(*db, "SELECT kind, principal, csrf, via FROM web_sessions");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.text(0), "worker");
  EXPECT_EQ(s.text(3), "bearer");
  Stmt c(*db, "SELECT count(*) FROM web_password_codes WHERE kind = 'security'");
  c.step();
  EXPECT_EQ(c.i64(0), 1);
  db->exec("INSERT INTO sign_in_addresses(kind, principal, addr, last_at) VALUES('board', 1, '127.0.0.1', 5)");
  db->exec("INSERT INTO sign_in_addresses(kind, principal, addr, last_at) VALUES('it', 1, '127.0.0.1', 5)");  // 109
  db->exec("INSERT INTO web_password_codes(code_hash, kind, principal, issued_at, expires_at) VALUES('d', 'it', 1, 1, 2)");
  EXPECT_THROW(db->exec("INSERT INTO web_sessions(token_hash, kind, principal, csrf, created_at, last_seen, expires_at) "
                        "VALUES('x', 'child', 1, 'c', 1, 2, 3)"),
               DbError);
  db.reset();
  std::filesystem::remove_all(dir);
}

TEST(BoardFacts, BoardAccountsCheckTheirScope) {
  Fx fx;
  Db& db = *fx.db;
  add_worker(db, "Sam Taylor", "sam@leeds.example", "Leeds YOT", "password-123", "test", 0);
  EXPECT_THROW(add_board_member(db, "A", "a@b.example", "establishment:XYZ", "test", 0), std::invalid_argument);
  EXPECT_THROW(add_board_member(db, "A", "a@b.example", "yot:Nowhere YOT", "test", 0), std::invalid_argument);
  EXPECT_THROW(add_board_member(db, "A", "a@b.example", "everything", "test", 0), std::invalid_argument);
  EXPECT_THROW(add_board_member(db, "A", "sam@leeds.example", "all", "test", 0), std::invalid_argument);  // taken
  add_board_member(db, "A", "a@b.example", "yot:Leeds YOT", "test", 0);
  add_board_member(db, "B", "b@b.example", "establishment:BKF", "test", 0);
  ASSERT_EQ(list_board_members(db).size(), 2u);
  EXPECT_EQ(principal_by_email(db, "B@b.example")->kind, PrincipalKind::Board);
  EXPECT_EQ(principal_by_email(db, "a@b.example")->org_or_role, "yot:Leeds YOT");
  EXPECT_THROW(set_establishment_code(db, "bkf", "test", 0), std::invalid_argument);
  const BoardScope leeds = parse_board_scope("yot:Leeds YOT");
  const std::vector<std::string> here = {"BKF", "HOL"};
  EXPECT_TRUE(scope_allows(leeds, here, "", ""));
  EXPECT_TRUE(scope_allows(leeds, here, "BKF", "Leeds YOT"));
  EXPECT_TRUE(scope_allows(leeds, here, "HOL", "Leeds YOT"));  // a YOT's children in every establishment
  EXPECT_FALSE(scope_allows(leeds, here, "", "Cardiff YOS"));
  EXPECT_FALSE(scope_allows(parse_board_scope("all"), here, "OTHER", ""));
  EXPECT_TRUE(scope_allows(parse_board_scope("all"), here, "HOL", ""));
  EXPECT_FALSE(scope_allows(parse_board_scope("establishment:OLD"), here, "", ""));
  EXPECT_TRUE(scope_allows(parse_board_scope("establishment:HOL"), here, "HOL", ""));
  EXPECT_FALSE(scope_allows(parse_board_scope("establishment:HOL"), here, "BKF", ""));
}

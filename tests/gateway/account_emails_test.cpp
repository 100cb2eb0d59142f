// One email, one account kind (gateway/store/web_accounts.h, refuse_email_in_use): a YOT worker, security staff
// and a board member are found at sign-in by their email, so `workers add`, `security add` and `board add` each
// refuse an address another kind already has, with a plain error from the command line, and change nothing.
#include <gtest/gtest.h>

#include "gateway/store/admin.h"
#include "gateway/store/board_accounts.h"
#include "gateway/store/web_accounts.h"
#include "tests/gateway/fixture.h"

using namespace waymark;
using namespace waymark::testing;

namespace {
const std::string kGw = WAYMARK_GATEWAY_BIN;

int accounts_with(const std::string& dir, const std::string& email) {
  auto db = gateway::open_gateway(dir);
  int n = 0;
  for (const char* table : {"workers", "security_staff", "board_members"}) {
    Stmt s(*db, std::string("SELECT count(*) FROM ") + table + " WHERE lower(email) = lower(:e)");
    s.bind(":e", email);
    s.step();
    n += s.i32(0);
  }
  return n;
}
}  // namespace

TEST(AccountEmails, OneEmailHasOneAccountKindWhicheverIsAddedFirst) {
  const std::string dir = temp_dir("emails");
  use_test_database(dir);
  ASSERT_EQ(run(kGw + " init --data " + dir + " --establishment 'Test YOI' --code TST").code, 0);
  const std::string worker = "echo 'a-long-password' | " + kGw + " workers add --data " + dir + " --yot 'Test YOT' --name ";

  // A board member first: a worker on the same address (any case) is refused.
  Ran b = run(kGw + " board add --data " + dir + " --name 'Pat Chair' --email pat@board.example --scope all");
  ASSERT_EQ(b.code, 0) << b.out;
  Ran w = run(worker + "'Pat Again' --email PAT@board.example");
  EXPECT_EQ(w.code, 1) << w.out;
  EXPECT_NE(w.out.find("already used by a board member (Pat Chair): one email, one account"), std::string::npos) << w.out;
  EXPECT_EQ(accounts_with(dir, "pat@board.example"), 1);

  // Security staff first: the same.
  ASSERT_EQ(run(kGw + " security add --data " + dir + " --name 'Kim Gate' --email kim@yoi.example").code, 0);
  w = run(worker + "'Kim Again' --email kim@yoi.example");
  EXPECT_EQ(w.code, 1) << w.out;
  EXPECT_NE(w.out.find("already used by a security staff account (Kim Gate)"), std::string::npos) << w.out;
  EXPECT_EQ(accounts_with(dir, "kim@yoi.example"), 1);

  // A worker first: board and security refuse it, naming the worker.
  ASSERT_EQ(run(worker + "'Jo Bloggs' --email jo@yot.example").code, 0);
  b = run(kGw + " board add --data " + dir + " --name 'Jo Board' --email jo@yot.example --scope all");
  EXPECT_EQ(b.code, 1) << b.out;
  EXPECT_NE(b.out.find("already used by a YOT worker (Jo Bloggs)"), std::string::npos) << b.out;
  Ran s = run(kGw + " security add --data " + dir + " --name 'Jo Gate' --email jo@yot.example");
  EXPECT_EQ(s.code, 1) << s.out;
  EXPECT_NE(s.out.find("already used by a YOT worker"), std::string::npos) << s.out;
  EXPECT_EQ(accounts_with(dir, "jo@yot.example"), 1);
  w = run(worker + "'Jo Twice' --email jo@yot.example");
  EXPECT_EQ(w.code, 1) << "and a second worker on it, as before";
  fs::remove_all(dir);
}

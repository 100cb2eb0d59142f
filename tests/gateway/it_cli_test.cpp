// tests/gateway/it_cli_test.cpp: the command lines of issue 14's many establishments as IT uses them: `it add|list|
// password-code` (establishment IT's web accounts, one establishment each) and `report --by establishment`, which
// covers every establishment on the gateway with a row each, or only the one `--establishment` names. The demo seeds two: Brookfield (BRK) and Hollins (HOL).
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/gateway/fixture.h"

using namespace waymark;
using namespace waymark::testing;

namespace {
const std::string kGw = WAYMARK_GATEWAY_BIN;

std::string last_line(std::string s) {
  while (!s.empty() && s.back() == '\n') s.pop_back();
  const auto nl = s.rfind('\n');
  return nl == std::string::npos ? s : s.substr(nl + 1);
}
}  // namespace

TEST(ItCli, ItAccountsBelongToOneEstablishment) {
  const std::string dir = demo_gateway_copy("it-cli");
  const std::string data = " --data " + dir;
  const Ran add = run(kGw + " it add" + data + " --establishment HOL --name 'Hal Moss' --email hal.it@hollins.example");
  ASSERT_EQ(add.code, 0) << add.out;
  EXPECT_NE(add.out.find("added establishment IT account"), std::string::npos);
  EXPECT_EQ(last_line(add.out).size(), 14u);  // the one-time password code
  EXPECT_EQ(run(kGw + " it add" + data + " --name X --email x@hollins.example").code, 2) << "--establishment is required";
  const Ran unknown = run(kGw + " it add" + data + " --establishment XYZ --name X --email x@hollins.example");
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.out.find("there is no establishment XYZ"), std::string::npos) << unknown.out;
  EXPECT_EQ(run(kGw + " it add" + data + " --establishment BRK --name Y --email hal.it@hollins.example").code, 1) << "taken";
  const Ran list = run(kGw + " it list" + data);
  EXPECT_NE(list.out.find("hal.it@hollins.example\tHOL"), std::string::npos) << list.out;
  const Ran code = run(kGw + " it password-code" + data + " --email hal.it@hollins.example");
  EXPECT_EQ(code.code, 0) << code.out;
  EXPECT_EQ(last_line(code.out).size(), 14u);
  EXPECT_EQ(run(kGw + " it --help").code, 0);
  // The commands that share its shape still work the same way.
  EXPECT_EQ(run(kGw + " security add" + data + " --establishment HOL --name Pat --email pat@hollins.example").code, 0);
  EXPECT_EQ(run(kGw + " board add" + data + " --name Bo --email bo@board.example --scope establishment:HOL").code, 0);
  EXPECT_EQ(run(kGw + " board add" + data + " --name Bo --email bo2@board.example --scope establishment:XYZ").code, 1);
  const Ran audit = run(kGw + " audit" + data + " --last 20");
  for (const char* a : {"it.add", "security.add", "board.add", "web.password_code"})
    EXPECT_NE(audit.out.find(a), std::string::npos) << a;
  std::filesystem::remove_all(dir);
}

TEST(ItCli, TheReportByEstablishmentHasARowForEachEstablishment) {
  const std::string dir = demo_gateway_copy("report-estates");
  const Ran r = run(kGw + " report --data " + dir + " --by establishment --from 2026-01-01 --to 2027-12-31");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("Brookfield YOI (demo), BRK"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Hollins Secure Children's Home (demo), HOL"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2 establishments"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("fewer than 5"), std::string::npos);  // 1 or 2 children a row: the rule still holds
  EXPECT_EQ(r.out.find("Jay"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(ItCli, TheReportForOneEstablishmentHasOnlyItsRow) {
  const std::string dir = demo_gateway_copy("report-one");
  const std::string base = kGw + " report --data " + dir + " --by establishment --from 2026-01-01 --to 2027-12-31";
  const Ran r = run(base + " --establishment HOL --format csv");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("Hollins Secure Children's Home (demo), HOL"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Brookfield"), std::string::npos) << r.out;
  const Ran unknown = run(base + " --establishment XYZ");
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.out.find("there is no establishment XYZ on this gateway"), std::string::npos) << unknown.out;
  std::filesystem::remove_all(dir);
}

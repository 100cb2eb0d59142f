// tests/gateway/plan_cli_test.cpp: waymark-gateway plan show and plan import as IT and a migration use them:
// the plan printed is the documented JSON, an import is a new version sent to the wing, and every refusal
// (bad JSON, an unknown pathway, a date that is not a date, an unknown child or worker, a worker not allocated)
// says why in plain words and changes nothing.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "core/plan/plan.h"
#include "tests/gateway/fixture.h"

using namespace waymark;
using namespace waymark::testing;

namespace {

const std::string kGw = WAYMARK_GATEWAY_BIN;

int64_t count(const std::string& dir, const std::string& sql) {
  auto db = gateway::open_gateway(dir);
  Stmt s(*db, sql);
  s.step();
  return s.i64(0);
}

std::string write(const std::string& dir, const std::string& name, const std::string& text) {
  const std::string path = dir + "/" + name;
  std::ofstream(path) << text;
  return path;
}

TEST(PlanCli, ShowPrintsTheDocumentedJsonAndImportSavesANewVersion) {
  const std::string dir = demo_gateway_copy("plan-cli");
  Ran show = run(kGw + " plan show --data " + dir + " --child 1001");
  ASSERT_EQ(show.code, 0) << show.out;
  const plan::ParsedPlan p = plan::parse_plan_text(show.out);
  ASSERT_TRUE(p.ok()) << p.error;
  EXPECT_EQ(p.plan->version, 2);
  EXPECT_EQ(p.plan->saved_by, "Sam Taylor");
  // The same file back in (version and saved_by are ignored): version 3, in the wing's feed, audited.
  const std::string file = write(dir, "plan.json", show.out);
  const int64_t feed = count(dir, "SELECT count(*) FROM changes WHERE kind = 'plan'");
  Ran in = run(kGw + " plan import --data " + dir + " --child 1001 --file " + file + " --as sam.taylor@leeds-yot.example");
  ASSERT_EQ(in.code, 0) << in.out;
  EXPECT_NE(in.out.find("saved version 3 of child 1001's plan as Sam Taylor"), std::string::npos) << in.out;
  EXPECT_EQ(count(dir, "SELECT count(*) FROM plan_versions WHERE child = '1001'"), 3);
  EXPECT_EQ(count(dir, "SELECT count(*) FROM changes WHERE kind = 'plan'"), feed + 1);
  EXPECT_EQ(count(dir, "SELECT count(*) FROM audit WHERE action = 'plan.save' AND actor LIKE 'admin:% as worker %(Sam Taylor)'"), 1);
  EXPECT_EQ(run(kGw + " plan --help").code, 0);
}

TEST(PlanCli, EveryRefusalIsPlainAndChangesNothing) {
  const std::string dir = demo_gateway_copy("plan-cli-bad");
  const std::string good = run(kGw + " plan show --data " + dir + " --child 1001").out;
  std::string unknown_pathway = good, bad_date = good;
  unknown_pathway.replace(unknown_pathway.find("\"accommodation\""), 15, "\"housing\"");
  const auto due = bad_date.find("\"due\": \"");
  bad_date.replace(due + 8, 10, "2027-02-30");
  const std::string sam = " --as sam.taylor@leeds-yot.example";
  const std::vector<std::pair<std::string, std::string>> refused = {
      {" --child 1001 --file " + write(dir, "a.json", "{not json") + sam, "refused, nothing saved: "},
      {" --child 1001 --file " + write(dir, "b.json", unknown_pathway) + sam, "housing: not a pathway"},
      {" --child 1001 --file " + write(dir, "c.json", bad_date) + sam, "\"2027-02-30\" is not a date"},
      {" --child 4242 --file " + write(dir, "d.json", good) + sam, "there is no child 4242"},
      {" --child 1001 --file " + write(dir, "e.json", good) + " --as nobody@leeds-yot.example", "no active worker with the email nobody@leeds-yot.example"},
      {" --child 1002 --file " + write(dir, "f.json", good) + sam, "Sam Taylor is not allocated to child 1002"},
      {" --child 1001 --file " + dir + "/missing.json" + sam, "cannot read"},
  };
  const int64_t before = count(dir, "SELECT count(*) FROM plan_versions"), feed = count(dir, "SELECT count(*) FROM changes");
  for (const auto& [args, words] : refused) {
    Ran r = run(kGw + " plan import --data " + dir + args);
    EXPECT_EQ(r.code, 1) << args << "\n" << r.out;
    EXPECT_NE(r.out.find(words), std::string::npos) << args << "\n" << r.out;
  }
  EXPECT_EQ(count(dir, "SELECT count(*) FROM plan_versions"), before);
  EXPECT_EQ(count(dir, "SELECT count(*) FROM changes"), feed);
  EXPECT_EQ(run(kGw + " plan show --data " + dir + " --child 4242").code, 1);
  EXPECT_EQ(run(kGw + " plan import --data " + dir + " --child 1001").code, 2) << "--file and --as are required";
  EXPECT_EQ(run(kGw + " plan show --data " + dir).code, 2) << "--child is required";
}

}  // namespace

// tests/kiosk/courses_test.cpp: the words the Courses and jobs screens build (dates, why the list shows what
// it shows) in English and Welsh, and waymarkctl's pack and listings commands as IT and curators use them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <ctime>

#include "core/base/clock.h"
#include "core/base/dates.h"
#include "core/storage/db.h"
#include "core/i18n/i18n.h"
#include "kiosk/courses/courses_text.h"
#include "tests/kiosk/test_util.h"

using namespace waymark;
using namespace waymark::courses;
using namespace waymark::test;
namespace fs = std::filesystem;

namespace {

const Strings& strings() {
  static Strings s = [] {
    Strings x;
    std::string err;
    EXPECT_TRUE(x.load(std::string(WAYMARK_SOURCE_ASSETS) + "/strings", &err)) << err;
    return x;
  }();
  return s;
}

TEST(CoursesText, ReasonSaysWhereAndWhen) {
  const Words en{strings(), "en"};
  ReasonInput in;
  in.area_known = true;
  in.area = "Leeds";
  in.release_known = true;
  in.release = CivilDate{2027, 3, 4};
  EXPECT_EQ(reason_line(en, in), "Near Leeds, starting after you get out in March.");
  in.further = true;
  in.km = 80;
  EXPECT_EQ(reason_line(en, in), "Up to 80 km from Leeds, starting after you get out in March.");
  in.any_time = true;
  EXPECT_EQ(reason_line(en, in), "Up to 80 km from Leeds, any time after you get out.");
  in.area_known = false;
  EXPECT_EQ(reason_line(en, in), "All areas, starting after you get out in March.");
  const Words cy{strings(), "cy"};
  ReasonInput c;
  c.area_known = true;
  c.area = "Caerdydd";
  c.release_known = true;
  c.release = CivilDate{2027, 1, 4};
  EXPECT_EQ(reason_line(cy, c), "Yn ardal Caerdydd, yn dechrau ar ôl i ti adael ym mis Ionawr.");
}

TEST(CoursesText, Dates) {
  const Words en{strings(), "en"};
  const Words cy{strings(), "cy"};
  EXPECT_EQ(nice_date(en, CivilDate{2026, 12, 14}, CivilDate{2026, 11, 23}), "14 December");
  EXPECT_EQ(nice_date(en, CivilDate{2027, 1, 11}, CivilDate{2026, 11, 23}), "11 January 2027");
  EXPECT_EQ(nice_date_long(en, CivilDate{2026, 12, 14}, CivilDate{2026, 11, 23}), "Starts Monday 14 December");
  EXPECT_EQ(nice_date_long(cy, CivilDate{2026, 12, 14}, CivilDate{2026, 11, 23}), "Yn dechrau ddydd Llun 14 Rhagfyr");
}

TEST(CoursesText, WhereUsesWelshAreaNames) {
  MatchedListing m;
  m.l.place = "Barry";
  m.la_name_en = "Vale of Glamorgan";
  m.la_name_cy = "Bro Morgannwg";
  EXPECT_EQ(where_line(Words{strings(), "en"}, m), "Barry, Vale of Glamorgan");
  EXPECT_EQ(where_line(Words{strings(), "cy"}, m), "Barry, Bro Morgannwg");
  m.l.place = "Cardiff";
  m.la_name_en = "Cardiff";
  m.la_name_cy = "Caerdydd";
  EXPECT_EQ(where_line(Words{strings(), "cy"}, m), "Caerdydd");
  EXPECT_EQ(where_line(Words{strings(), "en"}, m), "Cardiff");
}

std::string slurp(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(WaymarkctlPacks, VerifyTheDemoPackAndRefuseATamperedCopy) {
  const std::string assets = WAYMARK_SOURCE_ASSETS;
  RunResult ok = run({WAYMARK_CTL_BIN, "pack", "verify", assets + "/packs/demo.pack", "--key", assets + "/keys/demo-curator.pub"});
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_NE(ok.output.find("OK: pack demo"), std::string::npos) << ok.output;
  const std::string dir = fresh_dir("ctl/packs");
  std::string bytes = slurp(assets + "/packs/demo.pack");
  bytes[bytes.size() - 10] ^= 0x01;  // a byte in the last file
  const std::string bad = write_file(dir, "tampered.pack", bytes);
  RunResult refused = run({WAYMARK_CTL_BIN, "pack", "verify", bad, "--key", assets + "/keys/demo-curator.pub"});
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  EXPECT_NE(refused.output.find("REFUSED (hash-mismatch)"), std::string::npos) << refused.output;
  const std::string cut = write_file(dir, "cut.pack", slurp(assets + "/packs/demo.pack").substr(0, 5000));
  RunResult truncated = run({WAYMARK_CTL_BIN, "pack", "verify", cut, "--key", assets + "/keys/demo-curator.pub"});
  EXPECT_EQ(truncated.exit_code, 1);
  EXPECT_NE(truncated.output.find("cut short"), std::string::npos) << truncated.output;
}

TEST(WaymarkctlPacks, KeysBuildSignInstallPublish) {
  const std::string dir = fresh_dir("ctl/publish");
  const std::string data = demo_dir("ctl/publish-data");  // has the demo pack, version 2
  const std::string ctl = WAYMARK_CTL_BIN;
  ASSERT_EQ(run({ctl, "keys", "generate", "--name", "Test curator", "--out", dir + "/cur"}).exit_code, 0);
  // never overwritten
  EXPECT_EQ(run({ctl, "keys", "generate", "--name", "Again", "--out", dir + "/cur"}).exit_code, 1);
  // a pack signed by a key the device does not trust is refused, and nothing changes
  RunResult pub1 = run({ctl, "pack", "publish", "--data", data, "--key", dir + "/cur.key", "--out", dir + "/next.pack"});
  ASSERT_EQ(pub1.exit_code, 0) << pub1.output;
  EXPECT_NE(pub1.output.find("version 3"), std::string::npos) << pub1.output;
  RunResult untrusted = run({ctl, "pack", "install", dir + "/next.pack", "--data", data});
  EXPECT_EQ(untrusted.exit_code, 1);
  EXPECT_NE(untrusted.output.find("unknown-key"), std::string::npos) << untrusted.output;
  ASSERT_EQ(run({ctl, "keys", "trust", "--data", data, "--key", dir + "/cur.pub"}).exit_code, 0);
  EXPECT_NE(run({ctl, "keys", "list", "--data", data}).output.find("Test curator"), std::string::npos);
  RunResult installed = run({ctl, "pack", "install", dir + "/next.pack", "--data", data});
  EXPECT_EQ(installed.exit_code, 0) << installed.output;
  RunResult again = run({ctl, "pack", "install", dir + "/next.pack", "--data", data});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.output.find("not-newer"), std::string::npos) << again.output;
  // build unsigned, then sign
  fs::create_directories(dir + "/src");
  write_file(dir + "/src", "listings.csv", "id,kind,title,provider,la_code,place,start_date,duration,requirements,summary,level,interest,expires,status\n");
  ASSERT_EQ(run({ctl, "pack", "build", "--from", dir + "/src", "--id", "test", "--version", "3", "--expires", "2099-01-01",
                 "--out", dir + "/u.pack"}).exit_code, 0);
  EXPECT_EQ(run({ctl, "pack", "verify", dir + "/u.pack", "--key", dir + "/cur.pub"}).exit_code, 1);
  ASSERT_EQ(run({ctl, "pack", "sign", dir + "/u.pack", "--key", dir + "/cur.key"}).exit_code, 0);
  EXPECT_EQ(run({ctl, "pack", "verify", dir + "/u.pack", "--key", dir + "/cur.pub"}).exit_code, 0);
}

TEST(WaymarkctlListings, ImportNeedsASecondPersonToApprove) {
  const std::string dir = fresh_dir("ctl/listings");
  const std::string data = demo_dir("ctl/listings-data");
  const std::string ctl = WAYMARK_CTL_BIN;
  const std::string start = format_date(add_days(local_date(waymark::wall_now_s()), 30));
  const std::string csv = write_file(dir, "new.csv",
                                     "id,kind,title,provider,la_code,place,start_date,duration,requirements,summary\n"
                                     "new-1,job,Kitchen porter,Ashgrove Kitchen,E08000035,Leeds," + start +
                                         ",Part time,,Keep the kitchen clean and help the chefs.\n"
                                     "new-2,job,Cafe assistant,Ashgrove Cafe,E08000035,Leeds,not-a-date,Part time,,Make drinks and serve food.\n");
  RunResult imp = run({ctl, "listings", "import", csv, "--data", data, "--as", "9001", "--pin", "8642"});
  EXPECT_EQ(imp.exit_code, 1) << imp.output;  // one row was rejected
  EXPECT_NE(imp.output.find("line 2 ACCEPTED new-1"), std::string::npos) << imp.output;
  EXPECT_NE(imp.output.find("line 3 REJECTED new-2"), std::string::npos) << imp.output;
  RunResult own = run({ctl, "listings", "approve", "new-1", "--data", data, "--as", "9001", "--pin", "8642"});
  EXPECT_EQ(own.exit_code, 1);
  EXPECT_NE(own.output.find("second person"), std::string::npos) << own.output;
  RunResult wrong_pin = run({ctl, "listings", "approve", "new-1", "--data", data, "--as", "9002", "--pin", "0000"});
  EXPECT_EQ(wrong_pin.exit_code, 1);
  RunResult second = run({ctl, "listings", "approve", "new-1", "--data", data, "--as", "9002", "--pin", "7531"});
  EXPECT_EQ(second.exit_code, 0) << second.output;
}

}  // namespace

namespace {
TEST(CoursesScreen, AreaUnknownSaysSoKindlyAndCanAskTheYotWorker) {
  const std::string dir = fresh_dir("courses/area-unknown");
  const std::string data = demo_dir("courses/area-unknown-data");
  {
    Db db(data + "/waymark.db");
    Stmt s(db, "UPDATE children SET release_la = NULL WHERE number = :n");
    s.bind(":n", "1001").run();
  }
  const std::string script = write_file(dir, "s.wms",
                                        "type 1001\ntap #signin.next\ntype 1357\ntap #signin.submit\ntap #home.courses\n"
                                        "expect All areas, starting after you get out in\n"
                                        "expect We do not know where you will live yet\n"
                                        "tap #catalogue.ask_worker\n"
                                        "expect Asked. Your YOT worker will get your question.\n"
                                        "shot area-unknown\n");
  RunResult r = run({WAYMARK_KIOSK_BIN, "--data", data, "--headless", "--script", script, "--shots", dir}, 180,
                    {"SDL_AUDIODRIVER=dummy"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  // the question waits in the outbox, once
  Db db(data + "/waymark.db");
  Stmt c(db, "SELECT count(*) FROM outbox WHERE child = '1001' AND kind = 'enquiry' AND body LIKE '%release_area%'");
  c.step();
  EXPECT_EQ(c.i64(0), 1);
}
}  // namespace

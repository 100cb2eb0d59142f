// Provisioning in core: wipe leaves no child's bytes in the database files, doctor tells the truth,
// decommission removes everything, staff PIN rules.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/accounts/accounts.h"
#include "core/base/dates.h"
#include "core/catalogue/pack.h"
#include "core/ops/demo.h"
#include "core/storage/device_store.h"
#include "core/messaging/outbox.h"
#include "core/ops/provisioning.h"

namespace fs = std::filesystem;
using namespace waymark;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("waymark-prov-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string str() const { return path.string(); }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Every byte of the database files, as they are on disk now (connection still open).
std::string all_db_bytes(const std::string& dir) {
  std::string all;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) all += slurp(device_db_path(dir) + suffix);
  return all;
}

// A child's data spread over every kind of place a feature might put it.
const char* kName = "Zephyrine";
const char* kNumber = "73914562";
const char* kSecret = "QuokkaMarmalade";  // something the child wrote

void add_child_everywhere(Db& db, const Clock& clock) {
  Accounts acc(db, clock);
  ChildProfile c;
  c.number = kNumber;
  c.first_name = kName;
  c.release_la = "E08000035";
  acc.put_child(c, "4826");
  acc.sign_in_child(kNumber, "0000");  // a failed attempt leaves a pin_attempts row
  // tables a later feature might add, with and without full-text search, that nobody listed in wipe_keep
  // drafts refer to the child with RESTRICT, so the children table can only go after drafts
  db.exec("CREATE TABLE drafts (child TEXT NOT NULL REFERENCES children(number) ON DELETE RESTRICT, body TEXT NOT NULL) STRICT;");
  db.exec("CREATE VIRTUAL TABLE notes_fts USING fts5(child, body);");
  Txn txn(db);
  for (int i = 0; i < 40; i++) {
    Stmt d(db, "INSERT INTO drafts(child, body) VALUES(:c, :b)");
    d.bind(":c", kNumber).bind(":b", std::string(kSecret) + " draft " + std::to_string(i) + " by " + kName).run();
    Stmt f(db, "INSERT INTO notes_fts(child, body) VALUES(:c, :b)");
    f.bind(":c", kNumber).bind(":b", std::string(kSecret) + " note " + kName).run();
  }
  outbox_add(db, "message", kNumber, std::string("{\"text\":\"") + kSecret + " from " + kName + "\"}", clock.now_s());
  audit(db, clock.now_s(), std::string("child:") + kNumber, "signed-in");
  audit(db, clock.now_s(), "staff:9001", "helped", std::string("helped ") + kName);
  audit(db, clock.now_s(), "staff:9001", "staff-sign-in");
  meta_set(db, kMetaGatewayUrl, "https://gateway.example:8443");
  txn.commit();
}

}  // namespace

TEST(Wipe, LeavesNoChildBytesInTheDatabaseFilesAndKeepsTheDevice) {
  TempDir dir;
  ManualClock clock(SystemClock().now_ms());
  auto opened = open_device(dir.str());
  ASSERT_TRUE(opened.db) << opened.error;
  Db& db = *opened.db;
  seed_demo(db, clock);
  add_child_everywhere(db, clock);
  // the test can fail: the bytes are there before
  {
    const std::string before = all_db_bytes(dir.str());
    ASSERT_NE(before.find(kName), std::string::npos);
    ASSERT_NE(before.find(kSecret), std::string::npos);
    ASSERT_NE(before.find(kNumber), std::string::npos);
    ASSERT_NE(before.find("Alex"), std::string::npos);
    ASSERT_NE(before.find("Mam-gu"), std::string::npos);
  }
  WipeReport r = wipe_children(db, clock, "test");
  EXPECT_EQ(r.children_removed, 3);
  EXPECT_EQ(r.outbox_removed, 2);  // the message above and Alex's demo enquiry (core/plan/demo_plans.cpp)
  EXPECT_GE(r.audit_rows_removed, 3);  // child:, "helped Zephyrine", the demo seed line naming 1001 1002

  const std::string after = all_db_bytes(dir.str());
  // the demo plans ("My plan") go with the rest of the children's data
  for (const char* s : {kName, kNumber, kSecret, "Alex", "Cerys", "1001", "1002", "Mam-gu", "Leeds Housing team"})
    EXPECT_EQ(after.find(s), std::string::npos) << s << " survived the wipe: ..." << (after.find(s) == std::string::npos ? std::string() : after.substr(after.find(s) > 60 ? after.find(s) - 60 : 0, 140));
  EXPECT_EQ(fs::file_size(device_db_path(dir.str()) + "-wal"), 0u) << "the WAL must be truncated";

  // kept: staff, enrolment, settings, the audit log (append-only again), and the outbox sequence
  Accounts acc(db, clock);
  EXPECT_EQ(acc.all_staff().size(), 2u);
  EXPECT_TRUE(acc.all_children().empty());
  EXPECT_EQ(meta_get(db, kMetaGatewayUrl), "https://gateway.example:8443");
  EXPECT_EQ(meta_get(db, "establishment"), "Brookfield YOI (demo)");
  EXPECT_EQ(meta_get(db, "outbox_seq"), "2");
  {
    Stmt s(db, "SELECT count(*) FROM audit WHERE action = 'wipe'");
    s.step();
    EXPECT_EQ(s.i32(0), 1);
  }
  EXPECT_THROW(db.exec("DELETE FROM audit"), DbError) << "the audit triggers must be back";
  EXPECT_EQ(db.integrity_check(), "ok");
  {
    Stmt s(db, "SELECT count(*) FROM notes_fts");
    s.step();
    EXPECT_EQ(s.i32(0), 0);
  }
  // a new child can be added and the outbox carries on from where it was
  acc.put_child(ChildProfile{"5555", "Nia", "cy", {}, {}, {}, ""}, "9182");
  Txn txn(db);
  outbox_add(db, "message", "5555", "{}", clock.now_s());
  txn.commit();
  EXPECT_EQ(meta_get(db, "outbox_seq"), "3");
}

TEST(Wipe, ContentTablesListedInWipeKeepStay) {
  TempDir dir;
  ManualClock clock;
  auto opened = open_device(dir.str());
  ASSERT_TRUE(opened.db);
  Db& db = *opened.db;
  db.exec("CREATE TABLE courses (id TEXT PRIMARY KEY, title TEXT) STRICT;"
          "INSERT INTO courses VALUES('c1', 'Bricklaying Level 1');"
          "INSERT INTO wipe_keep(name, why) VALUES('courses', 'catalogue, no child data');");
  wipe_children(db, clock, "test");
  Stmt s(db, "SELECT count(*) FROM courses");
  s.step();
  EXPECT_EQ(s.i32(0), 1);
}

TEST(Wipe, OutboxWaitingIsCounted) {
  TempDir dir;
  ManualClock clock;
  auto opened = open_device(dir.str());
  ASSERT_TRUE(opened.db);
  EXPECT_EQ(outbox_waiting(*opened.db), 0);
  Txn txn(*opened.db);
  outbox_add(*opened.db, "enquiry", "1001", "{}", clock.now_s());
  txn.commit();
  EXPECT_EQ(outbox_waiting(*opened.db), 1);
}

namespace {
const DoctorLine* find_line(const std::vector<DoctorLine>& lines, const std::string& check) {
  for (const auto& l : lines)
    if (l.check == check) return &l;
  return nullptr;
}
}  // namespace

TEST(Doctor, HealthyDemoDeviceWarnsOnlyThatItIsNotEnrolled) {
  TempDir dir;
  ManualClock clock(SystemClock().now_ms());
  {
    auto opened = open_device(dir.str());
    ASSERT_TRUE(opened.db);
    seed_demo(*opened.db, clock);
  }
  DoctorOptions o;
  o.data_dir = dir.str();
  o.disk_warn_bytes = o.disk_fail_bytes = 1;
  auto lines = run_doctor(o);
  ASSERT_TRUE(find_line(lines, "database"));
  EXPECT_EQ(find_line(lines, "database")->level, Health::Ok);
  ASSERT_TRUE(find_line(lines, "gateway"));
  EXPECT_EQ(find_line(lines, "gateway")->level, Health::Warning);
  EXPECT_EQ(find_line(lines, "gateway")->what, "not enrolled");
  EXPECT_EQ(find_line(lines, "outbox")->level, Health::Ok);
  // the demo pack `waymarkctl pack status` shows (doctor once said "this build keeps no content packs")
  EXPECT_EQ(find_line(lines, "content pack")->level, Health::Ok);
  EXPECT_EQ(find_line(lines, "content pack")->what.rfind("demo version ", 0), 0u) << find_line(lines, "content pack")->what;
  EXPECT_EQ(find_line(lines, "free disk")->level, Health::Ok);
  EXPECT_EQ(find_line(lines, "fonts (standard)")->level, Health::Ok);
  EXPECT_EQ(find_line(lines, "crashes")->level, Health::Ok);
  // a crash two days ago (the line the kiosk's fatal-signal handler writes) is a warning
  std::ofstream(dir.path / "waymark-crash.log")
      << "waymark-kiosk: fatal signal 11 (SIGSEGV) at unix time " << clock.now_s() - 2 * 86400
      << "; exiting 70 for the supervisor to restart\n";
  lines = run_doctor(o);
  EXPECT_EQ(find_line(lines, "crashes")->level, Health::Warning);
  EXPECT_NE(find_line(lines, "crashes")->what.find("1 time(s)"), std::string::npos);
}

namespace {
// Installs a real signed pack (the way a device gets one) that expires `days` after now's local date.
void install_pack_expiring_in(Db& db, int64_t now, int days) {
  PublicKey pub;
  SecretKey sec;
  generate_keypair("test curator", pub, sec);
  trust_key(db, pub, now);
  const CivilDate today = local_date(now);
  const int64_t version = installed_pack(db) ? installed_pack(db)->version + 1 : 1;
  const std::string bytes = build_pack("test-pack", version, iso_utc(now), format_date(add_days(today, days)),
                                       format_date(today), {PackFile{"readme.txt", "a test pack"}}, sec);
  const InstallResult r = install_pack(db, bytes, today, now, "test");
  ASSERT_TRUE(r.check.ok()) << r.check.reason;
}
}  // namespace

TEST(Doctor, StuckOutboxOldSyncAndExpiringPackAreReported) {
  TempDir dir;
  const int64_t now = 1'800'000'000;
  {
    auto opened = open_device(dir.str());
    ASSERT_TRUE(opened.db);
    Db& db = *opened.db;
    Txn txn(db);
    outbox_add(db, "message", "1001", "{}", now - 30 * 3600);
    meta_set(db, kMetaGatewayUrl, "https://gw:8443");
    meta_set(db, kMetaLastSyncMs, std::to_string((now - 3 * 86400) * 1000));
    txn.commit();
    install_pack_expiring_in(db, now, 5);
  }
  DoctorOptions o;
  o.data_dir = dir.str();
  o.now_s = now;
  auto lines = run_doctor(o);
  EXPECT_EQ(find_line(lines, "outbox")->level, Health::Warning);
  EXPECT_NE(find_line(lines, "outbox")->what.find("30 hours"), std::string::npos);
  EXPECT_EQ(find_line(lines, "last sync")->level, Health::Warning);
  EXPECT_EQ(find_line(lines, "content pack")->level, Health::Warning);
  // a week later: the pack has expired and the sync is a failure
  o.now_s = now + 8 * 86400;
  lines = run_doctor(o);
  EXPECT_EQ(find_line(lines, "content pack")->level, Health::Failed);
  EXPECT_EQ(find_line(lines, "last sync")->level, Health::Failed);
  EXPECT_EQ(find_line(lines, "clock")->level, Health::Ok);
  // a dead clock battery: 1970
  o.now_s = 86400;
  lines = run_doctor(o);
  EXPECT_EQ(find_line(lines, "clock")->level, Health::Failed);
}

// The pack doctor reports is the one `waymarkctl pack status` shows: asked of the pack module, not guessed from
// table names (it used to look for a "packs" table, find none, and say "this build keeps no content packs").
TEST(Doctor, WarnsOfAPackAboutToExpireAndIsContentWithOneFarOff) {
  TempDir dir;
  const int64_t now = 1'800'000'000;
  auto opened = open_device(dir.str());
  ASSERT_TRUE(opened.db);
  install_pack_expiring_in(*opened.db, now, 3);
  DoctorOptions o;
  o.data_dir = dir.str();
  o.now_s = now;
  auto lines = run_doctor(o);
  ASSERT_NE(find_line(lines, "content pack"), nullptr);
  EXPECT_EQ(find_line(lines, "content pack")->level, Health::Warning);
  EXPECT_NE(find_line(lines, "content pack")->what.find("test-pack version 1 expires in 3 days"), std::string::npos)
      << find_line(lines, "content pack")->what;
  EXPECT_FALSE(find_line(lines, "content pack")->todo.empty());

  install_pack_expiring_in(*opened.db, now, 200);  // a newer pack, valid for months
  lines = run_doctor(o);
  EXPECT_EQ(find_line(lines, "content pack")->level, Health::Ok);
  EXPECT_NE(find_line(lines, "content pack")->what.find("test-pack version 2, valid until"), std::string::npos)
      << find_line(lines, "content pack")->what;
}

TEST(Doctor, DamagedDatabaseAndMissingFontsAndSpeechFail) {
  TempDir dir;
  {
    auto opened = open_device(dir.str());
    ASSERT_TRUE(opened.db);
    opened.db->exec("CREATE TABLE filler(x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 3000) "
                    "INSERT INTO filler SELECT hex(randomblob(40)) FROM n;");
    opened.db->exec("PRAGMA wal_checkpoint(TRUNCATE);");
  }
  {  // scribble over the middle of the file, as a bad block would
    std::fstream f(device_db_path(dir.str()), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096 * 5);
    std::string junk(4096 * 4, '\x5a');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  fs::create_directories(dir.path / "assets" / "fonts");
  std::ofstream(dir.path / "assets" / "fonts" / "fonts.json")
      << R"({"standard":{"regular":["/nonexistent/a.ttf"],"bold":["/nonexistent/b.ttf"]},"dyslexic":{}})";
  DoctorOptions o;
  o.data_dir = dir.str();
  o.assets_dir = (dir.path / "assets").string();
  o.speech_dirs = {(dir.path / "no-speech").string()};
  auto lines = run_doctor(o);
  EXPECT_EQ(find_line(lines, "database")->level, Health::Failed);
  EXPECT_FALSE(find_line(lines, "database")->todo.empty());
  EXPECT_EQ(find_line(lines, "fonts (standard)")->level, Health::Failed);
  EXPECT_EQ(find_line(lines, "fonts (dyslexic)")->level, Health::Warning);
  EXPECT_EQ(find_line(lines, "speech")->level, Health::Failed);
  EXPECT_TRUE(fs::exists(device_db_path(dir.str()))) << "doctor never removes a damaged file";
}

TEST(Decommission, RemovesEveryFileAndTheFolder) {
  TempDir dir;
  {
    auto opened = open_device(dir.str());
    ASSERT_TRUE(opened.db);
  }
  std::ofstream(dir.path / "device.key") << "secret-key-material";
  fs::create_directories(dir.path / "packs");
  std::ofstream(dir.path / "packs" / "p1.json") << "{}";
  DecommissionReport r = remove_data_folder(dir.str());
  EXPECT_TRUE(r.error.empty()) << r.error;
  EXPECT_FALSE(fs::exists(dir.path));
  EXPECT_GE(r.removed.size(), 3u);
}

TEST(StaffPin, RulesRefuseGuessablePins) {
  EXPECT_EQ(staff_pin_problem("4826"), "");
  EXPECT_EQ(staff_pin_problem("86420135"), "");
  EXPECT_NE(staff_pin_problem("123"), "");
  EXPECT_NE(staff_pin_problem("123456789"), "");
  EXPECT_NE(staff_pin_problem("12a4"), "");
  EXPECT_NE(staff_pin_problem("1111"), "");
  EXPECT_NE(staff_pin_problem("1234"), "");
  EXPECT_NE(staff_pin_problem("9876"), "");
  EXPECT_NE(staff_pin_problem(""), "");
}

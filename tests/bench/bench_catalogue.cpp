// bench_catalogue: search latency over a generated 50,000-listing catalogue, and the time to verify and install
// it as a signed content pack. Prints figures; it is not a timed test.
//   usage: bench_catalogue [listings (default 50000)] [searches (default 300)]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/catalogue/catalogue.h"
#include "core/base/csv.h"
#include "core/storage/device_store.h"
#include "core/catalogue/pack.h"

using namespace waymark;
namespace fs = std::filesystem;

namespace {
double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

double pct(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(p / 100.0 * static_cast<double>(v.size())));
  return v[i];
}

const char* kTitles[] = {"Bricklaying for beginners", "Carpentry and joinery", "Plumbing starter course", "Electrical skills",
                         "Painting and decorating", "Motor vehicle maintenance", "Catering and cooking", "Hair and barbering",
                         "Sport and fitness", "Computing and IT", "Warehouse helper", "Kitchen porter", "Cafe assistant",
                         "Building site labourer", "Shop assistant", "Get your CSCS card", "Forklift truck training",
                         "Football sessions", "Boxing club", "Volunteer at a food bank", "Apprentice: roofer",
                         "Apprentice: commis chef", "Apprentice: adult care worker", "Apprentice: general welder"};
const char* kWords[] = {"learn", "build", "cook", "team", "safe", "workshop", "customers", "tools", "coach", "garden",
                        "engine", "wood", "bricks", "paint", "hair", "stock", "van", "pool", "music", "computer"};
const char* kBenchKinds[] = {"course", "apprenticeship", "job", "training", "activity"};
}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 50000;
  const int searches = argc > 2 ? std::atoi(argv[2]) : 300;
  if (n < 1 || searches < 1) {
    std::fprintf(stderr, "usage: bench_catalogue [listings] [searches]\n");
    return 2;
  }
  std::ifstream la_in(std::string(WAYMARK_SOURCE_ASSETS) + "/la/local_authorities.csv");
  std::stringstream la_ss;
  la_ss << la_in.rdbuf();
  std::vector<LocalAuthority> las;
  std::string err;
  if (!parse_la_csv(la_ss.str(), las, &err)) {
    std::fprintf(stderr, "bench_catalogue: cannot read the local-authority table: %s\n", err.c_str());
    return 1;
  }

  // ---- generate the catalogue (deterministic)
  std::mt19937 rng(42);
  const CivilDate today{2026, 11, 23};
  std::string csv = csv_line(listing_columns());
  for (int i = 0; i < n; i++) {
    Listing l;
    l.id = "bench-" + std::to_string(i);
    l.kind = kBenchKinds[rng() % 5];
    l.title = kTitles[rng() % std::size(kTitles)];
    l.provider = "Provider " + std::to_string(rng() % 900);
    const LocalAuthority& la = las[rng() % las.size()];
    l.la_code = la.code;
    l.place = la.name_en;
    l.start_date = format_date(add_days(today, static_cast<int64_t>(rng() % 365)));
    l.duration = "1 year";
    l.requirements = "No exams needed.";
    l.summary = std::string("You will ") + kWords[rng() % 20] + " and " + kWords[rng() % 20] + " with a " + kWords[rng() % 20] + ".";
    l.level = static_cast<int>(rng() % 4);
    l.interest = "building";
    l.expires = format_date(add_days(today, 400));
    l.status = "approved";
    csv += csv_line(listing_fields(l));
  }
  const std::vector<PackFile> files = {{"listings.csv", csv}, {"local_authorities.csv", la_csv(las)}};
  PublicKey pub;
  SecretKey sec;
  generate_keypair("bench", pub, sec);
  auto t0 = std::chrono::steady_clock::now();
  const std::string pack = build_pack("bench", 1, "2026-11-23T00:00:00Z", "2027-12-31", "2026-11-23", files, sec);
  const double build_ms = ms_since(t0);

  // ---- install into a real device folder (WAL, synchronous=FULL)
  const std::string dir = (fs::temp_directory_path() / ("waymark-bench-" + std::to_string(getpid()))).string();
  fs::remove_all(dir);
  DeviceOpenResult dev = open_device(dir);
  if (!dev.db) {
    std::fprintf(stderr, "bench_catalogue: %s\n", dev.error.c_str());
    return 1;
  }
  Db& db = *dev.db;
  trust_key(db, pub, 1);
  t0 = std::chrono::steady_clock::now();
  VerifyOptions vo;
  vo.today = today;
  const PackCheck check = verify_pack(pack, {pub}, vo);
  const double verify_ms = ms_since(t0);
  t0 = std::chrono::steady_clock::now();
  const InstallResult r = install_pack(db, pack, today, 1, "bench");
  const double install_ms = ms_since(t0);
  if (!check.ok() || !r.check.ok()) {
    std::fprintf(stderr, "bench_catalogue: the pack was refused: %s\n", r.check.reason.c_str());
    return 1;
  }

  // ---- search as a child types: each prefix of a word, from a random release area
  const char* typed[] = {"b", "br", "bri", "bric", "brick", "w", "wa", "war", "ware", "c", "ca", "caf", "cafe a",
                         "app", "appr", "appren", "f", "fo", "foo", "food", "team", "cook", "kit", "for", "fork"};
  std::vector<double> plain, typing, wide;
  int64_t shown = 0;
  for (int i = 0; i < searches; i++) {
    MatchQuery q;
    q.child = "1001";
    q.release_la = las[rng() % las.size()].code;
    q.release_date = format_date(add_days(today, 42 + static_cast<int64_t>(rng() % 60)));
    q.today = today;
    auto t = std::chrono::steady_clock::now();
    shown += match_listings(db, q).total;
    plain.push_back(ms_since(t));
    q.search = typed[rng() % std::size(typed)];
    t = std::chrono::steady_clock::now();
    match_listings(db, q);
    typing.push_back(ms_since(t));
    // area unknown and any date: the whole catalogue with a search
    MatchQuery all = q;
    all.release_la.reset();
    all.any_date = true;
    t = std::chrono::steady_clock::now();
    match_listings(db, all);
    wide.push_back(ms_since(t));
  }
  // ---- baselines in the same run, on the same database: the floor of any query through our wrappers (one
  // row by key), what a search costs without the FTS index (a LIKE scan), and n bare rows inserted in one
  // transaction with no checks and no index (the floor under "pack install").
  std::vector<std::string> ids;
  {
    Stmt s(db, "SELECT id FROM listings");
    while (s.step()) ids.push_back(s.text(0));
  }
  std::vector<double> by_key, like_scan;
  for (int i = 0; i < searches; i++) {
    auto t = std::chrono::steady_clock::now();
    Stmt s(db, "SELECT id, title FROM listings WHERE id = :id");
    s.bind(":id", ids[rng() % ids.size()]);
    s.step();
    by_key.push_back(ms_since(t));
    if (i % 10 == 0) {  // a scan is slow: a tenth as many
      t = std::chrono::steady_clock::now();
      Stmt l(db, "SELECT count(*) FROM listings WHERE title LIKE :q OR summary LIKE :q");
      l.bind(":q", std::string("%") + typed[rng() % std::size(typed)] + "%");
      l.step();
      like_scan.push_back(ms_since(t));
    }
  }
  double bare_ms = 0;
  {
    db.exec("CREATE TEMP TABLE bare(id TEXT, title TEXT, summary TEXT)");
    t0 = std::chrono::steady_clock::now();
    Txn txn(db);
    Stmt ins(db, "INSERT INTO bare VALUES(:i, :t, :s)");
    for (int i = 0; i < n; i++) {
      ins.bind(":i", "x" + std::to_string(i)).bind(":t", std::string("A title of some length")).bind(":s", std::string(200, 'a'));
      ins.run();
      ins.reset();
    }
    txn.commit();
    bare_ms = ms_since(t0);
  }
  std::printf("bench_catalogue: %d listings, %zu local authorities, pack %.1f MB\n", n, las.size(),
              static_cast<double>(pack.size()) / 1e6);
  std::printf("  pack build+sign      %8.1f ms\n", build_ms);
  std::printf("  pack verify          %8.1f ms  (signature, sha256 of every file)\n", verify_ms);
  std::printf("  pack install         %8.1f ms  (verify, check every row, one transaction, FTS rebuild)\n", install_ms);
  std::printf("  match (no search)    p50 %6.2f ms  p99 %6.2f ms  (avg %.0f matches)\n", pct(plain, 50), pct(plain, 99),
              static_cast<double>(shown) / searches);
  std::printf("  match + prefix search p50 %6.2f ms  p99 %6.2f ms\n", pct(typing, 50), pct(typing, 99));
  std::printf("  all areas + search   p50 %6.2f ms  p99 %6.2f ms  (limit 200 shown)\n", pct(wide, 50), pct(wide, 99));
  std::printf("  baseline: %d bare rows, one txn %8.1f ms  (no checks, no index: the floor under pack install)\n", n, bare_ms);
  std::printf("  baseline: one row by key p50 %6.2f ms  p99 %6.2f ms  (the floor of any query)\n", pct(by_key, 50), pct(by_key, 99));
  std::printf("  baseline: LIKE scan      p50 %6.2f ms  p99 %6.2f ms  (search without the FTS index)\n", pct(like_scan, 50),
              pct(like_scan, 99));
  dev.db.reset();
  fs::remove_all(dir);
  return 0;
}

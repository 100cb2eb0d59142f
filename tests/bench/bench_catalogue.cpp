// bench_catalogue: search latency over a generated 50,000-listing catalogue, and the time to verify and install
// it as a signed content pack. Prints figures beside baselines measured in the same run; it is not a timed test.
// Every query shape the Courses screen can ask is timed on its own: with the child's release area or all areas,
// every kind or one kind chip, nothing typed or a word as it is being typed (one letter and more), read in
// English or in Welsh. Targets (issue 17): p99 at most 5 ms for every shape, the install at most 1 s.
//   usage: bench_catalogue [listings (default 50000)] [searches per shape (default 300)]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "core/catalogue/catalogue.h"
#include "core/base/csv.h"
#include "core/storage/device_store.h"
#include "core/catalogue/pack.h"
#include "core/catalogue/search_index.h"

using namespace waymark;
namespace fs = std::filesystem;

namespace {
double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// CPU time of this thread: what the work costs whatever else the machine is running (wall time includes waiting
// for a core while other programs run).
double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
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
const char* kInterests[] = {"building", "cars", "food", "care", "sport", "digital", "outdoors", "creative"};
// Welsh words, some as a sentence mutates them ("yng ngweithdy'r", "i goginio", "ei hoffer")
const char* kTitlesCy[] = {"Gosod brics i ddechreuwyr", "Gwaith coed", "Cwrs cyntaf plymio", "Sgiliau trydanol",
                           "Peintio ac addurno", "Cynorthwyydd caffi", "Porthor cegin", "Helpwr warws",
                           "Prentis: cogydd", "Clwb bocsio", "Sesiynau pel-droed", "Gwirfoddoli mewn banc bwyd"};
const char* kWordsCy[] = {"yng ngweithdy'r coleg", "i goginio", "gyda'i hoffer", "ei thimau", "mewn caffi", "yn y gegin",
                          "a'r gymuned", "dy fws", "y ddinas", "i blant", "gyda phobl", "ar y traeth"};

// One query shape of the Courses screen, and what a child types in it (each prefix of a word, as it is typed).
struct Shape {
  const char* name;
  bool area;      // the child's release area (else area unknown: all areas, any date)
  bool filters;   // "further away" (80 km), one interest, level 2 or below
  bool kind;      // one kind chip (else every kind)
  int typing;     // 0 nothing typed, 1 English words, 2 Welsh words
  const char* lang;
};
const char* kTypedEn[] = {"b", "br", "bri", "bric", "brick", "w", "wa", "war", "ware", "c", "ca", "caf", "cafe a",
                          "app", "appr", "appren", "f", "fo", "foo", "food", "team", "cook", "kit", "for", "fork", "s", "e"};
const char* kTypedCy[] = {"g", "gw", "gwe", "gweithdy", "c", "ca", "caf", "caffi", "cog", "coginio", "b", "br", "bric",
                          "brics", "p", "pl", "plym", "tim", "timau", "offer", "cegin", "gwaith c", "gwaith coed", "bws"};

// n listings as a pack's listings.csv: random kinds, titles, areas and start dates over a year; half with Welsh words.
std::string make_listings_csv(std::mt19937& rng, const std::vector<LocalAuthority>& las, int n, CivilDate today) {
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
    if (rng() % 2) {  // half the catalogue has Welsh words too
      l.title_cy = kTitlesCy[rng() % std::size(kTitlesCy)];
      l.summary_cy = std::string("Byddi di'n dysgu ") + kWordsCy[rng() % std::size(kWordsCy)] + " " + kWordsCy[rng() % std::size(kWordsCy)] + ".";
    }
    l.level = static_cast<int>(rng() % 4);
    l.interest = kInterests[rng() % std::size(kInterests)];
    l.expires = format_date(add_days(today, 400));
    l.status = "approved";
    csv += csv_line(listing_fields(l));
  }
  return csv;
}

const Shape kShapes[] = {
    {"area, every kind, nothing typed", true, false, false, 0, "en"},  {"area, a kind chip, nothing typed", true, false, true, 0, "en"},
    {"area, every kind, typing (en)", true, false, false, 1, "en"},    {"area, a kind chip, typing (en)", true, false, true, 1, "en"},
    {"area, every kind, typing (cy)", true, false, false, 2, "cy"},    {"area, a kind chip, typing (cy)", true, false, true, 2, "cy"},
    {"all areas, every kind, nothing", false, false, false, 0, "en"},  {"all areas, a kind chip, nothing", false, false, true, 0, "en"},
    {"all areas, every kind, typing (en)", false, false, false, 1, "en"}, {"all areas, a kind chip, typing (en)", false, false, true, 1, "en"},
    {"all areas, every kind, typing (cy)", false, false, false, 2, "cy"}, {"all areas, a kind chip, typing (cy)", false, false, true, 2, "cy"},
    {"area 80 km, filters, typing (en)", true, true, false, 1, "en"},    {"area 80 km, filters, typing (cy)", true, true, false, 2, "cy"},
};

struct Timed {
  std::vector<double> ms, cpu;
  int64_t matched = 0;
};

// Every shape `searches` times, interleaved so that the machine's load falls on every shape alike: a random area
// and release date, a random kind chip, a random word as it is being typed.
std::vector<Timed> time_shapes(Db& db, std::mt19937& rng, const std::vector<LocalAuthority>& las, CivilDate today, int searches) {
  std::vector<Timed> timed(std::size(kShapes));
  for (int i = 0; i < searches; i++)
    for (size_t k = 0; k < std::size(kShapes); k++) {
      const Shape& sh = kShapes[k];
      MatchQuery q;
      q.child = "1001";
      q.today = today;
      q.lang = sh.lang;
      if (sh.area) {
        q.release_la = las[rng() % las.size()].code;
        q.release_date = format_date(add_days(today, 42 + static_cast<int64_t>(rng() % 60)));
      } else {
        q.any_date = true;
      }
      if (sh.kind) q.kinds = {kBenchKinds[rng() % 5]};
      if (sh.filters) {
        q.radius_km = 80;
        q.interests = {kInterests[rng() % std::size(kInterests)]};
        q.max_level = 2;
      }
      if (sh.typing == 1) q.search = kTypedEn[rng() % std::size(kTypedEn)];
      if (sh.typing == 2) q.search = kTypedCy[rng() % std::size(kTypedCy)];
      auto t = std::chrono::steady_clock::now();
      const double c = cpu_ms();
      timed[k].matched += match_listings(db, q).total;
      timed[k].ms.push_back(ms_since(t));
      timed[k].cpu.push_back(cpu_ms() - c);
    }
  return timed;
}

// The floors of a query in the same run: one row by key through our wrappers, and a LIKE scan with no index.
std::pair<Timed, Timed> time_floors(Db& db, std::mt19937& rng, int searches) {
  std::vector<std::string> ids;
  {
    Stmt s(db, "SELECT id FROM listings");
    while (s.step()) ids.push_back(s.text(0));
  }
  Timed by_key, like_scan;
  for (int i = 0; i < searches; i++) {
    auto t = std::chrono::steady_clock::now();
    double c = cpu_ms();
    Stmt s(db, "SELECT id, title FROM listings WHERE id = :id");  // prepared each time, as match_listings does
    s.bind(":id", ids[rng() % ids.size()]);
    s.step();
    by_key.ms.push_back(ms_since(t));
    by_key.cpu.push_back(cpu_ms() - c);
    if (i % 10 == 0) {  // a scan is slow: a tenth as many
      t = std::chrono::steady_clock::now();
      c = cpu_ms();
      Stmt l(db, "SELECT count(*) FROM listings WHERE title LIKE :q OR summary LIKE :q");
      l.bind(":q", std::string("%") + kTypedEn[rng() % std::size(kTypedEn)] + "%");
      l.step();
      like_scan.ms.push_back(ms_since(t));
      like_scan.cpu.push_back(cpu_ms() - c);
    }
  }
  return {by_key, like_scan};
}

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
  const std::string csv = make_listings_csv(rng, las, n, today);
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
  double c0 = cpu_ms();
  const InstallResult r = install_pack(db, pack, today, 1, "bench");
  const double install_ms = ms_since(t0);
  const double install_cpu = cpu_ms() - c0;
  if (!check.ok() || !r.check.ok()) {
    std::fprintf(stderr, "bench_catalogue: the pack was refused: %s\n", r.check.reason.c_str());
    return 1;
  }

  // ---- the first question after an install builds the in-memory index (once per catalogue change)
  MatchQuery first;
  first.child = "1001";
  first.today = today;
  t0 = std::chrono::steady_clock::now();
  c0 = cpu_ms();
  const int64_t all_shown = match_listings(db, first).total;
  const double first_ms = ms_since(t0);
  const double first_cpu = cpu_ms() - c0;

  // ---- every query shape, each as the child types
  const std::vector<Timed> timed = time_shapes(db, rng, las, today, searches);
  // ---- baselines in the same run, on the same database: the floor of any query through our wrappers (one
  // row by key), what a search costs without any index (a LIKE scan), and n bare rows inserted in one
  // transaction with no checks and no index (the floor under "pack install").
  const std::pair<Timed, Timed> floors = time_floors(db, rng, searches);
  const Timed& by_key = floors.first;
  const Timed& like_scan = floors.second;
  double bare_ms = 0, bare_cpu = 0;
  {
    db.exec("CREATE TEMP TABLE bare(id TEXT, title TEXT, summary TEXT)");
    t0 = std::chrono::steady_clock::now();
    c0 = cpu_ms();
    Txn txn(db);
    Stmt ins(db, "INSERT INTO bare VALUES(:i, :t, :s)");
    for (int i = 0; i < n; i++) {
      ins.bind(":i", "x" + std::to_string(i)).bind(":t", std::string("A title of some length")).bind(":s", std::string(200, 'a'));
      ins.run();
      ins.reset();
    }
    txn.commit();
    bare_ms = ms_since(t0);
    bare_cpu = cpu_ms() - c0;
  }
  std::printf("bench_catalogue: %d listings, %zu local authorities, pack %.1f MB; %d questions per shape\n", n, las.size(),
              static_cast<double>(pack.size()) / 1e6, searches);
  std::printf("  pack build+sign       wall %7.1f ms\n", build_ms);
  std::printf("  pack verify           wall %7.1f ms  (signature, sha256 of every file)\n", verify_ms);
  std::printf("  (wall: what it took on this machine now, under its load; cpu: this thread's own time)\n");
  std::printf("  pack install          wall %7.1f ms  cpu %7.1f ms  (verify, check every row, one transaction,\n"
              "                        synchronous=FULL; target <= 1000 ms)\n", install_ms, install_cpu);
  std::printf("  baseline: bare rows   wall %7.1f ms  cpu %7.1f ms  (%d rows in one transaction, no checks, no index:\n"
              "                        the floor under pack install)\n", bare_ms, bare_cpu, n);
  std::printf("  first question        wall %7.1f ms  cpu %7.1f ms  (builds the in-memory index, once after each\n"
              "                        catalogue change; %lld found; the index holds %.1f MB)\n", first_ms, first_cpu,
              static_cast<long long>(all_shown), static_cast<double>(CatalogueIndex::build(db, 0)->bytes()) / 1e6);
  std::printf("  %-37s %9s %9s %9s %9s %9s   (target p99 <= 5 ms)\n", "query shape", "wall p50", "wall p99", "cpu p50", "cpu p99", "found");
  auto row = [&](const char* name, const std::vector<double>& w, const std::vector<double>& c, double found) {
    std::printf("  %-37s %9.2f %9.2f %9.2f %9.2f %9.0f\n", name, pct(w, 50), pct(w, 99), pct(c, 50), pct(c, 99), found);
  };
  for (size_t k = 0; k < std::size(kShapes); k++)
    row(kShapes[k].name, timed[k].ms, timed[k].cpu, static_cast<double>(timed[k].matched) / searches);
  row("baseline: one row by key", by_key.ms, by_key.cpu, 1);
  std::printf("  %-37s (the floor of any query; its wall p99 shows the machine's load)\n", "");
  row("baseline: LIKE scan, no index", like_scan.ms, like_scan.cpu, 0);
  dev.db.reset();
  fs::remove_all(dir);
  return 0;
}

#include "core/ops/demo.h"
#include "core/storage/meta_keys.h"

#include "core/accounts/accounts.h"
#include "core/catalogue/curation.h"
#include "core/base/dates.h"
#include "core/myviews/demo_meetings.h"
#include "core/storage/device_store.h"
#include "core/i18n/i18n.h"
#include "core/catalogue/pack.h"

#include <fstream>
#include <sstream>
#include "core/myviews/myviews.h"
#include "core/plan/demo_plans.h"

namespace waymark {

bool seed_demo(Db& db, const Clock& clock, const PinSeal* seal) {
  if (meta_get(db, kMetaDemoSeeded) == "1") return false;
  const CivilDate today = local_date(clock.now_s());
  Accounts acc(db, clock, seal);

  ChildProfile alex;
  alex.number = "1001";
  alex.first_name = "Alex";
  alex.lang = "en";
  alex.release_date = format_date(demo_working_day(today, 70));
  alex.release_la = kLeedsCode;
  alex.dob = format_date(add_days(today, -(16 * 365 + 120)));
  alex.wing = "Oak";
  acc.put_child(alex, "1357");

  ChildProfile cerys;
  cerys.number = "1002";
  cerys.first_name = "Cerys";
  cerys.lang = "cy";
  cerys.release_date = format_date(demo_working_day(today, 42));
  cerys.release_la = kCardiffCode;
  cerys.dob = format_date(add_days(today, -(15 * 365 + 200)));
  cerys.wing = "Oak";
  acc.put_child(cerys, "2468");

  acc.put_staff(StaffProfile{"9001", "Priya Shah", {Role::Education, Role::Approver}}, "8642");
  acc.put_staff(StaffProfile{"9002", "Dan Morgan", {Role::WingOfficer, Role::Approver}}, "7531");

  seed_demo_myviews(db, clock);

  Txn txn(db);
  meta_set(db, kMetaEstablishment, "Brookfield YOI (demo)");
  meta_set(db, kMetaWing, "Oak");
  meta_set(db, kMetaDemoSeeded, "1");
  // The demo children's approved contacts, as the demo gateway's roster brings them (worker ids 1 and 2).
  db.exec("INSERT OR IGNORE INTO contacts(child, worker_id, name, org, allowed) VALUES "
          "('1001', 1, 'Sam Taylor', 'Leeds YOT', 1), ('1002', 2, 'Rhian Evans', 'Cardiff YOS', 1)");
  audit(db, clock.now_s(), "waymarkctl", "demo-seed", "demo establishment, wing Oak, children 1001 1002, staff 9001 9002");
  txn.commit();
  std::string message;
  if (!install_demo_pack(db, clock, assets_dir(), &message)) {
    Txn t2(db);
    meta_set(db, kMetaDemoPackError, message);
    t2.commit();
  } else {
    // two listings Priya (9001) added on this device, waiting for a second person: one is fine, one has a
    // phone number that blocks its approval (staff mode shows both rules)
    const StaffProfile priya{"9001", "Priya Shah", {Role::Education, Role::Approver}};
    Listing a;
    a.id = "demo-local-1";
    a.kind = "training";
    a.title = "Bike mechanics taster";
    a.provider = "Wyndlow Cycle Project";
    a.la_code = kLeedsCode;
    a.place = "Leeds";
    a.start_date = format_date(add_days(today, 84));
    a.duration = "4 weeks";
    a.requirements = "Nothing needed.";
    a.summary = "Strip down and rebuild a bike with a mechanic, and learn the names of every part.";
    a.interest = "making";
    // with Welsh words, so the approver sees what a Welsh child would read (and the safety check covers it)
    a.title_cy = "Blas ar drwsio beiciau";
    a.requirements_cy = "Dim byd.";
    a.summary_cy = "Tynna feic yn ddarnau a'i roi'n ôl at ei gilydd gyda mecanic, a dysga enw pob darn.";
    save_listing(db, a, priya, today, clock.now_s());
    Listing b = a;
    b.id = "demo-local-2";
    b.kind = "job";
    b.title = "Market stall helper";
    b.provider = "Larkmere Market";
    b.duration = "Saturdays";
    b.summary = "Set up the stall, serve customers and pack away. Ring 0113 496 0000 to start.";
    b.title_cy.clear();
    b.requirements_cy.clear();
    b.summary_cy.clear();
    b.interest = "shops";
    save_listing(db, b, priya, today, clock.now_s());
  }
  seed_demo_plans(db, clock);  // after the pack: Alex's enquiry is about one of its listings
  return true;
}

bool install_demo_pack(Db& db, const Clock& clock, const std::string& assets, std::string* message) {
  auto read = [](const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
  };
  std::string pub_text, bytes, err;
  PublicKey pub;
  if (!read(assets + "/keys/demo-curator.pub", pub_text) || !parse_public_key(pub_text, pub, &err)) {
    if (message) *message = "the demo curator key " + assets + "/keys/demo-curator.pub is missing or unreadable " + err;
    return false;
  }
  if (!read(assets + "/packs/demo.pack", bytes)) {
    if (message) *message = "the demo pack " + assets + "/packs/demo.pack is missing";
    return false;
  }
  trust_key(db, pub, clock.now_s());
  const CivilDate today = local_date(clock.now_s());
  InstallResult r = install_pack(db, bytes, today, clock.now_s(), "demo-seed");
  if (!r.check.ok()) {
    if (message) *message = "the demo pack was refused: " + r.check.reason;
    return false;
  }
  // Move the demo listings forward by exactly the days from "as of" to today, so that the demo children (whose
  // release dates are counted from today) see the same listings in the same order on any day the demo is
  // seeded: a shift by whole weeks kept weekdays but changed what fell inside a child's window day to day.
  const auto as_of = parse_date(r.check.manifest.as_of);
  const int64_t shift = as_of ? days_between(*as_of, today) : 0;
  if (shift > 0) {
    Txn txn(db);
    const std::string mod = "+" + std::to_string(shift) + " days";
    Stmt s(db, "UPDATE listings SET start_date = date(start_date, :m), expires = date(expires, :m) WHERE origin = 'pack'");
    s.bind(":m", mod).run();
    audit(db, clock.now_s(), "demo-seed", "demo-dates-moved",
          "demo pack listings moved " + std::to_string(shift) + " days forward, from as-of " + r.check.manifest.as_of);
    txn.commit();
  }
  if (message)
    *message = "installed the demo pack: " + std::to_string(r.listings) + " listings" +
               (shift > 0 ? ", dates moved " + std::to_string(shift) + " days forward to today" : "");
  return true;
}

}  // namespace waymark

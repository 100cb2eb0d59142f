#include "core/demo.h"

#include "core/accounts.h"
#include "core/dates.h"
#include "core/device_store.h"
#include "core/myviews.h"

namespace waymark {

bool seed_demo(Db& db, const Clock& clock) {
  if (meta_get(db, "demo_seeded") == "1") return false;
  const CivilDate today = local_date(clock.now_s());
  Accounts acc(db, clock);

  ChildProfile alex;
  alex.number = "1001";
  alex.first_name = "Alex";
  alex.lang = "en";
  alex.release_date = format_date(add_days(today, 70));
  alex.release_la = kLeedsCode;
  alex.dob = format_date(add_days(today, -(16 * 365 + 120)));
  alex.wing = "Oak";
  acc.put_child(alex, "1357");

  ChildProfile cerys;
  cerys.number = "1002";
  cerys.first_name = "Cerys";
  cerys.lang = "cy";
  cerys.release_date = format_date(add_days(today, 42));
  cerys.release_la = kCardiffCode;
  cerys.dob = format_date(add_days(today, -(15 * 365 + 200)));
  cerys.wing = "Oak";
  acc.put_child(cerys, "2468");

  acc.put_staff(StaffProfile{"9001", "Priya Shah", {Role::Education, Role::Approver}}, "8642");
  acc.put_staff(StaffProfile{"9002", "Dan Morgan", {Role::WingOfficer, Role::Approver}}, "7531");

  seed_demo_myviews(db, clock);

  Txn txn(db);
  meta_set(db, "establishment", "Brookfield YOI (demo)");
  meta_set(db, "wing", "Oak");
  meta_set(db, "demo_seeded", "1");
  audit(db, clock.now_s(), "waymarkctl", "demo-seed", "demo establishment, wing Oak, children 1001 1002, staff 9001 9002");
  txn.commit();
  return true;
}

}  // namespace waymark

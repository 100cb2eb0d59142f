// gateway/store/plan_demo.cpp: "My plan" in the gateway's demo (waymark-gateway demo-seed): the same plans the
// demo kiosk shows (core/plan/demo_plans.h), saved as their workers through the real save, so the versions
// match the kiosk's (Alex's is at version 2, Cerys's at 1) and the wing's feed carries them; and Alex's
// "Apprentice: adult care worker" enquiry as "application sent"; for `waymark-gateway demo-seed` only, the
// enquiry itself, as the demo kiosk's Alex sent it, so Sam sees its card on Alex's "Interested in".
#include "gateway/store/plan_demo.h"

#include <algorithm>

#include "core/base/dates.h"
#include "core/plan/application.h"
#include "core/plan/demo_plans.h"
#include "gateway/store/admin.h"
#include "gateway/store/applications.h"
#include "gateway/store/database.h"
#include "gateway/store/demo_records.h"
#include "gateway/store/plan_store.h"

namespace waymark::gateway {

namespace {
// The demo pack's first "Apprentice: adult care worker" (assets/catalogue/listings.csv), the one the demo
// kiosk's Alex asked about (core/plan/demo_plans.cpp).
const char* const kDemoCareListing = "wakefield-007";

// Alex's enquiry about it as his kiosk sent it (wire::ListingEnquiry): the listing as he saw it, its start date
// moved forward as the kiosk's demo moves the pack's (from its "as of" day, 2026-11-02, to today).
nlohmann::json care_enquiry(CivilDate today, int64_t asked_s) {
  const CivilDate as_of{2026, 11, 2};
  const int64_t shift = std::max<int64_t>(0, days_between(as_of, today));
  return {{"v", 1},
          {"listing_id", kDemoCareListing},
          {"kind", "apprenticeship"},
          {"title", "Apprentice: adult care worker"},
          {"provider", "Fernvale Support Services"},
          {"place", "Wakefield"},
          {"la_code", "E08000036"},
          {"start_date", format_date(add_days(CivilDate{2027, 1, 13}, static_cast<int>(shift)))},
          {"duration", "1 year"},
          {"asked_at", asked_s},
          {"la_name", "Wakefield"}};
}
}  // namespace

void seed_plan_demo(Db& db, int64_t now_ms) {
  const int64_t now_s = now_ms / 1000;
  const CivilDate today = local_date(now_s);
  const auto sam = worker_by_email(db, "sam.taylor@leeds-yot.example");
  const auto rhian = worker_by_email(db, "rhian.evans@cardiff-yos.example");
  if (!sam || !rhian) return;
  const PlanAuthor as_sam{sam->name, "worker " + std::to_string(sam->id) + " (" + sam->name + ")"};
  const PlanAuthor as_rhian{rhian->name, "worker " + std::to_string(rhian->id) + " (" + rhian->name + ")"};
  if (auto alex = demo_plan("1001", today, now_s)) {
    plan::Plan first = *alex;
    first.day_out.reset();
    save_plan(db, "1001", first, as_sam, "The plan, written with Alex", now_ms);
    save_plan(db, "1001", *alex, as_sam, "Edited the day out", now_ms);
  }
  if (auto cerys = demo_plan("1002", today, now_s)) save_plan(db, "1002", *cerys, as_rhian, "The plan, written with Cerys (in Welsh)", now_ms);
  ApplicationRow care;
  care.child = "1001";
  care.listing_id = kDemoCareListing;
  care.title = "Apprentice: adult care worker";
  care.provider = "Fernvale Support Services";
  care.state = plan::application_state_code(plan::ApplicationState::ApplicationSent);
  set_application(db, care, as_sam.actor, now_ms);
}

bool seed_demo_enquiry(Db& db, int64_t now_ms) {
  if (gateway_meta(db, "demo_enquiry_seeded") == "1" || !get_child(db, "1001")) return false;
  const int64_t now_s = now_ms / 1000, asked_s = now_s - 14 * 86400;
  Txn t(db);
  put_demo_record(db, demo_history_device(db), "enquiry", "1001", care_enquiry(local_date(now_s), asked_s), asked_s * 1000, 0,
                  (now_s - 13 * 86400) * 1000);
  set_gateway_meta(db, "demo_enquiry_seeded", "1");
  t.commit();
  return true;
}

}  // namespace waymark::gateway

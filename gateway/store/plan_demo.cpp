// gateway/store/plan_demo.cpp: "My plan" in the gateway's demo (waymark-gateway demo-seed): the same plans the
// demo kiosk shows (core/plan/demo_plans.h), saved as their workers through the real save, so the versions
// match the kiosk's (Alex's is at version 2, Cerys's at 1) and the wing's feed carries them; and Alex's
// "Apprentice: adult care worker" enquiry as "application sent".
#include "gateway/store/plan_demo.h"

#include "core/base/dates.h"
#include "core/plan/application.h"
#include "core/plan/demo_plans.h"
#include "gateway/store/admin.h"
#include "gateway/store/applications.h"
#include "gateway/store/plan_store.h"

namespace waymark::gateway {

namespace {
// The demo pack's first "Apprentice: adult care worker" (assets/catalogue/listings.csv), the one the demo
// kiosk's Alex asked about.
const char* const kDemoCareListing = "wakefield-007";
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

}  // namespace waymark::gateway

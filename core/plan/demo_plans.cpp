// core/plan/demo_plans.cpp: "My plan" for the demo children (core/ops/demo.h). Alex (1001) has a plan in English:
// where he will live is being arranged and Leeds Housing team are late with their part; his "Apprentice: adult
// care worker" enquiry shows as "application sent" in education, training and employment; the day he gets out
// is filled in. Cerys (1002) has a plan her worker wrote in Welsh. Dates are relative to today, so the late
// action is always late and the day out always ahead.
#include "core/plan/demo_plans.h"

#include "core/base/dates.h"
#include "core/base/working_days.h"
#include "core/myviews/demo_meetings.h"
#include "core/catalogue/catalogue.h"
#include "core/messaging/outbox.h"
#include "core/plan/device_plan.h"

namespace waymark {

namespace {

std::string day(CivilDate today, int64_t offset) { return format_date(add_days(today, offset)); }

plan::Plan alex_plan(CivilDate today, int64_t now_s) {
  plan::Plan p;
  p.version = 2;
  p.saved_by = "Sam Taylor";
  p.saved_at = now_s - 3 * 86400;
  plan::PathwayPlan& acc = p.at(plan::Pathway::Accommodation);
  acc.now = "Sam and Leeds Housing team are looking for a supported lodgings place in Leeds.";
  acc.goal = "I will live in my own room in Leeds, near my aunt.";
  acc.actions = {
      {"a1", "Find a supported lodgings place in Leeds", "Leeds Housing team", day(today, -5), plan::ActionState::Doing,
       {{day(today, -30), plan::ActionState::ToDo, "Sam Taylor", ""},
        {day(today, -20), plan::ActionState::Doing, "Leeds Housing team", "Looking at two places"}}},
      {"a2", "Ask your aunt if you can visit on Sundays", "Sam Taylor, your YOT worker", day(today, 14),
       plan::ActionState::ToDo, {}}};
  p.arrangement.state = plan::ArrangementState::BeingArranged;
  plan::PathwayPlan& ete = p.at(plan::Pathway::Ete);
  ete.now = "You asked about an apprenticeship in care. Sam sent your application.";
  ete.goal = "I will start an apprenticeship in care.";
  ete.actions = {{"e1", "Send the apprenticeship application", "Sam Taylor, your YOT worker", day(today, -10),
                  plan::ActionState::Done, {{day(today, -12), plan::ActionState::Done, "Sam Taylor", ""}}}};
  plan::PathwayPlan& health = p.at(plan::Pathway::Health);
  health.goal = "I will see a doctor in Leeds in my first week.";
  health.actions = {{"h1", "Sign you up with a doctor near your new home", "Leeds YOT health worker", day(today, 60),
                     plan::ActionState::ToDo, {}}};
  p.at(plan::Pathway::Family).goal = "I will see my aunt and my little brother every week.";
  plan::PathwayPlan& money = p.at(plan::Pathway::Money);
  money.goal = "I will open a bank account.";
  money.actions = {{"m1", "Help you open a bank account", "Ms Hughes, education", day(today, 30), plan::ActionState::Doing, {}}};
  p.at(plan::Pathway::Case).now = "Sam will stay your YOT worker after you leave.";
  plan::DayOut d;
  d.date = format_date(demo_working_day(today, 70));  // the release day, on a working day
  d.time = "09:30";
  d.who_meets = "Sam Taylor, your YOT worker";
  d.meet_where = "At the main gate";
  d.where_first = "Leeds YOT office, then your new home";
  d.first = {"Sam Taylor", "Leeds YOT office", d.date, "11:00"};
  d.bring = {"Your ID letter", "Your discharge grant", "Your phone numbers list"};
  p.day_out = d;
  return p;
}

plan::Plan cerys_plan(CivilDate today, int64_t now_s) {
  plan::Plan p;
  p.version = 1;
  p.saved_by = "Rhian Evans";
  p.saved_at = now_s - 86400;
  plan::PathwayPlan& acc = p.at(plan::Pathway::Accommodation);
  acc.now = "Mae Mam-gu wedi dweud y cei di fyw gyda hi yng Nghaerdydd.";
  acc.goal = "Bydda i'n byw gyda Mam-gu yng Nghaerdydd.";
  p.arrangement = {plan::ArrangementState::Agreed, plan::PlaceKind::Family, day(today, -7)};
  plan::PathwayPlan& ete = p.at(plan::Pathway::Ete);
  ete.goal = "Bydda i'n mynd i'r coleg i ddysgu trin gwallt.";
  ete.actions = {{"e1", "Gofyn i'r coleg am le ar y cwrs trin gwallt", "Rhian Evans, gweithiwr YOT", day(today, 10),
                  plan::ActionState::Doing, {}}};
  p.at(plan::Pathway::Health).goal = "Bydda i'n cysgu'n well ac yn bwyta brecwast.";
  plan::DayOut d;
  d.date = format_date(demo_working_day(today, 42));
  d.time = "10:00";
  d.who_meets = "Mam-gu a Rhian";
  d.meet_where = "Wrth y brif giât";
  d.where_first = "Adref i dŷ Mam-gu";
  d.first = {"Rhian Evans", "Swyddfa YOS Caerdydd", format_date(add_working_days(demo_working_day(today, 42), 1)), "14:00"};
  d.bring = {"Dy lythyr adnabod"};
  p.day_out = d;
  return p;
}

// Alex's enquiry about an "Apprentice: adult care worker" listing he could start, as if he had asked on the kiosk
// weeks ago and his worker has read it: the enquiry (an outbox record, marked read) and its application state.
void alex_enquiry(Db& db, CivilDate today, int64_t now_s) {
  std::string listing_id, title, provider;
  {
    Stmt s(db, "SELECT id FROM listings WHERE title = 'Apprentice: adult care worker' ORDER BY start_date, id");
    while (s.step() && listing_id.empty()) {
      const auto l = listing_get(db, s.text(0));
      if (l && listing_showable(*l, today)) {
        listing_id = l->id;
        title = l->title;
        provider = l->provider;
      }
    }
  }
  if (listing_id.empty()) return;  // no demo pack: no enquiry to show
  const EnquiryResult r = express_interest(db, "1001", listing_id, today, now_s - 14 * 86400);
  if (!r.ok) return;
  Txn t(db);
  outbox_advance(db, r.outbox_id, "sent", now_s - 14 * 86400);
  outbox_advance(db, r.outbox_id, "read", now_s - 13 * 86400);
  plan::Application a;
  a.listing_id = listing_id;
  a.enquiry = r.outbox_id;
  a.title = title;
  a.provider = provider;
  a.state = plan::ApplicationState::ApplicationSent;
  a.updated_at = now_s - 10 * 86400;
  plan::store_application(db, "1001", a);
  t.commit();
}

}  // namespace

std::optional<plan::Plan> demo_plan(const std::string& child, CivilDate today, int64_t now_s) {
  if (child == "1001") return alex_plan(today, now_s);
  if (child == "1002") return cerys_plan(today, now_s);
  return std::nullopt;
}

void seed_demo_plans(Db& db, const Clock& clock) {
  const int64_t now_s = clock.now_s();
  const CivilDate today = local_date(now_s);
  alex_enquiry(db, today, now_s);
  Txn t(db);
  plan::store_plan(db, "1001", alex_plan(today, now_s), now_s);
  plan::store_plan(db, "1002", cerys_plan(today, now_s), now_s);
  t.commit();
}

}  // namespace waymark

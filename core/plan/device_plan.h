// core/plan/device_plan.h: "My plan" on the kiosk: the newest plan of each child (from the `plan` feed change),
// the plan as the child last looked at it (for "what changed since you last looked"), where each of their
// enquiries has got to (the `application` change), and the child's answers (outbox records of kind
// "plan_answer", with drafts of an own goal saved as they type).
// A plan is stored whole, as its checked JSON, in one row: a newer version replaces it in one statement, so a
// reader never sees half a plan. Every table here is a child's data: a wipe empties it (core/ops/wipe.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/plan/application.h"
#include "core/plan/plan.h"
#include "core/storage/db.h"

namespace waymark {

extern const char* const kPlanDeviceSql;    // migration 51: plans, plan_seen, applications, plan_drafts
extern const char* const kOutboxPlanAnswerSql;  // migration 51: the outbox also takes kind "plan_answer"

namespace plan {

// Stores p as the child's plan when it is newer than the one held (an older or equal version changes nothing);
// returns whether it replaced. Inside the caller's transaction (the feed page's).
bool store_plan(Db& db, const std::string& child, const Plan& p, int64_t now_s);
std::optional<Plan> load_plan(Db& db, const std::string& child);

// What differs between the plan the child last looked at and the newest one.
struct PlanChanges {
  bool have_plan = false;       // there is a plan at all
  bool never_looked = false;    // the child has not opened this plan's page yet
  std::vector<Pathway> pathways;  // pathways whose words or actions changed (or are new)
  bool day_out = false;         // the day-out card changed
  bool any() const { return never_looked || !pathways.empty() || day_out; }
};
PlanChanges changes_since_seen(Db& db, const std::string& child);
// The child has looked at the plan as it is now (own transaction).
void mark_plan_seen(Db& db, const std::string& child, int64_t now_s);

struct Application {
  std::string listing_id, enquiry, title, provider;
  ApplicationState state = ApplicationState::FindingOut;
  std::string interview_on;  // YYYY-MM-DD for an interview
  std::string reason;        // a kind reason for "not this time"
  int64_t updated_at = 0;
};
// Upsert by (child, listing_id). Inside the caller's transaction.
void store_application(Db& db, const std::string& child, const Application& a);
std::vector<Application> applications_for(Db& db, const std::string& child);  // newest first
std::optional<Application> application_for(Db& db, const std::string& child, const std::string& listing_id);

}  // namespace plan
}  // namespace waymark

// gateway/store/applications.h: what became of a child's "I'm interested" in a course, apprenticeship or job
// (an application), as the YOT worker sets it on "Interested in": finding out, application sent, interview on
// a date, place offered, place confirmed, not this time with a kind reason (core/plan/application.h). Each
// change is a row of enquiry_states (gateway migration 104) and an `application` change to the child's wing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/storage/db.h"

namespace waymark::gateway {

struct ApplicationRow {
  std::string child, listing_id;
  std::string record_id;        // the enquiry's outbox id; "" when the gateway has no enquiry for it (the demo)
  std::string title, provider;  // the listing as the child asked about it
  std::string state;            // a plan::ApplicationState code
  std::string on_date;          // interview: YYYY-MM-DD
  std::string reason;           // not_this_time: a kind reason the child reads
  std::string set_by;           // the audit actor (set by set_application)
  int64_t set_at_ms = 0;
};
// Validates with the wire body's own rules (plain-words std::invalid_argument, nothing written), stores the
// change, sends it to the child's wing and audits it (application.set).
void set_application(Db& db, ApplicationRow row, const std::string& actor, int64_t now_ms);
// The newest state of each of the child's applications, newest change first.
std::vector<ApplicationRow> applications(Db& db, const std::string& child);
// Every change of one application, oldest first.
std::vector<ApplicationRow> application_history(Db& db, const std::string& child, const std::string& listing_id);

}  // namespace waymark::gateway

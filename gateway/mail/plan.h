// gateway/mail/plan.h: turns what waits for workers into queued emails, by each worker's choice, and raises
// the meeting reminders. Runs before every flush (`mail flush`, and the running gateway's sender each minute
// and after every notice).
//  - reminders: two working days (England and Wales: weekends and bank holidays skipped) before a meeting, from
//    08:00 London time that day, when the newest My Views the child sent for that meeting has not been read,
//    every worker the child is allocated to gets a reminder notice (once per meeting and date).
//  - moot notices are dropped: the record was read in the web inbox before any email told of it.
//  - as they come: everything waiting goes in one email, at most one notice email an hour per worker.
//  - daily: at the chosen hour (London time), one email with what was waiting by then.
//  - none: nothing is mailed; waiting notices are dropped.
// Nothing is queued before the relay is set (`mail set`): notices wait. Notices told of or dropped, and emails
// sent or given up, are deleted kKeepMailMs after they happened, so the tables stay small.
#pragma once

#include <cstdint>

#include "core/storage/db.h"

namespace waymark::gateway {

inline constexpr int64_t kEachMailGapMs = 3600'000;  // "as they come": at most one email an hour
inline constexpr int kReminderWorkingDays = 2;
inline constexpr int kReminderMinuteOfDay = 8 * 60;   // reminders from 08:00 London time on their day
inline constexpr int64_t kKeepMailMs = 90LL * 86400'000;  // finished notices and emails are kept 90 days

// Own transaction. Returns how many emails it queued.
int plan_mail(Db& db, int64_t now_ms);

}  // namespace waymark::gateway

// core/sync/departures.h: a child transferred to another establishment leaves this kiosk (issue 14; the gateway's
// side is gateway/store/transfers.h). The feed's `child_left` change only notes the departure, inside the page's
// transaction; the removal runs after the round's up and down, and only once nothing of the child's waits in the
// outbox, so what the child wrote here reaches the gateway first; that includes the My Views and goals they had
// not sent, which note_departure puts in the outbox as drafts (core/sync/carried_drafts.h). Then every row of theirs goes, in one
// transaction, with secure_delete on (as `waymarkctl wipe` does for every child), and the WAL is checkpointed so
// no old page of theirs stays in it. A child who comes back (a `child` change for this wing) is no longer leaving.
//
// A child who is signed in here when the change arrives is not removed under them: the round leaves them (the
// `in_session` test), and the kiosk, at its next frame, sends what they were typing to their workers and signs
// them out with a kind word (leave_signed_in_child, then kiosk/app.cpp); the next round sends that up and
// removes them.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/storage/db.h"

namespace waymark {

// Device migration 54: the children who are leaving this kiosk.
extern const char* const kDeparturesSql;

namespace sync {
// Inside the caller's transaction.
void note_departure(Db& db, const std::string& child, int64_t now_s);
void cancel_departure(Db& db, const std::string& child);
// Removes each departed child with nothing waiting in the outbox (its own transaction); returns who went.
// A child with records still waiting, or for whom in_session (when set) says yes, stays listed, for the next round.
std::vector<std::string> remove_departed_children(Db& db, int64_t now_s,
                                                  const std::function<bool(const std::string&)>& in_session = {});
// Whether the feed said this child has left this kiosk (and they are not yet removed).
bool departing(Db& db, const std::string& child);
// For a departing child at the end of their turn: each message they were writing to an approved contact is sent
// (an outbox record, so it goes up before they are removed, and follows them to their new kiosk), and their
// unsent My Views and goals are carried as drafts once more (never sent for them). Returns how many messages.
int send_departing_drafts(Db& db, const std::string& child, int64_t now_s);
}  // namespace sync

}  // namespace waymark

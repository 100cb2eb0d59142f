// core/sync/carried_drafts.h: a transferred child's unsent words follow them as unsent words (issue 14; the
// gateway's side is gateway/store/carried_drafts.h, the body wire::DraftBody, docs/sync-protocol.md "Drafts").
//
// Leaving: when the feed says a child has left this kiosk (note_departure), and again when a child who was
// signed in then ends their turn, each My Views they had started and each own goal they were typing goes in the
// outbox as a record of kind "draft", in the same transaction, so the removal waits for it like everything else
// (departures.h). Never sent for them: a draft is not a My Views or an answer, and the gateway shows it to nobody.
//
// Arriving: a `draft` change for a child on this kiosk is kept in `arrived_drafts` (newest per thing) and put
// back where the child left it: a My Views as their draft for that meeting (core/myviews, myviews_place_draft),
// a goal as the text in that pathway's goal box (core/plan, place_goal_draft), unless this kiosk has one as new
// or a response they sent since. One that cannot be put back yet (its meeting or form is not here) waits and is
// tried again by place_waiting_drafts. Applying the same change twice, or an older one late, changes nothing.
#pragma once

#include <cstdint>
#include <string>

#include "core/storage/db.h"

namespace waymark {

// Device migration 57: the outbox takes kind "draft"; drafts that arrived for a child here.
extern const char* const kCarriedDraftsSql;

namespace wire {
struct DraftBody;
}

namespace sync {
// Inside the caller's transaction: every unsent My Views and goal of the child as a "draft" outbox record, and
// those that arrived here and still wait. Returns how many.
int carry_unsent_words(Db& db, const std::string& child, int64_t now_s);
// Inside the caller's transaction (the feed page's). False when skipped (no such child here, or leaving).
bool draft_arrived(Db& db, const wire::DraftBody& d);
// Its own transaction; returns how many were put back.
int place_waiting_drafts(Db& db);
}  // namespace sync

}  // namespace waymark

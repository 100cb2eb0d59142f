// gateway/store/carried_drafts.h: a transferred child's unsent words (a My Views they had started, an own goal
// they were typing), held by the gateway only on their way to the child's new kiosks (issue 14; the wire body is
// wire::DraftBody, the kiosk's side core/sync/carried_drafts.h, docs/sync-protocol.md "Drafts").
//
// The old kiosk uploads each as a record of kind "draft" (api_up). Its words are never put in `records` (which
// every worker, security and board page reads, and which never forgets): the row there holds only a digest, so
// a retry gets its receipt and the device's sequence stays whole, and the words go to `carried_drafts`, one row
// per thing (a meeting, a pathway) and child, the newest by the child's own clock winning. Each is sent, as a
// `draft` change, to the kiosks of the wing the child is on now, and again to a new wing on a later transfer.
// Nothing but the child's kiosks reads them: no page, API, metric, mail notice or export.
//
// A carried draft goes, with the feed changes that carried it (below the feed's head; see sweep in the .cpp),
// when the child sends that My Views or goal (from any kiosk), when a newer draft of the same thing replaces it,
// and when the child is released. One arriving after the child already sent that thing is not kept.
// Every function runs inside the caller's transaction.
#pragma once

#include <string>

#include "core/storage/db.h"
#include "gateway/store/feed.h"

namespace waymark::gateway {

extern const char* const kCarriedDraftsSql;  // gateway migration 110

// What `records` keeps in place of a draft's body: a digest, the same for the same words.
std::string draft_stand_in(const std::string& body);
// An accepted "draft" upload (its body already checked by wire::upload_problem): kept and sent to the child's
// wing when it is newer than what is held for that thing and not already sent by the child.
void carry_draft(Db& db, const std::string& child, const std::string& body);
// An accepted record of another kind: a My Views or an own goal the child sent ends the draft for it.
void settle_carried_drafts(Db& db, const std::string& kind, const std::string& child, const std::string& body);
// Every draft held for the child, to the kiosks of `to` (a transfer). Returns how many.
int emit_carried_drafts(Db& db, const std::string& child, const WingRef& to);
// The child is released (or leaves the service): nothing of theirs is held any longer.
void drop_carried_drafts(Db& db, const std::string& child);

}  // namespace waymark::gateway

// gateway/store/child_history.h: a transferred child's own records (their messages, My Views, "I'm interested"
// enquiries and plan answers, as the gateway accepted them from whichever kiosk they wrote them on) sent to the
// kiosks of the wing they are on now, as `history` changes (docs/sync-protocol.md, issue 14). A kiosk keeps
// them as already sent and never uploads them again; it skips a record it wrote itself (it is in its outbox).
//
// Three moments send them, each inside the caller's transaction:
//  - the transfer: every accepted record of the child, oldest first, to the new wing;
//  - a record accepted later for a child who was ever transferred (the old kiosk sending what still waited
//    there, or one kiosk of the new wing writing what the others should show): that record to the child's wing;
//  - a receipt (delivered, read) for such a record: the record again with its new state, so the child sees on
//    the new kiosk that their worker has read it. A kiosk only moves a state forward.
// Refused records never travel: they never reached anyone.
#pragma once

#include <string>

#include "core/storage/db.h"
#include "gateway/store/feed.h"

namespace waymark::gateway {

// Every accepted record of the child, to `to`. Returns how many.
int emit_child_history(Db& db, const std::string& child, const WingRef& to);
// The record (by id) to its child's current wing, when that child was ever transferred and the record was
// accepted; nothing otherwise.
void forward_child_history(Db& db, const std::string& record_id);

}  // namespace waymark::gateway

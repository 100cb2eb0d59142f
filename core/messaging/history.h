// core/messaging/history.h: what a transferred child wrote on another establishment's kiosks, brought here by
// the gateway's `history` changes (docs/sync-protocol.md; gateway/store/child_history.h), and the one place the
// child's own records are read from: this kiosk's outbox and that history together.
//
// A history record is already sent: it is never put in the outbox and never uploaded again (round.cpp reads only
// the outbox). It is stored once by its id (a change applied twice, or the same record after a transfer back,
// changes nothing); a record this kiosk wrote itself stays its outbox row and is never copied. Its state only
// moves forward (sent -> delivered -> read). Messages and plan answers are read from it where the outbox is
// read; a My Views becomes a sent response of the child's (core/myviews) and an "I'm interested" an enquiry on
// their list (core/catalogue), once this kiosk can show it there (a My Views needs its form installed: until
// then it waits, `placed` = 0, and place_waiting_history tries again).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/messaging/outbox.h"
#include "core/storage/db.h"

namespace waymark {

namespace wire {
struct HistoryRecord;
}

extern const char* const kHistorySql;  // device migration 56

// Inside the caller's transaction (the feed page's). False when the change was skipped: it does not fit
// (wire_check.h history_problem), its child is not on this kiosk, or this kiosk wrote it.
bool history_apply(Db& db, const wire::HistoryRecord& h);
// Places what waited for this kiosk to be able to show it (a My Views whose form was not installed). Its own
// transaction; returns how many were placed.
int place_waiting_history(Db& db);

// The child's own records of one kind: what they wrote here (the outbox, with its states) and what followed them
// (history: seq 0, attempts 0), oldest first by when they sent it.
std::vector<OutboxItem> own_records(Db& db, const std::string& child, const std::string& kind);
// The state of one of the child's records, wherever it is ("" when there is none by that id).
std::string own_record_state(Db& db, const std::string& id);

}  // namespace waymark

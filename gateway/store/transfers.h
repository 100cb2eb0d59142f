// gateway/store/transfers.h: moving a child from one establishment to another on the same gateway (issue 14,
// docs/operating.md "Transfers"). One transaction: the child's establishment and wing change, the move is
// kept (the `transfers` table, append-only) and audited on both sides, and the feed carries it:
//  - to the new wing: the child (with their PIN hash), contacts, meetings, the worker's messages, the newest
//    plan, each enquiry's state and what the child wrote themselves (`history`, child_history.h), so the new
//    establishment's kiosks have them at their next sync;
//  - to the old wing: the child without a PIN hash (nobody signs in as them there again) and `child_left`,
//    after which those kiosks remove every record of the child once nothing of theirs waits to go up
//    (core/sync/departures.h). What those kiosks still send later is accepted as the child's (device_api.cpp).
// Contacts (the YOT allocation) stay as they are, so the worker's conversation is one thread across the move.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/storage/db.h"

namespace waymark::gateway {

struct TransferRequest {
  std::string child;     // sign-in number
  std::string to;        // the receiving establishment's code
  std::string wing;      // its wing; empty: the establishment's only wing
  std::string from;      // the code of the establishment asking (its IT); empty: the gateway's admin (any)
};
struct TransferDone {
  std::string child, from_code, from_wing, to_code, to_wing;
  int64_t seq = 0;  // the transfers row
};
// Refuses with std::invalid_argument in plain words, changing nothing: an unknown establishment, wing or child,
// a child already there, or (from set) a child who is not the asking establishment's (audited).
TransferDone transfer_child(Db& db, const TransferRequest& req, const std::string& actor, int64_t now_ms);

struct TransferRow {
  int64_t seq = 0, at_ms = 0;
  std::string from_code, from_wing, to_code, to_wing, actor;
};
std::vector<TransferRow> transfers_of(Db& db, const std::string& child);  // oldest first

}  // namespace waymark::gateway

// core/sync/round.h: one sync round (docs/sync-protocol.md, "POST /v1/up" and "POST /v1/down"): up (the
// outbox's waiting records, and after a gap or a restore everything after what the gateway holds), then down
// (feed pages, each applied in one transaction with the cursor it moves; feed.h), then the newest wanted
// content pack (pack_fetch.h). Expected failures (gateway unreachable, refused) are values in plain words.
#pragma once

#include <atomic>
#include <functional>
#include <cstdint>
#include <memory>
#include <string>

#include "core/accounts/pin_seal.h"
#include "core/base/clock.h"
#include "core/storage/db.h"
#include "core/sync/http_client.h"

namespace waymark {

struct SyncReport {
  bool ok = false;
  std::string error;        // plain words when !ok
  std::string refusal;      // the gateway's error code when it refused us (unknown_device, revoked_device, ...)
  int sent = 0, accepted = 0, refused = 0, conflicts = 0, replayed = 0;
  int gaps = 0;             // gap reports from the gateway this round
  int changes = 0, children = 0, contacts = 0, meetings = 0, messages = 0, receipts = 0;
  int plans = 0, applications = 0;  // "My plan": newer plans stored, enquiry states stored
  int departed = 0;         // transferred children whose data this kiosk removed this round (departures.h)
  int history = 0;          // records a transferred child wrote elsewhere, stored here (core/messaging/history.h)
  int drafts = 0;           // unsent words of a transferred child, kept here (core/sync/carried_drafts.h)
  bool reset = false;       // the gateway's epoch changed (restored backup) or our cursor was ahead
  int64_t gateway_time_ms = 0;
  // content packs (docs/sync-protocol.md, "Content packs")
  int packs_offered = 0;           // `pack` changes newer than the installed pack, recorded as wanted
  int64_t pack_bytes = 0;          // bytes of a pack fetched this round
  int64_t pack_resumed_from = 0;   // the download went on from this byte (0: from the start)
  std::string pack_installed;      // "ID vN" when a pack was installed this round
  std::string pack_refused;        // the plain reason when the device refused the downloaded pack
  std::string pack_error;          // the download did not finish (tried again next round)
  std::string summary() const;  // one line, for waymarkctl sync and the log
};

// The connection to the gateway, kept from one round to the next: pass the same link to every round so a poll
// reuses the open keep-alive connection (no TCP or TLS handshake) or, once the gateway has closed it as idle,
// resumes the TLS session. A changed address or pin (a new enrolment) gets a new connection. One thread at a time.
class SyncLink {
public:
  HttpClient& client(const GatewayAddress& addr, const std::string& pin, const HttpOptions& opt);

private:
  std::unique_ptr<HttpClient> client_;
  std::string target_;  // the base URL, pin and options client_ was made for
};

struct SyncOptions {
  int max_rounds = 50;      // default 50 up batches and 50 down pages per call
  int down_limit = 500;     // default 500 changes per page
  size_t pack_chunk_bytes = 1u << 20;  // default 1 MiB per range request when fetching a content pack
  const std::atomic<bool>* cancel = nullptr;  // default none: when set and true, a pack download stops between chunks
  const PinSeal* pin_seal = nullptr;  // default none: the device's pepper, to seal roster PIN hashes (core/accounts/pin_seal.h)
  HttpOptions http;
  SyncLink* link = nullptr;  // default none: a new connection for each round
  // default none: whether a child is signed in on this kiosk now; a transferred child who is stays until they are
  // signed out (core/sync/departures.h)
  std::function<bool(const std::string&)> in_session;
};
// A round also fetches the newest wanted content pack (after the feed, outside any transaction) into
// DATA/packs/partial-SHA256, going on from what an earlier round left, and installs it with install_pack.
SyncReport sync_once(Db& db, const Clock& clock, const SyncOptions& opt = {});

}  // namespace waymark

// core/sync/sync_client.h: the kiosk's side of docs/sync-protocol.md, one header for its callers (the kiosk,
// waymarkctl, the tests). Each job lives in its own file:
//
//  - http_client.h      : HttpClient, libcurl locked to the enrolled gateway (HTTPS only, no redirects, pinned
//                         key, environment proxies ignored, TLS 1.2+, timeouts, a response size cap)
//  - enrol.h            : one-time code -> device identity (Ed25519 key made here, kept in the device database)
//  - round.h            : sync_once, one round: up (outbox), then down (feed pages), each applied in one
//                         transaction with the cursor / acknowledged sequence it moves
//  - feed.h             : applying the feed's changes (roster, contacts, meetings, messages, receipts)
//  - pack_fetch.h       : content packs offered by the feed, fetched in range requests and installed
//  - service.h          : SyncService, the background thread, and the hook that wakes it after outbox writes
//  - sync_state.h       : the gateway's time and the last good round, as this device keeps them
//  - wire.h             : the typed bodies both sides share (gateway/ uses them too)
//  - gateway_session.h  : signed requests (internal to core/sync)
// Expected failures (gateway unreachable, refused) are values with plain words; nothing here throws for them.
#pragma once

#include "core/sync/enrol.h"
#include "core/sync/feed.h"
#include "core/sync/http_client.h"
#include "core/sync/pack_fetch.h"
#include "core/sync/round.h"
#include "core/sync/service.h"
#include "core/sync/sync_state.h"

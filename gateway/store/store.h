// gateway/store/store.h: the gateway's storage and the rules of docs/sync-protocol.md, one file per job.
// Include this header for all of it, or the one header a file needs.
//
// Index
//  - database.h     : DIR/gateway.db opened and migrated; meta (establishment, epoch); init; a new epoch
//  - establishments.h : the establishments one gateway serves, their wings, and the scope of establishment IT
//  - transfers.h    : moving a child to another establishment, with their history
//  - schema.h       : the gateway's migrations (SQL in schema.cpp; the packs table in packs.cpp)
//  - checks.h       : ApiError (an expected refusal: HTTP status, code, plain words) and strict JSON checks
//  - audit.h        : the one audit() every change and every refusal worth keeping goes through
//  - feed.h         : the change feed devices read (/v1/down): emit, receipts, contacts
//  - contacts.h     : a child's wing and allowed contacts, the rules both APIs share
//  - codes.h        : one-time codes and random tokens
//  - admin.h        : what the admin commands call: workers, children, contacts, meetings, devices, review, demo
//  - device_api.h   : the /v1 device side: enrol, authenticate, up, down, hello, leave
//  - worker_api.h   : the worker side: session, inbox, read, send, a record opened
//  - web_accounts.h : principals, allowed domains, password codes, sessions (cookie or bearer token)
//  - it_accounts.h  : establishment IT's web accounts, each bound to one establishment (pages at /it)
//  - sign_in.h      : the one sign-in of workers, security staff and board members (web and API), its throttles and audit
//  - refusals.h     : refusals of requests made before sign-in or enrolment, counted per address and window
//  - web_children.h : what the web inbox reads: allocation, child data, meetings, the view log, the roster
//  - packs.h        : content packs the establishment publishes to its kiosks
//  - plan_store.h   : a child's plan, its versions and the child's answers ("My plan")
//  - applications.h : what became of each "I'm interested" (the worker sets it; the kiosk shows it)
//  - board_accounts.h, board_facts.h, board_demo.h : the management board's accounts and scope, the one reader
//                     of the board report's facts, the demo's fictional history (docs/board-report.md)
// Every public function that writes opens its own BEGIN IMMEDIATE transaction; the helpers that run inside
// the caller's (audit, emit, set_gateway_meta) say so. `now_ms` is passed in so tests control time.
#pragma once

#include "gateway/store/admin.h"
#include "gateway/store/applications.h"
#include "gateway/store/audit.h"
#include "gateway/store/checks.h"
#include "gateway/store/database.h"
#include "gateway/store/device_api.h"
#include "gateway/store/establishments.h"
#include "gateway/store/it_accounts.h"
#include "gateway/store/packs.h"
#include "gateway/store/plan_store.h"
#include "gateway/store/refusals.h"
#include "gateway/store/sign_in.h"
#include "gateway/store/transfers.h"
#include "gateway/store/web_accounts.h"
#include "gateway/store/web_children.h"
#include "gateway/store/worker_api.h"

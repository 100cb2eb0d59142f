// gateway/store/schema.cpp: the gateway's migrations. Each runs once, in its own transaction, under
// PRAGMA user_version (core/storage/migrations.h). Never edit a shipped migration: add one.
//
// Index
//  - 1   gateway      : meta, workers, children, contacts, meetings, enrolment codes, devices, records,
//                       sequence gaps, worker messages and sessions, the change feed, the audit log
//  - 100 web inbox    : web sessions, sign-in failures, password codes, security staff, the view log
//  - 101 content packs: the packs table, defined with the packs it describes (gateway/store/packs.cpp)
//  - 102 one sign-in  : bearer tokens become sessions; failures per account and origin; known addresses;
//                       refusals counted per address and window (gateway/store/sign_in.h, refusals.h)
//  - 104 my plan      : plan versions, action history, enquiry states, the view log's ref (plan_store.h)
//  - 105 board        : management-board members (figures only, a scope each); sessions, password codes and
//                       known addresses take the kind 'board' (docs/board-report.md)
//  - 106 mail         : what is waiting for a worker, their email choice, the durable mail queue (gateway/mail/)
//  - 107 estate       : establishments and their wings; children, devices, codes, security staff and feed
//                       changes belong to one; transfers between them (gateway/store/establishments.h)
//  - 109 it accounts  : establishment IT's web accounts, one establishment each; sessions, password codes and
//                       known addresses take the kind 'it' (gateway/store/it_accounts.h)
//  - 110 drafts       : a transferred child's unsent words on their way to their new kiosks, and the feed
//                       changes that carry them (gateway/store/carried_drafts.h)
#include "gateway/store/schema.h"

#include "gateway/mail/mail_schema.h"
#include "gateway/store/carried_drafts.h"
#include "gateway/store/packs.h"

namespace waymark::gateway {

namespace {

const char* const kGatewaySchema = R"SQL(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

CREATE TABLE workers (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  email         TEXT NOT NULL UNIQUE,
  org           TEXT NOT NULL,
  password_hash TEXT NOT NULL,     -- Argon2id
  active        INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE children (
  number       TEXT PRIMARY KEY,
  first_name   TEXT NOT NULL,
  pin_hash     TEXT NOT NULL,      -- Argon2id; the PIN itself is never stored
  lang         TEXT NOT NULL CHECK (lang IN ('en','cy')),
  dob          TEXT,
  wing         TEXT NOT NULL,
  release_date TEXT,
  release_la   TEXT,
  active       INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE contacts (
  child     TEXT NOT NULL REFERENCES children(number),
  worker_id INTEGER NOT NULL REFERENCES workers(id),
  allowed   INTEGER NOT NULL,
  PRIMARY KEY (child, worker_id)
) STRICT;

CREATE TABLE meetings (
  id        TEXT PRIMARY KEY,
  child     TEXT NOT NULL REFERENCES children(number),
  kind      TEXT NOT NULL,
  date      TEXT NOT NULL,
  time      TEXT NOT NULL DEFAULT '',
  place     TEXT NOT NULL DEFAULT '',
  with_whom TEXT NOT NULL DEFAULT '',
  cancelled INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE enrol_codes (
  code_hash  TEXT PRIMARY KEY,     -- SHA-256 of the code; the code itself is shown once
  wing       TEXT NOT NULL,
  issued_at  INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,     -- unix ms
  used_at    INTEGER,
  device_id  TEXT
) STRICT;

CREATE TABLE devices (
  id          TEXT PRIMARY KEY,
  public_key  BLOB NOT NULL UNIQUE,
  wing        TEXT NOT NULL,
  label       TEXT NOT NULL DEFAULT '',
  enrolled_at INTEGER NOT NULL,
  revoked_at  INTEGER,
  seq_high    INTEGER NOT NULL DEFAULT 0,   -- every seq 1..seq_high from this device is stored
  last_seen   INTEGER NOT NULL DEFAULT 0
) STRICT;

-- What devices sent (outbox records). Kept with its receipt: a retry gets the original receipt.
CREATE TABLE records (
  rec_seq      INTEGER PRIMARY KEY AUTOINCREMENT,
  id           TEXT NOT NULL UNIQUE,
  device_id    TEXT NOT NULL REFERENCES devices(id),
  device_seq   INTEGER NOT NULL,
  kind         TEXT NOT NULL,
  child        TEXT NOT NULL,
  body         TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('accepted','refused')),
  reason       TEXT,
  received_at  INTEGER NOT NULL,
  receipt      TEXT NOT NULL,
  worker_id    INTEGER,
  delivered_at INTEGER,
  read_at      INTEGER,
  UNIQUE (device_id, device_seq)
) STRICT;
CREATE INDEX records_by_worker ON records(worker_id, kind, status);
CREATE INDEX records_by_child ON records(child, kind);
CREATE TRIGGER records_immutable BEFORE UPDATE OF id, device_id, device_seq, kind, child, body, receipt ON records
BEGIN SELECT RAISE(ABORT, 'records are immutable'); END;

CREATE TABLE seq_gaps (
  device_id TEXT NOT NULL,
  expected  INTEGER NOT NULL,
  got       INTEGER NOT NULL,
  at        INTEGER NOT NULL,
  PRIMARY KEY (device_id, expected, got)
) STRICT;

CREATE TABLE worker_messages (
  id        TEXT PRIMARY KEY,
  worker_id INTEGER NOT NULL REFERENCES workers(id),
  child     TEXT NOT NULL REFERENCES children(number),
  text      TEXT NOT NULL,
  sent_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE worker_sessions (
  token_hash TEXT PRIMARY KEY,
  worker_id  INTEGER NOT NULL REFERENCES workers(id),
  expires_at INTEGER NOT NULL
) STRICT;

-- The change feed devices read (docs/sync-protocol.md, /v1/down). Scope: a wing, or one device.
CREATE TABLE changes (
  server_seq INTEGER PRIMARY KEY AUTOINCREMENT,
  wing       TEXT,
  device_id  TEXT,
  kind       TEXT NOT NULL,
  payload    TEXT NOT NULL
) STRICT;
CREATE TRIGGER changes_no_update BEFORE UPDATE ON changes BEGIN SELECT RAISE(ABORT, 'the feed is append-only'); END;

CREATE TABLE audit (
  seq    INTEGER PRIMARY KEY AUTOINCREMENT,
  at     INTEGER NOT NULL,
  actor  TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
)SQL";

// The YOT worker's web inbox and the security review (docs/web-inbox.md).
const char* const kWebSchemaSql = R"SQL(
-- Browser sessions of YOT workers and security staff. The cookie holds the token; only its SHA-256 is kept.
CREATE TABLE web_sessions (
  token_hash TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('worker','security')),
  principal  INTEGER NOT NULL,
  csrf       TEXT NOT NULL,
  created_at INTEGER NOT NULL,    -- unix ms
  last_seen  INTEGER NOT NULL,    -- unix ms; idle expiry counts from here
  expires_at INTEGER NOT NULL     -- unix ms; absolute expiry
) STRICT;
CREATE INDEX web_sessions_by_principal ON web_sessions(kind, principal);

-- Sign-in failures in a row per email address (known or not, so a lock tells nothing about who exists).
CREATE TABLE web_login_failures (
  email        TEXT PRIMARY KEY,  -- lower case
  failures     INTEGER NOT NULL,
  locked_until INTEGER NOT NULL DEFAULT 0,
  last_at      INTEGER NOT NULL
) STRICT;

-- One-time password codes printed by the admin command. Only the hash is kept.
CREATE TABLE web_password_codes (
  code_hash  TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('worker','security')),
  principal  INTEGER NOT NULL,
  issued_at  INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
) STRICT;

-- The establishment's security staff: their own accounts, not YOT workers.
CREATE TABLE security_staff (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  email         TEXT NOT NULL UNIQUE,
  role          TEXT NOT NULL DEFAULT 'security' CHECK (role IN ('security')),
  password_hash TEXT NOT NULL DEFAULT '',   -- empty until set with a one-time code
  active        INTEGER NOT NULL DEFAULT 1
) STRICT;

-- Who looked at which child's data, from the web. Append-only like the audit table.
CREATE TABLE web_views (
  seq   INTEGER PRIMARY KEY AUTOINCREMENT,
  at    INTEGER NOT NULL,   -- unix ms
  actor TEXT NOT NULL,
  child TEXT NOT NULL,
  what  TEXT NOT NULL
) STRICT;
CREATE INDEX web_views_by_child ON web_views(child, seq);
CREATE TRIGGER web_views_no_update BEFORE UPDATE ON web_views BEGIN SELECT RAISE(ABORT, 'the view log is append-only'); END;
CREATE TRIGGER web_views_no_delete BEFORE DELETE ON web_views BEGIN SELECT RAISE(ABORT, 'the view log is append-only'); END;
)SQL";

// One sign-in with one set of rules for the web and /v1/worker/session (gateway/store/sign_in.h). The
// worker API's bearer tokens become sessions (idle and absolute expiry, ended by sign-out and by a password
// change), so the old token table goes: a worker using the API signs in once more.
const char* const kSignInSql = R"SQL(
ALTER TABLE web_sessions ADD COLUMN via TEXT NOT NULL DEFAULT 'cookie' CHECK (via IN ('cookie','bearer'));
DROP TABLE worker_sessions;
DROP TABLE web_login_failures;

-- Failed sign-ins per email address (known or not), counted apart for the addresses the account has signed
-- in from (known = 1) and for every other address (known = 0), so a stranger's guesses never slow the worker
-- down at their usual address. Forgotten 24 hours after the last failure.
CREATE TABLE sign_in_failures (
  email    TEXT NOT NULL,        -- lower case
  known    INTEGER NOT NULL CHECK (known IN (0, 1)),
  failures INTEGER NOT NULL,
  last_at  INTEGER NOT NULL,     -- unix ms
  PRIMARY KEY (email, known)
) STRICT;

-- Where an account signed in from (an IPv4 address or an IPv6 /64), for 90 days after the last time.
CREATE TABLE sign_in_addresses (
  kind      TEXT NOT NULL CHECK (kind IN ('worker','security')),
  principal INTEGER NOT NULL,
  addr      TEXT NOT NULL,
  last_at   INTEGER NOT NULL,
  PRIMARY KEY (kind, principal, addr)
) STRICT;

-- Refusals of requests made before anyone is signed in or enrolled, per scope ('sign_in', 'enrol',
-- 'password_code'), address and 15-minute window: one row updated in place, audited once (gateway/store/refusals.h).
CREATE TABLE refusals (
  scope        TEXT NOT NULL,
  addr         TEXT NOT NULL,
  window_start INTEGER NOT NULL,  -- unix ms
  count        INTEGER NOT NULL,
  audited      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (scope, addr, window_start)
) STRICT;
CREATE INDEX refusals_by_window ON refusals(window_start);
)SQL";

// "My plan" (issue 15; gateway/store/plan_store.h): the worker's plan for a child, kept as versions; the
// history of each action; what became of each enquiry; the view log keeps what was looked at in words, with
// the record it was (`ref`) so looks at two records with the same words stay apart. The child's answers to the
// plan are device records of kind 'plan_answer' in `records`, like every other upload.
const char* const kPlanSql = R"SQL(
-- Every saved change of a child's plan is a new version; the newest is the plan. Never changed or deleted.
CREATE TABLE plan_versions (
  child    TEXT NOT NULL REFERENCES children(number),
  version  INTEGER NOT NULL CHECK (version >= 1),   -- 1, 2, ... per child
  body     TEXT NOT NULL,                           -- the whole plan as core/plan's JSON (docs/plan.md)
  saved_by TEXT NOT NULL,                           -- the audit actor: "worker 3 (Sam Taylor)", "admin:root"
  saved_at INTEGER NOT NULL,                        -- unix ms
  change   TEXT NOT NULL DEFAULT '',                -- what this version changed, in words
  PRIMARY KEY (child, version)
) STRICT;
CREATE TRIGGER plan_versions_no_update BEFORE UPDATE ON plan_versions BEGIN SELECT RAISE(ABORT, 'plan versions are immutable'); END;
CREATE TRIGGER plan_versions_no_delete BEFORE DELETE ON plan_versions BEGIN SELECT RAISE(ABORT, 'plan versions are immutable'); END;

-- Each action as it was added, changed or taken out, version by version.
CREATE TABLE plan_action_history (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  child     TEXT NOT NULL REFERENCES children(number),
  action_id TEXT NOT NULL,
  version   INTEGER NOT NULL,                       -- the plan version the change is in
  pathway   TEXT NOT NULL,
  state     TEXT NOT NULL,                          -- core/plan's action states, or 'removed'
  what      TEXT NOT NULL,
  owner     TEXT NOT NULL,
  due       TEXT NOT NULL DEFAULT '',               -- YYYY-MM-DD or ''
  at        INTEGER NOT NULL,                       -- unix ms
  by        TEXT NOT NULL
) STRICT;
CREATE INDEX plan_action_history_by_action ON plan_action_history(child, pathway, action_id, seq);
CREATE TRIGGER plan_action_history_no_update BEFORE UPDATE ON plan_action_history BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;

-- What became of an application: a child's "I'm interested" in a listing, as the worker sets it on
-- "Interested in". Each change is a row; the newest per (child, listing) is the state the kiosk shows (the
-- `application` feed change). Keyed by listing, so asking twice about one listing is one application.
CREATE TABLE enquiry_states (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  child      TEXT NOT NULL REFERENCES children(number),
  listing_id TEXT NOT NULL,
  record_id  TEXT NOT NULL DEFAULT '',              -- the enquiry's outbox id, when the gateway has the enquiry
  title      TEXT NOT NULL DEFAULT '',              -- the listing as the child asked about it
  provider   TEXT NOT NULL DEFAULT '',
  state      TEXT NOT NULL,                         -- core/plan/application.h: finding_out, application_sent, ...
  on_date    TEXT NOT NULL DEFAULT '',              -- YYYY-MM-DD: an interview's date
  reason     TEXT NOT NULL DEFAULT '',              -- "not this time": a kind reason the child reads
  set_by     TEXT NOT NULL,                         -- the audit actor
  set_at     INTEGER NOT NULL                       -- unix ms
) STRICT;
CREATE INDEX enquiry_states_by_listing ON enquiry_states(child, listing_id, seq);
CREATE TRIGGER enquiry_states_no_update BEFORE UPDATE ON enquiry_states BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER enquiry_states_no_delete BEFORE DELETE ON enquiry_states BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;

ALTER TABLE web_views ADD COLUMN ref TEXT NOT NULL DEFAULT '';
)SQL";

// Management-board members: their own accounts, one sign-in with the others (sign_in.h), figures only. SQLite
// cannot change a CHECK, so the three tables whose `kind` names the account type are rebuilt with 'board'
// allowed, keeping every row (nothing references them).
const char* const kBoardSql = R"SQL(
CREATE TABLE board_members (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  email         TEXT NOT NULL UNIQUE,
  scope         TEXT NOT NULL CHECK (scope = 'all' OR scope LIKE 'establishment:_%' OR scope LIKE 'yot:_%'),
  password_hash TEXT NOT NULL DEFAULT '',   -- empty until set with a one-time code
  active        INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE web_sessions_v105 (
  token_hash TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('worker','security','board')),
  principal  INTEGER NOT NULL,
  csrf       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen  INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  via        TEXT NOT NULL DEFAULT 'cookie' CHECK (via IN ('cookie','bearer'))
) STRICT;
INSERT INTO web_sessions_v105(token_hash, kind, principal, csrf, created_at, last_seen, expires_at, via)
  SELECT token_hash, kind, principal, csrf, created_at, last_seen, expires_at, via FROM web_sessions;
DROP TABLE web_sessions;
ALTER TABLE web_sessions_v105 RENAME TO web_sessions;
CREATE INDEX web_sessions_by_principal ON web_sessions(kind, principal);

CREATE TABLE web_password_codes_v105 (
  code_hash  TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('worker','security','board')),
  principal  INTEGER NOT NULL,
  issued_at  INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
) STRICT;
INSERT INTO web_password_codes_v105(code_hash, kind, principal, issued_at, expires_at, used_at)
  SELECT code_hash, kind, principal, issued_at, expires_at, used_at FROM web_password_codes;
DROP TABLE web_password_codes;
ALTER TABLE web_password_codes_v105 RENAME TO web_password_codes;

CREATE TABLE sign_in_addresses_v105 (
  kind      TEXT NOT NULL CHECK (kind IN ('worker','security','board')),
  principal INTEGER NOT NULL,
  addr      TEXT NOT NULL,
  last_at   INTEGER NOT NULL,
  PRIMARY KEY (kind, principal, addr)
) STRICT;
INSERT INTO sign_in_addresses_v105(kind, principal, addr, last_at)
  SELECT kind, principal, addr, last_at FROM sign_in_addresses;
DROP TABLE sign_in_addresses;
ALTER TABLE sign_in_addresses_v105 RENAME TO sign_in_addresses;
)SQL";

// Many establishments on one gateway (issue 14; gateway/store/establishments.h). An establishment is a row
// with a stable id; its code (BRK) and name can change without touching anything that belongs to it. Rows
// from before this migration belong to establishment 1: the one named in meta by `init` becomes that row
// (code from meta establishment_code, or MAIN when none was set), and every wing already used is its wing.
// Feed changes written before carry no establishment and are read as establishment 1's (api_down).
const char* const kEstateSql = R"SQL(
CREATE TABLE establishments (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  code       TEXT NOT NULL UNIQUE,             -- 2 to 12 capital letters and digits, like BRK
  name       TEXT NOT NULL,
  created_at INTEGER NOT NULL                  -- unix ms
) STRICT;
INSERT INTO establishments(id, code, name, created_at)
  SELECT 1, COALESCE((SELECT value FROM meta WHERE key = 'establishment_code' AND value <> ''), 'MAIN'), value, 0
  FROM meta WHERE key = 'establishment';

CREATE TABLE wings (
  establishment_id INTEGER NOT NULL REFERENCES establishments(id),
  name             TEXT NOT NULL,
  PRIMARY KEY (establishment_id, name)
) STRICT;
INSERT INTO wings(establishment_id, name)
  SELECT 1, wing FROM children WHERE EXISTS (SELECT 1 FROM establishments WHERE id = 1)
  UNION SELECT 1, wing FROM devices WHERE EXISTS (SELECT 1 FROM establishments WHERE id = 1)
  UNION SELECT 1, wing FROM enrol_codes WHERE EXISTS (SELECT 1 FROM establishments WHERE id = 1);

ALTER TABLE children ADD COLUMN establishment_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE devices ADD COLUMN establishment_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE enrol_codes ADD COLUMN establishment_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE security_staff ADD COLUMN establishment_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE changes ADD COLUMN establishment_id INTEGER;   -- with `wing`: the wing's establishment
CREATE INDEX children_by_establishment ON children(establishment_id, wing);

-- Every move of a child from one establishment to another. Never changed or deleted: the child's history
-- keeps where they were, and a late upload from a kiosk of the old establishment is still the child's.
CREATE TABLE transfers (
  seq                INTEGER PRIMARY KEY AUTOINCREMENT,
  child              TEXT NOT NULL REFERENCES children(number),
  from_establishment INTEGER NOT NULL REFERENCES establishments(id),
  from_wing          TEXT NOT NULL,
  to_establishment   INTEGER NOT NULL REFERENCES establishments(id),
  to_wing            TEXT NOT NULL,
  at                 INTEGER NOT NULL,         -- unix ms
  by                 TEXT NOT NULL             -- the audit actor
) STRICT;
CREATE INDEX transfers_by_child ON transfers(child, seq);
CREATE TRIGGER transfers_no_update BEFORE UPDATE ON transfers BEGIN SELECT RAISE(ABORT, 'transfers are append-only'); END;
CREATE TRIGGER transfers_no_delete BEFORE DELETE ON transfers BEGIN SELECT RAISE(ABORT, 'transfers are append-only'); END;
)SQL";

// Establishment IT's web accounts (issue 14; gateway/store/it_accounts.h): their own table, each bound to one
// establishment, one sign-in with the others. As in 105, the three tables whose `kind` names the account type
// are rebuilt with 'it' allowed, keeping every row (SQLite cannot change a CHECK).
const char* const kItAccountsSql = R"SQL(
CREATE TABLE it_accounts (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL,
  email            TEXT NOT NULL UNIQUE,
  establishment_id INTEGER NOT NULL REFERENCES establishments(id),
  password_hash    TEXT NOT NULL DEFAULT '',   -- empty until set with a one-time code
  active           INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE web_sessions_v109 (
  token_hash TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('worker','security','board','it')),
  principal  INTEGER NOT NULL,
  csrf       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen  INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  via        TEXT NOT NULL DEFAULT 'cookie' CHECK (via IN ('cookie','bearer'))
) STRICT;
INSERT INTO web_sessions_v109(token_hash, kind, principal, csrf, created_at, last_seen, expires_at, via)
  SELECT token_hash, kind, principal, csrf, created_at, last_seen, expires_at, via FROM web_sessions;
DROP TABLE web_sessions;
ALTER TABLE web_sessions_v109 RENAME TO web_sessions;
CREATE INDEX web_sessions_by_principal ON web_sessions(kind, principal);

CREATE TABLE web_password_codes_v109 (
  code_hash  TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('worker','security','board','it')),
  principal  INTEGER NOT NULL,
  issued_at  INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
) STRICT;
INSERT INTO web_password_codes_v109(code_hash, kind, principal, issued_at, expires_at, used_at)
  SELECT code_hash, kind, principal, issued_at, expires_at, used_at FROM web_password_codes;
DROP TABLE web_password_codes;
ALTER TABLE web_password_codes_v109 RENAME TO web_password_codes;

CREATE TABLE sign_in_addresses_v109 (
  kind      TEXT NOT NULL CHECK (kind IN ('worker','security','board','it')),
  principal INTEGER NOT NULL,
  addr      TEXT NOT NULL,
  last_at   INTEGER NOT NULL,
  PRIMARY KEY (kind, principal, addr)
) STRICT;
INSERT INTO sign_in_addresses_v109(kind, principal, addr, last_at)
  SELECT kind, principal, addr, last_at FROM sign_in_addresses;
DROP TABLE sign_in_addresses;
ALTER TABLE sign_in_addresses_v109 RENAME TO sign_in_addresses;
)SQL";

}  // namespace

// Next free number: 111 (108 is the child-history branch's). A new migration takes a number above every one here and goes at the end: migrate()
// runs only versions above the database's user_version, so a number filled in lower down would never run.
const std::vector<Migration>& gateway_migrations() {
  static const std::vector<Migration> list = {
      {1, "gateway", kGatewaySchema},
      {100, "web inbox", kWebSchemaSql},
      {101, "content packs", kGatewayPacksSql},
      {102, "one sign-in", kSignInSql},
      {104, "my plan", kPlanSql},
      {105, "board", kBoardSql},
      {106, "mail", kMailSchemaSql},
      {107, "estate", kEstateSql},
      {109, "it accounts", kItAccountsSql},
      {110, "carried drafts", kCarriedDraftsSql},
  };
  return list;
}

}  // namespace waymark::gateway

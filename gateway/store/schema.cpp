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
//  - 106 mail         : what is waiting for a worker, their email choice, the durable mail queue (gateway/mail/)
#include "gateway/store/schema.h"

#include "gateway/mail/mail_schema.h"
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

}  // namespace

// Next free number: 107. A new migration takes a number above every one here and goes at the end: migrate()
// runs only versions above the database's user_version, so a number filled in lower down would never run.
const std::vector<Migration>& gateway_migrations() {
  static const std::vector<Migration> list = {
      {1, "gateway", kGatewaySchema},
      {100, "web inbox", kWebSchemaSql},
      {101, "content packs", kGatewayPacksSql},
      {102, "one sign-in", kSignInSql},
      {106, "mail", kMailSchemaSql},
  };
  return list;
}

}  // namespace waymark::gateway

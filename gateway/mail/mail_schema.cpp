#include "gateway/mail/mail_schema.h"

namespace waymark::gateway {

const char* const kMailSchemaSql = R"SQL(
-- The durable mail queue. A row is written whole before the first try (the message's bytes, its Message-ID)
-- and every try sends exactly those bytes, so a retry after a crash is the same email, never a new one.
CREATE TABLE mail_out (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id TEXT NOT NULL UNIQUE,   -- "<wm.HEX@DOMAIN>", minted once when queued
  worker_id  INTEGER NOT NULL,       -- whom it tells
  rcpt       TEXT NOT NULL,
  sender     TEXT NOT NULL,          -- the envelope sender when it was queued
  things     INTEGER NOT NULL,       -- how many things it tells of (0 for a test)
  message    TEXT NOT NULL,          -- the whole RFC 5322 message, CRLF line ends
  state      TEXT NOT NULL CHECK (state IN ('queued','sending','sent','failed')),
  attempts   INTEGER NOT NULL DEFAULT 0,
  next_at    INTEGER NOT NULL,       -- unix ms: not tried before this (a 'sending' row: the claim's end)
  created_at INTEGER NOT NULL,       -- unix ms
  tried_at   INTEGER,                -- unix ms, the latest try's start
  sent_at    INTEGER,                -- unix ms, when the relay said 250 to the message
  last_error TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX mail_out_due ON mail_out(state, next_at);
CREATE INDEX mail_out_by_worker ON mail_out(worker_id, created_at);

-- Something waiting for a worker: what kind and which record or meeting, never what it says. One row per
-- (worker, kind, thing), however often it is seen; it is told of in exactly one email (mail_id).
CREATE TABLE mail_notices (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  worker_id INTEGER NOT NULL REFERENCES workers(id),
  kind      TEXT NOT NULL CHECK (kind IN ('message','myviews','enquiry','plan_answer','reminder')),
  ref       TEXT NOT NULL,           -- the record's id; a reminder: "MEETING@YYYY-MM-DD"
  record    TEXT,                    -- the record whose reading makes the notice moot (a reminder: the My Views)
  at        INTEGER NOT NULL,        -- unix ms
  state     TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting','mailed','dropped')),
  mail_id   INTEGER REFERENCES mail_out(id),
  UNIQUE (worker_id, kind, ref)
) STRICT;
CREATE INDEX mail_notices_waiting ON mail_notices(state, worker_id);

-- Each worker's choice (the web inbox's /settings). No row: as things come, at most one email an hour.
CREATE TABLE mail_prefs (
  worker_id  INTEGER PRIMARY KEY REFERENCES workers(id),
  mode       TEXT NOT NULL CHECK (mode IN ('each','daily','none')),
  hour       INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),   -- the daily summary's hour, London time
  changed_at INTEGER NOT NULL
) STRICT;
)SQL";

}  // namespace waymark::gateway

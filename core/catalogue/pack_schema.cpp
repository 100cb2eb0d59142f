// The content pack module's tables: the keys this device trusts (pack_keys.cpp), the installed pack's files and
// the install history (pack_install.cpp).
#include "core/catalogue/pack.h"

namespace waymark {

// 11: content packs: the keys this device trusts, the files of the installed pack, and the install history.
const char* const kPackSchema = R"SQL(
CREATE TABLE trusted_keys (
  key_id     TEXT PRIMARY KEY,          -- 16 hex characters derived from the public key
  public_key TEXT NOT NULL UNIQUE,      -- 64 hex characters (Ed25519)
  name       TEXT NOT NULL,
  added_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE pack_files (
  path    TEXT PRIMARY KEY,
  sha256  TEXT NOT NULL,
  content BLOB NOT NULL
) STRICT;

CREATE TABLE pack_installs (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  pack_id      TEXT NOT NULL,
  version      INTEGER NOT NULL,
  created      TEXT NOT NULL,
  expires      TEXT NOT NULL,
  as_of        TEXT NOT NULL DEFAULT '',
  key_id       TEXT NOT NULL,
  installed_at INTEGER NOT NULL,
  listings     INTEGER NOT NULL,
  manifest     TEXT NOT NULL
) STRICT;
)SQL";

}  // namespace waymark

#include "core/accounts/child_settings.h"

#include <algorithm>
#include <stdexcept>

#include "core/storage/db.h"

namespace waymark {

// 40: one row per child who changed a setting. No row means the defaults.
const char* const kChildSettingsSql = R"SQL(
CREATE TABLE child_settings (
  child         TEXT PRIMARY KEY REFERENCES children(number),
  text_size     INTEGER NOT NULL DEFAULT 0 CHECK (text_size BETWEEN 0 AND 2),
  font          TEXT NOT NULL DEFAULT 'standard' CHECK (font IN ('standard','dyslexic')),
  high_contrast INTEGER NOT NULL DEFAULT 0 CHECK (high_contrast IN (0,1)),
  calm          INTEGER NOT NULL DEFAULT 0 CHECK (calm IN (0,1)),
  read_on_tap   INTEGER NOT NULL DEFAULT 0 CHECK (read_on_tap IN (0,1)),
  speech_rate   INTEGER NOT NULL DEFAULT 1 CHECK (speech_rate BETWEEN 0 AND 2),
  changed_at    INTEGER NOT NULL
) STRICT;
)SQL";

float text_scale_for(int text_size) {
  static const float scales[] = {1.0f, 1.25f, 1.5f};
  return scales[std::clamp(text_size, 0, 2)];
}

int speech_words_per_minute(int speech_rate) {
  static const int wpm[] = {130, 160, 190};
  return wpm[std::clamp(speech_rate, 0, 2)];
}

bool valid_settings(const ChildSettings& s) {
  return s.text_size >= 0 && s.text_size <= 2 && (s.font == "standard" || s.font == "dyslexic") &&
         s.speech_rate >= 0 && s.speech_rate <= 2;
}

ChildSettings load_child_settings(Db& db, const std::string& child) {
  ChildSettings s;
  Stmt q(db, "SELECT text_size, font, high_contrast, calm, read_on_tap, speech_rate FROM child_settings WHERE child = :c");
  q.bind(":c", child);
  if (!q.step()) return s;
  s.text_size = static_cast<int>(q.i64(0));
  s.font = q.text(1);
  s.high_contrast = q.i64(2) != 0;
  s.calm = q.i64(3) != 0;
  s.read_on_tap = q.i64(4) != 0;
  s.speech_rate = static_cast<int>(q.i64(5));
  if (!valid_settings(s)) return ChildSettings{};  // the CHECKs make this unreachable; be safe anyway
  return s;
}

void save_child_settings(Db& db, const std::string& child, const ChildSettings& s, int64_t now_s) {
  if (!valid_settings(s)) throw std::invalid_argument("settings out of range");
  Txn txn(db);
  Stmt q(db,
         "INSERT INTO child_settings(child, text_size, font, high_contrast, calm, read_on_tap, speech_rate, changed_at) "
         "VALUES(:c, :ts, :f, :hc, :calm, :rt, :sr, :at) "
         "ON CONFLICT(child) DO UPDATE SET text_size = excluded.text_size, font = excluded.font, "
         "high_contrast = excluded.high_contrast, calm = excluded.calm, read_on_tap = excluded.read_on_tap, "
         "speech_rate = excluded.speech_rate, changed_at = excluded.changed_at");
  q.bind(":c", child)
      .bind(":ts", s.text_size)
      .bind(":f", s.font)
      .bind(":hc", s.high_contrast ? 1 : 0)
      .bind(":calm", s.calm ? 1 : 0)
      .bind(":rt", s.read_on_tap ? 1 : 0)
      .bind(":sr", s.speech_rate)
      .bind(":at", now_s);
  q.run();
  txn.commit();
}

}  // namespace waymark

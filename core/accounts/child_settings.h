// core/accounts/child_settings.h: the settings a child can change for themselves, kept per child (migration 40).
//
// Text size (three steps), the letters (standard or a dyslexia-friendly font), strong colours, calm mode
// (nothing moves), and read-aloud (read what I tap, voice speed). A child with no row has the defaults.
// The kiosk applies them at sign-in and puts the device defaults back at sign-out.
#pragma once

#include <optional>
#include <string>

namespace waymark {

class Db;

struct ChildSettings {
  int text_size = 0;                 // default 0: 0 normal, 1 big, 2 bigger (text scale 1.0, 1.25, 1.5)
  std::string font = "standard";     // default "standard"; or "dyslexic" (OpenDyslexic)
  bool high_contrast = false;        // default false: strong colours (white and yellow on black)
  bool calm = false;                 // default false: true stops every animation (no fling, no movement)
  bool read_on_tap = false;          // default false: true reads a question, option or listing when tapped
  int speech_rate = 1;               // default 1: 0 slow, 1 normal, 2 quick (see speech_words_per_minute)
  bool operator==(const ChildSettings&) const = default;
};

float text_scale_for(int text_size);           // 1.0, 1.25, 1.5 (clamped)
int speech_words_per_minute(int speech_rate);  // 130, 160, 190 (clamped)
bool valid_settings(const ChildSettings& s);

// Returns the defaults when the child has never changed anything (or the row is unreadable).
ChildSettings load_child_settings(Db& db, const std::string& child_number);
// Writes in its own BEGIN IMMEDIATE transaction. Throws std::invalid_argument for out-of-range values.
void save_child_settings(Db& db, const std::string& child_number, const ChildSettings& s, int64_t now_s);

// Migration 40's SQL (listed in core/storage/migrations.cpp).
extern const char* const kChildSettingsSql;

}  // namespace waymark

// kiosk/feature.h: what a part of the kiosk is, and what it may use. The app (kiosk/app.h) routes each frame to
// the feature registered for the route on top of the navigator (kiosk/features.cpp registers them), and only
// while the right person is signed in: nobody (sign-in), a child, or a member of staff.
//
// Index
//  - Nav                           : the screen stack (routes are short strings: "home", "courses", ...)
//  - PublicContext / PublicFeature : shown while nobody is signed in (sign-in for children and for staff)
//  - KioskContext / Feature        : a child's parts (home, help, courses, My Views, messages, meetings)
//  - StaffContext / StaffFeature   : staff mode's parts (the staff menu, courses and jobs)
// A feature reads from core when it needs to (when it opens, after its own writes, when sync's generation
// changes), builds view-models for its screens and acts on their intents; a screen never calls storage.
#pragma once

#include <string>
#include <vector>

#include "core/accounts/accounts.h"
#include "core/base/clock.h"
#include "core/i18n/i18n.h"
#include "core/storage/db.h"
#include "core/sync/sync_client.h"
#include "kiosk/session.h"
#include "kiosk/ui/widgets.h"

namespace waymark::kiosk {

struct Nav {
  std::vector<std::string> stack{"signin"};
  const std::string& top() const { return stack.back(); }
  void push(const std::string& r) {
    if (stack.back() != r) stack.push_back(r);
  }
  void pop() {
    if (stack.size() > 1) stack.pop_back();
  }
  void reset(const std::string& r) { stack.assign(1, r); }
};

// ---- nobody signed in
struct PublicContext {
  Db& db;
  OffsetClock& clock;
  Session& session;  // sign-in goes through it
  Nav& nav;
};

class PublicFeature {
public:
  virtual ~PublicFeature() = default;
  virtual void draw(ui::Ui& ui, PublicContext& ctx) = 0;
  // Forget what was typed (a sign-in, a sign-out, an idle end).
  virtual void on_sign_out() = 0;
};

// ---- a signed-in child
struct KioskContext {
  Db& db;
  OffsetClock& clock;
  const Strings& strings;
  const std::string& assets_dir;
  const ChildProfile& child;  // the signed-in child (features run only while one is)
  Nav& nav;
  Session& session;             // the child's turn: sign out, language, settings
  SyncService* sync = nullptr;  // the background sync; null when the device is not enrolled
};

class Feature {
public:
  virtual ~Feature() = default;
  // Draws the feature's current screen (it may push its own sub-routes under its route name).
  virtual void draw(ui::Ui& ui, KioskContext& ctx) = 0;
  // Forget everything about the child (sign-out, idle): nothing may stay on screen or in memory.
  virtual void on_sign_out() = 0;
  // How long the feature may sleep before it must draw again (-1: until input). Default: until input.
  virtual int wake_ms() const { return -1; }
};

// ---- a signed-in member of staff
// One button on the staff menu: its route, the words' string id and an icon.
struct StaffMenuEntry {
  std::string route, title_id;
  ui::Icon icon = ui::Icon::None;
};

struct StaffContext {
  Db& db;
  OffsetClock& clock;
  const Strings& strings;
  const StaffProfile& staff;  // the signed-in member of staff
  Nav& nav;
  Session& session;
  SyncService* sync;               // the background sync; null when the device is not enrolled
  const std::vector<StaffMenuEntry>& menu;  // the staff parts with a button on the staff menu
  const std::string& data_dir;     // the device data folder (published packs go under it)
  const std::string& curator_key;  // the curator's secret key file; empty on a wing device (no publishing)
  // What a plugged keyboard typed since the last frame (an office PC): sanitized UTF-8 text and how many
  // backspaces. Only staff mode gets these; a child's screens never do (see tests/ESCAPE_VECTORS.md).
  std::string typed;
  int backspaces = 0;
  // Set by the part while one of its text fields is being typed in: the app then turns SDL text input on so
  // a plugged keyboard sends text (it is off everywhere else).
  bool wants_text = false;
  // Set by the staff menu when someone whose role allows it leaves the kiosk: the app stops (exit code 0).
  bool exit_kiosk = false;
};

class StaffFeature {
public:
  virtual ~StaffFeature() = default;
  virtual void draw(ui::Ui& ui, StaffContext& ctx) = 0;
  // Forget everything about the member of staff and what they were doing.
  virtual void on_sign_out() = 0;
};

}  // namespace waymark::kiosk

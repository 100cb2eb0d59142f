// kiosk/ui/widgets.h: the kiosk's touch widgets over Dear ImGui.
//
// Index
//  - FrameRecord : what the last frame showed (tappable items with their rects, visible text, text that did
//                  not fit), read by the scripted driver for `tap`, `expect` and by the screenshot checks
//  - read aloud  : each screen says what its heading and main text are (text_heading_at, text_main_at,
//                  read_heading, read_main); the speaker button (nav.read) asks for them to be read; a
//                  button's ButtonOpts::speak is read when tapped if the child turned on "read when I tap"
//  - Ui          : per-frame context handed to every screen: fonts, palette, strings, language, time
//  - text        : wrapped text, recorded when visible
//  - button      : big rounded buttons and tiles with an icon and words; "Words###stable.id" labels
//  - scroll      : a touch list region with drag and inertia (clicks are cancelled once a drag starts);
//                  begin_hscroll: the same sideways, for a row of chips; scroll_into_view: keep a
//                  focused field in view above the keyboard
//  - keypad      : numeric keypad (ids keypad.0 .. keypad.9, keypad.back, keypad.clear)
//  - keyboard    : on-screen keyboard (ids kbd.<char>, kbd.space, kbd.shift, kbd.back, kbd.enter,
//                  kbd.layer.symbols, kbd.layer.accents, kbd.layer.letters)
#pragma once

#include <imgui.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/i18n/i18n.h"
#include "core/i18n/speech.h"
#include "kiosk/ui/icons.h"
#include "kiosk/ui/inertia.h"
#include "kiosk/ui/theme.h"

namespace waymark::ui {

struct UiItem {
  std::string label;  // visible words (text before ###)
  std::string id;     // stable id (text after ###), may be empty
  ImVec2 min, max;
  bool enabled = true;
};

struct TextItem {
  std::string text;
  ImVec2 min, max;
  ImU32 fg = 0, bg = 0;  // colours, for the contrast checks
};

struct FrameRecord {
  std::vector<UiItem> items;
  std::vector<TextItem> texts;
  // Text that does not fit: past the edge of the screen, or wider or taller than its button or tile.
  // (Text scrolled out of a touch list is not "cut": the list scrolls.) The screenshot checks want none.
  std::vector<TextItem> cut;
  // Items and texts before these indexes lie under an overlay (the idle countdown): seen dimmed, not read.
  size_t covered_items = 0, covered_texts = 0;
  void cover() {
    covered_items = items.size();
    covered_texts = texts.size();
  }
  void clear() {
    items.clear();
    texts.clear();
    cut.clear();
    covered_items = covered_texts = 0;
  }
};

// What the speaker button reads: the screen's heading(s), then its main text, in drawing order.
enum class ReadPart { Heading, Main };
struct ReadLine {
  ReadPart part;
  std::string text;
  std::string lang;  // the language the words are in; empty = the screen's (an English listing on a Welsh screen: "en")
};

enum class ButtonKind { Primary, Secondary, Danger, Tile, Key, Chip, Ghost };

struct ButtonOpts {
  ButtonKind kind = ButtonKind::Primary;  // default Primary
  Icon icon = Icon::None;                 // default none
  ImU32 color = 0;                        // tile colour (Tile); 0 = theme primary
  bool enabled = true;                    // default true
  bool selected = false;                  // chips and toggles
  std::string sublabel;                   // a second, smaller line (tiles)
  FontRole font = FontRole::Bold;         // default bold body text
  std::string speak;                      // read aloud when tapped with "read when I tap" on; default: the words
  bool silent = false;                    // default false; true: never read when tapped (keys, navigation)
};

// Splits "Words###id" into its parts.
void split_label(std::string_view label, std::string& words, std::string& id);

struct KeyboardState {
  enum class Layer { Letters, Symbols, Accents } layer = Layer::Letters;
  bool shift = false;
};

struct KeyboardEvent {
  bool changed = false;
  bool enter = false;
};

class Ui {
public:
  Ui(Fonts& fonts, const Strings& strings) : fonts_(fonts), strings_(strings) {}

  void begin_frame(const Palette& pal, const std::string& lang, float dt, double time_s, bool calm);
  FrameRecord& record() { return rec_; }
  const FrameRecord& record() const { return rec_; }
  const Palette& pal() const { return *pal_; }
  Fonts& fonts() { return fonts_; }
  float em() const { return fonts_.em(); }
  const std::string& lang() const { return lang_; }
  std::string t(std::string_view id) const { return strings_.get(lang_, id); }
  std::string tf(std::string_view id, const Args& a) const { return strings_.fmt(lang_, id, a); }
  // true when something is moving and the loop must keep drawing frames
  bool animating() const { return animating_; }
  void request_animation() { animating_ = true; }
  bool dragging() const { return drag_active_; }
  bool calm() const { return calm_; }

  // ---- read aloud (see the index above)
  // lang: the language of these words when it is not the screen's (empty = the screen's)
  void read_heading(std::string_view s, std::string_view lang = {});
  void read_main(std::string_view s, std::string_view lang = {});
  const std::vector<ReadLine>& read_script() const { return script_; }
  // Headings first, then main text, each ending as a sentence so the voice pauses between them.
  std::string read_script_text() const;
  // The same words in runs of one language, so each run is read with its own voice (screen_lang for lines
  // that do not say). Joined with spaces they are read_script_text().
  std::vector<SpeechPart> read_script_parts(const std::string& screen_lang) const;
  void request_read_screen() { read_screen_requested_ = true; }
  // An overlay (the idle countdown) covers the screen: what is read is the overlay's words only.
  void begin_overlay() { script_.clear(); }
  // Read this now (a tapped question, option or listing) when the child turned on "read when I tap".
  void speak_tapped(std::string_view s, std::string_view lang = {});
  void set_read_on_tap(bool on) { read_on_tap_ = on; }
  bool read_on_tap() const { return read_on_tap_; }
  // Set by the app each frame: something is being read (the speaker button shows "Stop").
  void set_reading(bool r) { reading_ = r; }
  bool reading() const { return reading_; }
  bool take_read_screen_request() { return std::exchange(read_screen_requested_, false); }
  std::string take_tap_speech() { return std::exchange(tap_speech_, std::string()); }
  // The language of what take_tap_speech() gave (empty = the screen's); call after it.
  std::string take_tap_speech_lang() { return std::exchange(tap_speech_lang_, std::string()); }

  // ---- text (positions are absolute screen pixels; wrap_w 0 = no wrapping)
  ImVec2 measure(std::string_view s, FontRole role, float wrap_w = 0) const;
  ImVec2 text_at(ImVec2 pos, std::string_view s, FontRole role = FontRole::Body, ImU32 col = 0, float wrap_w = 0,
                 ImU32 bg = 0);
  ImVec2 text_centered(ImVec2 center, std::string_view s, FontRole role, ImU32 col = 0, float wrap_w = 0, ImU32 bg = 0);
  // text_at that is also the screen's heading / main text for "Read to me"
  ImVec2 text_heading_at(ImVec2 pos, std::string_view s, FontRole role = FontRole::Title, ImU32 col = 0,
                         float wrap_w = 0, ImU32 bg = 0);
  ImVec2 text_main_at(ImVec2 pos, std::string_view s, FontRole role = FontRole::Body, ImU32 col = 0,
                      float wrap_w = 0, ImU32 bg = 0);
  // a rounded panel
  void panel(ImVec2 min, ImVec2 max, ImU32 fill, ImU32 border = 0, float rounding_em = 0.4f);

  // ---- buttons
  bool button_at(const std::string& label, ImVec2 pos, ImVec2 size, const ButtonOpts& o = {});
  void record_item(std::string_view label, ImVec2 min, ImVec2 max, bool enabled = true);

  // ---- touch scroll region: everything drawn between begin and end scrolls; returns the content origin
  ImVec2 begin_scroll(const char* id, ImVec2 pos, ImVec2 size);
  void end_scroll(float content_height);
  // Between begin_scroll and end_scroll: scroll (from the next frame) so the screen rows top..bottom, as drawn
  // this frame, show in the region (a focused field above the keyboard).
  void scroll_into_view(float top, float bottom);
  // ---- the same sideways, for one row of chips wider than the screen (not inside another scroll region)
  ImVec2 begin_hscroll(const char* id, ImVec2 pos, ImVec2 size);
  // returns how far the row could still move left (before) and right (after) its visible part, in pixels
  std::pair<float, float> end_hscroll(float content_width);

  // ---- keypad and keyboard (edit buf in place; return true when changed)
  bool keypad(ImVec2 pos, ImVec2 size, std::string& buf, size_t max_len);
  KeyboardEvent keyboard(ImVec2 pos, ImVec2 size, KeyboardState& st, std::string& text, size_t max_code_points,
                         bool allow_enter);

  ImDrawList* draw() const { return ImGui::GetWindowDrawList(); }

private:
  bool visible(ImVec2 min, ImVec2 max) const;
  void record_cut(std::string_view s, ImVec2 min, ImVec2 max, ImU32 fg, ImU32 bg);
  void tile_face(const std::string& words, ImVec2 pos, ImVec2 size, const ButtonOpts& o, ImU32 fg, ImU32 bg_for_text);
  Fonts& fonts_;
  const Strings& strings_;
  const Palette* pal_ = nullptr;
  std::string lang_ = "en";
  FrameRecord rec_;
  float dt_ = 0.016f;
  double time_s_ = 0;
  bool calm_ = false;
  bool animating_ = false;
  bool drag_active_ = false;
  struct ScrollState {
    Inertia in;
    float max_offset = 0;
  };
  std::unordered_map<ImGuiID, ScrollState> scrolls_;
  ScrollState& enter_scroll(const char* id, ImVec2 pos, ImVec2 size, bool sideways);
  ImGuiID current_scroll_ = 0;
  bool in_scroll_ = false;
  std::vector<ReadLine> script_;
  bool read_screen_requested_ = false;
  bool read_on_tap_ = false;
  bool reading_ = false;
  std::string tap_speech_;
  std::string tap_speech_lang_;
  ImVec2 scroll_pos_, scroll_size_;
};

}  // namespace waymark::ui

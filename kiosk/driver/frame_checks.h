// kiosk/driver/frame_checks.h: accessibility checks on what a frame showed, for tests over scripted runs.
// Input: one line of a --frame-report file (see kiosk/driver/script.h, `shot`) and, if given, the shot's PNG.
//
//  - contrast : every text against its background at least 4.5:1 (WCAG AA), using the colours the widgets
//               recorded AND the background actually under the text in the screenshot
//  - targets  : every tappable item at least 64 px on its short side at 1920x1080 (scaled with the height)
//  - cut      : no text past the screen edge or too big for its button or tile; no text overlapping text;
//               no buttons overlapping buttons
//  - ids      : items that must be on the screen (the speaker button nav.read)
// Texts and items under an overlay (the idle countdown) are skipped: they are dimmed on purpose.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace waymark::kiosk::checks {

struct Rgb {
  uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Rgb&) const = default;
};
bool parse_hex(const std::string& hex, Rgb& out);  // "#RRGGBB"
double relative_luminance(Rgb c);                  // WCAG 2.x
double contrast_ratio(Rgb a, Rgb b);               // 1..21

struct Image {
  int w = 0, h = 0;
  std::vector<uint8_t> rgba;
  bool load_png(const std::string& path, std::string* error);
  Rgb at(int x, int y) const;
};

struct Options {
  double min_contrast = 4.5;            // default WCAG AA for body text
  float min_target_px_at_1080 = 64.0f;  // default 64 px at 1920x1080
  float overlap_tolerance_px = 2.0f;    // default 2 px: anti-aliased edges may touch
  std::vector<std::string> require_ids; // default none
};

struct Problem {
  std::string kind;  // "contrast", "target", "cut", "overlap", "missing"
  std::string what;  // the text or the item
  std::string detail;
};

std::vector<Problem> check_frame(const nlohmann::json& frame, const Image* png, const Options& opt = {});
std::string describe(const std::vector<Problem>& problems, const std::string& shot);

}  // namespace waymark::kiosk::checks

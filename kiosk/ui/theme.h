// kiosk/ui/theme.h: colours, sizes in em, and the font set.
// Every size on screen is a multiple of em (the body font's pixel size), never fixed pixels, so larger
// text sizes and other screen sizes keep the same layout.
#pragma once

#include <imgui.h>

#include <string>
#include <utility>

namespace waymark::ui {

struct Palette {
  ImU32 bg, surface, surface_alt, text, text_muted, text_on_accent, border;
  ImU32 primary, primary_hover, primary_active;
  ImU32 secondary, secondary_hover, secondary_active;
  ImU32 danger, ok, warning_bg, focus, overlay;
  ImU32 tile[6];  // courses, my views, messages, meetings, help, staff
};

Palette standard_palette();
Palette high_contrast_palette();

enum class FontRole { Body, Bold, Heading, Title, Small };

struct FontChoice {
  std::string family = "standard";  // "standard" or "dyslexic"
  float text_scale = 1.0f;          // 1.0, 1.25, 1.5 (three text sizes)
  bool operator==(const FontChoice&) const = default;
};

class Fonts {
public:
  // Builds the atlas for the window height and choice. Returns false with a reason if no font file is found.
  bool build(const std::string& assets_dir, float window_height, const FontChoice& choice, std::string* error);
  // Where built atlases are kept and taken from on the next start (kiosk/ui/font_cache.h). Default: none.
  void set_cache_dir(std::string dir) { cache_dir_ = std::move(dir); }
  ImFont* get(FontRole r) const;
  float px(FontRole r) const;
  float em() const { return body_px_; }
  const FontChoice& choice() const { return choice_; }

private:
  ImFont* body_ = nullptr;
  ImFont* bold_ = nullptr;
  ImFont* heading_ = nullptr;
  ImFont* title_ = nullptr;
  ImFont* small_ = nullptr;
  float body_px_ = 36.0f;
  FontChoice choice_;
  std::string cache_dir_;
};

void apply_imgui_style(const Palette& p, float em);

}  // namespace waymark::ui

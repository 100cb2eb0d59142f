// kiosk/ui/font_cache.h: the baked font atlas kept on disk, so a start draws its first frame without
// rasterizing five font sizes of every glyph again (issue 17: start-up). The cache is only ever a copy of what
// ImGui built: its key names the font files (path, size, change time), the pixel sizes, the glyph ranges and
// the ImGui version, and a checksum covers the whole file; anything that does not match is rebuilt from the
// fonts, never trusted.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <string>
#include <vector>

namespace waymark::ui {

// What an atlas is built from: every font file and pixel size in order, and the glyph ranges.
struct AtlasRecipe {
  struct Font {
    std::string path;
    float px = 0;
  };
  std::vector<Font> fonts;
  const ImWchar* ranges = nullptr;
  uint64_t key() const;  // 0 when a font file cannot be looked at
};

// Loads the atlas for recipe from dir into io.Fonts (its fonts in recipe order). False: none cached, or it did
// not match; io.Fonts is left cleared.
bool load_cached_atlas(const std::string& dir, const AtlasRecipe& recipe);
// Saves io.Fonts, just built from recipe, under dir. Best effort: a cache that cannot be written is rebuilt next start.
void save_cached_atlas(const std::string& dir, const AtlasRecipe& recipe);

}  // namespace waymark::ui

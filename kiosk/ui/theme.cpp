#include "kiosk/ui/theme.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "kiosk/ui/font_cache.h"

namespace waymark::ui {

namespace {
constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b) { return IM_COL32(r, g, b, 255); }

// Latin, Latin-1, Latin Extended-A (ŵ ŷ), Welsh w/y accents, punctuation, arrows and the dot for PINs.
const ImWchar kRanges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x1E80, 0x1E85, 0x1EF2, 0x1EF3,
                           0x2013, 0x2026, 0x2190, 0x2193, 0x25CF, 0x25CF, 0};

std::string first_existing(const nlohmann::json& list) {
  for (const auto& p : list)
    if (p.is_string() && std::filesystem::exists(p.get<std::string>())) return p.get<std::string>();
  return {};
}
}  // namespace

Palette standard_palette() {
  Palette p{};
  p.bg = rgb(0xF4, 0xF1, 0xEA);
  p.surface = rgb(0xFF, 0xFF, 0xFF);
  p.surface_alt = rgb(0xE9, 0xE4, 0xD8);
  p.text = rgb(0x1B, 0x24, 0x30);
  p.text_muted = rgb(0x4A, 0x55, 0x63);
  p.text_on_accent = rgb(0xFF, 0xFF, 0xFF);
  p.border = rgb(0xC9, 0xC2, 0xB2);
  p.primary = rgb(0x1F, 0x5C, 0x99);
  p.primary_hover = rgb(0x24, 0x69, 0xAD);
  p.primary_active = rgb(0x17, 0x47, 0x78);
  p.secondary = rgb(0xFF, 0xFF, 0xFF);
  p.secondary_hover = rgb(0xF0, 0xF4, 0xF9);
  p.secondary_active = rgb(0xDD, 0xE6, 0xF0);
  p.danger = rgb(0xB4, 0x23, 0x18);
  p.ok = rgb(0x1E, 0x6B, 0x3A);
  p.warning_bg = rgb(0xFF, 0xF1, 0xD6);
  p.focus = rgb(0xF2, 0xB7, 0x05);
  p.overlay = IM_COL32(0x1B, 0x24, 0x30, 0xB0);
  p.tile[0] = rgb(0x0F, 0x6E, 0x66);  // courses and jobs: teal
  p.tile[1] = rgb(0x5B, 0x3E, 0x96);  // my views: purple
  p.tile[2] = rgb(0x1F, 0x5C, 0x99);  // messages: blue
  p.tile[3] = rgb(0x9A, 0x4B, 0x00);  // meetings: amber brown
  p.tile[4] = rgb(0x2E, 0x6B, 0x30);  // help: green
  p.tile[5] = rgb(0x3D, 0x44, 0x4F);  // staff: slate
  return p;
}

Palette high_contrast_palette() {
  Palette p{};
  p.bg = rgb(0, 0, 0);
  p.surface = rgb(0, 0, 0);
  p.surface_alt = rgb(0x1A, 0x1A, 0x1A);
  p.text = rgb(0xFF, 0xFF, 0xFF);
  p.text_muted = rgb(0xFF, 0xFF, 0xFF);
  p.text_on_accent = rgb(0, 0, 0);
  p.border = rgb(0xFF, 0xFF, 0xFF);
  p.primary = rgb(0xFF, 0xE0, 0x00);
  p.primary_hover = rgb(0xFF, 0xEB, 0x4D);
  p.primary_active = rgb(0xE6, 0xC9, 0x00);
  p.secondary = rgb(0, 0, 0);
  p.secondary_hover = rgb(0x26, 0x26, 0x26);
  p.secondary_active = rgb(0x40, 0x40, 0x40);
  p.danger = rgb(0xFF, 0x8A, 0x80);
  p.ok = rgb(0x7D, 0xFF, 0x9B);
  p.warning_bg = rgb(0x33, 0x2B, 0x00);
  p.focus = rgb(0x00, 0xE5, 0xFF);
  p.overlay = IM_COL32(0, 0, 0, 0xD0);
  for (auto& t : p.tile) t = rgb(0xFF, 0xE0, 0x00);
  return p;
}

bool Fonts::build(const std::string& assets_dir, float window_height, const FontChoice& choice, std::string* error) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  choice_ = choice;
  nlohmann::json cfg;
  try {
    std::ifstream in(std::filesystem::path(assets_dir) / "fonts" / "fonts.json");
    cfg = nlohmann::json::parse(in);
  } catch (const std::exception& e) {
    if (error) *error = std::string("fonts list unreadable: ") + e.what();
    return false;
  }
  const nlohmann::json& fam = cfg.contains(choice.family) ? cfg[choice.family] : cfg["standard"];
  std::string regular = first_existing(fam.value("regular", nlohmann::json::array()));
  std::string bold = first_existing(fam.value("bold", nlohmann::json::array()));
  bool fell_back = false;
  if (regular.empty() && choice.family != "standard") {  // fall back rather than show nothing
    fell_back = true;
    regular = first_existing(cfg["standard"]["regular"]);
    bold = first_existing(cfg["standard"]["bold"]);
  }
  if (regular.empty()) {
    if (error) *error = "no font file found (install fonts-noto-core or fonts-dejavu-core)";
    return false;
  }
  if (bold.empty()) bold = regular;
  // 30 lines of body text fill the screen height at the smallest text size (36 px at 1080 px).
  body_px_ = std::round(window_height / 30.0f * choice.text_scale);
  // a family whose letters look small for their pixel size is drawn bigger (em, the layout unit, stays)
  const float factor = fell_back ? 1.0f : std::clamp(fam.value("size_factor", 1.0f), 0.5f, 2.0f);
  const float glyph_px = std::round(body_px_ * factor);
  const float sizes[] = {glyph_px, glyph_px, std::round(glyph_px * 1.4f), std::round(glyph_px * 2.0f),
                         std::round(glyph_px * 0.8f)};
  AtlasRecipe recipe;
  recipe.ranges = kRanges;
  for (int i = 0; i < 5; i++) recipe.fonts.push_back({i == 0 || i == 4 ? regular : bold, sizes[i]});
  io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
  if (load_cached_atlas(cache_dir_, recipe)) {
    body_ = io.Fonts->Fonts[0], bold_ = io.Fonts->Fonts[1], heading_ = io.Fonts->Fonts[2];
    title_ = io.Fonts->Fonts[3], small_ = io.Fonts->Fonts[4];
    io.FontDefault = body_;
    return true;
  }
  ImFontConfig c;
  c.OversampleH = 1;
  c.OversampleV = 1;
  c.PixelSnapH = true;
  ImFont** roles[] = {&body_, &bold_, &heading_, &title_, &small_};
  for (int i = 0; i < 5; i++)
    *roles[i] = io.Fonts->AddFontFromFileTTF(recipe.fonts[static_cast<size_t>(i)].path.c_str(), sizes[i], &c, kRanges);
  if (!body_ || !bold_ || !heading_ || !title_ || !small_ || !io.Fonts->Build()) {
    if (error) *error = "font atlas could not be built from " + regular;
    return false;
  }
  save_cached_atlas(cache_dir_, recipe);
  io.FontDefault = body_;
  return true;
}

ImFont* Fonts::get(FontRole r) const {
  switch (r) {
    case FontRole::Body: return body_;
    case FontRole::Bold: return bold_;
    case FontRole::Heading: return heading_;
    case FontRole::Title: return title_;
    case FontRole::Small: return small_;
  }
  return body_;
}

float Fonts::px(FontRole r) const {
  ImFont* f = get(r);
  return f ? f->FontSize : body_px_;
}

void apply_imgui_style(const Palette& p, float em) {
  ImGuiStyle& s = ImGui::GetStyle();
  s = ImGuiStyle();
  s.WindowPadding = ImVec2(0, 0);
  s.WindowRounding = 0;
  s.WindowBorderSize = 0;
  s.FramePadding = ImVec2(0.5f * em, 0.35f * em);
  s.ItemSpacing = ImVec2(0.5f * em, 0.5f * em);
  s.ScrollbarSize = 0.0f;  // touch lists scroll by dragging; no tiny scrollbars to aim at
  s.TouchExtraPadding = ImVec2(0, 0);
  s.AntiAliasedFill = true;
  s.AntiAliasedLines = true;
  s.Colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(p.bg);
  s.Colors[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  s.Colors[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(p.text);
  s.Colors[ImGuiCol_NavHighlight] = ImVec4(0, 0, 0, 0);
}

}  // namespace waymark::ui

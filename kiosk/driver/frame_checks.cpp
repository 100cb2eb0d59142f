#include "kiosk/driver/frame_checks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include <stb_image.h>  // the implementation is in Debian's libstb, which ImGui links already

namespace waymark::kiosk::checks {

bool parse_hex(const std::string& s, Rgb& out) {
  if (s.size() != 7 || s[0] != '#') return false;
  unsigned v = 0;
  if (std::sscanf(s.c_str() + 1, "%6x", &v) != 1) return false;
  out = Rgb{static_cast<uint8_t>(v >> 16), static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v)};
  return true;
}

double relative_luminance(Rgb c) {
  auto lin = [](uint8_t v) {
    const double s = v / 255.0;
    return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

double contrast_ratio(Rgb a, Rgb b) {
  double la = relative_luminance(a), lb = relative_luminance(b);
  if (la < lb) std::swap(la, lb);
  return (la + 0.05) / (lb + 0.05);
}

bool Image::load_png(const std::string& path, std::string* error) {
  int n = 0;
  unsigned char* px = stbi_load(path.c_str(), &w, &h, &n, 4);
  if (!px) {
    if (error) *error = "cannot read " + path;
    return false;
  }
  rgba.assign(px, px + static_cast<size_t>(w) * static_cast<size_t>(h) * 4);
  stbi_image_free(px);
  return true;
}

Rgb Image::at(int x, int y) const {
  x = std::clamp(x, 0, w - 1);
  y = std::clamp(y, 0, h - 1);
  const size_t i = (static_cast<size_t>(y) * static_cast<size_t>(w) + static_cast<size_t>(x)) * 4;
  return Rgb{rgba[i], rgba[i + 1], rgba[i + 2]};
}

namespace {
struct Rect {
  float x0, y0, x1, y1;
};
Rect rect_of(const nlohmann::json& r) { return Rect{r[0].get<float>(), r[1].get<float>(), r[2].get<float>(), r[3].get<float>()}; }
float overlap(float a0, float a1, float b0, float b1) { return std::min(a1, b1) - std::max(a0, b0); }

// The colour most of the text's box is painted in: the background the reader actually sees.
Rgb dominant(const Image& img, Rect r) {
  std::map<uint32_t, int> count;
  const int x0 = static_cast<int>(r.x0), x1 = static_cast<int>(r.x1), y0 = static_cast<int>(r.y0), y1 = static_cast<int>(r.y1);
  const int step = std::max(1, (x1 - x0) * (y1 - y0) / 4000);  // about 4000 samples per box
  int i = 0;
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      if (i++ % step == 0) {
        const Rgb c = img.at(x, y);
        count[static_cast<uint32_t>(c.r) << 16 | static_cast<uint32_t>(c.g) << 8 | c.b]++;
      }
  uint32_t best = 0;
  int best_n = -1;
  for (const auto& [k, n] : count)
    if (n > best_n) best = k, best_n = n;
  return Rgb{static_cast<uint8_t>(best >> 16), static_cast<uint8_t>(best >> 8), static_cast<uint8_t>(best)};
}

std::string fmt(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.2f", v);
  return b;
}
std::string hex(Rgb c) {
  char b[8];
  std::snprintf(b, sizeof b, "#%02X%02X%02X", c.r, c.g, c.b);
  return b;
}
}  // namespace

std::vector<Problem> check_frame(const nlohmann::json& f, const Image* png, const Options& opt) {
  std::vector<Problem> out;
  const float W = f.value("width", 1920.0f), H = f.value("height", 1080.0f);
  const float min_target = opt.min_target_px_at_1080 * H / 1080.0f;

  std::vector<std::pair<std::string, Rect>> texts, items;
  for (const auto& t : f["texts"]) {
    if (t.value("covered", false)) continue;
    const std::string s = t["text"].get<std::string>();
    const Rect r = rect_of(t["rect"]);
    if (s.find_first_not_of(" ") == std::string::npos) continue;
    texts.emplace_back(s, r);
    Rgb fg, bg;
    if (!parse_hex(t["fg"].get<std::string>(), fg) || !parse_hex(t["bg"].get<std::string>(), bg)) {
      out.push_back({"contrast", s, "colours not recorded"});
      continue;
    }
    const double c = contrast_ratio(fg, bg);
    if (c < opt.min_contrast)
      out.push_back({"contrast", s, "recorded " + hex(fg) + " on " + hex(bg) + " is " + fmt(c) + ":1"});
    if (png && png->w > 0) {
      const Rgb seen = dominant(*png, r);
      const double cs = contrast_ratio(fg, seen);
      if (cs < opt.min_contrast)
        out.push_back({"contrast", s, hex(fg) + " on the screenshot's " + hex(seen) + " is " + fmt(cs) + ":1"});
    }
    if (r.x0 < -0.5f || r.y0 < -0.5f || r.x1 > W + 0.5f || r.y1 > H + 0.5f)
      out.push_back({"cut", s, "outside the screen"});
  }
  for (const auto& t : f["cut"]) out.push_back({"cut", t["text"].get<std::string>(), "does not fit its place"});

  for (const auto& it : f["items"]) {
    if (it.value("covered", false)) continue;
    const std::string id = it["id"].get<std::string>();
    const std::string name = id.empty() ? it["label"].get<std::string>() : "#" + id;
    const Rect r = rect_of(it["rect"]);
    if (r.x1 - r.x0 >= W - 1 && r.y1 - r.y0 >= H - 1) continue;  // "tap anywhere" on an overlay
    items.emplace_back(name, r);
    const float side = std::min(r.x1 - r.x0, r.y1 - r.y0);
    if (side + 0.01f < min_target)
      out.push_back({"target", name, "short side " + fmt(side) + " px, needs " + fmt(min_target) + " px"});
  }

  const float tol = opt.overlap_tolerance_px;
  for (size_t i = 0; i < texts.size(); i++)
    for (size_t j = i + 1; j < texts.size(); j++) {
      const Rect &a = texts[i].second, &b = texts[j].second;
      if (overlap(a.x0, a.x1, b.x0, b.x1) > tol && overlap(a.y0, a.y1, b.y0, b.y1) > tol)
        out.push_back({"overlap", texts[i].first, "overlaps \"" + texts[j].first + "\""});
    }
  for (size_t i = 0; i < items.size(); i++)
    for (size_t j = i + 1; j < items.size(); j++) {
      const Rect &a = items[i].second, &b = items[j].second;
      if (overlap(a.x0, a.x1, b.x0, b.x1) > tol && overlap(a.y0, a.y1, b.y0, b.y1) > tol)
        out.push_back({"overlap", items[i].first, "button overlaps " + items[j].first});
    }

  for (const std::string& id : opt.require_ids) {
    bool found = false;
    for (const auto& it : f["items"])
      if (it["id"] == id && !it.value("covered", false)) found = true;
    if (!found) out.push_back({"missing", "#" + id, "not on this screen"});
  }
  return out;
}

std::string describe(const std::vector<Problem>& problems, const std::string& shot) {
  std::string s;
  for (const Problem& p : problems) s += "  " + shot + ": " + p.kind + ": \"" + p.what + "\": " + p.detail + "\n";
  return s;
}

}  // namespace waymark::kiosk::checks

// kiosk/platform/frame_damage.h: which pixels may differ between two frames, from their draw lists alone.
// Each frame is recorded as the sequence of primitives (triangles and rect quads) the CPU renderer drew, each
// with a hash of everything that decides its pixels (vertices, texture, clip) and its clipped pixel box. Two
// frames are compared as sequences: the common prefix and suffix are unchanged, and a pixel outside every box
// of the primitives in between (in either frame) is covered by the same primitives in the same order, so it
// keeps its colour. The boxes in between, merged into a few rects, are the damage.
#pragma once

#include <cstdint>
#include <vector>

#include "kiosk/platform/cpu_raster.h"

namespace waymark::platform {

struct DrawnPrim {
  uint64_t hash = 0;
  PixelRect box;
  bool operator==(const DrawnPrim&) const = default;
};

class FrameDamage {
public:
  void begin() { cur_.clear(); }
  void add(uint64_t hash, const PixelRect& box) { cur_.push_back({hash, box}); }
  // Ends the frame: the damage against the previous one, at most max_rects rects inside screen (the whole
  // screen when full). The frame becomes the previous one.
  std::vector<PixelRect> finish(const PixelRect& screen, bool full, int max_rects = 8);

private:
  std::vector<DrawnPrim> prev_, cur_;
};

// Merges boxes into at most max_rects rects that cover them and do not overlap each other much: overlapping
// ones are joined, then the pair whose union adds the least area, until few enough.
std::vector<PixelRect> merge_rects(const std::vector<PixelRect>& boxes, const PixelRect& screen, int max_rects);

// A 64-bit hash step (for the primitives' hashes).
inline uint64_t hash_mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  h *= 0xFF51AFD7ED558CCDull;
  return h ^ (h >> 32);
}

}  // namespace waymark::platform

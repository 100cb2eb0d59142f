#include "kiosk/platform/frame_damage.h"

#include <algorithm>
#include <utility>

namespace waymark::platform {

namespace {
// Past this many changed primitives the frame is a new screen: one bounding box is as good and far cheaper.
constexpr size_t kManyBoxes = 512;

bool touch(const PixelRect& a, const PixelRect& b) {
  return a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 && b.y0 <= a.y1;
}
int64_t merge_cost(const PixelRect& a, const PixelRect& b) { return a.unite(b).area() - a.area() - b.area(); }
}  // namespace

std::vector<PixelRect> merge_rects(const std::vector<PixelRect>& boxes, const PixelRect& screen, int max_rects) {
  std::vector<PixelRect> out;
  if (boxes.size() > kManyBoxes) {
    PixelRect all;
    for (const PixelRect& b : boxes) all = all.unite(b.intersect(screen));
    if (!all.empty()) out.push_back(all);
    return out;
  }
  for (const PixelRect& b0 : boxes) {
    const PixelRect b = b0.intersect(screen);
    if (!b.empty()) out.push_back(b);
  }
  // Join touching rects until none touch (a join can make a rect touch one it did not before).
  for (bool joined = true; joined;) {
    joined = false;
    for (size_t i = 0; i < out.size(); i++)
      for (size_t j = i + 1; j < out.size(); j++)
        if (touch(out[i], out[j])) {
          out[i] = out[i].unite(out[j]);
          out.erase(out.begin() + static_cast<std::ptrdiff_t>(j));
          joined = true;
          j = i;  // out[i] grew: look at the rest again
        }
  }
  while (out.size() > static_cast<size_t>(std::max(1, max_rects))) {
    size_t bi = 0, bj = 1;
    int64_t best = merge_cost(out[0], out[1]);
    for (size_t i = 0; i < out.size(); i++)
      for (size_t j = i + 1; j < out.size(); j++)
        if (const int64_t c = merge_cost(out[i], out[j]); c < best) {
          best = c;
          bi = i;
          bj = j;
        }
    out[bi] = out[bi].unite(out[bj]);
    out.erase(out.begin() + static_cast<std::ptrdiff_t>(bj));
  }
  return out;
}

std::vector<PixelRect> FrameDamage::finish(const PixelRect& screen, bool full, int max_rects) {
  std::vector<PixelRect> boxes;
  if (full) {
    boxes.push_back(screen);
  } else {
    const size_t np = prev_.size(), nc = cur_.size();
    size_t head = 0;
    while (head < np && head < nc && prev_[head] == cur_[head]) head++;
    size_t tail = 0;
    while (tail < np - head && tail < nc - head && prev_[np - 1 - tail] == cur_[nc - 1 - tail]) tail++;
    const size_t mp = np - head - tail, mc = nc - head - tail;
    if (mp == mc) {  // the same count in between: often the same shapes with one or two changed
      for (size_t i = head; i < head + mp; i++)
        if (!(prev_[i] == cur_[i])) {
          boxes.push_back(prev_[i].box);
          boxes.push_back(cur_[i].box);
        }
    } else {
      for (size_t i = head; i < head + mp; i++) boxes.push_back(prev_[i].box);
      for (size_t i = head; i < head + mc; i++) boxes.push_back(cur_[i].box);
    }
  }
  std::swap(prev_, cur_);
  return merge_rects(boxes, screen, max_rects);
}

}  // namespace waymark::platform

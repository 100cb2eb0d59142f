#include "kiosk/platform/cpu_raster.h"

#include <algorithm>
#include <cmath>

namespace waymark::platform {

PixelRect PixelRect::intersect(const PixelRect& o) const {
  return {std::max(x0, o.x0), std::max(y0, o.y0), std::min(x1, o.x1), std::min(y1, o.y1)};
}

PixelRect PixelRect::unite(const PixelRect& o) const {
  if (empty()) return o;
  if (o.empty()) return *this;
  return {std::min(x0, o.x0), std::min(y0, o.y0), std::max(x1, o.x1), std::max(y1, o.y1)};
}

void Framebuffer::resize(int width, int height) {
  w = width;
  h = height;
  px.assign(static_cast<size_t>(w) * static_cast<size_t>(h), 0xFF000000u);
}

void Framebuffer::fill(const PixelRect& r, uint32_t argb) {
  for (int y = r.y0; y < r.y1; y++) {
    uint32_t* row = px.data() + static_cast<size_t>(y) * static_cast<size_t>(w);
    std::fill(row + r.x0, row + r.x1, argb);
  }
}

namespace {
// 24.8 fixed point; coordinates are clamped far outside any screen so products stay inside int64.
// Vertices snap to whole pixels, truncated, as SDL's software renderer snaps them (SDL_render_sw.c): ImGui puts
// lines and anti-aliased fringes on half pixels, and snapping the same way keeps the kiosk's screens the
// pixels they have always been headless (a GPU samples them unsnapped and differs there by a pixel anyway).
constexpr int64_t kSub = 256;
int64_t fixed(float v) {
  const float c = std::clamp(v, -1048576.0f, 1048576.0f);
  return static_cast<int64_t>(std::trunc(c)) * kSub;
}
int64_t floor_div(int64_t a, int64_t b) {  // b > 0
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}
int64_t ceil_div(int64_t a, int64_t b) { return -floor_div(-a, b); }
// First pixel whose centre is at or after fixed coordinate v (pixel p's centre is p*256+128).
int first_pixel(int64_t v) { return static_cast<int>(ceil_div(v - kSub / 2, kSub)); }

unsigned ch(uint32_t c, int shift) { return (c >> shift) & 255u; }

// v / 255 rounded down, exact for v < 65536, in 16-bit lanes the compiler can vectorise.
inline uint16_t div255(uint16_t v) { return static_cast<uint16_t>((v + 1u + (v >> 8)) >> 8); }

// One colour over a span of pixels [x0, x1): a fill when opaque, else a blend with the colour's share
// (r*a/255 ...) worked out once.
void span(uint32_t* row, int x0, int x1, unsigned r, unsigned g, unsigned b, unsigned a) {
  if (a >= 255) {
    std::fill(row + x0, row + x1, 0xFF000000u | (r << 16) | (g << 8) | b);
    return;
  }
  if (a == 0) return;
  const uint16_t ia = static_cast<uint16_t>(255 - a);
  const uint32_t sr = r * a / 255, sg = g * a / 255, sb = b * a / 255;
  for (int x = x0; x < x1; x++) {
    const uint32_t d = row[x];
    const uint32_t dr = div255(static_cast<uint16_t>(((d >> 16) & 255u) * ia));
    const uint32_t dg = div255(static_cast<uint16_t>(((d >> 8) & 255u) * ia));
    const uint32_t db = div255(static_cast<uint16_t>((d & 255u) * ia));
    row[x] = 0xFF000000u | ((sr + dr) << 16) | ((sg + dg) << 8) | (sb + db);
  }
}

// Straight-alpha "over", with SDL's integer rounding (each product divided by 255 on its own).
inline uint32_t blend(uint32_t d, unsigned r, unsigned g, unsigned b, unsigned a) {
  if (a >= 255) return 0xFF000000u | (r << 16) | (g << 8) | b;
  const unsigned ia = 255 - a;
  const unsigned dr = r * a / 255 + ch(d, 16) * ia / 255;
  const unsigned dg = g * a / 255 + ch(d, 8) * ia / 255;
  const unsigned db = b * a / 255 + ch(d, 0) * ia / 255;
  return 0xFF000000u | (dr << 16) | (dg << 8) | db;
}

// The pixels of a rect quad, as SDL's software renderer turns it into an SDL_Rect: origin and size each
// truncated (so a rect from 10.6 to 20.3 is 9 pixels wide from 10, where its triangles would cover 10..19);
// a filled rect is at least one pixel each way (a hairline of an icon).
PixelRect covered(const PixelRect& clip, float x0, float y0, float x1, float y1, int min_size) {
  auto trunc = [](float v) { return static_cast<int>(std::clamp(v, -1048576.0f, 1048576.0f)); };
  const int x = trunc(x0), y = trunc(y0);
  return PixelRect{x, y, x + std::max(min_size, trunc(x1 - x0)), y + std::max(min_size, trunc(y1 - y0))}.intersect(clip);
}

int texel(double t, int size) { return std::clamp(static_cast<int>(std::floor(t * size)), 0, size - 1); }
}  // namespace

PixelRect pixel_bounds(float x0, float y0, float x1, float y1) {
  auto lo = [](float v) { return static_cast<int>(std::floor(std::clamp(v, -1e6f, 1e6f))) - 1; };
  auto hi = [](float v) { return static_cast<int>(std::ceil(std::clamp(v, -1e6f, 1e6f))) + 1; };
  return {lo(x0), lo(y0), hi(x1), hi(y1)};
}

void fill_rect(Framebuffer& fb, const PixelRect& clip, float x0, float y0, float x1, float y1, uint32_t col) {
  const PixelRect r = covered(clip, x0, y0, x1, y1, 1);
  const unsigned a = ch(col, 24);
  if (r.empty() || a == 0) return;
  for (int y = r.y0; y < r.y1; y++)
    span(fb.px.data() + static_cast<size_t>(y) * static_cast<size_t>(fb.w), r.x0, r.x1, ch(col, 0), ch(col, 8),
         ch(col, 16), a);
}

void blit_rect(Framebuffer& fb, const PixelRect& clip, const AlphaTexture& tex, const RasterVertex& tl,
               const RasterVertex& br) {
  const PixelRect r = covered(clip, tl.x, tl.y, br.x, br.y, 0);
  const unsigned ca = ch(tl.col, 24);
  if (r.empty() || ca == 0 || tex.w <= 0 || tex.h <= 0) return;
  const unsigned cr = ch(tl.col, 0), cg = ch(tl.col, 8), cb = ch(tl.col, 16);
  // Nearest texel at each pixel centre, from the pixel's own position (so pieces of a rect match the whole).
  thread_local std::vector<int> cols;
  cols.resize(static_cast<size_t>(r.x1 - r.x0));
  const double du = (static_cast<double>(br.u) - tl.u) / (static_cast<double>(br.x) - tl.x);
  const double dv = (static_cast<double>(br.v) - tl.v) / (static_cast<double>(br.y) - tl.y);
  for (int x = r.x0; x < r.x1; x++)
    cols[static_cast<size_t>(x - r.x0)] = texel(tl.u + (x + 0.5 - tl.x) * du, tex.w);
  for (int y = r.y0; y < r.y1; y++) {
    const int ty = texel(tl.v + (y + 0.5 - tl.y) * dv, tex.h);
    const uint8_t* trow = tex.a.data() + static_cast<size_t>(ty) * static_cast<size_t>(tex.w);
    uint32_t* row = fb.px.data() + static_cast<size_t>(y) * static_cast<size_t>(fb.w);
    for (int x = r.x0; x < r.x1; x++) {
      const unsigned ta = trow[cols[static_cast<size_t>(x - r.x0)]];
      if (ta == 0) continue;
      row[x] = blend(row[x], cr, cg, cb, ta * ca / 255);
    }
  }
}

namespace {
// A triangle whose colour varies (an anti-aliased fringe) over one coverage value: each channel at a pixel is
// sum(w[j] * c[j]) / area, as SDL's software renderer interpolates it (truncated), stepped along a row as
// quotient and remainder so only a row's first pixel divides.
struct Gradient {
  int64_t area = 1;
  int64_t c[4][3] = {};
  int64_t dq[4] = {}, dr[4] = {};  // each channel's step a pixel along a row: whole levels and remainder
  void init(const uint32_t* cols, const int64_t* steps, int64_t a) {
    area = a;
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 3; j++) c[i][j] = ch(cols[j], 8 * i);
      const int64_t d = steps[0] * c[i][0] + steps[1] * c[i][1] + steps[2] * c[i][2];
      dq[i] = floor_div(d, area);
      dr[i] = d - dq[i] * area;
    }
  }
  // Pixels lo..hi of a row, whose weights at lo are w.
  void row(uint32_t* px, int lo, int hi, const int64_t* w, unsigned ta) const {
    if (lo > hi) return;
    int64_t q[4], rem[4];
    for (int i = 0; i < 4; i++) {
      const int64_t s = w[0] * c[i][0] + w[1] * c[i][1] + w[2] * c[i][2];  // >= 0: every weight is, inside
      q[i] = s / area;
      rem[i] = s - q[i] * area;
    }
    for (int x = lo;; x++) {
      const unsigned alpha = static_cast<unsigned>(q[3]) * ta / 255;
      if (alpha != 0)
        px[x] = blend(px[x], static_cast<unsigned>(q[0]), static_cast<unsigned>(q[1]), static_cast<unsigned>(q[2]),
                      alpha);
      if (x == hi) break;
      for (int i = 0; i < 4; i++) {
        q[i] += dq[i];
        rem[i] += dr[i];
        if (rem[i] >= area) {
          rem[i] -= area;
          q[i]++;
        }
      }
    }
  }
};

struct Edge {
  int64_t ax, ay, bx, by;
  int64_t bias;  // 0 on a top or left edge (a centre exactly on it is inside), 1 otherwise
  int64_t at(int64_t px, int64_t py) const { return (bx - ax) * (py - ay) - (by - ay) * (px - ax); }
  int64_t step_x() const { return -(by - ay) * kSub; }
};
Edge edge(int64_t ax, int64_t ay, int64_t bx, int64_t by) {
  const int64_t dx = bx - ax, dy = by - ay;
  const bool top_left = dy < 0 || (dy == 0 && dx > 0);
  return {ax, ay, bx, by, top_left ? 0 : 1};
}

// Narrows [lo, hi] to the x where e.at(x) >= bias on this row; w_lo is the edge value at lo.
inline void narrow(const Edge& e, int64_t w_lo, int lo0, int& lo, int& hi) {
  const int64_t s = e.step_x();
  const int64_t need = e.bias - w_lo;  // want w_lo + s*(x - lo0) >= bias
  if (s == 0) {
    if (need > 0) hi = lo - 1;
    return;
  }
  if (s > 0) {
    const int64_t x = lo0 + ceil_div(need, s);
    if (x > lo) lo = static_cast<int>(std::min<int64_t>(x, int64_t{hi} + 1));
  } else {
    const int64_t x = lo0 + floor_div(-need, -s);
    if (x < hi) hi = static_cast<int>(std::max<int64_t>(x, int64_t{lo} - 1));
  }
}
}  // namespace

void fill_triangle(Framebuffer& fb, const PixelRect& clip, const AlphaTexture* tex, const RasterVertex& a,
                   const RasterVertex& b_in, const RasterVertex& c_in) {
  const int64_t ax = fixed(a.x), ay = fixed(a.y);
  int64_t bx = fixed(b_in.x), by = fixed(b_in.y), cx = fixed(c_in.x), cy = fixed(c_in.y);
  int64_t area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  if (area == 0) return;
  const RasterVertex* b = &b_in;
  const RasterVertex* c = &c_in;
  if (area < 0) {  // ImGui mixes windings: make every triangle the same way round
    std::swap(bx, cx);
    std::swap(by, cy);
    std::swap(b, c);
    area = -area;
  }
  const PixelRect r = PixelRect{first_pixel(std::min({ax, bx, cx})), first_pixel(std::min({ay, by, cy})),
                                first_pixel(std::max({ax, bx, cx})) + 1, first_pixel(std::max({ay, by, cy})) + 1}
                          .intersect(clip);
  if (r.empty()) return;
  const Edge e0 = edge(bx, by, cx, cy), e1 = edge(cx, cy, ax, ay), e2 = edge(ax, ay, bx, by);  // weights of a, b, c
  const bool flat = a.col == b->col && a.col == c->col &&
                    (!tex || (a.u == b->u && a.u == c->u && a.v == b->v && a.v == c->v));
  const bool textured = tex && tex->w > 0 && tex->h > 0;
  const unsigned flat_a = textured ? tex->at(texel(a.u, tex->w), texel(a.v, tex->h)) : 255u;
  const uint32_t cols[3] = {a.col, b->col, c->col};
  const float us[3] = {a.u, b->u, c->u}, vs[3] = {a.v, b->v, c->v};
  // ImGui's anti-aliased fringes fade the colour over the atlas's one white texel
  const bool one_texel = us[0] == us[1] && us[0] == us[2] && vs[0] == vs[1] && vs[0] == vs[2];
  const int64_t steps[3] = {e0.step_x(), e1.step_x(), e2.step_x()};
  Gradient grad;
  if (!flat) grad.init(cols, steps, area);
  for (int y = r.y0; y < r.y1; y++) {
    const int64_t py = int64_t{y} * kSub + kSub / 2, px0 = int64_t{r.x0} * kSub + kSub / 2;
    const int64_t w0s = e0.at(px0, py), w1s = e1.at(px0, py), w2s = e2.at(px0, py);
    int lo = r.x0, hi = r.x1 - 1;
    narrow(e0, w0s, r.x0, lo, hi);
    narrow(e1, w1s, r.x0, lo, hi);
    narrow(e2, w2s, r.x0, lo, hi);
    uint32_t* row = fb.px.data() + static_cast<size_t>(y) * static_cast<size_t>(fb.w);
    if (flat) {  // most triangles: one colour, so the row is a span
      span(row, lo, hi + 1, ch(a.col, 0), ch(a.col, 8), ch(a.col, 16), ch(a.col, 24) * flat_a / 255);
      continue;
    }
    const int64_t k0 = lo - r.x0;
    const int64_t w[3] = {w0s + e0.step_x() * k0, w1s + e1.step_x() * k0, w2s + e2.step_x() * k0};
    if (!textured || one_texel) {
      grad.row(row, lo, hi, w, flat_a);
      continue;
    }
    for (int x = lo; x <= hi; x++) {
      const int64_t k = x - r.x0;
      const int64_t wk[3] = {w0s + e0.step_x() * k, w1s + e1.step_x() * k, w2s + e2.step_x() * k};
      unsigned rgba[4];
      for (int i = 0; i < 4; i++) {
        const int64_t s = wk[0] * ch(cols[0], 8 * i) + wk[1] * ch(cols[1], 8 * i) + wk[2] * ch(cols[2], 8 * i);
        rgba[i] = static_cast<unsigned>(s / area);
      }
      const double fa = static_cast<double>(area);
      const double u = (static_cast<double>(wk[0]) * us[0] + static_cast<double>(wk[1]) * us[1] +
                        static_cast<double>(wk[2]) * us[2]) / fa;
      const double v = (static_cast<double>(wk[0]) * vs[0] + static_cast<double>(wk[1]) * vs[1] +
                        static_cast<double>(wk[2]) * vs[2]) / fa;
      const unsigned alpha = rgba[3] * tex->at(texel(u, tex->w), texel(v, tex->h)) / 255;
      if (alpha == 0) continue;
      row[x] = blend(row[x], rgba[0], rgba[1], rgba[2], alpha);
    }
  }
}

}  // namespace waymark::platform

namespace waymark::platform {

namespace {
// Snapped, and turning one way only with x and y each reversing direction at most twice around the outline:
// then the fan's triangles tile it exactly and each row of pixel centres is bounded by one rising edge and one
// falling edge. Reverses the points when they wind the other way (as fill_triangle swaps a triangle's).
bool convex_outline(std::vector<int64_t>& xs, std::vector<int64_t>& ys) {
  const size_t n = xs.size();
  int64_t area = 0;
  for (size_t i = 0; i < n; i++) area += xs[i] * ys[(i + 1) % n] - xs[(i + 1) % n] * ys[i];
  if (area == 0) return false;
  if (area < 0) {
    std::reverse(xs.begin() + 1, xs.end());
    std::reverse(ys.begin() + 1, ys.end());
  }
  int turns_x = 0, turns_y = 0;
  int64_t last_dx = 0, last_dy = 0;
  for (size_t k = 0; k < 2 * n; k++) {  // twice round, so the reversals across the start are seen once each
    const size_t i = k % n, j = (k + 1) % n, l = (k + 2) % n;
    const int64_t dx = xs[j] - xs[i], dy = ys[j] - ys[i];
    if ((xs[l] - xs[j]) * dy - (ys[l] - ys[j]) * dx > 0) return false;  // a turn the other way
    if (k < n) continue;
    if (dx != 0) {
      turns_x += last_dx != 0 && (dx > 0) != (last_dx > 0) ? 1 : 0;
      last_dx = dx;
    }
    if (dy != 0) {
      turns_y += last_dy != 0 && (dy > 0) != (last_dy > 0) ? 1 : 0;
      last_dy = dy;
    }
  }
  return turns_x <= 2 && turns_y <= 2;
}
}  // namespace

void fill_convex(Framebuffer& fb, const PixelRect& clip, const AlphaTexture* tex, const RasterVertex* vs, int n) {
  if (n < 3) return;
  thread_local std::vector<int64_t> xs, ys;
  xs.resize(static_cast<size_t>(n));
  ys.resize(static_cast<size_t>(n));
  for (size_t i = 0; i < xs.size(); i++) {
    xs[i] = fixed(vs[i].x);
    ys[i] = fixed(vs[i].y);
  }
  if (!convex_outline(xs, ys)) {
    for (int i = 1; i + 1 < n; i++) fill_triangle(fb, clip, tex, vs[0], vs[i], vs[i + 1]);
    return;
  }
  const PixelRect r = PixelRect{first_pixel(*std::min_element(xs.begin(), xs.end())),
                                first_pixel(*std::min_element(ys.begin(), ys.end())),
                                first_pixel(*std::max_element(xs.begin(), xs.end())) + 1,
                                first_pixel(*std::max_element(ys.begin(), ys.end())) + 1}
                          .intersect(clip);
  if (r.empty()) return;
  // Each row's span, narrowed by the edges whose ends lie either side of its centres (no vertex is ever on a
  // centre: vertices are whole pixels, centres half ones), so every edge is visited once per row it crosses.
  thread_local std::vector<int> lo, hi;
  lo.assign(static_cast<size_t>(r.y1 - r.y0), r.x0);
  hi.assign(static_cast<size_t>(r.y1 - r.y0), r.x1 - 1);
  const int64_t px0 = int64_t{r.x0} * kSub + kSub / 2;
  for (size_t i = 0; i < xs.size(); i++) {
    const size_t j = (i + 1) % xs.size();
    if (ys[i] == ys[j]) continue;
    const Edge e = edge(xs[i], ys[i], xs[j], ys[j]);
    const int y0 = std::max(r.y0, first_pixel(std::min(ys[i], ys[j])));
    const int y1 = std::min(r.y1, first_pixel(std::max(ys[i], ys[j])));
    for (int y = y0; y < y1; y++) {
      const size_t k = static_cast<size_t>(y - r.y0);
      narrow(e, e.at(px0, int64_t{y} * kSub + kSub / 2), r.x0, lo[k], hi[k]);
    }
  }
  const RasterVertex& a = vs[0];
  const unsigned ta = tex && tex->w > 0 && tex->h > 0 ? tex->at(texel(a.u, tex->w), texel(a.v, tex->h)) : 255u;
  const unsigned alpha = ch(a.col, 24) * ta / 255;
  const int64_t ymin = *std::min_element(ys.begin(), ys.end()), ymax = *std::max_element(ys.begin(), ys.end());
  for (int y = std::max(r.y0, first_pixel(ymin)); y < std::min(r.y1, first_pixel(ymax)); y++) {
    const size_t k = static_cast<size_t>(y - r.y0);
    span(fb.px.data() + static_cast<size_t>(y) * static_cast<size_t>(fb.w), lo[k], hi[k] + 1, ch(a.col, 0),
         ch(a.col, 8), ch(a.col, 16), alpha);
  }
}

}  // namespace waymark::platform

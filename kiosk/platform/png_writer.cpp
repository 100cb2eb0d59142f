#include "kiosk/platform/png_writer.h"

#define ZLIB_CONST
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <thread>
#include <vector>

namespace waymark::platform {

namespace {
constexpr size_t kIdatBytes = 256 * 1024;  // compressed bytes per IDAT chunk

void put_be32(uint8_t* p, uint32_t v) {
  p[0] = static_cast<uint8_t>(v >> 24);
  p[1] = static_cast<uint8_t>(v >> 16);
  p[2] = static_cast<uint8_t>(v >> 8);
  p[3] = static_cast<uint8_t>(v);
}

// A PNG chunk: its length, type, data and the CRC of type and data.
bool put_chunk(const std::function<bool(const uint8_t*, size_t)>& out, const char* type, const uint8_t* data,
               size_t n) {
  uint8_t head[8], tail[4];
  put_be32(head, static_cast<uint32_t>(n));
  std::memcpy(head + 4, type, 4);
  uLong crc = crc32(0, head + 4, 4);
  if (n > 0) crc = crc32(crc, data, static_cast<uInt>(n));
  put_be32(tail, static_cast<uint32_t>(crc));
  return out(head, sizeof head) && (n == 0 || out(data, n)) && out(tail, sizeof tail);
}

// Row y as filter type 0 (None) followed by its RGB bytes. Sub, Up or Paeth would make flat spans into runs of
// zeros, but deflate finds a span's repeats three bytes back as readily, and the rows came out no smaller.
void rgb_row(const PixelImage& img, int y, uint8_t* dst) {
  const auto* src = static_cast<const uint8_t*>(img.px) + static_cast<size_t>(y) * img.pitch;
  *dst++ = 0;
  if (img.layout == PixelLayout::Argb32) {
    for (int x = 0; x < img.w; x++, dst += 3) {
      uint32_t c;
      std::memcpy(&c, src + 4 * static_cast<size_t>(x), 4);
      dst[0] = static_cast<uint8_t>(c >> 16);
      dst[1] = static_cast<uint8_t>(c >> 8);
      dst[2] = static_cast<uint8_t>(c);
    }
  } else {
    for (int x = 0; x < img.w; x++, dst += 3) std::memcpy(dst, src + 4 * static_cast<size_t>(x), 3);
  }
}

struct DeflateEnd {
  void operator()(z_stream* zs) const { deflateEnd(zs); }
};

// One band of rows, deflated on its own: raw deflate (no zlib header), the scanlines' Adler-32 and length kept
// so the bands join into one zlib stream. A band that is not the last ends on a byte boundary with a sync flush
// (an empty stored block), so the next band's blocks follow it directly.
struct Band {
  int y0 = 0, y1 = 0;
  bool last = false;
  std::vector<uint8_t> z;
  uLong adler = adler32(0, nullptr, 0);
  uLong raw = 0;
  bool ok = false;
};

void deflate_band(const PixelImage& img, Band& b) {
  // Level 1: measured on kiosk screens, quicker than run-length only (Z_RLE), than filtered rows and than the
  // levels above, and a third smaller than stb's files.
  z_stream zs{};
  if (deflateInit2(&zs, Z_BEST_SPEED, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) return;
  const std::unique_ptr<z_stream, DeflateEnd> end(&zs);
  std::vector<uint8_t> row(1 + 3 * static_cast<size_t>(img.w));
  b.z.resize(64 * 1024);
  size_t used = 0;
  for (int y = b.y0; y < b.y1; y++) {
    rgb_row(img, y, row.data());
    b.adler = adler32(b.adler, row.data(), static_cast<uInt>(row.size()));
    b.raw += row.size();
    zs.next_in = row.data();
    zs.avail_in = static_cast<uInt>(row.size());
    const int flush = y + 1 < b.y1 ? Z_NO_FLUSH : b.last ? Z_FINISH : Z_SYNC_FLUSH;
    for (;;) {
      if (used == b.z.size()) b.z.resize(b.z.size() * 2);
      zs.next_out = b.z.data() + used;
      zs.avail_out = static_cast<uInt>(b.z.size() - used);
      const int rc = deflate(&zs, flush);
      used = b.z.size() - zs.avail_out;
      if (rc == Z_STREAM_ERROR) return;
      if (zs.avail_out == 0) continue;  // more to come out
      if (flush == Z_FINISH ? rc == Z_STREAM_END : zs.avail_in == 0) break;
    }
  }
  b.z.resize(used);
  b.ok = true;
}
}  // namespace

bool encode_png(const PixelImage& img, const std::function<bool(const uint8_t*, size_t)>& out, std::string* error) {
  auto fail = [&](const std::string& why) {
    if (error) *error = why;
    return false;
  };
  if (!img.px || img.w <= 0 || img.h <= 0 || img.pitch < 4 * static_cast<size_t>(img.w)) return fail("no picture to write");
  // Two bands deflated side by side, one on a second thread, when the image is big enough to be worth it (a
  // screenshot); the file is written only once both are done.
  Band bands[2];
  const int n = img.h >= 256 ? 2 : 1;
  for (int i = 0; i < n; i++) {
    bands[i].y0 = img.h * i / n;
    bands[i].y1 = img.h * (i + 1) / n;
    bands[i].last = i + 1 == n;
  }
  if (n == 2) {
    std::thread second([&] { deflate_band(img, bands[1]); });
    deflate_band(img, bands[0]);
    second.join();
  } else {
    deflate_band(img, bands[0]);
  }
  uLong adler = bands[0].adler;
  for (int i = 1; i < n; i++) adler = adler32_combine(adler, bands[i].adler, static_cast<z_off_t>(bands[i].raw));
  std::vector<uint8_t> z = {0x78, 0x01};  // zlib header: deflate, 32 KB window, the quickest level
  for (int i = 0; i < n; i++) {
    if (!bands[i].ok) return fail("zlib failed");
    z.insert(z.end(), bands[i].z.begin(), bands[i].z.end());
  }
  uint8_t trailer[4];
  put_be32(trailer, static_cast<uint32_t>(adler));
  z.insert(z.end(), trailer, trailer + 4);

  static const uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  uint8_t ihdr[13];
  put_be32(ihdr, static_cast<uint32_t>(img.w));
  put_be32(ihdr + 4, static_cast<uint32_t>(img.h));
  ihdr[8] = 8;   // bits per channel
  ihdr[9] = 2;   // RGB
  ihdr[10] = 0;  // deflate
  ihdr[11] = 0;  // the standard filters
  ihdr[12] = 0;  // not interlaced
  if (!out(kSignature, sizeof kSignature) || !put_chunk(out, "IHDR", ihdr, sizeof ihdr)) return fail("cannot write");
  for (size_t at = 0; at < z.size(); at += kIdatBytes)
    if (!put_chunk(out, "IDAT", z.data() + at, std::min(kIdatBytes, z.size() - at))) return fail("cannot write");
  if (!put_chunk(out, "IEND", nullptr, 0)) return fail("cannot write");
  return true;
}

bool write_png(const std::string& path, const PixelImage& img, std::string* error) {
  const std::string part = path + ".part";
  std::FILE* f = std::fopen(part.c_str(), "wb");
  if (!f) {
    if (error) *error = "cannot write " + path;
    return false;
  }
  std::string why;
  bool ok = encode_png(img, [f](const uint8_t* p, size_t n) { return std::fwrite(p, 1, n, f) == n; }, &why);
  ok = std::fclose(f) == 0 && ok;
  if (ok && std::rename(part.c_str(), path.c_str()) != 0) ok = false;
  if (!ok) {
    std::remove(part.c_str());
    if (error) *error = "cannot write " + path + (why.empty() || why == "cannot write" ? "" : ": " + why);
  }
  return ok;
}

}  // namespace waymark::platform

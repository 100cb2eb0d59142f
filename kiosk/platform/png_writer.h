// kiosk/platform/png_writer.h: screenshots as lossless 8-bit RGB PNG files, quick enough for a start-up path.
// stb_image_write tried five filters on every row and ran its own deflate: about 110 ms of a 1920x1080 frame,
// most of the headless kiosk's start to first screenshot (issue 17). Here each row is converted from the
// frame's 32-bit pixels to RGB, unfiltered, and fed to zlib's deflate at its quickest level; the top and bottom
// halves are deflated side by side on two threads and joined into one zlib stream (as pigz does). Only the
// compressed bytes are kept (a few hundred KB for a screen), never a full-size copy of the image.
// The alpha channel is left out: every pixel on a screen is opaque. Decoders give back the exact pixels.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace waymark::platform {

// How a frame's pixels lie in memory.
enum class PixelLayout {
  Argb32,  // 32-bit words 0xAARRGGBB (the CPU renderer's framebuffer, SDL_PIXELFORMAT_ARGB8888)
  Rgba32,  // bytes R, G, B, A (SDL_PIXELFORMAT_ABGR8888 on a little-endian machine)
};

struct PixelImage {
  const void* px = nullptr;
  int w = 0, h = 0;
  size_t pitch = 0;  // bytes from one row to the next
  PixelLayout layout = PixelLayout::Argb32;
};

// Encodes img as a PNG, handing the bytes to out in pieces; false (with a reason) when out refuses a piece or
// the image is empty.
bool encode_png(const PixelImage& img, const std::function<bool(const uint8_t*, size_t)>& out, std::string* error);

// Writes img to path through path + ".part", renamed into place once whole: a reader never sees half a file,
// and a failed write leaves nothing behind.
bool write_png(const std::string& path, const PixelImage& img, std::string* error);

}  // namespace waymark::platform

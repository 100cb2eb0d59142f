// tests/kiosk/png_writer_test.cpp: screenshots are lossless (kiosk/platform/png_writer.h). A PNG written from a
// frame decodes to exactly the frame's pixels: a CPU-rendered ImGui frame, noise that deflate cannot shrink, and
// an RGBA read-back with padded rows; every chunk's CRC and the zlib stream's checksum are right; a write that
// fails leaves no file behind.
#include <gtest/gtest.h>
#include <imgui.h>
#include <stb_image.h>  // the implementation is in Debian's libstb, which ImGui links already
#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "kiosk/platform/cpu_renderer.h"
#include "kiosk/platform/png_writer.h"
#include "tests/kiosk/test_util.h"

using namespace waymark::platform;

namespace {
std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

uint32_t be32(const std::string& s, size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(s[at])) << 24 |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 1])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 2])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 3]));
}

// Walks the file's chunks, checking each CRC, and inflates the IDATs (zlib checks its Adler-32); the raw
// scanlines come back in raw.
void check_structure(const std::string& png, int w, int h, std::string* raw) {
  ASSERT_GE(png.size(), 8u);
  ASSERT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  std::string idat;
  size_t at = 8;
  std::string last;
  while (at + 12 <= png.size()) {
    const uint32_t n = be32(png, at);
    ASSERT_LE(at + 12 + n, png.size());
    const std::string type = png.substr(at + 4, 4);
    const auto* p = reinterpret_cast<const Bytef*>(png.data() + at + 4);
    EXPECT_EQ(crc32(0, p, 4 + n), be32(png, at + 8 + n)) << "the CRC of a " << type << " chunk";
    if (type == "IHDR") {
      EXPECT_EQ(be32(png, at + 8), static_cast<uint32_t>(w));
      EXPECT_EQ(be32(png, at + 12), static_cast<uint32_t>(h));
    }
    if (type == "IDAT") idat += png.substr(at + 8, n);
    last = type;
    at += 12 + n;
  }
  EXPECT_EQ(at, png.size());
  EXPECT_EQ(last, "IEND");
  raw->assign(static_cast<size_t>(h) * (1 + 3 * static_cast<size_t>(w)), '\0');
  uLongf len = static_cast<uLongf>(raw->size());
  ASSERT_EQ(uncompress(reinterpret_cast<Bytef*>(raw->data()), &len, reinterpret_cast<const Bytef*>(idat.data()),
                       static_cast<uLong>(idat.size())),
            Z_OK);
  EXPECT_EQ(len, raw->size());
}

// Writes img, decodes it with stb_image and compares every pixel with what rgb_at says it should be.
template <typename RgbAt>
void expect_round_trip(const PixelImage& img, RgbAt rgb_at, const std::string& name) {
  // A folder per test: ctest runs these tests as parallel processes, and fresh_dir empties the folder it names.
  const std::string dir = waymark::test::fresh_dir("png-writer-" + name);
  const std::string path = dir + "/" + name + ".png";
  std::string err;
  ASSERT_TRUE(write_png(path, img, &err)) << err;
  EXPECT_FALSE(std::filesystem::exists(path + ".part"));
  std::string raw;
  check_structure(read_all(path), img.w, img.h, &raw);
  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(path.c_str(), &w, &h, &n, 4);
  ASSERT_NE(px, nullptr) << stbi_failure_reason();
  ASSERT_EQ(w, img.w);
  ASSERT_EQ(h, img.h);
  size_t wrong = 0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      const unsigned char* got = px + 4 * (static_cast<size_t>(y) * static_cast<size_t>(w) + static_cast<size_t>(x));
      const uint32_t want = rgb_at(x, y);
      if (got[0] != static_cast<uint8_t>(want >> 16) || got[1] != static_cast<uint8_t>(want >> 8) ||
          got[2] != static_cast<uint8_t>(want) || got[3] != 255)
        wrong++;
    }
  stbi_image_free(px);
  EXPECT_EQ(wrong, 0u) << "pixels that did not come back as written, in " << name;
  std::filesystem::remove_all(dir);
}

TEST(PngWriter, ACpuRenderedFrameDecodesToTheFramebuffer) {
  ImGuiContext* previous = ImGui::GetCurrentContext();
  ImGuiContext* ctx = ImGui::CreateContext();
  ImGui::SetCurrentContext(ctx);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(640, 360);
  io.DeltaTime = 1.0f / 60;
  io.Fonts->AddFontDefault();
  unsigned char* atlas = nullptr;
  int aw = 0, ah = 0;
  io.Fonts->GetTexDataAsAlpha8(&atlas, &aw, &ah);
  CpuRenderer r;
  r.set_font_atlas(atlas, aw, ah);
  io.Fonts->SetTexID(r.font_texture_id());
  ImGui::GetStyle().FrameRounding = 6.0f;
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(20, 20));
  ImGui::SetNextWindowSize(ImVec2(400, 300));
  ImGui::Begin("Screenshot");
  ImGui::TextUnformatted("Courses and jobs near Leeds: anti-aliased text and rounded buttons");
  ImGui::Button("I am interested");
  ImGui::End();
  ImGui::Render();
  r.render(ImGui::GetDrawData(), IM_COL32(244, 241, 234, 255));
  const Framebuffer& fb = r.framebuffer();
  const PixelImage img{fb.px.data(), fb.w, fb.h, static_cast<size_t>(fb.w) * 4, PixelLayout::Argb32};
  expect_round_trip(img, [&](int x, int y) { return fb.px[static_cast<size_t>(y) * static_cast<size_t>(fb.w) + static_cast<size_t>(x)]; },
                    "frame");
  ImGui::DestroyContext(ctx);
  ImGui::SetCurrentContext(previous);
}

TEST(PngWriter, NoiseAndFlatSpansComeBackExactly) {
  const int w = 333, h = 301;  // odd sizes: no row lines up with anything, and two bands of rows
  std::vector<uint32_t> px(static_cast<size_t>(w) * h);
  std::mt19937 rng(17);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      px[static_cast<size_t>(y) * w + static_cast<size_t>(x)] =
          y < h / 2 ? static_cast<uint32_t>(rng()) : 0xFF000000u | static_cast<uint32_t>((x / 40) * 0x203040);
  const PixelImage img{px.data(), w, h, static_cast<size_t>(w) * 4, PixelLayout::Argb32};
  // alpha in the frame is never in the file: every pixel on a screen is opaque
  expect_round_trip(img, [&](int x, int y) { return px[static_cast<size_t>(y) * w + static_cast<size_t>(x)] & 0xFFFFFFu; },
                    "noise");
}

TEST(PngWriter, AnRgbaReadBackWithPaddedRowsComesBackExactly) {
  const int w = 50, h = 20;
  const size_t pitch = 4 * w + 12;
  std::vector<uint8_t> px(pitch * h, 0xEE);  // the padding must not show
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      uint8_t* p = px.data() + static_cast<size_t>(y) * pitch + 4 * static_cast<size_t>(x);
      p[0] = static_cast<uint8_t>(x * 5);
      p[1] = static_cast<uint8_t>(y * 11);
      p[2] = static_cast<uint8_t>(x ^ y);
      p[3] = 0;  // SDL's read-back leaves alpha as it likes
    }
  const PixelImage img{px.data(), w, h, pitch, PixelLayout::Rgba32};
  expect_round_trip(img, [](int x, int y) {
    return static_cast<uint32_t>(static_cast<uint8_t>(x * 5)) << 16 | static_cast<uint32_t>(static_cast<uint8_t>(y * 11)) << 8 |
           static_cast<uint32_t>(static_cast<uint8_t>(x ^ y));
  }, "rgba");
}

TEST(PngWriter, AFailedWriteLeavesNoFile) {
  std::vector<uint32_t> px(16 * 16, 0xFF102030u);
  const PixelImage img{px.data(), 16, 16, 64, PixelLayout::Argb32};
  const std::string dir = waymark::test::fresh_dir("png-writer-fail");
  std::string err;
  EXPECT_FALSE(write_png(dir + "/no-such-folder/shot.png", img, &err));
  EXPECT_NE(err.find("cannot write"), std::string::npos) << err;
  // an encoder whose output refuses a piece says so, and an empty picture is refused before anything is written
  EXPECT_FALSE(encode_png(img, [](const uint8_t*, size_t) { return false; }, &err));
  EXPECT_FALSE(write_png(dir + "/empty.png", PixelImage{}, &err));
  EXPECT_FALSE(std::filesystem::exists(dir + "/empty.png"));
  EXPECT_FALSE(std::filesystem::exists(dir + "/empty.png.part"));
  std::filesystem::remove_all(dir);
}
}  // namespace

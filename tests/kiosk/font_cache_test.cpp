// The baked font atlas kept on disk (kiosk/ui/font_cache.h): a start that finds it draws with exactly the atlas a
// build makes, and a damaged or stale file is rebuilt from the fonts, never used.
#include <gtest/gtest.h>
#include <imgui.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>
#include <cmath>

#include "core/i18n/i18n.h"
#include "kiosk/ui/theme.h"

using namespace waymark;

namespace {
struct Snapshot {
  std::vector<unsigned char> pixels;
  int w = 0, h = 0;
  std::vector<std::vector<ImFontGlyph>> glyphs;
  std::vector<float> sizes, ascents;
  ImVec2 white;
};

Snapshot snapshot() {
  Snapshot s;
  ImFontAtlas* a = ImGui::GetIO().Fonts;
  unsigned char* px = nullptr;
  a->GetTexDataAsAlpha8(&px, &s.w, &s.h);
  s.pixels.assign(px, px + static_cast<size_t>(s.w) * static_cast<size_t>(s.h));
  for (const ImFont* f : a->Fonts) {
    s.glyphs.emplace_back(f->Glyphs.begin(), f->Glyphs.end());
    s.sizes.push_back(f->FontSize);
    s.ascents.push_back(f->Ascent);
  }
  s.white = a->TexUvWhitePixel;
  return s;
}

void expect_same(const Snapshot& a, const Snapshot& b) {
  ASSERT_EQ(a.w, b.w);
  ASSERT_EQ(a.h, b.h);
  EXPECT_TRUE(a.pixels == b.pixels);
  ASSERT_EQ(a.glyphs.size(), b.glyphs.size());
  for (size_t i = 0; i < a.glyphs.size(); i++) {
    ASSERT_EQ(a.glyphs[i].size(), b.glyphs[i].size());
    EXPECT_EQ(0, std::memcmp(a.glyphs[i].data(), b.glyphs[i].data(), a.glyphs[i].size() * sizeof(ImFontGlyph)));
  }
  EXPECT_EQ(a.sizes, b.sizes);
  EXPECT_EQ(a.ascents, b.ascents);
  EXPECT_EQ(a.white.x, b.white.x);
  EXPECT_EQ(a.white.y, b.white.y);
}

// A file's inode: an atlas saved again is a new file (written aside, then renamed over the old one).
ino_t inode(const std::filesystem::path& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 ? st.st_ino : 0;
}

std::vector<std::filesystem::path> cached_files(const std::string& dir) {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) out.push_back(e.path());
  return out;
}

class FontCache : public ::testing::Test {
protected:
  void SetUp() override {
    ImGui::CreateContext();
    dir_ = (std::filesystem::temp_directory_path() / ("waymark-fontcache-" + std::to_string(::getpid()))).string();
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override {
    ImGui::DestroyContext();
    std::filesystem::remove_all(dir_);
  }
  bool build(ui::Fonts& f, const std::string& cache, float text_scale = 1.0f) {
    f.set_cache_dir(cache);
    std::string err;
    const bool ok = f.build(assets_dir(), 720.0f, ui::FontChoice{"standard", text_scale}, &err);
    EXPECT_EQ(err, "");
    return ok;
  }
  std::string dir_;
};
}  // namespace

TEST_F(FontCache, ASecondStartTakesTheSameAtlasFromTheCache) {
  ui::Fonts built;
  ASSERT_TRUE(build(built, ""));  // no cache: built from the fonts
  const Snapshot fresh = snapshot();
  ASSERT_TRUE(build(built, dir_));  // built, then saved
  ASSERT_EQ(cached_files(dir_).size(), 1u);
  expect_same(fresh, snapshot());
  const ino_t saved = inode(cached_files(dir_).at(0));
  ui::Fonts loaded;
  ASSERT_TRUE(build(loaded, dir_));  // taken from the cache: not built and saved again
  EXPECT_EQ(inode(cached_files(dir_).at(0)), saved);
  expect_same(fresh, snapshot());
  EXPECT_EQ(loaded.em(), built.em());
  EXPECT_EQ(loaded.get(ui::FontRole::Title)->FontSize, fresh.sizes[3]);
  // the text a frame lays out measures the same
  const ImVec2 size = loaded.get(ui::FontRole::Body)->CalcTextSizeA(24, 1e9f, 0, "Ŵyn bach: caffi’r ngweithdy…");
  EXPECT_GT(size.x, 0);
}

TEST_F(FontCache, AnotherTextSizeIsItsOwnEntry) {
  ui::Fonts f;
  ASSERT_TRUE(build(f, dir_));
  ASSERT_TRUE(build(f, dir_, 1.5f));
  EXPECT_EQ(cached_files(dir_).size(), 2u);
  EXPECT_EQ(f.get(ui::FontRole::Body)->FontSize, std::round(720.0f / 30.0f * 1.5f));
}

TEST_F(FontCache, ADamagedFileIsRebuiltNotUsed) {
  ui::Fonts f;
  ASSERT_TRUE(build(f, ""));
  const Snapshot fresh = snapshot();
  ASSERT_TRUE(build(f, dir_));
  const auto file = cached_files(dir_).at(0);
  for (const bool truncate : {false, true}) {
    {
      std::fstream io(file, std::ios::in | std::ios::out | std::ios::binary);
      io.seekp(200);
      io.put('\x5a').put('\xa5');  // a flipped glyph or pixel: the checksum no longer matches
    }
    if (truncate) std::filesystem::resize_file(file, 100);
    const ino_t damaged = inode(file);
    ui::Fonts again;
    ASSERT_TRUE(build(again, dir_));  // rebuilt from the fonts, and saved whole again
    EXPECT_NE(inode(file), damaged);
    expect_same(fresh, snapshot());
    ui::Fonts from_cache;
    ASSERT_TRUE(build(from_cache, dir_));
    expect_same(fresh, snapshot());
  }
}

TEST_F(FontCache, StaleFilesAreRemovedBeyondTheNewestEight) {
  std::filesystem::create_directories(dir_);
  const auto old = std::filesystem::file_time_type::clock::now() - std::chrono::hours(24);
  for (int i = 0; i < 10; i++) {
    const auto p = std::filesystem::path(dir_) / ("atlas-stale" + std::to_string(i) + ".bin");
    std::ofstream(p) << "old";
    std::filesystem::last_write_time(p, old + std::chrono::minutes(i));
  }
  ui::Fonts f;
  ASSERT_TRUE(build(f, dir_));
  const auto files = cached_files(dir_);
  EXPECT_EQ(files.size(), 8u);
  for (int i = 0; i < 3; i++)  // the three oldest went
    EXPECT_FALSE(std::filesystem::exists(std::filesystem::path(dir_) / ("atlas-stale" + std::to_string(i) + ".bin")));
  std::filesystem::path fresh;
  for (const auto& p : files)
    if (p.filename().string().rfind("atlas-stale", 0) != 0) fresh = p;
  ASSERT_FALSE(fresh.empty());  // the atlas just saved is among those kept
  const ino_t saved = inode(fresh);
  ui::Fonts again;
  ASSERT_TRUE(build(again, dir_));  // and taken from the cache next time
  EXPECT_EQ(inode(fresh), saved);
}

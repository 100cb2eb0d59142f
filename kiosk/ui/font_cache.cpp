#include "kiosk/ui/font_cache.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

#include "core/base/atomic_file.h"

namespace waymark::ui {

namespace {
constexpr char kMagic[8] = {'W', 'M', 'A', 'T', 'L', 'A', 'S', '1'};

// FNV-1a, eight bytes at a step: a megabyte of atlas is checked in a fraction of a millisecond. It finds a damaged
// or cut-short file; it is not a defence against someone who can write the data folder (they own the database).
uint64_t fnv(uint64_t h, const void* data, size_t n) {
  const auto* p = static_cast<const unsigned char*>(data);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w = 0;
    std::memcpy(&w, p + i, 8);
    h = (h ^ w) * 1099511628211ULL;
    h ^= h >> 29;
  }
  for (; i < n; i++) h = (h ^ p[i]) * 1099511628211ULL;
  return h;
}
constexpr uint64_t kFnvStart = 14695981039346656037ULL;

template <typename T>
void put(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

// Reads from a byte string, failing (not throwing) past its end.
struct Reader {
  const std::string& s;
  size_t at = 0;
  bool ok = true;
  template <typename T>
  T get() {
    T v{};
    if (at + sizeof v > s.size()) {
      ok = false;
      return v;
    }
    std::memcpy(&v, s.data() + at, sizeof v);
    at += sizeof v;
    return v;
  }
};

std::string file_for(const std::string& dir, uint64_t key) {
  char name[40];
  std::snprintf(name, sizeof name, "atlas-%016llx.bin", static_cast<unsigned long long>(key));
  return dir + "/" + name;
}
// Every text size and letter style makes its own file (six at most on one screen); fonts updated by the system
// leave stale ones behind. Keeps the newest kKeep.
void prune(const std::string& dir) {
  constexpr size_t kKeep = 8;
  std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().filename().string().rfind("atlas-", 0) == 0) files.emplace_back(e.last_write_time(ec), e.path());
  if (files.size() <= kKeep) return;
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t i = kKeep; i < files.size(); i++) std::filesystem::remove(files[i].second, ec);
}
}  // namespace

uint64_t AtlasRecipe::key() const {
  uint64_t h = fnv(kFnvStart, IMGUI_VERSION, std::strlen(IMGUI_VERSION));
  const size_t glyph_size = sizeof(ImFontGlyph);
  h = fnv(h, &glyph_size, sizeof glyph_size);
  for (const Font& f : fonts) {
    struct stat st {};
    if (::stat(f.path.c_str(), &st) != 0) return 0;
    const int64_t size = st.st_size, mtime_s = st.st_mtim.tv_sec, mtime_ns = st.st_mtim.tv_nsec;
    h = fnv(h, f.path.data(), f.path.size() + 1);
    for (int64_t v : {size, mtime_s, mtime_ns}) h = fnv(h, &v, sizeof v);
    h = fnv(h, &f.px, sizeof f.px);
  }
  for (const ImWchar* r = ranges; r && *r; r++) h = fnv(h, r, sizeof *r);
  return h ? h : 1;
}

bool load_cached_atlas(const std::string& dir, const AtlasRecipe& recipe) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  const uint64_t key = recipe.key();
  if (dir.empty() || key == 0) return false;
  std::ifstream in(file_for(dir, key), std::ios::binary | std::ios::ate);
  if (!in) return false;
  const std::streamoff size = in.tellg();
  if (size <= 0 || size > (64 << 20)) return false;
  std::string bytes(static_cast<size_t>(size), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), size)) return false;
  if (bytes.size() < sizeof kMagic + 2 * sizeof(uint64_t) || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
    return false;
  const size_t body = bytes.size() - sizeof(uint64_t);
  uint64_t sum = 0;
  std::memcpy(&sum, bytes.data() + body, sizeof sum);
  if (fnv(kFnvStart, bytes.data(), body) != sum) return false;
  Reader r{bytes, sizeof kMagic};
  const auto stored_key = r.get<uint64_t>();
  const auto w = r.get<int32_t>(), h = r.get<int32_t>();
  const auto white = r.get<ImVec2>();
  ImVec4 lines[IM_DRAWLIST_TEX_LINES_WIDTH_MAX + 1];
  for (ImVec4& l : lines) l = r.get<ImVec4>();
  const auto nfonts = r.get<int32_t>();
  if (!r.ok || stored_key != key || w <= 0 || h <= 0 || w > 16384 || h > 16384 ||
      nfonts != static_cast<int32_t>(recipe.fonts.size()))
    return false;
  for (int32_t i = 0; i < nfonts && r.ok; i++) {
    ImFont* f = IM_NEW(ImFont)();
    atlas->Fonts.push_back(f);
    f->ContainerAtlas = atlas;
    f->FontSize = r.get<float>();
    f->Ascent = r.get<float>();
    f->Descent = r.get<float>();
    f->FallbackChar = r.get<ImWchar>();
    f->EllipsisChar = r.get<ImWchar>();
    f->DotChar = r.get<ImWchar>();
    const auto nglyphs = r.get<int32_t>();
    if (nglyphs < 0 || nglyphs > 65536) r.ok = false;
    for (int32_t g = 0; g < nglyphs && r.ok; g++) f->Glyphs.push_back(r.get<ImFontGlyph>());
    f->DirtyLookupTables = true;
  }
  const size_t npix = static_cast<size_t>(w) * static_cast<size_t>(h);
  if (!r.ok || r.at + npix != body) {
    atlas->Clear();
    return false;
  }
  atlas->TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(npix));
  std::memcpy(atlas->TexPixelsAlpha8, bytes.data() + r.at, npix);
  atlas->TexWidth = w;
  atlas->TexHeight = h;
  atlas->TexUvScale = ImVec2(1.0f / static_cast<float>(w), 1.0f / static_cast<float>(h));
  atlas->TexUvWhitePixel = white;
  for (int i = 0; i <= IM_DRAWLIST_TEX_LINES_WIDTH_MAX; i++) atlas->TexUvLines[i] = lines[i];
  for (ImFont* f : atlas->Fonts) f->BuildLookupTable();
  atlas->TexReady = true;
  return true;
}

void save_cached_atlas(const std::string& dir, const AtlasRecipe& recipe) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  const uint64_t key = recipe.key();
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  atlas->GetTexDataAsAlpha8(&pixels, &w, &h);
  if (dir.empty() || key == 0 || !pixels || atlas->Fonts.Size != static_cast<int>(recipe.fonts.size())) return;
  std::string out(kMagic, sizeof kMagic);
  put(out, key);
  put(out, static_cast<int32_t>(w));
  put(out, static_cast<int32_t>(h));
  put(out, atlas->TexUvWhitePixel);
  for (int i = 0; i <= IM_DRAWLIST_TEX_LINES_WIDTH_MAX; i++) put(out, atlas->TexUvLines[i]);
  put(out, static_cast<int32_t>(atlas->Fonts.Size));
  for (const ImFont* f : atlas->Fonts) {
    put(out, f->FontSize);
    put(out, f->Ascent);
    put(out, f->Descent);
    put(out, f->FallbackChar);
    put(out, f->EllipsisChar);
    put(out, f->DotChar);
    put(out, static_cast<int32_t>(f->Glyphs.Size));
    for (const ImFontGlyph& g : f->Glyphs) put(out, g);
  }
  out.append(reinterpret_cast<const char*>(pixels), static_cast<size_t>(w) * static_cast<size_t>(h));
  put(out, fnv(kFnvStart, out.data(), out.size()));
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const FileWriteResult res = write_file_atomic(file_for(dir, key), out);
  if (!res.ok()) std::fprintf(stderr, "waymark-kiosk: font cache not saved: %s\n", res.error.c_str());
  prune(dir);
}

}  // namespace waymark::ui

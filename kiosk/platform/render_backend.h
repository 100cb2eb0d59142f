// kiosk/platform/render_backend.h: draws Dear ImGui's draw lists with the renderer the platform chose: the CPU
// renderer (cpu_renderer.h), or SDL_Renderer (SDL_RenderGeometryRaw) on a GPU and for --renderer
// sdl-software. Written for ImGui 1.86, whose Debian package has no SDL_Renderer backend in its library.
#pragma once

#include <cstdint>

struct SDL_Texture;
struct ImDrawData;

namespace waymark::platform {

class Platform;

class RenderBackend {
public:
  explicit RenderBackend(Platform& p) : platform_(p) {}
  ~RenderBackend();
  RenderBackend(const RenderBackend&) = delete;
  RenderBackend& operator=(const RenderBackend&) = delete;

  // (Re)uploads the current ImGui font atlas; call after building or rebuilding fonts.
  bool upload_fonts();
  // Draws a frame over a background of colour bg (IM_COL32 packing); screenshots read it until present().
  void draw(ImDrawData* data, uint32_t bg);
  void present();

private:
  void render_sdl(ImDrawData* data);

  Platform& platform_;
  SDL_Texture* font_texture_ = nullptr;
};

}  // namespace waymark::platform

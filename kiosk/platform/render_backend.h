// kiosk/platform/render_backend.h: draws Dear ImGui's draw lists with SDL_Renderer (SDL_RenderGeometryRaw).
// Written for ImGui 1.86, whose Debian package has no SDL_Renderer backend in its library. One code path:
// SDL picks a GPU renderer on the device and the software renderer in headless runs and CI.
#pragma once

struct SDL_Renderer;
struct SDL_Texture;
struct ImDrawData;

namespace waymark::platform {

class RenderBackend {
public:
  explicit RenderBackend(SDL_Renderer* r) : renderer_(r) {}
  ~RenderBackend();
  RenderBackend(const RenderBackend&) = delete;
  RenderBackend& operator=(const RenderBackend&) = delete;

  // (Re)uploads the current ImGui font atlas; call after building or rebuilding fonts.
  bool upload_fonts();
  void render(ImDrawData* data);

private:
  SDL_Renderer* renderer_;
  SDL_Texture* font_texture_ = nullptr;
};

}  // namespace waymark::platform

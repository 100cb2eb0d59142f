#include "kiosk/platform/renderer_choice.h"

#include <SDL.h>

#include <algorithm>
#include <cctype>

namespace waymark::platform {

bool parse_renderer_choice(const std::string& s, RendererChoice* out) {
  if (s == "auto") *out = RendererChoice::Auto;
  else if (s == "cpu") *out = RendererChoice::Cpu;
  else if (s == "gpu") *out = RendererChoice::Gpu;
  else if (s == "sdl-software") *out = RendererChoice::SdlSoftware;
  else return false;
  return true;
}

std::string probe_gl_renderer() {
  SDL_Window* w = SDL_CreateWindow("probe", 0, 0, 16, 16, SDL_WINDOW_OPENGL | SDL_WINDOW_HIDDEN);
  if (!w) return {};
  std::string name;
  if (SDL_GLContext ctx = SDL_GL_CreateContext(w)) {
    using GetString = const unsigned char* (*)(unsigned int);
    constexpr unsigned int kGlRenderer = 0x1F01;  // GL_RENDERER, without pulling in GL headers
    if (auto get = reinterpret_cast<GetString>(SDL_GL_GetProcAddress("glGetString")))
      if (const unsigned char* s = get(kGlRenderer)) name = reinterpret_cast<const char*>(s);
    SDL_GL_DeleteContext(ctx);
  }
  SDL_DestroyWindow(w);
  return name;
}

bool is_software_gl(const std::string& gl_renderer) {
  std::string s = gl_renderer;
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* soft : {"llvmpipe", "softpipe", "swrast", "software", "gdi generic"})
    if (s.find(soft) != std::string::npos) return true;
  return false;
}

}  // namespace waymark::platform

// kiosk/platform/renderer_choice.h: which renderer draws the kiosk (--renderer auto|cpu|gpu|sdl-software)
// and the probe auto uses. Auto takes the GPU only when the display has a hardware OpenGL driver; a software
// OpenGL (Mesa's llvmpipe or softpipe) or SDL's software renderer is never chosen by auto: the CPU renderer
// (cpu_renderer.h) is faster than either. Headless runs have no GPU: auto is the CPU renderer there.
#pragma once

#include <string>

namespace waymark::platform {

enum class RendererChoice {
  Auto,
  Cpu,          // our CPU renderer, presented with SDL_UpdateWindowSurfaceRects (no SDL_Renderer at all)
  Gpu,          // SDL_Renderer, accelerated (as before issue 17)
  SdlSoftware,  // SDL_Renderer's software renderer: the baseline the CPU renderer's tests compare against
};

bool parse_renderer_choice(const std::string& s, RendererChoice* out);  // "auto", "cpu", "gpu", "sdl-software"

// GL_RENDERER of the display's OpenGL driver, from a hidden probe window; empty when OpenGL cannot start.
// Needs SDL's video subsystem running.
std::string probe_gl_renderer();
// llvmpipe, softpipe, swrast, "Software Rasterizer", "GDI Generic": OpenGL drawn by the CPU.
bool is_software_gl(const std::string& gl_renderer);

}  // namespace waymark::platform

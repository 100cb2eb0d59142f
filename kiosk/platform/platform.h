// kiosk/platform/platform.h: the SDL window, renderer, event wait and screenshots. The only place (with
// input.cpp, render_backend.cpp and renderer_choice.cpp) that talks to SDL directly. The renderer is chosen
// here at start (renderer_choice.h): SDL_Renderer on a GPU, or the CPU renderer (cpu_renderer.h), whose
// framebuffer is presented through the window surface and read back for screenshots.
//
// Lockdown set here: SDL installs no signal handlers (SIGTERM is ours), alt+tab is not allowed while
// grabbed, no minimise on focus loss, keyboard grabbed, quit-on-last-window-close off, file drops and
// clipboard ignored. SDL_QUIT and window-close arrive as events that the app ignores.
#pragma once

#include <SDL.h>

#include <deque>
#include <memory>
#include <string>

#include "kiosk/platform/cpu_renderer.h"
#include "kiosk/platform/renderer_choice.h"

namespace waymark::platform {

struct PlatformOptions {
  bool headless = false;  // default false: SDL "dummy" video driver, no display needed
  bool windowed = false;  // default false: full screen; true for an office PC
  int width = 1920;       // default 1920 (headless and windowed)
  int height = 1080;      // default 1080
  RendererChoice renderer = RendererChoice::Auto;
};

class Platform {
public:
  Platform() = default;
  ~Platform();
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

  bool init(const PlatformOptions& opt, std::string* error);
  SDL_Window* window() const { return window_; }
  SDL_Renderer* renderer() const { return renderer_; }  // null when the CPU renderer draws
  CpuRenderer* cpu() const { return cpu_.get(); }       // null when an SDL_Renderer draws
  // Which renderer and why, for the device database and waymarkctl doctor: "cpu: no hardware OpenGL (...)".
  const std::string& renderer_note() const { return renderer_note_; }
  int width() const { return w_; }
  int height() const { return h_; }
  bool headless() const { return headless_; }
  const char* renderer_name() const;

  // Blocks up to timeout_ms (-1: until an event) and appends every pending event to q.
  void wait_events(int timeout_ms, std::deque<SDL_Event>& q);
  void poll_events(std::deque<SDL_Event>& q);
  // Reads back the frame just rendered (call before present) and writes a PNG.
  bool save_png(const std::string& path, std::string* error) const;
  // CPU renderer, windowed: shows the rects the last render redrew (all of the frame when all is true).
  void present_cpu(bool all = false);
  void refresh_size();

  // A thread that waits for SIGTERM/SIGINT/SIGHUP and turns them into an SDL event with this type.
  static void start_signal_thread(Uint32 event_type);
  // Pushes an event from any thread and wakes the loop. Use this, not SDL_PushEvent, from other threads:
  // SDL's dummy video driver (headless) cannot block in SDL_WaitEventTimeout and would poll every 1 ms,
  // so headless runs sleep on an eventfd that this pokes.
  static void push_from_thread(SDL_Event& ev);

private:
  SDL_Window* window_ = nullptr;
  bool create_renderer(const PlatformOptions& opt, std::string* error);

  SDL_Renderer* renderer_ = nullptr;
  std::unique_ptr<CpuRenderer> cpu_;
  std::string renderer_note_;
  int w_ = 0, h_ = 0;
  bool headless_ = false;
};

}  // namespace waymark::platform

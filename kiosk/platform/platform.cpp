#include "kiosk/platform/platform.h"

#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <thread>
#include <vector>

#include "kiosk/platform/png_writer.h"

namespace waymark::platform {

Platform::~Platform() {
  cpu_.reset();
  if (renderer_) SDL_DestroyRenderer(renderer_);
  if (window_) SDL_DestroyWindow(window_);
  SDL_Quit();
}

bool Platform::init(const PlatformOptions& opt, std::string* error) {
  headless_ = opt.headless;
  SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
  SDL_SetHint(SDL_HINT_ALLOW_ALT_TAB_WHILE_GRABBED, "0");
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
  SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");   // one path: touches arrive as mouse events
  SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");   // and mice never pretend to be fingers
  SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
  SDL_SetHint(SDL_HINT_IME_SHOW_UI, "0");
  if (opt.headless) SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_TIMER) != 0) {
    if (error) *error = std::string("cannot start the display: ") + SDL_GetError() +
                        (opt.headless ? "" : " (no display? run with --headless)");
    return false;
  }
  SDL_EventState(SDL_DROPFILE, SDL_IGNORE);
  SDL_EventState(SDL_DROPTEXT, SDL_IGNORE);
  SDL_EventState(SDL_DROPBEGIN, SDL_IGNORE);
  SDL_EventState(SDL_DROPCOMPLETE, SDL_IGNORE);
  SDL_EventState(SDL_CLIPBOARDUPDATE, SDL_IGNORE);

  Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
  if (!opt.headless && !opt.windowed) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
  window_ = SDL_CreateWindow("Waymark", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, opt.width, opt.height, flags);
  if (!window_) {
    if (error) *error = std::string("cannot create the window: ") + SDL_GetError();
    return false;
  }
  if (!create_renderer(opt, error)) return false;
  if (!opt.headless && !opt.windowed) SDL_SetWindowGrab(window_, SDL_TRUE);
  SDL_StopTextInput();  // the on-screen keyboard is the input; a plugged keyboard still sends keys
  refresh_size();
  return true;
}

// Auto: the GPU only behind a hardware OpenGL driver, else the CPU renderer; see renderer_choice.h.
bool Platform::create_renderer(const PlatformOptions& opt, std::string* error) {
  RendererChoice use = opt.renderer;
  std::string why;
  switch (opt.renderer) {
    case RendererChoice::Cpu: why = "chosen with --renderer cpu"; break;
    case RendererChoice::SdlSoftware: why = "chosen with --renderer sdl-software"; break;
    case RendererChoice::Gpu: why = opt.headless ? "headless has no GPU: SDL's software renderer" : "chosen with --renderer gpu"; break;
    case RendererChoice::Auto:
      if (opt.headless) {
        use = RendererChoice::Cpu;
        why = "headless (no display, no GPU)";
        break;
      }
      if (const std::string gl = probe_gl_renderer(); gl.empty()) {
        use = RendererChoice::Cpu;
        why = "no OpenGL driver";
      } else if (is_software_gl(gl)) {
        use = RendererChoice::Cpu;
        why = "no hardware OpenGL (" + gl + ")";
      } else {
        use = RendererChoice::Gpu;
        why = "hardware OpenGL (" + gl + ")";
      }
      break;
  }
  if (use == RendererChoice::Gpu && !opt.headless) {
    renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    SDL_RendererInfo info{};
    if (renderer_ && SDL_GetRendererInfo(renderer_, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE) &&
        opt.renderer == RendererChoice::Auto) {
      SDL_DestroyRenderer(renderer_);
      renderer_ = nullptr;
    }
    if (!renderer_ && opt.renderer == RendererChoice::Auto) {
      use = RendererChoice::Cpu;
      why = "SDL found no accelerated renderer (" + why + ")";
    }
  }
  if (use == RendererChoice::Cpu) {
    // The window surface must be plain memory, not a texture SDL would draw through OpenGL (llvmpipe).
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    cpu_ = std::make_unique<CpuRenderer>();
    renderer_note_ = "cpu: " + why;
    return true;
  }
  if (!renderer_) renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
  if (!renderer_) {
    if (error) *error = std::string("cannot create a renderer: ") + SDL_GetError();
    return false;
  }
  renderer_note_ = std::string(renderer_name()) + ": " + why;
  return true;
}

void Platform::refresh_size() {
  if (!renderer_ || SDL_GetRendererOutputSize(renderer_, &w_, &h_) != 0) SDL_GetWindowSize(window_, &w_, &h_);
}

void Platform::present_cpu(bool all) {
  if (!cpu_ || headless_) return;
  SDL_Surface* s = SDL_GetWindowSurface(window_);
  const Framebuffer& fb = cpu_->framebuffer();
  if (!s || fb.w <= 0 || fb.h <= 0) return;
  const PixelRect surface{0, 0, std::min(s->w, fb.w), std::min(s->h, fb.h)};
  std::vector<SDL_Rect> rects;
  auto add = [&](const PixelRect& r0) {
    const PixelRect r = r0.intersect(surface);
    if (!r.empty()) rects.push_back(SDL_Rect{r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0});
  };
  if (all || s->w != fb.w || s->h != fb.h) add(surface);
  else for (const PixelRect& r : cpu_->damage()) add(r);
  if (rects.empty()) return;
  if (SDL_MUSTLOCK(s)) SDL_LockSurface(s);
  for (const SDL_Rect& r : rects) {
    const uint32_t* src = fb.px.data() + static_cast<size_t>(r.y) * static_cast<size_t>(fb.w) + static_cast<size_t>(r.x);
    auto* dst = static_cast<Uint8*>(s->pixels) + static_cast<ptrdiff_t>(r.y) * s->pitch + r.x * s->format->BytesPerPixel;
    SDL_ConvertPixels(r.w, r.h, SDL_PIXELFORMAT_ARGB8888, src, fb.w * 4, s->format->format, dst, s->pitch);
  }
  if (SDL_MUSTLOCK(s)) SDL_UnlockSurface(s);
  SDL_UpdateWindowSurfaceRects(window_, rects.data(), static_cast<int>(rects.size()));
}

const char* Platform::renderer_name() const {
  if (cpu_) return "cpu";
  SDL_RendererInfo info{};
  if (renderer_ && SDL_GetRendererInfo(renderer_, &info) == 0) return info.name;
  return "none";
}

namespace {
bool is_expose(const SDL_Event& ev) { return ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_EXPOSED; }

// One per process: the main loop's wake-up for headless runs (see push_from_thread).
int wake_fd() {
  static const int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  return fd;
}
}  // namespace

void Platform::push_from_thread(SDL_Event& ev) {
  SDL_PushEvent(&ev);
  const uint64_t one = 1;
  if (write(wake_fd(), &one, sizeof one) < 0) {
    // the counter is saturated: the loop is awake anyway
  }
}

void Platform::wait_events(int timeout_ms, std::deque<SDL_Event>& q) {
  poll_events(q);
  if (!q.empty()) return;
  if (headless_) {
    pollfd p{wake_fd(), POLLIN, 0};
    poll(&p, 1, timeout_ms);
    uint64_t n = 0;
    if (read(wake_fd(), &n, sizeof n) < 0) {
      // nothing was pending: a timeout
    }
    poll_events(q);
    return;
  }
  SDL_Event ev;
  if (SDL_WaitEventTimeout(&ev, timeout_ms < 0 ? 1'000'000 : timeout_ms)) q.push_back(ev);
  const bool exposed = !q.empty() && is_expose(q.back());
  poll_events(q);
  if (exposed && cpu_) present_cpu(true);  // as in poll_events
}

void Platform::poll_events(std::deque<SDL_Event>& q) {
  SDL_Event ev;
  bool exposed = false;
  while (SDL_PollEvent(&ev)) {
    exposed = exposed || is_expose(ev);
    q.push_back(ev);
  }
  // The window system lost what was shown (uncovered, mapped): show the whole frame again, no redraw needed.
  if (exposed && cpu_) present_cpu(true);
}

bool Platform::save_png(const std::string& path, std::string* error) const {
  if (cpu_) {
    const Framebuffer& fb = cpu_->framebuffer();
    return write_png(path, PixelImage{fb.px.data(), fb.w, fb.h, static_cast<size_t>(fb.w) * 4, PixelLayout::Argb32}, error);
  }
  std::vector<unsigned char> px(static_cast<size_t>(w_) * static_cast<size_t>(h_) * 4);
  if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ABGR8888, px.data(), w_ * 4) != 0) {
    if (error) *error = std::string("cannot read the frame back: ") + SDL_GetError();
    return false;
  }
  return write_png(path, PixelImage{px.data(), w_, h_, static_cast<size_t>(w_) * 4, PixelLayout::Rgba32}, error);
}

void Platform::start_signal_thread(Uint32 event_type) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);  // every thread started after this inherits the mask
  std::thread([set, event_type] {
    for (;;) {
      int sig = 0;
      if (sigwait(&set, &sig) != 0) continue;
      SDL_Event ev{};
      ev.type = event_type;
      ev.user.code = sig;
      push_from_thread(ev);
    }
  }).detach();
}

}  // namespace waymark::platform

// gateway/web/stylesheet.h: the web inbox's one stylesheet, served at /web.css. Edit gateway/web/web.css:
// CMake embeds it at build time (a generated web_css.cpp in the build tree, made again when the .css changes).
#pragma once

namespace waymark::gateway::web {

extern const char* const kWebCss;

}  // namespace waymark::gateway::web

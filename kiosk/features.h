// kiosk/features.h: the registry of the kiosk's parts. register_features (kiosk/features.cpp) adds each one to
// the app with the route that shows it, one line each, so parts can be built side by side without touching
// the app: sign-in, the child's home, help and the parts behind the home tiles, and staff mode's parts.
#pragma once

namespace waymark::kiosk {
class App;
void register_features(App& app);
}  // namespace waymark::kiosk

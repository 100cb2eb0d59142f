#include "kiosk/features.h"

#include "kiosk/app.h"
#include "kiosk/myviews/myviews_feature.h"

namespace waymark::kiosk {

void register_features(App& app) {
  // Routes without a feature show "Coming soon": "courses", "myviews", "messages", "meetings".
  // Add one line per feature: app.add_feature("courses", std::make_unique<CoursesFeature>());
  app.add_feature("myviews", std::make_unique<MyViewsFeature>());
  app.add_feature("meetings", std::make_unique<MeetingsFeature>());
}

}  // namespace waymark::kiosk

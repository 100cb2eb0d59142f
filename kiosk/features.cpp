#include "kiosk/features.h"

#include "kiosk/app.h"
#include "kiosk/courses/courses_feature.h"
#include "kiosk/courses/staff_listings.h"
#include "kiosk/messages/messages_feature.h"
#include "kiosk/myviews/myviews_feature.h"

namespace waymark::kiosk {

void register_features(App& app) {
  // Routes without a feature show "Coming soon": "courses", "myviews", "messages", "meetings".
  // Add one line per feature: app.add_feature("courses", std::make_unique<CoursesFeature>());
  app.add_feature("courses", std::make_unique<CoursesFeature>());
  // Staff-mode parts: one line each; a button on the staff menu opens the route.
  app.add_staff_feature("staff-listings", "staff.listings.part", ui::Icon::Course, std::make_unique<StaffListingsFeature>());
  app.add_feature("messages", std::make_unique<MessagesFeature>());
  app.add_feature("myviews", std::make_unique<MyViewsFeature>());
  app.add_feature("meetings", std::make_unique<MeetingsFeature>());
}

}  // namespace waymark::kiosk

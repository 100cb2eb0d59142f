#include "kiosk/features.h"

#include "kiosk/app.h"
#include "kiosk/courses/courses_feature.h"
#include "kiosk/home/home_feature.h"
#include "kiosk/messages/messages_feature.h"
#include "kiosk/myviews/myviews_feature.h"
#include "kiosk/plan/plan_feature.h"
#include "kiosk/signin/sign_in_feature.h"
#include "kiosk/staff/staff_listings.h"
#include "kiosk/staff/staff_menu.h"

namespace waymark::kiosk {

void register_features(App& app) {
  // Nobody signed in: one sign-in part for children and for staff.
  app.add_public_feature({"signin", "staff-signin"}, std::make_unique<SignInFeature>());
  // A signed-in child: home and help, then one line per home tile's part.
  app.add_feature("home", std::make_unique<HomeFeature>());
  app.add_feature("help", std::make_unique<HelpFeature>());
  app.add_feature("courses", std::make_unique<CoursesFeature>());
  app.add_feature("messages", std::make_unique<MessagesFeature>());
  app.add_feature("myviews", std::make_unique<MyViewsFeature>());
  app.add_feature("meetings", std::make_unique<MeetingsFeature>());
  app.add_feature("plan", std::make_unique<PlanFeature>());
  // Staff mode: the menu, then one line per part; a button on the menu opens the route.
  app.add_staff_feature("staff", std::make_unique<StaffMenuFeature>());
  app.add_staff_feature("staff-listings", "staff.listings.part", ui::Icon::Course, std::make_unique<StaffListingsFeature>());
}

}  // namespace waymark::kiosk

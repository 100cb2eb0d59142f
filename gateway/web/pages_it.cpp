// gateway/web/pages_it.cpp: establishment IT's start page, its devices (revoke, after a confirm step) and its
// enrolment codes (docs/web-inbox.md, "Establishment IT"). Everything is scoped to the one establishment the
// account looks after: another establishment's device is "not found", like one that does not exist, and the
// attempt is audited (scope.refused). The roster and contacts are pages_it_children.cpp; transfers
// pages_it_transfer.cpp.
#include <httplib.h>

#include <algorithm>
#include <stdexcept>

#include "core/base/text.h"
#include "gateway/store/admin.h"
#include "gateway/store/it_accounts.h"
#include "gateway/web/fields.h"
#include "gateway/web/pages.h"

namespace waymark::gateway::web {

// ================================================================= the checks every IT page makes
std::optional<Establishment> need_it(Ctx& c) {
  if (!need_session(c, PrincipalKind::It)) return std::nullopt;
  auto est = it_establishment(c.db, c.s->who.id);
  if (!est) {  // the account's establishment is gone: nothing here is theirs
    not_found(c);
    return std::nullopt;
  }
  c.establishment = est->name;
  return est;
}

std::optional<ItPost> need_it_post(Ctx& c) {
  auto est = need_it(c);
  if (!est) return std::nullopt;
  Form f = form_of(c.req);
  if (!need_csrf(c, f)) return std::nullopt;
  return ItPost{std::move(f), std::move(*est)};
}

bool need_own_child(Ctx& c, const Establishment& est, const std::string& number) {
  try {
    check_child_in_scope(c.db, est.code, number, c.s->who.label(), c.now);  // audits another establishment's
    return true;
  } catch (const std::invalid_argument&) {
    not_found(c);
    return false;
  }
}

bool need_own_device(Ctx& c, const Establishment& est, const std::string& device_id) {
  try {
    check_device_in_scope(c.db, est.code, device_id, c.s->who.label(), c.now);
    return true;
  } catch (const std::invalid_argument&) {
    not_found(c);
    return false;
  }
}

namespace {

std::string wings_words(const Establishment& est) {
  std::string w;
  for (const std::string& x : est.wings) w += (w.empty() ? "" : ", ") + x;
  return w.empty() ? "none yet" : w;
}

std::optional<DeviceRow> device_of(Ctx& c, const Establishment& est, const std::string& id) {
  for (const DeviceRow& d : list_devices(c.db, est.code))
    if (d.id == id) return d;
  return std::nullopt;
}

std::string device_name(const DeviceRow& d) { return d.label.empty() ? "Device " + d.id.substr(0, 8) : d.label; }

}  // namespace

// ================================================================= start page
void get_it(Ctx& c) {
  const auto est = need_it(c);
  if (!est) return;
  const auto devices = list_devices(c.db, est->code);
  const auto active = std::count_if(devices.begin(), devices.end(), [](const DeviceRow& d) { return !d.revoked; });
  const auto kids = roster(c.db, est->id);
  Html b;
  b << "<h1>Establishment IT</h1><p class=\"lede\">" << est->name << " (" << est->code << "). Wings: " << wings_words(*est)
    << ". You see and change only this establishment's devices and children.</p><ul class=\"cards\">"
    << "<li class=\"card\"><h2><a href=\"/it/devices\">Devices</a></h2><p>" << plural(static_cast<int>(active), "device", "devices")
    << " enrolled";
  if (devices.size() > static_cast<size_t>(active)) b << ", " << static_cast<int64_t>(devices.size()) - active << " revoked";
  b << ".</p></li><li class=\"card\"><h2><a href=\"/it/enrol-codes\">Enrolment codes</a></h2><p>A one-time code to enrol a new "
       "device on a wing.</p></li><li class=\"card\"><h2><a href=\"/it/roster\">Roster and contacts</a></h2><p>"
    << plural(static_cast<int>(kids.size()), "child", "children")
    << ", and the YOT workers each may message.</p></li><li class=\"card\"><h2><a href=\"/it/transfer\">Transfer a child</a></h2>"
       "<p>Move a child to another establishment, with their history.</p></li></ul>";
  send_html(c.res, 200, page(c.frame("Establishment IT"), b));
}

// ================================================================= devices
void get_it_devices(Ctx& c) {
  const auto est = need_it(c);
  if (!est) return;
  Html rows;
  for (const DeviceRow& d : list_devices(c.db, est->code)) {
    rows << "<tr><td>" << device_name(d) << "<span class=\"hint\">" << d.id << "</span></td><td>" << d.wing << "</td><td>"
         << (d.enrolled_at > 0 ? nice_time_ms(d.enrolled_at) : std::string("Not recorded")) << "</td><td>"
         << (d.last_seen > 0 ? nice_time_ms(d.last_seen) : std::string("Never")) << "</td><td>";
    if (d.revoked) rows << "<span class=\"badge grey\">Revoked</span></td><td></td></tr>";
    else rows << "<span class=\"badge ok\">Active</span></td><td><a href=\"/it/devices/" << d.id << "/revoke\">Revoke<span class=\"visually-hidden\"> "
              << device_name(d) << "</span></a></td></tr>";
  }
  if (rows.empty()) rows << "<tr><td colspan=\"6\">No devices yet. Make an enrolment code to enrol one.</td></tr>";
  Html b;
  b << "<p class=\"crumbs\"><a href=\"/it\">Establishment IT</a> › Devices</p><h1>Devices</h1>";
  if (query(c.req, "revoked") == "1")
    b << "<div class=\"notice ok\" role=\"status\"><p>The device is revoked. It is refused from its next request on.</p></div>";
  b << "<p class=\"lede\">" << est->name << ": every device enrolled on its wings.</p>"
    << scroll_table("Devices", th({"Device", "Wing", "Enrolled", "Last seen", "State", "Action"}), rows)
    << "<p><a href=\"/it/enrol-codes\">Make an enrolment code for a new device</a></p>";
  send_html(c.res, 200, page(c.frame("Devices"), b));
}

namespace {
void revoke_page(Ctx& c, int status, const DeviceRow& d, const std::string& problem) {
  Html b;
  b << "<p class=\"crumbs\"><a href=\"/it\">Establishment IT</a> › <a href=\"/it/devices\">Devices</a> › Revoke</p>";
  if (d.revoked) {
    b << "<h1>" << device_name(d) << " is already revoked</h1><p><a href=\"/it/devices\">Back to devices</a></p>";
    send_html(c.res, status, page(c.frame("Already revoked"), b));
    return;
  }
  b << "<h1>Revoke " << device_name(d) << "?</h1>";
  if (!problem.empty()) b << "<div class=\"notice err\" role=\"alert\"><p>" << problem << "</p></div>";
  b << "<dl class=\"facts\"><dt>Wing</dt><dd>" << d.wing << "</dd><dt>Device id</dt><dd>" << d.id << "</dd><dt>Last seen</dt><dd>"
    << (d.last_seen > 0 ? nice_time_ms(d.last_seen) : std::string("Never")) << "</dd></dl>"
    << "<p>From its next request on, the gateway refuses this device: it cannot sync, so children using it cannot send or "
       "receive anything. Anything still waiting on it stays there. To use it again it must be enrolled again with a new "
       "code. This cannot be undone.</p><form class=\"stack\" method=\"post\" action=\"/it/devices/"
    << d.id << "/revoke\">" << hidden_csrf(c)
    << "<input type=\"hidden\" name=\"confirm\" value=\"yes\"><div><button class=\"danger\" type=\"submit\">Revoke this device</button> "
       "<a href=\"/it/devices\">No, go back</a></div></form>";
  send_html(c.res, status, page(c.frame("Revoke a device"), b));
}
}  // namespace

void get_it_revoke(Ctx& c) {
  const auto est = need_it(c);
  if (!est) return;
  const std::string id = c.req.matches[1];
  if (!need_own_device(c, *est, id)) return;
  revoke_page(c, 200, *device_of(c, *est, id), "");
}

void post_it_revoke(Ctx& c) {
  const auto p = need_it_post(c);
  if (!p) return;
  const std::string id = c.req.matches[1];
  if (!need_own_device(c, p->est, id)) return;
  const DeviceRow d = *device_of(c, p->est, id);
  if (field(p->form, "confirm") != "yes") {
    revoke_page(c, 400, d, "Nothing was changed: press \"Revoke this device\" to revoke it.");
    return;
  }
  if (d.revoked) {
    revoke_page(c, 200, d, "");
    return;
  }
  revoke_device(c.db, id, c.s->who.label(), c.now);  // audited as device.revoke, with this account's name
  redirect(c.res, "/it/devices?revoked=1");
}

// ================================================================= enrolment codes
namespace {
void enrol_page(Ctx& c, int status, const Establishment& est, const std::string& wing, const std::string& hours,
                const Problems& p, const std::string& code) {
  Html b;
  b << "<p class=\"crumbs\"><a href=\"/it\">Establishment IT</a> › Enrolment codes</p><h1>Enrolment codes</h1>";
  if (!code.empty())
    b << "<div class=\"notice ok\" role=\"status\"><p>One-time code for wing " << wing << ", valid " << hours
      << " hours. It is shown only now: type it into <code>waymarkctl enrol</code> on the device.</p><p class=\"code\"><strong>"
      << code << "</strong></p></div>";
  b << problem_summary(p) << "<form class=\"stack\" method=\"post\" action=\"/it/enrol-codes\">" << hidden_csrf(c);
  ChoiceField w{"wing", "Wing", "The device will show this wing's children.", {{"", "Choose a wing"}}, code.empty() ? wing : ""};
  for (const std::string& x : est.wings) w.options.emplace_back(x, x);
  b << choice_input(w, p)
    << text_input(TextField{"hours", "Hours the code works", "1 to 336 (two weeks). It works once.", code.empty() ? hours : "24", 3},
                  p)
    << "<div><button class=\"primary\" type=\"submit\">Make a code</button></div></form><h2>Codes not used yet</h2>";
  Html rows;
  for (const PendingEnrolCode& e : pending_enrol_codes(c.db, est.id, c.now))
    rows << "<tr><td>" << e.wing << "</td><td>" << nice_time_ms(e.issued_at) << "</td><td>" << nice_time_ms(e.expires_at) << "</td></tr>";
  if (rows.empty()) rows << "<tr><td colspan=\"3\">None.</td></tr>";
  b << scroll_table("Codes not used yet", th({"Wing", "Made", "Works until"}), rows);
  send_html(c.res, status, page(c.frame("Enrolment codes"), b));
}
}  // namespace

void get_it_enrol_codes(Ctx& c) {
  const auto est = need_it(c);
  if (!est) return;
  enrol_page(c, 200, *est, query(c.req, "wing"), "24", Problems{}, "");
}

void post_it_enrol_codes(Ctx& c) {
  const auto it = need_it_post(c);
  if (!it) return;
  const std::string wing = field(it->form, "wing"), hours = field(it->form, "hours");
  Problems p;
  if (std::find(it->est.wings.begin(), it->est.wings.end(), wing) == it->est.wings.end())
    p.add("wing", wing.empty() ? "Choose the wing the device is on." : "Choose one of this establishment's wings.");
  const bool digits_only = !hours.empty() && hours.size() <= 3 && std::all_of(hours.begin(), hours.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  const int h = digits_only ? std::stoi(hours) : 0;
  if (h < 1 || h > 336) p.add("hours", "Enter the hours as a whole number from 1 to 336.");
  if (!p.empty()) {
    enrol_page(c, 400, it->est, wing, hours, p, "");
    return;
  }
  const std::string code = issue_enrol_code(c.db, wing, h, c.s->who.label(), c.now, it->est.code);  // audited
  enrol_page(c, 200, it->est, wing, std::to_string(h), Problems{}, code);
}

}  // namespace waymark::gateway::web

// gateway/web/pages_children.cpp: a worker's children, and the messages between the worker and one child.
// Opening these pages tells the child's kiosk the messages were delivered; "Mark as read" and a reply tell it
// they were read.
#include <httplib.h>

#include <algorithm>

#include "core/base/text.h"
#include "core/sync/sync_proto.h"
#include "gateway/store/checks.h"
#include "gateway/store/worker_api.h"
#include "gateway/web/pages.h"

namespace waymark::gateway::web {

using nlohmann::json;

void get_children(Ctx& c) {
  if (!need_session(c, PrincipalKind::Worker)) return;
  api_worker_inbox(c.db, c.s->who.id, c.now);  // the messages have now reached the worker: "delivered"
  const auto kids = allocated_children(c.db, c.s->who.id, c.today());
  Html b;
  b << "<h1>My children</h1><p class=\"lede\">The children allocated to you, in every establishment.</p>";
  if (kids.empty()) b << "<p>No children are allocated to you yet. The establishment adds them.</p>";
  b << "<ul class=\"cards\">";
  for (const ChildSummary& k : kids) {
    b << "<li class=\"card\"><h2><a href=\"/children/" << k.number << "\">" << k.first_name << "</a> <span class=\"num\">("
      << k.number << ")</span>";
    if (k.unread > 0) b << " <span class=\"badge\">" << plural(k.unread, "new message", "new messages") << "</span>";
    if (k.new_plan_answers > 0)
      b << " <a class=\"badge\" href=\"/children/" << k.number << "/plan#answers\">"
        << plural(k.new_plan_answers, "new answer to the plan", "new answers to the plan") << "</a>";
    b << "</h2><dl class=\"facts\"><dt>Establishment</dt><dd>" << k.establishment << "</dd><dt>Release date</dt><dd>" << (k.release_date.empty() ? "Not set" : nice_date(k.release_date))
      << "</dd><dt>Release area</dt><dd>" << area_name(k.release_la) << "</dd><dt>Next meeting</dt><dd>"
      << (k.next_meeting_date.empty() ? "None booked" : meeting_line(k.next_meeting_kind, k.next_meeting_date, k.next_meeting_time))
      << "</dd><dt>Unread messages</dt><dd>" << k.unread << "</dd><dt>My Views</dt><dd>" << k.myviews
      << "</dd><dt>Interested in</dt><dd>" << k.enquiries << "</dd><dt>My plan</dt><dd>"
      << (k.plan_version ? "Version " + std::to_string(k.plan_version) : std::string("Not written yet")) << "</dd></dl></li>";
  }
  b << "</ul>";
  send_html(c.res, 200, page(c.frame("My children"), b));
}

Html child_header(const ChildSummary& k, const std::string& current) {
  Html b;
  b << "<p class=\"crumbs\"><a href=\"/children\">My children</a> › " << k.first_name << "</p>";
  b << "<h1>" << k.first_name << " <span class=\"num\">(" << k.number << ")</span></h1>";
  b << "<dl class=\"facts\"><dt>Establishment</dt><dd>" << k.establishment << "</dd><dt>Release date</dt><dd>" << (k.release_date.empty() ? "Not set" : nice_date(k.release_date))
    << "</dd><dt>Release area</dt><dd>" << area_name(k.release_la) << "</dd><dt>Next meeting</dt><dd>"
    << (k.next_meeting_date.empty() ? "None booked" : meeting_line(k.next_meeting_kind, k.next_meeting_date, k.next_meeting_time))
    << "</dd><dt>Kiosk language</dt><dd>" << (k.lang == "cy" ? "Welsh" : "English") << "</dd></dl>";
  const std::string base = "/children/" + k.number;
  auto tab = [&](const std::string& href, const std::string& id, const std::string& label) {
    b << "<a href=\"" << href << "\"" << (id == current ? Html(" aria-current=\"page\"") : Html()) << ">" << label << "</a>";
  };
  b << "<nav class=\"tabs\" aria-label=\"" << k.first_name << "\">";
  tab(base, "messages", "Messages" + std::string(k.unread ? " (" + std::to_string(k.unread) + " new)" : ""));
  tab(base + "/views", "views", "My Views (" + std::to_string(k.myviews) + ")");
  tab(base + "/interests", "interests", "Interested in (" + std::to_string(k.enquiries) + ")");
  tab(base + "/meetings", "meetings", "Meetings");
  tab(base + "/plan", "plan", "My plan" + std::string(k.new_plan_answers ? " (" + std::to_string(k.new_plan_answers) + " new)" : ""));
  b << "</nav>";
  return b;
}

namespace {
void conversation_page(Ctx& c, const ChildSummary& k, int status, const std::string& err, const std::string& draft) {
  api_worker_inbox(c.db, c.s->who.id, c.now);
  const auto items = conversation(c.db, c.s->who.id, k.number);
  log_view(c.db, c.s->who, k.number, "Messages", c.now);
  Html b;
  b << child_header(k, "messages") << "<h2 id=\"messages\">Messages</h2>";
  if (query(c.req, "sent") == "1")
    b << "<div class=\"notice ok\" role=\"status\"><p>Your reply is on its way. " << k.first_name
      << " sees it on the wing kiosk after its next sync.</p></div>";
  if (query(c.req, "read") == "1") b << "<div class=\"notice ok\" role=\"status\"><p>Marked as read. " << k.first_name << " can see that you read them.</p></div>";
  if (items.empty()) b << "<p>No messages yet.</p>";
  b << "<ol class=\"conv\">";
  int unread = 0;
  for (size_t i = 0; i < items.size(); i++) {
    const ConversationItem& m = items[i];
    b << "<li class=\"" << (m.from_child ? "child" : "me") << "\"" << (i + 1 == items.size() ? Html(" id=\"latest\"") : Html()) << ">"
      << "<div class=\"meta\"><strong>" << (m.from_child ? k.first_name : "You") << "</strong> · " << nice_time_ms(m.at_ms)
      << " · ";
    if (m.from_child && m.state == "new") {
      b << "<span class=\"badge\">New</span>";
      unread++;
    } else if (m.from_child) {
      b << "Read by you";
    } else {
      b << "Sent";
    }
    b << "</div><p class=\"text\">" << m.text << "</p></li>";
  }
  b << "</ol>";
  if (unread > 0)
    b << "<form method=\"post\" action=\"/children/" << k.number << "/read\" class=\"noprint after-conv\">" << hidden_csrf(c)
      << "<button class=\"secondary\" type=\"submit\">Mark as read</button> <span class=\"hint inline\">"
      << k.first_name << " will see that you have read them.</span></form>";
  b << "<h2 id=\"reply\">Reply</h2>";
  if (!err.empty()) b << "<div class=\"notice err\" role=\"alert\"><p>" << err << "</p></div>";
  b << "<form class=\"stack\" method=\"post\" action=\"/children/" << k.number << "/reply\">" << hidden_csrf(c)
    << "<div><label for=\"text\">Your message to " << k.first_name
    << "<span class=\"hint\">Plain text, up to 1,000 characters. Short sentences and everyday words are easiest to read.</span></label>"
       "<textarea id=\"text\" name=\"text\" maxlength=\"1000\" required rows=\"5\">"
    << draft << "</textarea></div><div><button class=\"primary\" type=\"submit\">Send reply</button></div></form>";
  send_html(c.res, status, page(c.frame(k.first_name + ": messages"), b));
}

void mark_read(Ctx& c, const std::string& child) {
  const auto ids = unread_ids(c.db, c.s->who.id, child);
  for (size_t i = 0; i < ids.size(); i += 500) {
    json list = json::array();
    for (size_t j = i; j < std::min(ids.size(), i + 500); j++) list.push_back(ids[j]);
    api_worker_read(c.db, c.s->who.id, json{{"ids", list}}, c.now);  // sends the "read" receipts to the kiosk
  }
}

}  // namespace

void get_child_page(Ctx& c) {
  if (!need_session(c, PrincipalKind::Worker)) return;
  const auto k = need_child(c, c.req.matches[1]);
  if (!k) return;
  conversation_page(c, *k, 200, "", "");
}

void post_read(Ctx& c) {
  const auto post = need_child_post(c);
  if (!post) return;
  const ChildSummary* const k = &post->child;
  mark_read(c, k->number);
  redirect(c.res, "/children/" + k->number + "?read=1#messages");
}

void post_reply(Ctx& c) {
  const auto post = need_child_post(c);
  if (!post) return;
  const Form& f = post->form;
  const ChildSummary* const k = &post->child;
  std::string text = lf(field(f, "text"));
  // Trailing spaces and blank lines mean nothing to the reader.
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  const size_t n = utf8_length(text);
  std::string err;
  if (!utf8_valid(text)) err = "The message has characters that cannot be sent. Please type it again.";
  else if (n == 0) err = "Write a message first.";
  else if (n > sync::kMaxMessageChars)
    err = "The message is " + std::to_string(n) + " characters long. It can be up to 1,000. Please make it shorter.";
  else if (sanitize_text(text, sync::kMaxMessageChars, true) != text)
    err = "The message has characters the kiosk cannot show (for example emoji). Please take them out.";
  if (err.empty()) {
    try {
      api_worker_send(c.db, c.s->who.id, json{{"child", k->number}, {"text", text}}, c.now);
    } catch (const ApiError& e) {
      err = e.what();
    }
  }
  if (!err.empty()) {
    conversation_page(c, *k, 400, err, field(f, "text"));  // what was typed is kept
    return;
  }
  mark_read(c, k->number);  // replying means the worker has read what came before
  redirect(c.res, "/children/" + k->number + "?sent=1#latest");
}
}  // namespace waymark::gateway::web

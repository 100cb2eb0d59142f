// kiosk/myviews/myviews_screens.h: the My Views and My meetings screens. Free functions over view-models
// that return intents; they never touch storage (kiosk/myviews/myviews_feature.cpp is the controller).
//
// Index
//  - MeetingCardVM / MeetingsVM : the calm list of upcoming meetings ("meetings", meetings.next)
//  - ViewsStartVM               : which meeting this My Views is for, start or carry on (myviews.start)
//  - QuestionVM                 : one question per screen (myviews.back, myviews.next, myviews.skip,
//                                 myviews.review), with a progress bar and a "Saved" mark after each commit
//  - ReviewVM                   : the answers read back in plain words, then send (myviews.send)
//  - SentVM                     : what was sent, read-only, and "change my answers" (myviews.change)
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/myviews/forms.h"
#include "core/myviews/meetings.h"
#include "kiosk/screens/screens.h"

namespace waymark::screens {

// ---- meetings
struct MeetingCardVM {
  std::string title;     // "Review meeting"
  std::string purpose;   // what it is for, one or two short sentences
  std::string when;      // "Thursday 26 November at 10:30"
  std::string where;     // "Oak wing meeting room" or "Video call"
  std::vector<std::string> people;  // "Sam Taylor, your YOT worker"
  std::string views_line;           // "My Views: not started"
  bool is_next = false;
};
struct MeetingsVM {
  std::vector<MeetingCardVM> cards;
};
enum class MeetingsIntent { None, Back, Home, SignOut, OpenViews };
MeetingsIntent draw_meetings(Ui& ui, const MeetingsVM& vm);

// ---- My Views: the first page
struct ViewsStartVM {
  std::string title;        // the form's title
  std::string for_line;     // "For your review meeting on Thursday 26 November."
  std::string intro;        // the form's intro
  std::string state_line;   // "You have not started yet." / "You have started. Carry on where you left off."
  std::string button;       // "Start" / "Carry on"
  bool has_meeting = true;  // false: nothing to prepare for yet
};
enum class ViewsStartIntent { None, Back, SignOut, Start };
ViewsStartIntent draw_views_start(Ui& ui, const ViewsStartVM& vm);

// ---- one question
enum class SaveMark { None, Saved, Failed };
struct QuestionVM {
  std::string form_title;
  const Question* q = nullptr;
  std::string lang;
  int index = 0, count = 1;
  nlohmann::json value;       // the saved answer (null when none)
  bool skipped = false;
  std::string text;           // text questions: edited in place by the keyboard
  ui::KeyboardState kbd;
  // people
  std::vector<Invitee> invited;
  std::vector<std::string> role_words;  // parallel to invited: "your YOT worker"
  bool adding = false;
  std::string new_name;
  // status
  SaveMark mark = SaveMark::None;
  std::string error;
  bool last = false;
  bool to_review = false;     // came here from the review page: the right button goes back there
};
struct QuestionOut {
  enum Kind { None, Back, Next, Skip, Review, Home, SignOut, Choose, Face, TextChanged, TogglePerson, AddStart,
              AddDone, AddCancel, RemoveAdded } kind = None;
  std::string option;  // Choose: option id; TogglePerson/RemoveAdded: the name
  int face = 0;        // Face: 1..5
};
QuestionOut draw_question(Ui& ui, QuestionVM& vm);

// ---- review and sent
struct ReviewRow {
  std::string qid;
  std::string title;
  std::string answer;   // plain words, or "You skipped this." / "No answer yet."
  bool has_answer = false;
  bool missing = false;  // must be answered before sending
};
struct ReviewVM {
  std::string title;
  std::vector<ReviewRow> rows;
  bool can_send = false;
  bool sent = false;          // read-only view of a sent response
  std::string status_line;    // sent: "Sent on ... Your worker has read it."
  std::string error;
  std::string scroll_id = "myviews.review";  // one per response and view, so each opens at the top
};
struct ReviewOut {
  enum Kind { None, Back, Home, SignOut, Change, Send, ChangeAfterSend } kind = None;
  std::string qid;
};
ReviewOut draw_review(Ui& ui, const ReviewVM& vm);

// Shared by the meetings list and home.
std::string meeting_when_words(const Ui& ui, int64_t unix_s);

}  // namespace waymark::screens

// kiosk/messages/messages_screens.h: the Messages screens as functions over view-models returning intents.
//   contacts list  -> conversation -> compose
// Stable ids: messages.contact (the first contact; then messages.contact.2, .3 ...), messages.compose,
// messages.send.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/ui/widgets.h"

namespace waymark::screens {

struct ContactVM {
  std::string name;
  std::string org;
  int unread = 0;
};

struct MessagesListVM {
  std::vector<ContactVM> contacts;
  std::string sync_line;  // "Last checked for messages: today, 10:32" or the offline line
};
struct MessagesListIntent {
  enum Kind { None, Back, Open } kind = None;
  int index = -1;
};
MessagesListIntent draw_messages_list(ui::Ui& ui, const MessagesListVM& vm);

struct BubbleVM {
  bool mine = false;      // the child's own message (right side)
  std::string text;
  std::string when;       // "Today, 10:32"
  std::string state;      // the child's messages: "Waiting to send", "Sent", "Delivered", "Read", "Not sent"
  bool problem = false;   // refused: shown in the danger colour
};
struct ConversationVM {
  std::string contact_name;
  std::vector<BubbleVM> bubbles;  // newest first
  std::string sync_line;
};
enum class ConversationIntent { None, Back, Compose };
ConversationIntent draw_conversation(ui::Ui& ui, const ConversationVM& vm);

struct ComposeVM {
  std::string contact_name;
  std::string text;            // edited in place by the keyboard
  ui::KeyboardState kbd;
  size_t max_chars = 1000;
  std::string error;           // a plain line after a refused send
};
enum class ComposeIntent { None, Back, Changed, Send };
ComposeIntent draw_compose(ui::Ui& ui, ComposeVM& vm);

}  // namespace waymark::screens

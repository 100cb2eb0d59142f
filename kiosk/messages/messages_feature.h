// kiosk/messages/messages_feature.h: the Messages part behind the home tile (route "messages").
// Builds view-models from core/messaging each frame (a few rows), acts on the screens' intents, and pokes the
// background sync after a send. Works offline: a sent message waits in the outbox.
#pragma once

#include <cstdint>
#include <string>

#include "kiosk/app.h"
#include "kiosk/messages/messages_screens.h"

namespace waymark::kiosk {

class MessagesFeature : public Feature {
public:
  void draw(ui::Ui& ui, KioskContext& ctx) override;
  void on_sign_out() override;
  int wake_ms() const override { return 1000; }  // new replies and receipts appear without a tap

private:
  enum class View { List, Conversation, Compose } view_ = View::List;
  int64_t worker_id_ = 0;
  std::string contact_name_;
  screens::ComposeVM compose_;
};

// Plain-words time of a message: "Today, 10:32", "Yesterday, 16:05", "3 November, 09:00".
std::string plain_time(const ui::Ui& ui, int64_t at_s, int64_t now_s);
// "Last checked for messages: today, 10:32" / "Not connected yet: messages wait and go later."
std::string sync_line(const ui::Ui& ui, const KioskContext& ctx);

}  // namespace waymark::kiosk

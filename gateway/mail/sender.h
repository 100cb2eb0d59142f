// gateway/mail/sender.h: sending what is due. flush_mail plans (plan.h) and then sends every due email one at
// a time through the queue's claim (queue.h), so a sender killed at any moment loses nothing and never sends an
// email under a second Message-ID. `mail flush` runs it once; the running gateway runs it on a MailSender
// thread that wakes when a notice or an email is committed (Db commit listeners) and at least every minute, so
// a worker hears of a child's message within a minute when their choice is "as they come".
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "core/storage/db.h"
#include "gateway/mail/relay.h"

namespace waymark::gateway {

// Hands one message to the relay: "" when it took it, else the reason (smtp.h's send_smtp by default).
using SendFn = std::function<std::string(const RelaySettings&, const std::string& rcpt, const std::string& message)>;

struct FlushReport {
  int queued = 0;  // emails planned in this flush
  int sent = 0;
  int not_sent = 0;           // tries that failed (retried later with a backoff)
  std::string last_error;     // the last failure's reason
};
// Plans, then sends due emails until none is due (at most `max_sends`). Without a relay: plans nothing, sends
// nothing. `now_ms` is read again for each email. Stops early, between emails, once `cancel` turns true.
FlushReport flush_mail(Db& db, const std::function<int64_t()>& now_ms, const SendFn& send = {}, int max_sends = 500,
                       const std::atomic<bool>* cancel = nullptr);

class MailSender {
public:
  // Opens its own connection to DIR/gateway.db when it starts.
  MailSender(std::string data_dir, std::function<int64_t()> now_ms);
  ~MailSender();
  MailSender(const MailSender&) = delete;
  MailSender& operator=(const MailSender&) = delete;
  void start();
  void stop();
  // Something was committed that may be mailed: flush soon. Cheap; safe from any thread.
  void wake();

private:
  void loop();
  std::string dir_;
  std::function<int64_t()> now_ms_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool woken_ = false, stopping_ = false;
  std::atomic<bool> cancel_{false};  // set by stop(): drops a conversation with a slow relay at once
  std::thread thread_;
};

inline constexpr int64_t kMailSenderIdleMs = 60'000;  // the sender flushes at least once a minute

}  // namespace waymark::gateway

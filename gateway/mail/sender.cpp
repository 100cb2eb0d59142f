#include "gateway/mail/sender.h"

#include <chrono>
#include <cstdio>
#include <memory>

#include "gateway/mail/plan.h"
#include "gateway/mail/queue.h"
#include "gateway/mail/smtp.h"
#include "gateway/store/database.h"

namespace waymark::gateway {

FlushReport flush_mail(Db& db, const std::function<int64_t()>& now_ms, const SendFn& send, int max_sends,
                       const std::atomic<bool>* cancel) {
  FlushReport r;
  r.queued = plan_mail(db, now_ms());
  const auto relay = relay_settings(db);
  if (!relay) return r;
  for (int i = 0; i < max_sends && !(cancel && cancel->load()); i++) {
    const auto m = claim_due_mail(db, now_ms());
    if (!m) break;
    // The relay the email was queued for may have changed since: today's settings, the email's own bytes.
    const std::string err = send ? send(*relay, m->rcpt, m->message) : send_smtp(*relay, m->rcpt, m->message);
    if (err.empty()) {
      mark_mail_sent(db, m->id, now_ms());
      r.sent++;
    } else {
      mark_mail_not_sent(db, *m, err, now_ms());
      r.not_sent++;
      r.last_error = err;
    }
  }
  return r;
}

MailSender::MailSender(std::string data_dir, std::function<int64_t()> now_ms)
    : dir_(std::move(data_dir)), now_ms_(std::move(now_ms)) {}

MailSender::~MailSender() { stop(); }

void MailSender::start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard lk(mu_);
    stopping_ = false;
  }
  cancel_ = false;
  thread_ = std::thread([this] { loop(); });
}

void MailSender::stop() {
  {
    std::lock_guard lk(mu_);
    stopping_ = true;
  }
  cancel_ = true;
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void MailSender::wake() {
  {
    std::lock_guard lk(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

void MailSender::loop() {
  std::unique_ptr<Db> db;
  for (;;) {
    try {
      if (!db) db = open_gateway(dir_);
      flush_mail(*db, now_ms_, [this](const RelaySettings& relay, const std::string& rcpt, const std::string& message) {
        SmtpOptions o;
        o.cancel = &cancel_;
        return send_smtp(relay, rcpt, message, o);
      }, 500, &cancel_);
    } catch (const std::exception& e) {  // a busy or broken database: say so, keep the gateway serving
      std::fprintf(stderr, "waymark-gateway: mail: %s\n", e.what());
      db.reset();
    }
    std::unique_lock lk(mu_);
    cv_.wait_for(lk, std::chrono::milliseconds(kMailSenderIdleMs), [this] { return woken_ || stopping_; });
    if (stopping_) return;
    woken_ = false;
  }
}

}  // namespace waymark::gateway

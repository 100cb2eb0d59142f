#include "core/sync/round.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/base/secrets.h"
#include "core/messaging/outbox.h"
#include "core/storage/device_store.h"
#include "core/storage/meta_keys.h"
#include "core/sync/departures.h"
#include "core/sync/device_key.h"
#include "core/sync/enrol.h"
#include "core/sync/feed.h"
#include "core/sync/gateway_session.h"
#include "core/sync/pack_fetch.h"
#include "core/sync/sync_proto.h"
#include "core/sync/sync_state.h"
#include "core/sync/wire.h"

namespace waymark {

using nlohmann::json;
using sync::jbool;
using sync::jint;
using sync::meta_i64;

std::string SyncReport::summary() const {
  std::string s = ok ? "synced" : "sync failed";
  s += ": up " + std::to_string(sent) + " sent (" + std::to_string(accepted) + " accepted, " + std::to_string(replayed) +
       " already there, " + std::to_string(refused) + " refused, " + std::to_string(conflicts) + " conflicts)";
  if (gaps) s += ", " + std::to_string(gaps) + " gap reports";
  s += "; down " + std::to_string(changes) + " changes (" + std::to_string(children) + " children, " +
       std::to_string(contacts) + " contacts, " + std::to_string(meetings) + " meetings, " + std::to_string(messages) +
       " messages, " + std::to_string(receipts) + " receipts)";
  if (reset) s += "; the gateway was restored, so everything was read again";
  if (packs_offered) s += "; " + std::to_string(packs_offered) + " content pack(s) offered";
  if (pack_bytes) s += "; fetched " + std::to_string(pack_bytes) + " bytes of a content pack" +
                       (pack_resumed_from ? " (went on from byte " + std::to_string(pack_resumed_from) + ")" : "");
  if (!pack_installed.empty()) s += "; installed content pack " + pack_installed;
  if (!pack_refused.empty()) s += "; content pack refused: " + pack_refused;
  if (!pack_error.empty()) s += "; " + pack_error;
  if (departed) s += "; " + std::to_string(departed) + " transferred child(ren) removed";
  if (history) s += "; " + std::to_string(history) + " record(s) a transferred child wrote elsewhere";
  if (!ok) s += "; " + error;
  return s;
}

namespace {

std::vector<OutboxItem> next_batch(Db& db) {
  std::vector<OutboxItem> batch;
  Stmt q(db,
         "SELECT id, seq, kind, child, body, created_at FROM outbox WHERE state = 'waiting' OR seq > :after "
         "ORDER BY seq LIMIT :n");
  q.bind(":after", meta_i64(db, kMetaSyncResendAfter)).bind(":n", sync::kMaxUpRecords);
  while (q.step()) {
    OutboxItem o;
    o.id = q.text(0);
    o.seq = q.i64(1);
    o.kind = q.text(2);
    o.child = q.text(3);
    o.body = q.text(4);
    o.created_at = q.i64(5);
    batch.push_back(std::move(o));
  }
  return batch;
}

// The receipts of one batch move the outbox states (caller owns the transaction).
void apply_receipts(Db& db, const json& answer, int64_t now_s, SyncReport& rep) {
  if (!answer.contains("receipts") || !answer["receipts"].is_array()) return;
  for (const json& j : answer["receipts"]) {
    const auto r = wire::parse<wire::UpReceipt>(j);
    if (!r) continue;
    auto before = outbox_get(db, r->id);
    if (!before) continue;
    if (r->status == "accepted") {
      if (before->state == "waiting") rep.accepted++;
      else rep.replayed++;
      outbox_advance(db, r->id, "sent", now_s);
    } else if (r->status == "refused") {
      rep.refused++;
      // Kept against the item with the gateway's plain words, and never sent again (next_batch).
      std::string why = r->reason.value_or("refused");
      if (r->detail) why += ": " + r->detail->substr(0, 300);
      outbox_advance(db, r->id, "refused", now_s, why);
    } else if (r->status == "conflict") {
      rep.conflicts++;
      outbox_advance(db, r->id, "refused", now_s, "conflict");
    }
  }
}

// Up: waiting records, and after a gap or a restore everything after what the gateway holds.
bool send_up(Db& db, sync::GatewaySession& s, const Clock& clock, const SyncOptions& opt, SyncReport& rep,
             sync::Answer& failed) {
  for (int round = 0; round < opt.max_rounds; round++) {
    const std::vector<OutboxItem> batch = next_batch(db);
    if (batch.empty()) break;
    json recs = json::array();
    for (const OutboxItem& o : batch)
      recs.push_back(json{{"id", o.id}, {"seq", o.seq}, {"kind", o.kind}, {"child", o.child}, {"created_at", o.created_at}, {"body", o.body}});
    sync::Answer a = sync::signed_post(s, "/v1/up", json{{"records", recs}});
    if (!a.ok) {
      failed = std::move(a);
      return false;
    }
    rep.sent += static_cast<int>(batch.size());
    Txn t(db);
    apply_receipts(db, a.body, clock.now_s(), rep);
    int64_t after = std::max(meta_i64(db, kMetaSyncResendAfter), batch.back().seq);
    if (a.body.contains("gap") && a.body["gap"].is_object()) {
      rep.gaps++;
      // The gateway misses records before this batch. Send again the ones this device still has; a
      // seq this device no longer has cannot be filled, and the gateway has reported it.
      const int64_t expected = jint(a.body["gap"], "expected", 1);
      Stmt have(db, "SELECT 1 FROM outbox WHERE seq >= :e AND seq < :f LIMIT 1");
      have.bind(":e", expected).bind(":f", batch.front().seq);
      if (have.step()) after = std::min(after, expected - 1);
    }
    meta_set(db, kMetaSyncResendAfter, std::to_string(after));
    sync::raise_gateway_time(db, jint(a.body, "time_ms"));
    t.commit();
    rep.gateway_time_ms = std::max(rep.gateway_time_ms, jint(a.body, "time_ms"));
  }
  return true;
}

// Down: pages of the feed, each applied with its cursor in one transaction.
bool read_down(Db& db, sync::GatewaySession& s, const Clock& clock, const SyncOptions& opt, SyncReport& rep,
               sync::Answer& failed) {
  const std::string my_wing = meta_get(db, kMetaWing);
  {
    // After `waymarkctl wipe` (children's data gone, enrolment kept) the roster must be read again.
    Stmt c(db, "SELECT count(*) FROM children");
    c.step();
    if (c.i64(0) == 0 && meta_i64(db, kMetaSyncCursor) > 0) {
      Txn t(db);
      meta_set(db, kMetaSyncCursor, "0");
      t.commit();
    }
  }
  for (int page = 0; page < opt.max_rounds; page++) {
    json req{{"epoch", meta_get(db, kMetaSyncEpoch)}, {"cursor", meta_i64(db, kMetaSyncCursor)}, {"limit", opt.down_limit}};
    sync::Answer a = sync::signed_post(s, "/v1/down", req);
    if (!a.ok) {
      failed = std::move(a);
      return false;
    }
    const json& b = a.body;
    const int64_t now_s = clock.now_s();
    const bool nothing = !jbool(b, "reset") && (!b.contains("changes") || !b["changes"].is_array() || b["changes"].empty()) &&
                         jint(b, "cursor") == meta_i64(db, kMetaSyncCursor) &&
                         jint(b, "time_ms") - meta_i64(db, kMetaGatewayTimeMs) < 60'000;
    rep.gateway_time_ms = std::max(rep.gateway_time_ms, jint(b, "time_ms"));
    if (nothing) break;  // an idle poll writes nothing (no fsync); the time floor is saved at least once a minute
    Txn t(db);
    if (jbool(b, "reset")) {
      rep.reset = true;
      // Rows the restored gateway may no longer have are dropped and re-read; messages stay (ids dedupe them).
      db.exec("DELETE FROM contacts; DELETE FROM synced_meetings;");
      meta_set(db, kMetaSyncEpoch, b.value("epoch", ""));
      // Everything after what the restored gateway holds goes up again at the next round.
      meta_set(db, kMetaSyncResendAfter, std::to_string(std::min(meta_i64(db, kMetaSyncResendAfter), jint(b, "device_seq"))));
      audit(db, now_s, "sync", "sync.reset", "gateway epoch " + b.value("epoch", ""));
    }
    if (b.contains("changes") && b["changes"].is_array())
      for (const json& ch : b["changes"])
        if (ch.is_object()) sync::apply_change(db, ch, my_wing, now_s, rep, opt.pin_seal);
    meta_set(db, kMetaSyncCursor, std::to_string(jint(b, "cursor")));
    sync::note_round_ok(db, jint(b, "time_ms"));
    t.commit();
    if (!jbool(b, "more")) break;
  }
  return true;
}

void add_second_round(SyncReport& rep, const SyncReport& second) {
  rep.sent += second.sent;
  rep.accepted += second.accepted;
  rep.replayed += second.replayed;
  rep.refused += second.refused;
  rep.conflicts += second.conflicts;
  rep.receipts += second.receipts;
  rep.changes += second.changes;
  rep.packs_offered += second.packs_offered;
  rep.pack_bytes += second.pack_bytes;
  rep.pack_resumed_from = second.pack_resumed_from;
  rep.pack_installed = second.pack_installed;
  rep.pack_refused = second.pack_refused;
  rep.pack_error = second.pack_error;
}

}  // namespace

HttpClient& SyncLink::client(const GatewayAddress& addr, const std::string& pin, const HttpOptions& opt) {
  const std::string target = addr.base() + " " + pin + " " + std::to_string(opt.connect_timeout_ms) + " " +
                             std::to_string(opt.total_timeout_ms) + " " + std::to_string(opt.reuse_idle_s);
  if (!client_ || target != target_) {
    client_ = std::make_unique<HttpClient>(addr, pin, opt);
    target_ = target;
  }
  return *client_;
}

SyncReport sync_once(Db& db, const Clock& clock, const SyncOptions& opt) {
  SyncReport rep;
  if (!device_enrolled(db)) {
    rep.error = "This device is not enrolled. Run `waymarkctl enrol` first.";
    return rep;
  }
  auto addr = parse_gateway_url(meta_get(db, kMetaGatewayUrl));
  if (!addr) {
    rep.error = "The stored gateway settings are damaged. Enrol the device again.";
    return rep;
  }
  DeviceKeyRead key = read_device_key(db, opt.pin_seal);
  if (key.secret_key.empty()) {  // a sealed key without its pepper is IT's to fix, never a reason to enrol again
    rep.error = key.error;
    return rep;
  }
  SyncLink own;  // no link given: this round's connection closes with it
  HttpClient& http = (opt.link ? *opt.link : own).client(*addr, meta_get(db, kMetaSyncPin), opt.http);
  sync::GatewaySession s{http, meta_get(db, kMetaDeviceId), key.secret_key, 0, clock};
  wipe(key.secret_key);
  sync::Answer failed;
  if (!send_up(db, s, clock, opt, rep, failed) || !read_down(db, s, clock, opt, rep, failed)) {
    rep.error = failed.error;
    rep.refusal = failed.code;
    return rep;
  }
  // A child transferred away leaves once the up above took everything of theirs (departures.h).
  rep.departed += static_cast<int>(sync::remove_departed_children(db, clock.now_s(), opt.in_session).size());
  // A content pack the feed offered: fetched (and installed) after the feed, outside its transactions.
  if (!rep.reset) sync::fetch_pack(db, s, clock, opt, rep);
  // A reset lowered resend_after: send again now so nothing waits for the next round (that round fetches).
  if (rep.reset) {
    SyncReport second = sync_once(db, clock, opt);
    add_second_round(rep, second);
    if (!second.ok) return second;
  }
  rep.ok = true;
  return rep;
}

}  // namespace waymark

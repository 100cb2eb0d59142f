#include "gateway/store/device_api.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <vector>

#include "core/base/secrets.h"
#include "gateway/ops/metrics.h"
#include "core/base/json_limits.h"
#include "core/base/text.h"
#include "core/sync/sync_proto.h"
#include "core/sync/wire.h"
#include "core/sync/wire_check.h"
#include "gateway/mail/notices.h"
#include "gateway/store/audit.h"
#include "gateway/store/carried_drafts.h"
#include "gateway/store/checks.h"
#include "gateway/store/child_history.h"
#include "gateway/store/contacts.h"
#include "gateway/store/database.h"
#include "gateway/store/establishments.h"
#include "gateway/store/refusals.h"

namespace waymark::gateway {

using nlohmann::json;

// ================================================================= enrol and authenticate
json api_enrol(Db& db, const json& req, const std::string& address, int64_t now_ms) {
  check_keys(req, {"code", "public_key"}, {"label"});
  std::string code = str_field(req, "code", 64);
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string pk;
  if (!sync::base64_decode(str_field(req, "public_key", 128), pk) || pk.size() != crypto_sign_PUBLICKEYBYTES)
    bad("bad_key", "The public key must be 32 bytes of base64.");
  const std::string label = req.contains("label") ? sanitize_text(str_field(req, "label", 256), 64, false) : std::string();
  const std::string addr = address_key(address);
  Txn t(db);
  if (refusals_now(db, "enrol", addr, now_ms) >= kEnrolRefusalsPerWindow)  // refused before any write
    throw ApiError(429, "too_many_tries", "Too many wrong enrolment codes from this network. Try again in " +
                                              std::to_string((seconds_to_next_window(now_ms) + 59) / 60) + " minutes.");
  Stmt s(db, "SELECT wing, expires_at, used_at, establishment_id FROM enrol_codes WHERE code_hash = :h");
  s.bind(":h", sync::sha256_hex(code));
  if (!s.step() || !s.is_null(2) || s.i64(1) <= now_ms) {
    count_refusal(db, "enrol", addr, "enrol.refused", "wrong, used or expired code", now_ms);
    t.commit();
    throw ApiError(403, "bad_code", "That enrolment code is wrong, used or expired. Ask for a new one.");
  }
  const std::string wing = s.text(0);
  const int64_t est = s.i64(3);
  {
    Stmt k(db, "SELECT 1 FROM devices WHERE public_key = :k");
    k.bind_blob(":k", pk.data(), pk.size());
    if (k.step()) throw ApiError(409, "key_in_use", "This device key is already enrolled.");
  }
  const std::string id = random_id();
  Stmt d(db,
         "INSERT INTO devices(id, public_key, wing, establishment_id, label, enrolled_at, last_seen) "
         "VALUES(:id, :k, :w, :e, :l, :now, :now)");
  d.bind(":id", id).bind_blob(":k", pk.data(), pk.size()).bind(":w", wing).bind(":e", est).bind(":l", label);
  d.bind(":now", now_ms).run();
  const auto where = establishment_by_id(db, est);
  Stmt u(db, "UPDATE enrol_codes SET used_at = :now, device_id = :id WHERE code_hash = :h");
  u.bind(":now", now_ms).bind(":id", id).bind(":h", sync::sha256_hex(code)).run();
  audit(db, now_ms, "device", "device.enrol",
        id + " " + (where ? where->code : std::string("?")) + " wing " + wing + (label.empty() ? "" : " (" + label + ")"));
  t.commit();
  return json{{"device_id", id},
              {"establishment", where ? where->name : gateway_meta(db, "establishment")},
              {"wing", wing},
              {"epoch", gateway_meta(db, "epoch")},
              {"time_ms", now_ms}};
}

Device authenticate(Db& db, const std::string& device_id, const std::string& time_ms, const std::string& sig_b64,
                    const std::string& method, const std::string& path, const std::string& body, int64_t now_ms,
                    bool allow_revoked) {
  if (!sync::is_hex_id(device_id)) throw ApiError(401, "unknown_device", "This device is not enrolled.");
  Stmt s(db, "SELECT public_key, wing, revoked_at, establishment_id FROM devices WHERE id = :id");
  s.bind(":id", device_id);
  if (!s.step()) throw ApiError(401, "unknown_device", "This device is not enrolled.");
  if (!s.is_null(2) && !allow_revoked) throw ApiError(401, "revoked_device", "This device has been revoked.");
  const auto pkv = s.blob(0);
  const std::string pk(pkv.begin(), pkv.end());
  Device d{device_id, s.text(1), s.i64(3), s.is_null(2) ? 0 : s.i64(2)};
  if (time_ms.empty() || time_ms.size() > 15 || !digits(time_ms, 1, 15)) throw ApiError(401, "bad_signature", "The request is not signed.");
  const int64_t t = std::stoll(time_ms);
  std::string sig;
  if (!sync::base64_decode(sig_b64, sig) ||
      !sync::verify_detached(sync::string_to_sign(method, path, device_id, t, body), sig, pk))
    throw ApiError(401, "bad_signature", "The request signature does not match.");
  if (t < now_ms - sync::kClockWindowMs || t > now_ms + sync::kClockWindowMs) throw ApiError(401, "clock", "The device clock is wrong.");
  return d;
}

// ================================================================= up
namespace {

struct UpRecord {
  std::string id, kind, child, body;
  int64_t seq, created_at;
};

// The request's records, each checked on its own and against the others; any problem refuses them all.
std::vector<UpRecord> read_up_records(const json& req) {
  check_keys(req, {"records"}, {});
  const json& recs = req.at("records");
  if (!recs.is_array() || recs.empty() || recs.size() > static_cast<size_t>(sync::kMaxUpRecords))
    bad("bad_request", "\"records\" must be a list of 1 to 100 records.");
  std::vector<UpRecord> in;
  std::set<std::string> ids;
  for (const json& r : recs) {
    check_keys(r, {"id", "seq", "kind", "child", "created_at", "body"}, {});
    UpRecord x{str_field(r, "id", 32), str_field(r, "kind", 16), str_field(r, "child", 16), str_field(r, "body", sync::kMaxBodyBytes),
               int_field(r, "seq", 1, (1LL << 53)), int_field(r, "created_at", 0, (1LL << 40))};
    if (!sync::is_hex_id(x.id)) bad("bad_request", "A record id must be 32 lowercase hex characters.");
    if (x.kind != "message" && x.kind != "enquiry" && x.kind != "myviews" && x.kind != "plan_answer" && x.kind != "draft")
      bad("bad_request", "Unknown record kind " + x.kind + ".");
    if (!digits(x.child, 1, 16)) bad("bad_request", "A child's sign-in number must be 1 to 16 digits.");
    if (!ids.insert(x.id).second) bad("bad_request", "The same record id appears twice in one request.");
    in.push_back(std::move(x));
  }
  return in;
}

// A record whose id or (device, seq) is already stored: the original receipt for the same record again, a
// conflict (audited) for anything else. std::nullopt for a new record.
std::optional<json> receipt_if_known(Db& db, const Device& d, const UpRecord& x, int64_t now_ms) {
  Stmt old(db, "SELECT device_id, device_seq, kind, child, body, receipt FROM records WHERE id = :id");
  old.bind(":id", x.id);
  if (old.step()) {
    if (old.text(0) == d.id && old.i64(1) == x.seq && old.text(2) == x.kind && old.text(3) == x.child && old.text(4) == x.body)
      return json::parse(old.text(5));  // the original receipt
    audit(db, now_ms, "device " + d.id, "record.conflict", x.id);
    return json{{"id", x.id}, {"status", "conflict"}};
  }
  Stmt same_seq(db, "SELECT 1 FROM records WHERE device_id = :d AND device_seq = :s");
  same_seq.bind(":d", d.id).bind(":s", x.seq);
  if (same_seq.step()) {
    audit(db, now_ms, "device " + d.id, "record.conflict", x.id + " reuses seq " + std::to_string(x.seq));
    return json{{"id", x.id}, {"status", "conflict"}};
  }
  return std::nullopt;
}

// What the record may do: an empty reason accepts it (a message then goes to `worker`), otherwise the
// reason it is refused, a code for programs (wire.h's UpReceipt) and, for a body that does not fit its wire
// type, the plain words the kiosk keeps against the outbox item in `detail`.
struct Refusal {
  std::string reason, detail;
};
// A child who was transferred away from this device's wing: what the old kiosk still held is theirs, and lands in
// their history (issue 14: "after anything still waiting on those kiosks has been collected").
bool child_left_wing(Db& db, const Device& d, const std::string& child) {
  Stmt s(db, "SELECT 1 FROM transfers WHERE child = :c AND from_establishment = :e AND from_wing = :w");
  s.bind(":c", child).bind(":e", d.establishment).bind(":w", d.wing);
  return s.step();
}

Refusal refusal_of(Db& db, const Device& d, const UpRecord& x, std::optional<int64_t>& worker) {
  // A child of another wing or establishment gets the same refusal as an unknown child.
  const auto wing = child_wing(db, x.child);
  if ((!wing || !(*wing == WingRef{d.establishment, d.wing})) && !child_left_wing(db, d, x.child))
    return {"not_on_wing", {}};
  const json body = parse_json_limited(x.body);  // a string inside the request: bounded like the request
  if (body.is_discarded()) return {"bad_body", "the body is not JSON, or is nested too deeply"};
  if (std::string why = wire::upload_problem(x.kind, x.child, body); !why.empty()) return {"bad_body", why};
  if (x.kind != "message") return {};
  const auto m = wire::parse<wire::MessageBody>(body);
  if (!contact_allowed(db, x.child, m->to)) return {"contact_not_allowed", {}};
  worker = m->to;
  return {};
}

// Stores a new record with its receipt (accepted, or refused with the reason) and returns the receipt.
json store_record(Db& db, const Device& d, const UpRecord& x, const Refusal& refusal, std::optional<int64_t> worker,
                  int64_t now_ms) {
  const std::string& reason = refusal.reason;
  int64_t server_seq = 1;
  {
    Stmt mx(db, "SELECT coalesce(max(rec_seq), 0) + 1 FROM records");  // records are never deleted
    mx.step();
    server_seq = mx.i64(0);
  }
  wire::UpReceipt receipt;
  receipt.id = x.id;
  receipt.status = reason.empty() ? "accepted" : "refused";
  receipt.server_seq = server_seq;
  receipt.received_at = now_ms;
  if (reason.empty()) node_metrics().records_accepted(x.kind, 1);
  else node_metrics().record_refused(reason);
  if (!reason.empty()) {
    receipt.reason = reason;
    if (!refusal.detail.empty()) receipt.detail = refusal.detail;
    audit(db, now_ms, "device " + d.id, "record.refused",
          x.id + " " + reason + (refusal.detail.empty() ? "" : " (" + refusal.detail + ")"));
  }
  Stmt ins(db,
           "INSERT INTO records(rec_seq, id, device_id, device_seq, kind, child, body, created_at, status, reason, received_at, receipt, worker_id) "
           "VALUES(:q, :id, :d, :s, :k, :c, :b, :ca, :st, :r, :now, :rc, :w)");
  ins.bind(":q", server_seq).bind(":id", x.id).bind(":d", d.id).bind(":s", x.seq).bind(":k", x.kind).bind(":c", x.child).bind(":b", x.body);
  ins.bind(":ca", x.created_at).bind(":st", reason.empty() ? "accepted" : "refused").bind(":now", now_ms).bind(":w", worker);
  ins.bind(":rc", wire::body_text(receipt));
  if (reason.empty()) ins.bind_null(":r");
  else ins.bind(":r", reason);
  ins.run();
  return json(receipt);
}

// The highest seq below which every seq from the device is stored, after `seq` arrived. `stored_high` is the
// highest seq stored from the device: above it there is nothing to look for (the usual case, in order).
int64_t advance_seq_high(Db& db, const Device& d, int64_t seq_high, int64_t seq, int64_t stored_high) {
  if (seq != seq_high + 1) return seq_high;
  seq_high = seq;
  while (seq_high < stored_high) {
    Stmt nx(db, "SELECT 1 FROM records WHERE device_id = :d AND device_seq = :s");
    nx.bind(":d", d.id).bind(":s", seq_high + 1);
    if (!nx.step()) break;
    seq_high++;
  }
  return seq_high;
}

}  // namespace

namespace {

// Inside a transaction: the records of one /v1/up, and the device's new seq_high.
json store_upload(Db& db, const Device& d, const std::vector<UpRecord>& in, int64_t now_ms) {
  require_transaction(db, "store_upload");
  int64_t seq_high = 0, stored_high = 0;
  {
    Stmt s(db,
           "SELECT seq_high, (SELECT coalesce(max(device_seq), 0) FROM records WHERE device_id = :d) "
           "FROM devices WHERE id = :d");
    s.bind(":d", d.id);
    if (s.step()) {
      seq_high = s.i64(0);
      stored_high = s.i64(1);
    }
  }
  json receipts = json::array();
  json gap = nullptr;
  for (const UpRecord& sent : in) {
    UpRecord x = sent;
    if (x.kind == "draft") x.body = draft_stand_in(sent.body);  // its words are kept apart (carried_drafts.h)
    if (auto known = receipt_if_known(db, d, x, now_ms)) {
      receipts.push_back(std::move(*known));
      continue;
    }
    if (x.seq > seq_high + 1 && gap.is_null()) {
      gap = json{{"expected", seq_high + 1}, {"got", x.seq}};
      Stmt g(db, "INSERT INTO seq_gaps(device_id, expected, got, at) VALUES(:d, :e, :g, :at) ON CONFLICT DO NOTHING");
      g.bind(":d", d.id).bind(":e", seq_high + 1).bind(":g", x.seq).bind(":at", now_ms).run();
      if (db.changes() > 0)
        audit(db, now_ms, "device " + d.id, "seq_gap", "expected " + std::to_string(seq_high + 1) + ", got " + std::to_string(x.seq));
    }
    std::optional<int64_t> worker;
    const Refusal refusal = refusal_of(db, d, sent, worker);
    receipts.push_back(store_record(db, d, x, refusal, worker, now_ms));
    stored_high = std::max(stored_high, x.seq);
    seq_high = advance_seq_high(db, d, seq_high, x.seq, stored_high);
    if (receipts.back()["status"] == "accepted" && x.kind == "draft") {
      carry_draft(db, sent.child, sent.body);  // only to the child's kiosks: no notice, no history
    } else if (receipts.back()["status"] == "accepted") {
      notify_record_accepted(db, x.kind, x.child, worker, x.id, now_ms);  // gateway/mail
      forward_child_history(db, x.id);  // a transferred child's record also goes to the kiosks where they are now
      settle_carried_drafts(db, x.kind, x.child, x.body);  // a sent My Views or goal ends its carried draft
    }
  }
  Stmt up(db, "UPDATE devices SET seq_high = :s, last_seen = :now WHERE id = :d");
  up.bind(":s", seq_high).bind(":now", now_ms).bind(":d", d.id).run();
  return json{{"receipts", receipts}, {"device_seq", seq_high}, {"gap", gap}, {"time_ms", now_ms}};
}

}  // namespace

json api_up(Db& db, const Device& d, const json& req, int64_t now_ms, GroupCommit* together) {
  const std::vector<UpRecord> in = read_up_records(req);
  json out;
  const auto step = [&](Db& w) { out = store_upload(w, d, in, now_ms); };
  if (together) {
    together->run(db, step);
  } else {
    Txn t(db);
    step(db);
    t.commit();
  }
  return out;
}

// ================================================================= down
json api_down(Db& db, const Device& d, const json& req, int64_t now_ms) {
  check_keys(req, {"epoch", "cursor"}, {"limit"});
  const std::string& epoch = str_field(req, "epoch", 64);
  int64_t cursor = int_field(req, "cursor", 0, (1LL << 53));
  const int64_t limit = req.contains("limit") ? int_field(req, "limit", 1, sync::kMaxDownLimit) : 500;
  Txn t(db, TxnKind::Deferred);  // one consistent snapshot
  // What a poll needs to know before its page, in one statement: on PostgreSQL each statement is a round trip,
  // and an idle poll is mostly round trips.
  std::string cur_epoch;
  int64_t head = 0, seq_high = 0, last_seen = 0;
  {
    Stmt h(db,
           "SELECT (SELECT value FROM meta WHERE key = :k), (SELECT coalesce(max(server_seq), 0) FROM changes), "
           "(SELECT seq_high FROM devices WHERE id = :d), (SELECT last_seen FROM devices WHERE id = :d)");
    h.bind(":k", "epoch").bind(":d", d.id);
    h.step();
    cur_epoch = h.text(0);
    head = h.i64(1);
    seq_high = h.i64(2);
    last_seen = h.i64(3);
  }
  const bool reset = epoch != cur_epoch || cursor > head;
  if (reset) cursor = 0;
  json changes = json::array();
  Stmt s(db,
         "SELECT server_seq, kind, payload FROM changes WHERE server_seq > :c AND "
         "((wing = :w AND COALESCE(establishment_id, 1) = :e) OR device_id = :d OR (wing IS NULL AND device_id IS NULL)) "
         "ORDER BY server_seq LIMIT :n");
  s.bind(":c", cursor).bind(":w", d.wing).bind(":e", d.establishment).bind(":d", d.id).bind(":n", limit);
  int64_t last = cursor;
  size_t bytes = 0;
  bool full = false;  // the page reached its byte budget before its count
  while (s.step()) {
    const std::string payload = s.text(2);
    bytes += payload.size();
    // A kiosk abandons an answer over 8 MiB; a page of large changes (a transferred child's history carries
    // My Views bodies of up to 64 KiB) stops at half that, and the kiosk reads on with `more`.
    if (!changes.empty() && bytes > sync::kMaxResponseBytes / 2) {
      full = true;
      break;
    }
    last = s.i64(0);
    changes.push_back(json{{"seq", last}, {"kind", s.text(1)}, {"data", json::parse(payload)}});
  }
  s.reset();
  const bool more = (full || static_cast<int64_t>(changes.size()) == limit) && last < head;
  const int64_t new_cursor = more ? last : head;
  t.commit();
  if (now_ms - last_seen > 60'000) {  // a durable write (an fsync) at most once a minute per device, not per poll
    Txn w(db);
    Stmt ls(db, "UPDATE devices SET last_seen = :now WHERE id = :d");
    ls.bind(":now", now_ms).bind(":d", d.id).run();
    w.commit();
  }
  return json{{"epoch", cur_epoch}, {"reset", reset}, {"cursor", new_cursor}, {"more", more},
              {"device_seq", seq_high}, {"time_ms", now_ms}, {"changes", changes}};
}

// ================================================================= standing (doctor, decommission)
json api_hello(Db& db, const Device& d, const json& req, int64_t now_ms) {
  check_keys(req, {}, {});
  // Nothing is written here, not even last_seen: `waymarkctl doctor` may run as often as IT likes.
  const auto where = establishment_by_id(db, d.establishment);
  return json{{"device_id", d.id},
              {"wing", d.wing},
              {"establishment", where ? where->name : gateway_meta(db, "establishment")},
              {"epoch", gateway_meta(db, "epoch")},
              {"active", true},
              {"time_ms", now_ms}};
}

json api_leave(Db& db, const Device& d, const json& req, int64_t now_ms) {
  check_keys(req, {}, {"reason"});
  const std::string reason =
      req.contains("reason") ? sanitize_text(str_field(req, "reason", 512), 120, false) : std::string("decommissioned");
  Txn t(db);
  Stmt cur(db, "SELECT revoked_at FROM devices WHERE id = :id");
  cur.bind(":id", d.id);
  if (!cur.step()) throw ApiError(401, "unknown_device", "This device is not enrolled.");
  int64_t revoked_at = cur.is_null(0) ? 0 : cur.i64(0);
  const bool already = revoked_at != 0;
  if (!already) {
    Stmt u(db, "UPDATE devices SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL");
    u.bind(":now", now_ms).bind(":id", d.id).run();
    revoked_at = now_ms;
    audit(db, now_ms, "device " + d.id, "device.decommission", d.id + " wing " + d.wing + ": " + reason);
    t.commit();
  }
  return json{{"device_id", d.id}, {"revoked", true}, {"already", already}, {"revoked_at", revoked_at}, {"time_ms", now_ms}};
}

}  // namespace waymark::gateway

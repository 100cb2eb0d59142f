// core/sync/sync_client.h: the kiosk's side of docs/sync-protocol.md.
//
// Index
//  - GatewayAddress : "https://HOST:PORT" and nothing else
//  - HttpClient     : libcurl locked to the enrolled gateway: HTTPS only, no redirects, pinned key,
//                     environment proxies ignored, TLS 1.2+, timeouts, a response size cap
//  - enrol_device   : one-time code -> device identity (Ed25519 key made here, kept in the device database)
//  - sync_once      : one round: up (outbox), then down (feed pages), each applied in one transaction with
//                     the cursor / acknowledged sequence it moves
//  - SyncService    : the kiosk's background sync thread on its own database connection
// Expected failures (gateway unreachable, refused) are values with plain words; nothing here throws for them.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/base/clock.h"
#include "core/storage/db.h"

namespace waymark {

// Device migration 30 (contacts, inbox, receipts, synced_meetings), listed in core/storage/migrations.cpp.
extern const char* const kSyncMigration;
// Device migration 31: pack_downloads, the content packs the gateway offered and what became of each.
extern const char* const kSyncPackMigration;

struct GatewayAddress {
  std::string host;
  int port = 443;
  std::string base() const { return "https://" + host + ":" + std::to_string(port); }
};
// Accepts only https://HOST[:PORT] (no path, user, query); host is a name or an IPv4 address.
std::optional<GatewayAddress> parse_gateway_url(const std::string& url);
bool valid_pin_string(const std::string& pin);  // sha256//BASE64 of 32 bytes

struct HttpResult {
  int status = 0;         // 0: no answer (see error)
  std::string body;
  std::string error;      // transport failure in plain words
  bool pin_mismatch = false;
  int transport_code = 0; // the libcurl code (CURLcode) when status == 0; core/sync/gateway_probe.cpp names it
  std::string content_range;  // the Content-Range response header, if any
};

struct HttpOptions {
  long connect_timeout_ms = 5000;   // default 5 s
  long total_timeout_ms = 30000;    // default 30 s
};

class HttpClient {
public:
  HttpClient(GatewayAddress addr, std::string pin, HttpOptions opt = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;
  // path must be one of the protocol's fixed paths ("/v1/...").
  HttpResult post(const std::string& path, const std::string& body, const std::vector<std::string>& headers);
  // A GET of a fixed path; an answer bigger than max_bytes is abandoned (never more than 8 MiB).
  HttpResult get(const std::string& path, const std::vector<std::string>& headers, size_t max_bytes);

private:
  HttpResult perform(bool is_post, const std::string& path, const std::string& body,
                     const std::vector<std::string>& headers, size_t max_bytes);
  GatewayAddress addr_;
  std::string pin_;
  HttpOptions opt_;
  void* curl_ = nullptr;
};

struct EnrolResult {
  bool ok = false;
  std::string error;  // plain words
  std::string device_id, wing, establishment;
};
// Refuses when already enrolled (unless force). Stores everything in one transaction on success.
EnrolResult enrol_device(Db& db, const std::string& gateway_url, const std::string& pin, const std::string& code,
                         const std::string& label, const Clock& clock, bool force = false);
bool device_enrolled(Db& db);

struct SyncReport {
  bool ok = false;
  std::string error;        // plain words when !ok
  std::string refusal;      // the gateway's error code when it refused us (unknown_device, revoked_device, ...)
  int sent = 0, accepted = 0, refused = 0, conflicts = 0, replayed = 0;
  int gaps = 0;             // gap reports from the gateway this round
  int changes = 0, children = 0, contacts = 0, meetings = 0, messages = 0, receipts = 0;
  bool reset = false;       // the gateway's epoch changed (restored backup) or our cursor was ahead
  int64_t gateway_time_ms = 0;
  // content packs (docs/sync-protocol.md, "Content packs")
  int packs_offered = 0;           // `pack` changes newer than the installed pack, recorded as wanted
  int64_t pack_bytes = 0;          // bytes of a pack fetched this round
  int64_t pack_resumed_from = 0;   // the download went on from this byte (0: from the start)
  std::string pack_installed;      // "ID vN" when a pack was installed this round
  std::string pack_refused;        // the plain reason when the device refused the downloaded pack
  std::string pack_error;          // the download did not finish (tried again next round)
  std::string summary() const;  // one line, for waymarkctl sync and the log
};

struct SyncOptions {
  int max_rounds = 50;      // default 50 up batches and 50 down pages per call
  int down_limit = 500;     // default 500 changes per page
  size_t pack_chunk_bytes = 1u << 20;  // default 1 MiB per range request when fetching a content pack
  const std::atomic<bool>* cancel = nullptr;  // default none: when set and true, a pack download stops between chunks
  HttpOptions http;
};
// A round also fetches the newest wanted content pack (after the feed, outside any transaction) into
// DATA/packs/partial-SHA256, going on from what an earlier round left, and installs it with install_pack.
SyncReport sync_once(Db& db, const Clock& clock, const SyncOptions& opt = {});

// The newest content pack the gateway offered and what became of it, for `waymarkctl sync` and `status`.
struct PackDownload {
  std::string sha256, pack_id, state;  // state: wanted, installed, refused, superseded
  int64_t version = 0, size = 0, have = 0;  // have: bytes downloaded so far (wanted only)
  int attempts = 0;
  std::string reason;                  // refused: why; wanted: the last download problem, if any
};
std::optional<PackDownload> latest_pack_download(Db& db);
// One line: "demo v2: refused: unknown-key: The pack is signed by a key this device does not trust ..."
std::string describe_pack_download(const PackDownload& d);
std::string pack_partial_path(Db& db, const std::string& sha256);  // empty for an in-memory database

// Newest authenticated gateway time this device has seen (unix ms), 0 if none.
int64_t gateway_time_floor(Db& db);

class SyncService {
public:
  struct Status {
    int64_t last_ok_ms = 0;     // gateway time of the last good round (0: never)
    bool last_failed = false;
    std::string last_error;
    int rounds = 0;
  };
  // db_path: the device database (opened again on the sync thread). clock: its floor is raised to the
  // gateway's time after each round (an atomic store; safe across threads).
  SyncService(std::string db_path, OffsetClock& clock, int interval_ms = 30000);
  ~SyncService();
  void start();
  void stop();
  void poke();          // sync soon (a new message in the outbox)
  Status status() const;
  // Bumped after every round that changed local data, so screens know to re-read.
  int64_t generation() const { return generation_.load(); }

private:
  void loop();
  std::string db_path_;
  OffsetClock& clock_;
  int interval_ms_;
  std::thread thread_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false, poked_ = false;
  std::atomic<bool> cancel_{false};  // stops a pack download between chunks, so stop() does not wait for it
  Status status_;
  std::atomic<int64_t> generation_{0};
};

}  // namespace waymark

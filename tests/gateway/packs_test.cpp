// Content packs over sync, over real HTTPS on 127.0.0.1: the gateway's publish checks, GET /v1/packs/SHA256
// with ranges, and the kiosk fetching (resuming, throwing away a bad download, refusing an untrusted pack
// once and for all) and installing through install_pack, forms included.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <thread>
#include <vector>

#include "core/base/dates.h"
#include "core/myviews/forms.h"
#include "core/catalogue/pack.h"
#include "core/ops/provisioning.h"
#include "gateway/store/packs.h"
#include "tests/gateway/fixture.h"

using namespace waymark;
using namespace waymark::testing;

namespace {

// A TCP relay in front of the gateway that can cut every connection once `budget` bytes have come back from
// the gateway (a network that drops in the middle of a download). budget < 0: no limit.
class CutProxy {
public:
  explicit CutProxy(int upstream) : upstream_(upstream) {
    lfd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(lfd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(lfd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t l = sizeof a;
    ::getsockname(lfd_, reinterpret_cast<sockaddr*>(&a), &l);
    port_ = ntohs(a.sin_port);
    ::listen(lfd_, 16);
    thread_ = std::thread([this] { accept_loop(); });
  }
  ~CutProxy() {
    stop_ = true;
    ::shutdown(lfd_, SHUT_RDWR);
    ::close(lfd_);
    thread_.join();
    for (auto& t : conns_) t.join();
  }
  int port() const { return port_; }
  std::atomic<int64_t> budget{-1};
  std::atomic<int> cuts{0};

private:
  void accept_loop() {
    while (!stop_) {
      const int c = ::accept(lfd_, nullptr, nullptr);
      if (c < 0) {
        if (stop_) return;
        continue;
      }
      conns_.emplace_back([this, c] { relay(c); });
    }
  }
  void relay(int c) {
    const int u = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(upstream_));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(u, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
      char buf[8192];
      for (;;) {
        pollfd p[2] = {{c, POLLIN, 0}, {u, POLLIN, 0}};
        if (::poll(p, 2, 20) < 0 || stop_) break;
        if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
          const ssize_t n = ::read(c, buf, sizeof buf);
          if (n <= 0 || ::write(u, buf, static_cast<size_t>(n)) != n) break;
        }
        if (p[1].revents & (POLLIN | POLLHUP | POLLERR)) {
          const ssize_t n = ::read(u, buf, sizeof buf);
          if (n <= 0) break;
          const int64_t left = budget.load();
          if (left >= 0 && left < n) {
            budget = 0;
            cuts++;
            break;  // the line drops
          }
          if (left >= 0) budget -= n;
          if (::write(c, buf, static_cast<size_t>(n)) != n) break;
        }
      }
    }
    ::close(u);
    ::close(c);
  }
  int upstream_, port_ = 0, lfd_ = -1;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::vector<std::thread> conns_;
};

// A signed GET as the device makes it (for the endpoint's own tests).
HttpResult device_get(Db& device_db, const TestGateway& g, const std::string& path, const std::string& range = {}) {
  const std::string dev = meta_get(device_db, "device_id");
  std::string sk;
  sync::base64_decode(meta_get(device_db, "sync_device_key"), sk);
  const int64_t t = wall_ms();
  const std::string sig = sync::base64_encode(sync::sign_detached(sync::string_to_sign("GET", path, dev, t, ""), sk));
  std::vector<std::string> h = {"X-Waymark-Device: " + dev, "X-Waymark-Time: " + std::to_string(t), "X-Waymark-Signature: " + sig};
  if (!range.empty()) h.push_back("Range: " + range);
  HttpClient http(*parse_gateway_url(g.url()), g.pin());
  return http.get(path, h, 8u << 20);
}

std::string form_json(const std::string& id, int version) {
  json q = {{"id", "plans"}, {"type", "short_text"}, {"title", {{"en", "What are your plans?"}, {"cy", "Beth yw dy gynlluniau di?"}}}};
  return json{{"form", id},
              {"version", version},
              {"title", {{"en", "My plans"}, {"cy", "Fy nghynlluniau"}}},
              {"intro", {{"en", "Tell us."}, {"cy", "Dyweda wrthon ni."}}},
              {"questions", json::array({q})}}
      .dump(1);
}


class PacksOverSync : public ::testing::Test {
protected:
  void SetUp() override {
    gw = std::make_unique<TestGateway>(demo_gateway_copy("packs"));
    generate_keypair("Brookfield curator", pub, sec);
    generate_keypair("somebody else", other_pub, other_sec);
  }

  static std::string days_from_now(int days) { return format_date(add_days(civil_from_days(wall_ms() / 86'400'000), days)); }

  // A pack with a form and `padding` bytes of notes, so it takes several range requests.
  std::string make_pack(int64_t version, size_t padding = 200'000, const SecretKey* key = nullptr,
                        std::vector<PackFile> extra = {}) {
    std::string pad;
    pad.reserve(padding);
    uint32_t x = static_cast<uint32_t>(version) * 2654435761u;
    while (pad.size() < padding) {
      x = x * 1664525u + 1013904223u;
      pad += "0123456789abcdef"[(x >> 24) & 15];
    }
    std::vector<PackFile> files = {{"forms/brookfield-views.json", form_json("brookfield-views", static_cast<int>(version))},
                                   {"notes/padding.txt", pad}};
    for (auto& f : extra) files.push_back(f);
    return build_pack("brookfield", version, "2026-01-01T00:00:00Z", days_from_now(365), days_from_now(0), files,
                      key ? *key : sec);
  }

  gateway::PublishedPack publish(const std::string& bytes) {
    auto db = gw->db();
    return gateway::publish_pack(*db, gw->dir, bytes, "test", gw->now());
  }

  // An enrolled device that trusts the Brookfield curator's key.
  std::unique_ptr<TestDevice> device(const std::string& url = {}) {
    auto d = std::make_unique<TestDevice>("packdev");
    EnrolResult e = url.empty() ? d->enrol(*gw) : enrol_device(*d->db, url, gw->pin(), gw->code(), "test", d->clock);
    EXPECT_TRUE(e.ok) << e.error;
    trust_key(*d->db, pub, wall_ms() / 1000);
    return d;
  }

  std::unique_ptr<TestGateway> gw;
  PublicKey pub, other_pub;
  SecretKey sec, other_sec;
};

std::string read_file(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_F(PacksOverSync, PublishedPackReachesTheKioskAndInstallsWithItsForm) {
  auto dev = device();
  const std::string v1 = make_pack(1);
  const auto p = publish(v1);
  EXPECT_EQ(p.sha256, sync::sha256_hex(v1));
  EXPECT_TRUE(fs::exists(gateway::pack_store_path(gw->dir, p.sha256)));

  SyncReport r = dev->sync();
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.packs_offered, 1);
  EXPECT_EQ(r.pack_bytes, static_cast<int64_t>(v1.size()));
  EXPECT_EQ(r.pack_resumed_from, 0);
  EXPECT_EQ(r.pack_installed, "brookfield v1") << r.summary();
  EXPECT_TRUE(r.pack_error.empty()) << r.pack_error;
  auto cur = installed_pack(*dev->db);
  ASSERT_TRUE(cur);
  EXPECT_EQ(cur->pack_id, "brookfield");
  EXPECT_EQ(cur->version, 1);
  EXPECT_TRUE(form_latest(*dev->db, "brookfield-views"));
  EXPECT_TRUE(pack_file(*dev->db, "notes/padding.txt"));
  EXPECT_FALSE(fs::exists(pack_partial_path(*dev->db, p.sha256))) << "the partial file goes once installed";
  auto d = latest_pack_download(*dev->db);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->state, "installed");

  // nothing more to fetch next round
  SyncReport again = dev->sync();
  ASSERT_TRUE(again.ok);
  EXPECT_EQ(again.pack_bytes, 0);
  EXPECT_EQ(again.packs_offered, 0);

  // a newer version replaces it; the form's old version stays for drafts
  publish(make_pack(2));
  SyncReport r2 = dev->sync();
  ASSERT_TRUE(r2.ok) << r2.error;
  EXPECT_EQ(r2.pack_installed, "brookfield v2") << r2.summary();
  EXPECT_EQ(installed_pack(*dev->db)->version, 2);
  EXPECT_EQ(form_versions(*dev->db, "brookfield-views"), (std::vector<int>{1, 2}));

  // waymarkctl status shows it
  const json st = json::parse(device_status_json(dev->dir, wall_ms() / 1000));
  EXPECT_EQ(st.value("content_pack_download", ""), "brookfield v2: installed");
}

TEST_F(PacksOverSync, OnlyTheNewestOfSeveralWaitingVersionsIsFetched) {
  auto dev = device();
  publish(make_pack(1, 1000));
  publish(make_pack(2, 1000));
  publish(make_pack(3, 1000));
  SyncReport r = dev->sync();
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.pack_installed, "brookfield v3");
  EXPECT_EQ(installed_pack(*dev->db)->version, 3);
  Stmt s(*dev->db, "SELECT count(*) FROM pack_downloads WHERE state = 'superseded'");
  s.step();
  EXPECT_EQ(s.i64(0), 2);
}

TEST_F(PacksOverSync, APartialFileLeftByAKilledRoundIsResumedWithARangeRequest) {
  auto dev = device();
  const std::string bytes = make_pack(1, 300'000);
  const auto p = publish(bytes);
  // an earlier round was killed after writing the first 100,000 bytes
  const std::string partial = pack_partial_path(*dev->db, p.sha256);
  fs::create_directories(fs::path(partial).parent_path());
  std::ofstream(partial, std::ios::binary) << bytes.substr(0, 100'000);

  SyncOptions so;
  so.pack_chunk_bytes = 64 * 1024;
  SyncReport r = sync_once(*dev->db, dev->clock, so);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.pack_resumed_from, 100'000);
  EXPECT_EQ(r.pack_bytes, static_cast<int64_t>(bytes.size()) - 100'000) << "only the rest was fetched";
  EXPECT_EQ(r.pack_installed, "brookfield v1") << r.summary();
  EXPECT_NE(r.summary().find("went on from byte 100000"), std::string::npos) << r.summary();
}

TEST_F(PacksOverSync, ADownloadCutPartWayGoesOnFromWhereItStoppedNextRound) {
  CutProxy proxy(gw->port);
  auto dev = device("https://127.0.0.1:" + std::to_string(proxy.port()));
  ASSERT_TRUE(dev->sync().ok);  // the roster first, so the cut lands in the pack
  const std::string bytes = make_pack(1, 400'000);
  const auto p = publish(bytes);

  SyncOptions so;
  so.pack_chunk_bytes = 32 * 1024;
  proxy.budget = 150'000;  // the line drops after about 150 kB
  SyncReport r1 = sync_once(*dev->db, dev->clock, so);
  EXPECT_TRUE(r1.ok) << "messages and roster still synced: " << r1.error;
  EXPECT_GE(proxy.cuts.load(), 1);
  EXPECT_FALSE(r1.pack_error.empty());
  EXPECT_TRUE(r1.pack_installed.empty());
  EXPECT_FALSE(installed_pack(*dev->db)) << "nothing installed from half a pack";
  const std::string partial = pack_partial_path(*dev->db, p.sha256);
  const auto kept = static_cast<int64_t>(fs::file_size(partial));
  EXPECT_GT(kept, 0);
  EXPECT_LT(kept, static_cast<int64_t>(bytes.size()));
  EXPECT_EQ(kept % (32 * 1024), 0) << "only whole, checked ranges are kept";
  EXPECT_EQ(read_file(partial), bytes.substr(0, static_cast<size_t>(kept)));
  auto d = latest_pack_download(*dev->db);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->state, "wanted");
  EXPECT_EQ(d->have, kept);

  proxy.budget = -1;  // the line is back
  SyncReport r2 = sync_once(*dev->db, dev->clock, so);
  ASSERT_TRUE(r2.ok) << r2.error;
  EXPECT_EQ(r2.pack_resumed_from, kept);
  EXPECT_EQ(r2.pack_bytes, static_cast<int64_t>(bytes.size()) - kept);
  EXPECT_EQ(r2.pack_installed, "brookfield v1") << r2.summary();
}

TEST_F(PacksOverSync, ACorruptedPartialFailsTheHashIsThrownAwayAndFetchedAgain) {
  auto dev = device();
  const std::string bytes = make_pack(1, 100'000);
  const auto p = publish(bytes);
  const std::string partial = pack_partial_path(*dev->db, p.sha256);
  fs::create_directories(fs::path(partial).parent_path());
  std::string damaged = bytes.substr(0, 50'000);
  damaged[40'000] = static_cast<char>(damaged[40'000] ^ 0x20);  // a flipped bit on the disk
  std::ofstream(partial, std::ios::binary) << damaged;

  SyncReport r1 = dev->sync();
  ASSERT_TRUE(r1.ok) << r1.error;
  EXPECT_NE(r1.pack_error.find("fingerprint"), std::string::npos) << r1.summary();
  EXPECT_TRUE(r1.pack_installed.empty());
  EXPECT_FALSE(fs::exists(partial)) << "the bad download is deleted";
  EXPECT_FALSE(installed_pack(*dev->db));

  SyncReport r2 = dev->sync();
  ASSERT_TRUE(r2.ok) << r2.error;
  EXPECT_EQ(r2.pack_resumed_from, 0);
  EXPECT_EQ(r2.pack_bytes, static_cast<int64_t>(bytes.size()));
  EXPECT_EQ(r2.pack_installed, "brookfield v1") << r2.summary();
}

TEST_F(PacksOverSync, APackSignedByAnUntrustedKeyIsRefusedWithItsReasonAndNotFetchedAgain) {
  auto dev = device();
  publish(make_pack(1, 50'000, &other_sec));  // the gateway need not know the curator's key
  SyncReport r1 = dev->sync();
  ASSERT_TRUE(r1.ok) << r1.error;
  EXPECT_GT(r1.pack_bytes, 0);
  EXPECT_NE(r1.pack_refused.find("does not trust"), std::string::npos) << r1.summary();
  EXPECT_FALSE(installed_pack(*dev->db));
  auto d = latest_pack_download(*dev->db);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->state, "refused");
  EXPECT_NE(describe_pack_download(*d).find("unknown-key"), std::string::npos) << describe_pack_download(*d);

  for (int i = 0; i < 2; i++) {
    SyncReport again = dev->sync();
    ASSERT_TRUE(again.ok);
    EXPECT_EQ(again.pack_bytes, 0) << "a refused pack is not downloaded every round";
    EXPECT_TRUE(again.pack_refused.empty());
  }
  // waymarkctl sync prints what became of it
  Ran ctl = run(std::string(WAYMARK_CTL_BIN) + " sync --data " + dev->dir);
  EXPECT_EQ(ctl.code, 0) << ctl.out;
  EXPECT_NE(ctl.out.find("content pack brookfield v1: refused: unknown-key"), std::string::npos) << ctl.out;

  // a newer version signed properly still comes
  publish(make_pack(2, 1000));
  SyncReport r2 = dev->sync();
  EXPECT_EQ(r2.pack_installed, "brookfield v2") << r2.summary();
}

TEST_F(PacksOverSync, APackWithABadFormIsRefusedWhole) {
  auto dev = device();
  json bad = json::parse(form_json("broken-form", 1));
  bad["questions"][0]["type"] = "no_such_type";
  publish(make_pack(1, 1000, nullptr, {{"forms/zz-broken.json", bad.dump()}}));
  SyncReport r = dev->sync();
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_NE(r.pack_refused.find("forms/zz-broken.json"), std::string::npos) << r.summary();
  EXPECT_FALSE(installed_pack(*dev->db));
  EXPECT_FALSE(form_latest(*dev->db, "brookfield-views")) << "the good form in the same pack is not installed either";
  EXPECT_EQ(latest_pack_download(*dev->db)->state, "refused");
}

TEST_F(PacksOverSync, TheGatewayRefusesOlderVersionsAndBrokenFiles) {
  const std::string v2 = make_pack(2, 1000);
  publish(v2);
  auto refused = [&](const std::string& bytes) {
    try {
      publish(bytes);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(refused(make_pack(1, 1000)).find("not newer than version 2"), std::string::npos);
  EXPECT_NE(refused(v2).find("not newer"), std::string::npos) << "the same version again";
  EXPECT_NE(refused(v2.substr(0, v2.size() - 10)).find("cut short"), std::string::npos);
  EXPECT_FALSE(refused("not a pack at all").empty());
  std::string tampered = v2;
  tampered[tampered.size() - 5] = static_cast<char>(tampered[tampered.size() - 5] ^ 1);
  EXPECT_NE(refused(tampered).find("fingerprint"), std::string::npos);
  EXPECT_NE(refused(build_unsigned_pack("brookfield", 3, "2026-01-01T00:00:00Z", days_from_now(30), "", {{"a.txt", "x"}}))
                .find("not been signed"),
            std::string::npos);
  EXPECT_NE(refused(build_pack("brookfield", 3, "2020-01-01T00:00:00Z", "2020-06-01", "", {{"a.txt", "x"}}, sec)).find("expired"),
            std::string::npos);
  auto db = gw->db();
  EXPECT_EQ(gateway::list_packs(*db).size(), 1u);
  Stmt ch(*db, "SELECT count(*) FROM changes WHERE kind = 'pack'");
  ch.step();
  EXPECT_EQ(ch.i64(0), 1) << "a refused pack is never offered";
  Stmt au(*db, "SELECT count(*) FROM audit WHERE action = 'pack.publish'");
  au.step();
  EXPECT_EQ(au.i64(0), 1);
}

TEST_F(PacksOverSync, TheCommandLine) {
  const std::string gwbin = WAYMARK_GATEWAY_BIN;
  const std::string file = gw->dir + "/v3.pack";
  std::ofstream(file, std::ios::binary) << make_pack(3, 1000);
  const std::string old = gw->dir + "/v1.pack";
  std::ofstream(old, std::ios::binary) << make_pack(1, 1000);
  const std::string cut = gw->dir + "/cut.pack";
  std::ofstream(cut, std::ios::binary) << make_pack(4, 1000).substr(0, 500);

  EXPECT_EQ(run(gwbin + " packs --help").code, 0);
  EXPECT_EQ(run(gwbin + " packs").code, 2);
  EXPECT_EQ(run(gwbin + " packs publish --data " + gw->dir).code, 2) << "--file is required";
  Ran ok = run(gwbin + " packs publish --data " + gw->dir + " --file " + file);
  ASSERT_EQ(ok.code, 0) << ok.out;
  EXPECT_NE(ok.out.find("published brookfield v3"), std::string::npos) << ok.out;
  Ran older = run(gwbin + " packs publish --data " + gw->dir + " --file " + old);
  EXPECT_EQ(older.code, 1);
  EXPECT_NE(older.out.find("not newer than version 3"), std::string::npos) << older.out;
  Ran broken = run(gwbin + " packs publish --data " + gw->dir + " --file " + cut);
  EXPECT_EQ(broken.code, 1);
  EXPECT_NE(broken.out.find("cut short"), std::string::npos) << broken.out;
  EXPECT_EQ(run(gwbin + " packs publish --data " + gw->dir + " --file /nonexistent.pack").code, 1);
  Ran list = run(gwbin + " packs list --data " + gw->dir);
  EXPECT_EQ(list.code, 0);
  EXPECT_NE(list.out.find("brookfield\tv3"), std::string::npos) << list.out;
}

TEST_F(PacksOverSync, TheDownloadEndpointAnswersRangesAndOnlyToEnrolledDevices) {
  auto dev = device();
  const std::string bytes = make_pack(1, 5000);
  const auto p = publish(bytes);
  const std::string path = "/v1/packs/" + p.sha256;
  const auto size = static_cast<int64_t>(bytes.size());

  HttpResult whole = device_get(*dev->db, *gw, path);
  EXPECT_EQ(whole.status, 200);
  EXPECT_EQ(whole.body, bytes);
  HttpResult part = device_get(*dev->db, *gw, path, "bytes=10-19");
  EXPECT_EQ(part.status, 206);
  EXPECT_EQ(part.body, bytes.substr(10, 10));
  EXPECT_EQ(part.content_range, "bytes 10-19/" + std::to_string(size));
  HttpResult tail = device_get(*dev->db, *gw, path, "bytes=" + std::to_string(size - 7) + "-");
  EXPECT_EQ(tail.status, 206);
  EXPECT_EQ(tail.body, bytes.substr(bytes.size() - 7));
  HttpResult beyond = device_get(*dev->db, *gw, path, "bytes=" + std::to_string(size) + "-");
  EXPECT_EQ(beyond.status, 416);
  EXPECT_EQ(beyond.content_range, "bytes */" + std::to_string(size));
  EXPECT_EQ(device_get(*dev->db, *gw, path, "bytes=0-1,5-6").status, 416);
  EXPECT_EQ(device_get(*dev->db, *gw, path, "bytes=-5").status, 416);
  HttpResult unknown = device_get(*dev->db, *gw, "/v1/packs/" + std::string(64, 'a'), "bytes=100-");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(unknown.body.find("unknown_pack"), std::string::npos) << "a refusal is never cut to the range: " << unknown.body;

  // no signature, a device the gateway does not know, a revoked device: nothing
  HttpClient anon(*parse_gateway_url(gw->url()), gw->pin());
  HttpResult none = anon.get(path, {"Range: bytes=0-"}, 1u << 20);
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.body.find("WMPACK"), std::string::npos);
  {
    Txn t(*dev->db);
    const std::string real = meta_get(*dev->db, "device_id");
    meta_set(*dev->db, "device_id", std::string(32, 'b'));
    t.commit();
    EXPECT_EQ(device_get(*dev->db, *gw, path).status, 401);
    Txn t2(*dev->db);
    meta_set(*dev->db, "device_id", real);
    t2.commit();
  }
  {
    auto db = gw->db();
    gateway::revoke_device(*db, meta_get(*dev->db, "device_id"), "test", gw->now());
  }
  HttpResult revoked = device_get(*dev->db, *gw, path, "bytes=0-");
  EXPECT_EQ(revoked.status, 401);
  EXPECT_NE(revoked.body.find("revoked_device"), std::string::npos) << revoked.body;
}

TEST_F(PacksOverSync, AnOfferNotNewerThanAnotherInstalledPackIsShownNotFetched) {
  auto dev = device();
  // the device already has pack "local" v5 from a file
  ASSERT_TRUE(install_pack(*dev->db, build_pack("local", 5, "2026-01-01T00:00:00Z", days_from_now(30), "", {{"a.txt", "x"}}, sec),
                           civil_from_days(wall_ms() / 86'400'000), wall_ms() / 1000, "test")
                  .check.ok());
  publish(make_pack(2, 1000));
  SyncReport r = dev->sync();
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.pack_bytes, 0);
  auto d = latest_pack_download(*dev->db);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->state, "refused");
  EXPECT_NE(describe_pack_download(*d).find("not newer than local v5"), std::string::npos) << describe_pack_download(*d);
  EXPECT_EQ(installed_pack(*dev->db)->pack_id, "local");
}

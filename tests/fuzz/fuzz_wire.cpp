// Fuzz target: core/sync/wire.h's typed bodies, both ways, without a server (so it runs millions of inputs where
// fuzz_gateway_device and fuzz_kiosk_sync run thousands): what the gateway reads from a kiosk (the outbox bodies
// and wire_check's strict upload_problem) and what the kiosk reads from a gateway (the receipt and each feed
// change). The first byte picks the type; the rest is the JSON text.
//
// Besides "no crash, no leak, no exception", it checks two promises: a body that parses writes back (to_json)
// as a body that parses again to the same JSON, and a body upload_problem accepts parses as its type. A broken
// promise aborts, so libFuzzer keeps the input.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/sync/wire.h"
#include "core/sync/wire_check.h"

using namespace waymark;
using nlohmann::json;

namespace {

[[noreturn]] void broken(const char* what, const json& j) {
  std::fprintf(stderr, "fuzz_wire: %s: %s\n", what, j.dump(-1, ' ', false, json::error_handler_t::replace).substr(0, 2000).c_str());
  std::abort();
}

// Parses as T; when it parses, its own JSON must parse again to the same JSON.
template <class T>
void round_trip(const json& j) {
  const wire::Parsed<T> p = wire::parse<T>(j);
  if (!p) {
    if (p.error.empty()) broken("a refusal without a reason", j);
    return;
  }
  const json once = *p;
  const wire::Parsed<T> again = wire::parse<T>(once);
  if (!again) broken(("its own JSON does not parse again: " + again.error).c_str(), once);
  if (json(*again) != once) broken("its own JSON changes when read again", once);
}

void upload(const std::string& kind, const json& j) {
  const std::string why = wire::upload_problem(kind, "1001", j);
  if (!why.empty()) return;
  const bool parses = kind == "message" ? wire::parse<wire::MessageBody>(j).ok()
                      : kind == "enquiry" ? wire::parse_enquiry(j).ok()
                      : kind == "draft"   ? wire::parse<wire::DraftBody>(j).ok()
                                          : wire::parse<wire::MyViewsBody>(j).ok();
  if (!parses) broken("upload_problem accepted a body that does not parse", j);
}

// A "history" change the kiosk would store must have a body the gateway would have accepted for its kind.
void history(const json& j) {
  round_trip<wire::HistoryRecord>(j);
  const auto h = wire::parse<wire::HistoryRecord>(j);
  if (!h || !wire::history_problem(*h).empty()) return;
  const json body = parse_json_limited(h->body);
  if (body.is_discarded() || !wire::upload_problem(h->kind, h->child, body).empty())
    broken("history_problem accepted a record whose body the gateway would refuse", j);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t which = data[0] % 16;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const json j = parse_json_limited(text);  // as both sides read it
  if (j.is_discarded()) {
    (void)wire::parse_text<wire::MessageBody>(text);  // the text path must refuse it too, quietly
    (void)wire::parse_enquiry_text(text);
    return 0;
  }
  switch (which) {
    // ---------------------------------------------------------------- kiosk -> gateway
    case 0: upload("message", j); round_trip<wire::MessageBody>(j); break;
    case 1: upload("enquiry", j); round_trip<wire::ListingEnquiry>(j); break;
    case 2: upload("enquiry", j); round_trip<wire::WorkerQuestion>(j); break;
    case 3: upload("myviews", j); round_trip<wire::MyViewsBody>(j); break;
    case 4: (void)wire::upload_problem("plan", "1001", j); (void)wire::parse_enquiry(j); break;
    case 5: round_trip<wire::MyViewsAnswer>(j); round_trip<wire::MyViewsMeeting>(j); break;
    // ---------------------------------------------------------------- gateway -> kiosk
    case 6: round_trip<wire::UpReceipt>(j); break;
    case 7: round_trip<wire::RosterChild>(j); break;
    case 8: round_trip<wire::ContactChange>(j); break;
    case 9: round_trip<wire::MeetingChange>(j); break;
    case 10: round_trip<wire::WorkerMessage>(j); break;
    case 11: round_trip<wire::ReceiptChange>(j); break;
    case 12: round_trip<wire::PackOffer>(j); break;
    case 13: (void)wire::parse_text<wire::MyViewsBody>(text); (void)wire::parse_text<wire::UpReceipt>(text); break;
    case 14: history(j); break;
    // ---------------------------------------------------------------- both ways: a transferred child's unsent words
    case 15: upload("draft", j); round_trip<wire::DraftBody>(j); round_trip<wire::DraftAnswer>(j); break;
    default: break;
  }
  return 0;
}

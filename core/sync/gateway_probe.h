// core/sync/gateway_probe.h: the device's standing with its gateway, for waymarkctl (docs/sync-protocol.md,
// "Device standing").
//
// Index
//  - GatewayLink      : how a request to the gateway ended, in one word the doctor can act on
//  - probe_gateway    : POST /v1/hello, signed; reads nothing but the answer (doctor)
//  - leave_gateway    : POST /v1/leave, signed; the gateway revokes this device's key (decommission)
// Both use the enrolled address, the pinned key and the device key from the device database, with short
// timeouts so a command never hangs on a dead link. Neither writes to the device database. Neither throws
// for an expected failure: the outcome and plain words are in the result.
#pragma once

#include <cstdint>
#include <string>

#include "core/accounts/pin_seal.h"
#include "core/storage/db.h"
#include "core/sync/sync_client.h"

namespace waymark {

enum class GatewayLink {
  Ok,             // the gateway answered with the pinned key and knows this device as active
  NotEnrolled,    // no gateway address stored
  BadSettings,    // address, pin or device key missing or damaged in the device database
  KeySealed,      // the device key is sealed and the pepper given does not open it (none given, or another one)
  Unreachable,    // no connection (refused, no route, name not found)
  Timeout,        // connected or tried to, but no answer in time
  PinMismatch,    // the server's key is not the pinned key: someone in the middle, or the gateway's key changed
  Tls,            // the TLS handshake failed for another reason (not a TLS server, old TLS, ...)
  UnknownDevice,  // the gateway has no device with this id
  Revoked,        // the gateway has revoked this device
  Refused,        // any other refusal (see error)
  BadAnswer,      // an answer that is not the protocol's
};
const char* gateway_link_name(GatewayLink l);

struct GatewayProbe {
  GatewayLink link = GatewayLink::NotEnrolled;
  std::string error;       // plain words when link != Ok
  std::string url, device_id;
  std::string wing, epoch; // from the gateway when Ok
  // The gateway's time from any answer that came over the pinned connection (a refusal carries it too),
  // and this device's system clock at the middle of that request. 0 when the gateway did not answer.
  int64_t gateway_time_ms = 0;
  int64_t local_time_ms = 0;
  int64_t round_trip_ms = 0;
};

// Default timeouts for waymarkctl: 3 s to connect, 6 s in all (per request; at most two requests).
HttpOptions probe_http_options();

// seal: the device's pepper, to open a sealed device key (device_key.h); default none.
GatewayProbe probe_gateway(Db& db, const HttpOptions& http = probe_http_options(), const PinSeal* seal = nullptr);

struct LeaveResult {
  bool ok = false;          // the gateway has this device revoked now
  bool already = false;     // it was revoked before this request
  GatewayLink link = GatewayLink::NotEnrolled;
  std::string error;        // plain words when !ok
  std::string url, device_id;
};
// reason: a short note for the gateway's audit line (sanitised, up to 120 characters).
LeaveResult leave_gateway(Db& db, const std::string& reason, const HttpOptions& http = probe_http_options(),
                          const PinSeal* seal = nullptr);

}  // namespace waymark

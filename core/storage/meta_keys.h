// core/storage/meta_keys.h: every key this device keeps in its `meta` table (device_store.h's meta_get and
// meta_set), one name each, so no module spells another's key and a newcomer sees the whole list here.
// Values are text; numbers are decimal. Keys marked "old" are no longer written: they are read once, as a
// fallback, from databases made before the key they were merged into.
#pragma once

namespace waymark {

// ---- the device and where it stands (waymarkctl provision, enrol)
inline constexpr const char* kMetaEstablishment = "establishment";  // "Brookfield YOI": shown on the sign-in screen
inline constexpr const char* kMetaWing = "wing";                    // "Oak": the wing this device serves
inline constexpr const char* kMetaDefaultLang = "default_lang";     // "en" or "cy": the kiosk's language before sign-in
inline constexpr const char* kMetaKioskRenderer = "kiosk_renderer";  // "cpu: no hardware OpenGL (llvmpipe)": the last start's renderer and why

// ---- sync (core/sync): set at enrolment, moved by each round
inline constexpr const char* kMetaGatewayUrl = "gateway_url";         // https://host:port of the gateway
inline constexpr const char* kMetaDeviceId = "device_id";             // the id the gateway knows this device by
inline constexpr const char* kMetaSyncPin = "sync_pin";               // sha256//BASE64: the gateway's pinned key
inline constexpr const char* kMetaSyncDeviceKey = "sync_device_key";  // base64 Ed25519 secret key (never leaves the device)
inline constexpr const char* kMetaSyncEpoch = "sync_epoch";           // the gateway's epoch; a new one means it was restored
inline constexpr const char* kMetaSyncCursor = "sync_cursor";         // the last server_seq of the feed applied here
inline constexpr const char* kMetaSyncResendAfter = "sync_resend_after";  // outbox seqs after this go up again

// ---- the gateway's idea of time: two facts, two keys (both unix milliseconds of the gateway's clock)
// The newest authenticated gateway time this device has seen (enrolment, every up and down answer): the floor
// of the kiosk's clock, so a clock reset backwards cannot revive expired content; the doctor's clock check.
inline constexpr const char* kMetaGatewayTimeMs = "gateway_time_ms";
// The gateway's time at the last round whose feed was applied: "last sync" for the doctor, status and the kiosk.
inline constexpr const char* kMetaLastSyncMs = "sync_last_ok_ms";
// old: unix seconds, always written with kMetaLastSyncMs (its value / 1000); read when that one is absent.
inline constexpr const char* kMetaOldLastSyncAt = "last_sync_at";
// old: unix seconds, always written with kMetaLastSyncMs; kMetaGatewayTimeMs holds it (and newer times).
inline constexpr const char* kMetaOldGatewayTime = "gateway_time";

// ---- PIN hashes (core/accounts/pin_hashes.cpp)
// "1" while old PIN hashes may linger in freed pages: a tidy changed hashes but could not rebuild the file
// (another program had it open); the next tidy rebuilds it.
inline constexpr const char* kMetaPinRebuildPending = "pin_rebuild_pending";

// ---- records and content (core/messaging, core/catalogue)
inline constexpr const char* kMetaOutboxSeq = "outbox_seq";                   // the last per-device outbox seq minted
inline constexpr const char* kMetaPackPublishedVersion = "pack.published_version";  // staff publish: last version made here

// ---- the demo (core/ops/demo.cpp, core/myviews/meetings.cpp)
inline constexpr const char* kMetaDemoSeeded = "demo_seeded";                    // "1" once the demo data is in
inline constexpr const char* kMetaDemoMeetingsSeeded = "demo_meetings_seeded";  // "1" once the demo meetings are in
inline constexpr const char* kMetaDemoPackError = "demo_pack_error";            // why the demo pack was not installed

}  // namespace waymark

#ifndef BURNRATE_CORE_LEDGER_EVENTLIMITS_H
#define BURNRATE_CORE_LEDGER_EVENTLIMITS_H

#include "ledger/eventrecord.h"

#include <QString>

#include <cstdint>
#include <optional>

namespace burnrate {

// The bounds of one stored request, far above anything real, so that no input can make a sum wrap or a table
// print a novel. Every importer refuses a request beyond them (the envelope, agent logs): the line is rejected with
// its reason, the rest imported. docs/event-envelope.md ("Limits") lists them.
namespace limits {

// Per token class of one request; a million times the largest context window there is.
inline constexpr std::int64_t MaxTokens = 1'000'000'000'000;
// Requests, tool calls and retries of one record.
inline constexpr std::int64_t MaxCount = 1'000'000'000;
// latency_ms: 30 days.
inline constexpr std::int64_t MaxLatencyMs = 30LL * 24 * 3600 * 1000;
// payload_bytes: 1 TiB.
inline constexpr std::int64_t MaxPayloadBytes = std::int64_t{1} << 40;
// A reported cost of one request: one million USD, in nano-USD.
inline constexpr std::int64_t MaxCostNano = 1'000'000'000'000'000;

// Lengths in UTF-16 code units (a character outside the Basic Multilingual Plane counts twice).
inline constexpr qsizetype MaxNameLength = 64;       // source, provider, service tier, status, outcome
inline constexpr qsizetype MaxModelLength = 256;     // model
inline constexpr qsizetype MaxIdLength = 512;        // source key, conversation, workflow, agent, user, feature, ...
inline constexpr qsizetype MaxProjectLength = 1024;  // a project is often a folder path
inline constexpr qsizetype MaxTagsJsonLength = 8192; // all tags, as stored
inline constexpr int MaxTags = 64;
inline constexpr qsizetype MaxTagKeyLength = 64;
inline constexpr qsizetype MaxTagValueLength = 512;

} // namespace limits

// "<name> is N characters long (at most MAX)" when `value` is longer than `max` UTF-16 units, else nothing: the
// wording every length bound uses (requests here, provider rows in providers/syncbounds.h).
std::optional<QString> tooLong(const char *name, const QString &value, qsizetype max);

// Why `e` is beyond the limits ("model is 100000 characters long (at most 256)"), or nothing when it is within them.
std::optional<QString> outOfBounds(const EventRecord &e);

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_EVENTLIMITS_H

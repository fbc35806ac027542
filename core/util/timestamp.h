#ifndef BURNRATE_CORE_UTIL_TIMESTAMP_H
#define BURNRATE_CORE_UTIL_TIMESTAMP_H

#include <QString>

#include <cstdint>
#include <optional>
#include <string_view>

namespace burnrate {

// Parses an RFC 3339 timestamp ("2026-11-02T18:00:00Z", "2026-11-02 18:00:00.123+05:30") to UTC
// milliseconds since the epoch. Fractions beyond milliseconds are truncated. A timestamp without an
// offset is rejected: the instant would be ambiguous.
std::optional<std::int64_t> parseRfc3339Ms(std::string_view text);

// "2026-11-02T18:00:00.000Z"
QString formatUtcMs(std::int64_t ms);

// Days from 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d);

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_TIMESTAMP_H

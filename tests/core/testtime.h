#ifndef BURNRATE_TESTS_CORE_TESTTIME_H
#define BURNRATE_TESTS_CORE_TESTTIME_H

#include "util/timestamp.h"

#include <cstdint>

namespace burnrate::test {

// An RFC 3339 instant in UTC ms, for test data ("2026-11-02T10:00:00Z").
inline std::int64_t at(const char *rfc3339)
{
    return *parseRfc3339Ms(rfc3339);
}

} // namespace burnrate::test

#endif // BURNRATE_TESTS_CORE_TESTTIME_H

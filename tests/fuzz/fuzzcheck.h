#ifndef BURNRATE_TESTS_FUZZ_FUZZCHECK_H
#define BURNRATE_TESTS_FUZZ_FUZZCHECK_H

// What every fuzz target shares: the entry point libFuzzer (or replaymain.cpp) calls, and invariant checks that
// abort, so that a broken invariant is a crash with its input kept like any other.

#include <QByteArray>
#include <QLoggingCategory>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

#define FUZZ_CHECK(condition)                                                                                          \
    do {                                                                                                               \
        if (!(condition)) {                                                                                            \
            std::fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #condition);                     \
            std::abort();                                                                                              \
        }                                                                                                              \
    } while (false)

namespace burnrate::fuzz {

// The input as bytes Qt reads without copying; valid while `data` is.
inline QByteArray bytesOf(const std::uint8_t *data, std::size_t size)
{
    return QByteArray::fromRawData(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}

// Debug and info output of the engine's logging categories costs more than a parse; off for every run.
inline void quietLogging()
{
    static const bool once = [] {
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false\n*.info=false"));
        return true;
    }();
    (void)once;
}

} // namespace burnrate::fuzz

#endif // BURNRATE_TESTS_FUZZ_FUZZCHECK_H

#ifndef BURNRATE_CORE_UTIL_PREFETCH_H
#define BURNRATE_CORE_UTIL_PREFETCH_H

// prefetchLine(p) asks the processor to bring the cache line holding p closer ahead of its use. The
// instruction is the processor's, in a header named for it; on other processors it does nothing.
#if defined(__x86_64__) || defined(__i386__) || defined(_M_X64) || defined(_M_IX86)
#include "util/prefetch_x86.h"
#elif defined(__aarch64__) || defined(_M_ARM64)
#include "util/prefetch_arm64.h"
#else
namespace burnrate {
inline void prefetchLine(const char *) {}
} // namespace burnrate
#endif

#endif // BURNRATE_CORE_UTIL_PREFETCH_H

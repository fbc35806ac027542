#ifndef BURNRATE_CORE_UTIL_PREFETCH_ARM64_H
#define BURNRATE_CORE_UTIL_PREFETCH_ARM64_H

// prefetchLine on ARM64 (included by util/prefetch.h): PRFM PLDL1KEEP, a load prefetch into L1.
#if defined(_MSC_VER) && !defined(__clang__)
#include <intrin.h>
#endif

namespace burnrate {

inline void prefetchLine(const char *p)
{
#if defined(_MSC_VER) && !defined(__clang__)
    __prefetch(p);
#else
    asm volatile("prfm pldl1keep, %0" : : "Q"(*p));
#endif
}

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_PREFETCH_ARM64_H

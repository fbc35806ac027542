#ifndef BURNRATE_CORE_UTIL_PREFETCH_X86_H
#define BURNRATE_CORE_UTIL_PREFETCH_X86_H

// prefetchLine on x86 (included by util/prefetch.h). GCC and Clang get the instruction as inline assembly:
// GCC's -O2 (-ffinite-loops) deletes a loop whose body is only __builtin_prefetch, as a loop without side
// effects, and every prefetch with it. MSVC keeps its intrinsic.
#if defined(_MSC_VER) && !defined(__clang__)
#include <xmmintrin.h>
#endif

namespace burnrate {

inline void prefetchLine(const char *p)
{
#if defined(_MSC_VER) && !defined(__clang__)
    _mm_prefetch(p, _MM_HINT_T0);
#else
    asm volatile("prefetcht0 %0" : : "m"(*p));
#endif
}

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_PREFETCH_X86_H

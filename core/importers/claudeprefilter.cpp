// ClaudeCodeParser's byte prefilter, which every line of a transcript goes through.
#include "importers/claudecodeparser.h"

#include <bit>
#include <cstring>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#endif

namespace burnrate {

bool ClaudeCodeParser::mayCarryUsage(std::string_view line)
{
    static constexpr std::string_view Needle = "\"usage\":";
    const size_t n = line.size();
    size_t i = 0;
#if defined(__SSE2__) || defined(_M_X64)
    const char *p = line.data();
    // 16 positions at a time: those with 'u' and, six bytes on, ':' (rare together outside the
    // needle) are compared in full. Every user line (most of the bytes) goes through here to find
    // nothing, so the scan takes fewer instructions per byte than a general substring search.
    const __m128i u = _mm_set1_epi8('u');
    const __m128i colon = _mm_set1_epi8(':');
    for (; i + 1 + 6 + 16 <= n; i += 16) {
        const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i + 1));
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i + 7));
        auto mask =
            static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, u), _mm_cmpeq_epi8(b, colon))));
        while (mask != 0) {
            const auto at = i + static_cast<size_t>(std::countr_zero(mask));
            if (std::memcmp(p + at, Needle.data(), Needle.size()) == 0) {
                return true;
            }
            mask &= mask - 1;
        }
    }
#endif
    return n > i && line.substr(i).find(Needle) != std::string_view::npos;
}

} // namespace burnrate

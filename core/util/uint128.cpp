#include "util/uint128.h"

namespace burnrate {

UInt128 UInt128::product(std::uint64_t a, std::uint64_t b)
{
    // Schoolbook multiplication in 32-bit digits: each partial product fits 64 bits.
    const std::uint64_t aLo = a & 0xffffffffU;
    const std::uint64_t aHi = a >> 32;
    const std::uint64_t bLo = b & 0xffffffffU;
    const std::uint64_t bHi = b >> 32;
    const std::uint64_t ll = aLo * bLo;
    const std::uint64_t lh = aLo * bHi;
    const std::uint64_t hl = aHi * bLo;
    const std::uint64_t hh = aHi * bHi;
    const std::uint64_t mid = (ll >> 32) + (lh & 0xffffffffU) + (hl & 0xffffffffU);
    return {hh + (lh >> 32) + (hl >> 32) + (mid >> 32), (mid << 32) | (ll & 0xffffffffU)};
}

UInt128Division divide(UInt128 n, UInt128 d)
{
    if (n.fits64() && d.fits64()) {
        return {n.lo / d.lo, n.lo % d.lo};
    }
    if (n < d) {
        return {0, n};
    }
    // Restoring long division, one bit at a time from the highest bit that can be set in the quotient.
    UInt128 quotient;
    UInt128 remainder;
    for (int bit = 127; bit >= 0; --bit) {
        const bool carry = (remainder.hi >> 63) != 0;
        remainder = {(remainder.hi << 1) | (remainder.lo >> 63), remainder.lo << 1};
        const std::uint64_t next = bit >= 64 ? (n.hi >> (bit - 64)) & 1U : (n.lo >> bit) & 1U;
        remainder.lo |= next;
        if (carry || remainder >= d) {
            remainder -= d;
            if (bit >= 64) {
                quotient.hi |= std::uint64_t{1} << (bit - 64);
            } else {
                quotient.lo |= std::uint64_t{1} << bit;
            }
        }
    }
    return {quotient, remainder};
}

} // namespace burnrate

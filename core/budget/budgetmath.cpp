#include "budget/budgetmath.h"

#include <limits>

namespace burnrate {

namespace {

// An unsigned 128-bit value as two 64-bit halves; portable (no __int128).
struct U128
{
    std::uint64_t hi = 0;
    std::uint64_t lo = 0;
};

U128 multiply(std::uint64_t a, std::uint64_t b)
{
    const std::uint64_t aLo = a & 0xffffffffU;
    const std::uint64_t aHi = a >> 32;
    const std::uint64_t bLo = b & 0xffffffffU;
    const std::uint64_t bHi = b >> 32;
    const std::uint64_t ll = aLo * bLo;
    const std::uint64_t lh = aLo * bHi;
    const std::uint64_t hl = aHi * bLo;
    const std::uint64_t hh = aHi * bHi;
    const std::uint64_t mid = (ll >> 32) + (lh & 0xffffffffU) + (hl & 0xffffffffU);
    U128 r;
    r.lo = (mid << 32) | (ll & 0xffffffffU);
    r.hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
    return r;
}

// Long division of a 128-bit value by a 64-bit one; the quotient saturates when it needs more than 64 bits.
void divide(U128 n, std::uint64_t d, std::uint64_t &quotient, std::uint64_t &remainder, bool &overflow)
{
    overflow = n.hi >= d;
    if (overflow) {
        quotient = std::numeric_limits<std::uint64_t>::max();
        remainder = 0;
        return;
    }
    std::uint64_t q = 0;
    std::uint64_t r = n.hi; // < d
    for (int bit = 63; bit >= 0; --bit) {
        const bool carry = (r >> 63) != 0;
        r = (r << 1) | ((n.lo >> bit) & 1U);
        q <<= 1;
        if (carry || r >= d) {
            r -= d;
            q |= 1U;
        }
    }
    quotient = q;
    remainder = r;
}

int compare(U128 x, U128 y)
{
    if (x.hi != y.hi) {
        return x.hi < y.hi ? -1 : 1;
    }
    if (x.lo != y.lo) {
        return x.lo < y.lo ? -1 : 1;
    }
    return 0;
}

} // namespace

std::int64_t mulDiv(std::int64_t a, std::int64_t b, std::int64_t c, Rounding rounding)
{
    constexpr auto Max = std::numeric_limits<std::int64_t>::max();
    if (a <= 0 || b <= 0 || c <= 0) {
        return 0;
    }
    const auto d = static_cast<std::uint64_t>(c);
    std::uint64_t q = 0;
    std::uint64_t r = 0;
    bool overflow = false;
    divide(multiply(static_cast<std::uint64_t>(a), static_cast<std::uint64_t>(b)), d, q, r, overflow);
    if (overflow) {
        return Max;
    }
    if ((rounding == Rounding::Up && r > 0) || (rounding == Rounding::HalfUp && r >= d - r)) {
        ++q;
    }
    return q > static_cast<std::uint64_t>(Max) ? Max : static_cast<std::int64_t>(q);
}

int compareProducts(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d)
{
    const auto u = [](std::int64_t v) {
        return v < 0 ? std::uint64_t{0} : static_cast<std::uint64_t>(v);
    };
    return compare(multiply(u(a), u(b)), multiply(u(c), u(d)));
}

} // namespace burnrate

#ifndef BURNRATE_CORE_UTIL_UINT128_H
#define BURNRATE_CORE_UTIL_UINT128_H

#include <compare>
#include <cstdint>

namespace burnrate {

// An unsigned 128-bit integer as two 64-bit halves: exact room for the product of two 64-bit values on
// every compiler (MSVC has no native 128-bit integer). Only what exact money arithmetic needs: products, sums,
// differences, comparison and division with remainder. + and - wrap modulo 2^128 like unsigned
// integers; callers keep their values within range.
struct UInt128
{
    std::uint64_t hi = 0; // declared first: the defaulted comparison compares the high half first
    std::uint64_t lo = 0;

    constexpr UInt128() = default;
    constexpr UInt128(std::uint64_t value) // NOLINT(google-explicit-constructor): widening is exact
        : lo(value)
    {}
    constexpr UInt128(std::uint64_t high, std::uint64_t low)
        : hi(high)
        , lo(low)
    {}

    // The exact 128-bit product a × b.
    static UInt128 product(std::uint64_t a, std::uint64_t b);

    bool fits64() const { return hi == 0; }

    friend UInt128 operator+(UInt128 a, UInt128 b)
    {
        const std::uint64_t low = a.lo + b.lo;
        return {a.hi + b.hi + (low < a.lo ? 1U : 0U), low};
    }
    friend UInt128 operator-(UInt128 a, UInt128 b) { return {a.hi - b.hi - (a.lo < b.lo ? 1U : 0U), a.lo - b.lo}; }
    UInt128 &operator+=(UInt128 b) { return *this = *this + b; }
    UInt128 &operator-=(UInt128 b) { return *this = *this - b; }

    friend constexpr auto operator<=>(const UInt128 &, const UInt128 &) = default;
    friend constexpr bool operator==(const UInt128 &, const UInt128 &) = default;
};

struct UInt128Division
{
    UInt128 quotient;
    UInt128 remainder;
};

// n ÷ d with remainder; d must not be zero.
UInt128Division divide(UInt128 n, UInt128 d);

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_UINT128_H

#ifndef BURNRATE_CORE_BUDGET_BUDGETMATH_H
#define BURNRATE_CORE_BUDGET_BUDGETMATH_H

#include <cstdint>
#include <optional>

namespace burnrate {

// Exact integer arithmetic for money rates: a × b ÷ c with a 128-bit intermediate, so that a spend in
// nano-USD times a duration in milliseconds never overflows. a and b must be >= 0, c > 0. A quotient
// beyond int64 saturates at INT64_MAX.
enum class Rounding
{
    Down,
    HalfUp,
    Up
};

std::int64_t mulDiv(std::int64_t a, std::int64_t b, std::int64_t c, Rounding rounding);
// The same, for a figure that must be exact (a forecast): std::nullopt instead of saturating when the rounded quotient
// does not fit 64 bits.
std::optional<std::int64_t> checkedMulDiv(std::int64_t a, std::int64_t b, std::int64_t c, Rounding rounding);

// Compares a × b with c × d exactly (all >= 0): negative, zero or positive like a three-way comparison.
int compareProducts(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d);

} // namespace burnrate

#endif // BURNRATE_CORE_BUDGET_BUDGETMATH_H

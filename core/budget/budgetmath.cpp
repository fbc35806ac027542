#include "budget/budgetmath.h"

#include "util/uint128.h"

#include <limits>

namespace burnrate {

std::optional<std::int64_t> checkedMulDiv(std::int64_t a, std::int64_t b, std::int64_t c, Rounding rounding)
{
    constexpr auto Max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (a <= 0 || b <= 0 || c <= 0) {
        return std::int64_t{0};
    }
    const auto d = static_cast<std::uint64_t>(c);
    const UInt128Division qr =
        divide(UInt128::product(static_cast<std::uint64_t>(a), static_cast<std::uint64_t>(b)), d);
    if (!qr.quotient.fits64() || qr.quotient.lo > Max) {
        return std::nullopt;
    }
    std::uint64_t q = qr.quotient.lo;
    const std::uint64_t r = qr.remainder.lo;
    if ((rounding == Rounding::Up && r > 0) || (rounding == Rounding::HalfUp && r >= d - r)) {
        if (q == Max) {
            return std::nullopt; // rounding steps past the largest value
        }
        ++q;
    }
    return static_cast<std::int64_t>(q);
}

std::int64_t mulDiv(std::int64_t a, std::int64_t b, std::int64_t c, Rounding rounding)
{
    return checkedMulDiv(a, b, c, rounding).value_or(std::numeric_limits<std::int64_t>::max());
}

int compareProducts(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d)
{
    const auto u = [](std::int64_t v) {
        return v < 0 ? std::uint64_t{0} : static_cast<std::uint64_t>(v);
    };
    const UInt128 left = UInt128::product(u(a), u(b));
    const UInt128 right = UInt128::product(u(c), u(d));
    return left < right ? -1 : (left == right ? 0 : 1);
}

} // namespace burnrate

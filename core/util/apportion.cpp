#include "util/apportion.h"

#include "util/uint128.h"

#include <algorithm>
#include <numeric>

namespace burnrate {

std::vector<std::int64_t> apportion(std::int64_t total, const std::vector<std::int64_t> &weights)
{
    const size_t n = weights.size();
    std::vector<std::int64_t> parts(n, 0);
    if (n == 0) {
        return parts;
    }
    // Products of the amount and a weight, and the sum of the weights, need 128 bits.
    const auto weight = [](std::int64_t w) {
        return w > 0 ? static_cast<std::uint64_t>(w) : std::uint64_t{0};
    };
    UInt128 sum;
    for (std::int64_t w : weights) {
        sum += weight(w);
    }
    const bool even = sum == UInt128{};
    if (even) {
        sum = n;
    }
    const bool negative = total < 0;
    // The magnitude in unsigned arithmetic, so that INT64_MIN has one too.
    const std::uint64_t magnitude =
        negative ? std::uint64_t{0} - static_cast<std::uint64_t>(total) : static_cast<std::uint64_t>(total);
    std::vector<std::uint64_t> shares(n, 0);
    std::vector<UInt128> remainders(n);
    std::uint64_t given = 0;
    for (size_t i = 0; i < n; ++i) {
        const UInt128Division d = divide(UInt128::product(magnitude, even ? 1U : weight(weights[i])), sum);
        shares[i] = d.quotient.lo; // a part of the magnitude: fits 64 bits
        remainders[i] = d.remainder;
        given += shares[i];
    }
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return remainders[a] > remainders[b]; });
    for (size_t k = 0; given < magnitude && k < n; ++k) {
        ++shares[order[k]];
        ++given;
    }
    for (size_t i = 0; i < n; ++i) {
        // Two's complement conversion (defined since C++20) gives -2^63 its own value.
        parts[i] = static_cast<std::int64_t>(negative ? std::uint64_t{0} - shares[i] : shares[i]);
    }
    return parts;
}

} // namespace burnrate

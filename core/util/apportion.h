#ifndef BURNRATE_CORE_UTIL_APPORTION_H
#define BURNRATE_CORE_UTIL_APPORTION_H

#include <cstdint>
#include <numeric>
#include <vector>

namespace burnrate {

__extension__ typedef __int128 Int128; // products of amounts and weights need 128 bits

// Splits an integer `total` in proportion to non-negative `weights` so that the parts add up to exactly
// `total` (largest remainder; ties go to the earlier part). All-zero weights split evenly.
inline std::vector<std::int64_t> apportion(std::int64_t total, const std::vector<std::int64_t> &weights)
{
    const size_t n = weights.size();
    std::vector<std::int64_t> parts(n, 0);
    if (n == 0) {
        return parts;
    }
    Int128 sum = 0;
    for (std::int64_t w : weights) {
        sum += w > 0 ? w : 0;
    }
    std::vector<std::int64_t> even;
    const std::vector<std::int64_t> *w = &weights;
    if (sum == 0) {
        even.assign(n, 1);
        w = &even;
        sum = static_cast<Int128>(n);
    }
    const bool negative = total < 0;
    const Int128 magnitude = negative ? -static_cast<Int128>(total) : total;
    std::vector<Int128> remainders(n, 0);
    Int128 given = 0;
    for (size_t i = 0; i < n; ++i) {
        const Int128 wi = (*w)[i] > 0 ? (*w)[i] : 0;
        const Int128 exact = magnitude * wi;
        parts[i] = static_cast<std::int64_t>(exact / sum);
        remainders[i] = exact % sum;
        given += parts[i];
    }
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return remainders[a] > remainders[b]; });
    for (size_t k = 0; given < magnitude && k < n; ++k) {
        ++parts[order[k]];
        ++given;
    }
    if (negative) {
        for (auto &p : parts) {
            p = -p;
        }
    }
    return parts;
}

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_APPORTION_H

#ifndef BURNRATE_CORE_UTIL_APPORTION_H
#define BURNRATE_CORE_UTIL_APPORTION_H

#include <cstdint>
#include <vector>

namespace burnrate {

// Splits an integer `total` in proportion to non-negative `weights` so that the parts add up to exactly
// `total` (largest remainder; ties go to the earlier part). All-zero weights split evenly; negative
// weights count as zero.
std::vector<std::int64_t> apportion(std::int64_t total, const std::vector<std::int64_t> &weights);

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_APPORTION_H

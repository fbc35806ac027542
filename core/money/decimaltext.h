#ifndef BURNRATE_CORE_MONEY_DECIMALTEXT_H
#define BURNRATE_CORE_MONEY_DECIMALTEXT_H

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace burnrate::decimaltext {

// A decimal number as written ("-0.075", "3e-06", " 1.2E+1 "), split without floating point:
// value = (negative ? -1 : 1) × significant × 10^power.
struct Scanned
{
    bool negative = false;
    std::string significant; // digits without leading zeros; empty for zero
    int power = 0;           // exponent minus the number of fraction digits
};

// Reads text with optional surrounding blanks (spaces, tabs), a sign, digits with at most one point, and an
// optional exponent. nullopt when it is not such a number or the exponent is beyond ±1000.
std::optional<Scanned> scan(std::string_view text);

struct Scaled
{
    std::int64_t magnitude = 0;
    bool exact = true; // false when digits were rounded away (half-up on the first dropped digit)
};

// The significant digits × 10^shift as an integer, rounding half-up when shift drops digits. nullopt when the
// result does not fit an int64.
std::optional<Scaled> toInteger(const std::string &significant, int shift);

} // namespace burnrate::decimaltext

#endif // BURNRATE_CORE_MONEY_DECIMALTEXT_H

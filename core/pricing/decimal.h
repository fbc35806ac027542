#ifndef BURNRATE_CORE_PRICING_DECIMAL_H
#define BURNRATE_CORE_PRICING_DECIMAL_H

#include "util/result.h"

#include <QString>
#include <QStringView>

#include <cstdint>
#include <string_view>

namespace burnrate {

// A non-negative decimal read as an exact integer count of 10^-scale units.
struct ScaledDecimal
{
    std::int64_t value = 0;
    bool exact = true; // false when digits past `scale` were rounded (half-up)
};

// Parses "2.50", "0.075", "3e-06", "1.2E+1" without floating point. Refuses signs other than a
// leading '+', negative values ("is negative"), text that is not a number, and values beyond int64.
Result<ScaledDecimal> parseScaledDecimal(std::string_view text, int scale);
Result<ScaledDecimal> parseScaledDecimal(QStringView text, int scale);

// The shortest exact decimal text of value × 10^-scale: 2500000 at scale 6 → "2.5"; 0 → "0".
QString formatScaled(std::int64_t value, int scale);

// A positive rational multiplier such as batch 0.5 (= 1/2), kept exact.
struct Multiplier
{
    std::int64_t num = 1;
    std::int64_t den = 1;
    bool isOne() const { return num == den; }
    QString toString() const; // "0.5"; a value with no finite decimal form prints as "num/den"
    friend bool operator==(const Multiplier &, const Multiplier &) = default;
};

// "0.5" → 1/2, "1.1" → 11/10. At most 6 decimals; must be > 0.
Result<Multiplier> parseMultiplier(QStringView text);

} // namespace burnrate

#endif // BURNRATE_CORE_PRICING_DECIMAL_H

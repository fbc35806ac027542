#include "budget/forecast.h"

#include "budget/budgetmath.h"

#include <algorithm>

namespace burnrate {

Forecast forecastPeriod(std::int64_t spendNano, std::int64_t trailingNano, std::int64_t trailingWindowMs,
                        std::int64_t nowMs, std::int64_t periodEndMs, std::int64_t amountNano)
{
    Forecast f;
    f.spendNano = spendNano;
    f.overBudget = spendNano >= amountNano;
    if (trailingWindowMs <= 0 || trailingNano <= 0) {
        f.forecastNano = spendNano;
        return f;
    }
    f.runRatePerDayNano = mulDiv(trailingNano, MsPerDay, trailingWindowMs, Rounding::HalfUp);
    const std::int64_t leftMs = std::max<std::int64_t>(0, periodEndMs - nowMs);
    const std::int64_t more = mulDiv(trailingNano, leftMs, trailingWindowMs, Rounding::HalfUp);
    f.forecastNano = more > INT64_MAX - spendNano ? INT64_MAX : spendNano + more;
    if (!f.overBudget) {
        // The first millisecond at which spend + rate × t reaches the amount.
        const std::int64_t untilMs = mulDiv(amountNano - spendNano, trailingWindowMs, trailingNano, Rounding::Up);
        if (untilMs < leftMs) {
            f.crossingMs = nowMs + untilMs;
        }
    }
    return f;
}

std::int64_t twiceMedian(QList<std::int64_t> values)
{
    if (values.isEmpty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    if (n % 2 == 1) {
        return 2 * values[n / 2];
    }
    return values[n / 2 - 1] + values[n / 2];
}

bool isAnomalous(std::int64_t todayNano, std::int64_t twiceMedianNano, int factor, std::int64_t floorNano)
{
    if (todayNano <= floorNano) {
        return false;
    }
    // today > factor × (twiceMedian / 2)  <=>  2 × today > factor × twiceMedian
    return compareProducts(todayNano, 2, twiceMedianNano, factor) > 0;
}

} // namespace burnrate

#ifndef BURNRATE_CORE_BUDGET_FORECAST_H
#define BURNRATE_CORE_BUDGET_FORECAST_H

#include "util/result.h"

#include <QList>

#include <cstdint>
#include <optional>

namespace burnrate {

// The forecast of one budget period: spend to date + trailing run rate × time left. All in integers: the
// rate stays the rational trailingNano / trailingWindowMs and is only rounded in the final products.
struct Forecast
{
    std::int64_t spendNano = 0;
    std::int64_t runRatePerDayNano = 0; // the trailing rate per 24 hours, rounded half up (for display)
    std::int64_t forecastNano = 0;      // spend at the end of the period
    // The instant the spend reaches the amount at that rate, when that happens before the period ends and
    // has not happened yet.
    std::optional<std::int64_t> crossingMs;
    bool overBudget = false; // the spend has reached the amount already
};

constexpr std::int64_t MsPerDay = 86'400'000;

// Fails, naming the figure, when the rate, the forecast or the amount left does not fit 64 bits: a forecast is
// exact or it is an error, never a saturated or wrapped number.
Result<Forecast> forecastPeriod(std::int64_t spendNano, std::int64_t trailingNano, std::int64_t trailingWindowMs,
                                std::int64_t nowMs, std::int64_t periodEndMs, std::int64_t amountNano);

// Twice the median of `values`, exact (the median of an even count is the mean of the middle two); fails when it
// does not fit 64 bits.
Result<std::int64_t> twiceMedian(QList<std::int64_t> values);

// Today is an anomaly when it is above `factor` × the median of the trailing days and above `floorNano`.
bool isAnomalous(std::int64_t todayNano, std::int64_t twiceMedianNano, int factor, std::int64_t floorNano);

} // namespace burnrate

#endif // BURNRATE_CORE_BUDGET_FORECAST_H

#include "budget/forecast.h"

#include "budget/budgetmath.h"
#include "util/checkedsum.h"

#include <algorithm>

namespace burnrate {

Result<Forecast> forecastPeriod(std::int64_t spendNano, std::int64_t trailingNano, std::int64_t trailingWindowMs,
                                std::int64_t nowMs, std::int64_t periodEndMs, std::int64_t amountNano)
{
    using R = Result<Forecast>;
    Forecast f;
    f.spendNano = spendNano;
    f.forecastNano = spendNano;
    f.overBudget = spendNano >= amountNano;
    if (trailingWindowMs <= 0 || trailingNano <= 0) {
        return f;
    }
    const auto rate = checkedMulDiv(trailingNano, MsPerDay, trailingWindowMs, Rounding::HalfUp);
    if (!rate) {
        return R::failure(beyondInt64Message(u"the run rate per day in nano-USD"));
    }
    f.runRatePerDayNano = *rate;
    const std::int64_t leftMs = std::max<std::int64_t>(0, periodEndMs - nowMs);
    const auto more = checkedMulDiv(trailingNano, leftMs, trailingWindowMs, Rounding::HalfUp);
    if (!more || !checkedAdd(f.forecastNano, *more)) {
        return R::failure(beyondInt64Message(u"the forecast spend in nano-USD"));
    }
    if (!f.overBudget) {
        // The first millisecond at which spend + rate × t reaches the amount.
        std::int64_t left = 0;
        if (qSubOverflow(amountNano, spendNano, &left)) {
            return R::failure(beyondInt64Message(u"the amount left of the budget in nano-USD"));
        }
        // Saturating is right here: a wait beyond int64 milliseconds is past the end of any period.
        const std::int64_t untilMs = mulDiv(left, trailingWindowMs, trailingNano, Rounding::Up);
        if (untilMs < leftMs) {
            f.crossingMs = nowMs + untilMs;
        }
    }
    return f;
}

Result<std::int64_t> twiceMedian(QList<std::int64_t> values)
{
    if (values.isEmpty()) {
        return std::int64_t{0};
    }
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    std::int64_t twice = values[n % 2 == 1 ? n / 2 : n / 2 - 1];
    if (!checkedAdd(twice, values[n / 2])) {
        return Result<std::int64_t>::failure(beyondInt64Message(u"twice the median day's spend in nano-USD"));
    }
    return twice;
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

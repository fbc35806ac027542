#include "budget/ledgerspendsource.h"

#include "ledger/database.h"
#include "ledger/ledger.h"
#include "ledger/spendfacts.h"
#include "ledger/spendrule.h"
#include "util/apportion.h"
#include "util/checkedsum.h"

namespace burnrate {

namespace {

// The name of every spend total, for the message when it does not fit 64 bits.
const QString SpendWhat = QStringLiteral("spend in nano-USD");

} // namespace

LedgerSpendSource::LedgerSpendSource(Ledger &ledger)
    : m_ledger(ledger)
{}

Result<std::int64_t> LedgerSpendSource::spendNano(const BudgetScope &scope, std::int64_t fromUtcMs,
                                                  std::int64_t toUtcMs)
{
    if (fromUtcMs >= toUtcMs) {
        return std::int64_t{0};
    }
    if (scope.kind == BudgetScope::Kind::Tag) {
        return fromEvents(scope, fromUtcMs, toUtcMs);
    }
    if (scope.kind != BudgetScope::Kind::Workflow) {
        if (auto ruled = fromSpendRule(scope, fromUtcMs, toUtcMs)) {
            return *ruled;
        }
    }
    // Split into a partial head day, whole local days (read from the daily or the workflow rollups) and a partial
    // tail day.
    LocalCalendar &cal = m_ledger.calendar();
    const std::int64_t fromDay = cal.dayOf(fromUtcMs);
    const bool fromAtMidnight = cal.startOfDayUtcMs(QDate::fromJulianDay(fromDay)) == fromUtcMs;
    const std::int64_t firstWhole = fromAtMidnight ? fromDay : fromDay + 1;
    const std::int64_t toDay = cal.dayOf(toUtcMs);
    if (firstWhole >= toDay) {
        return fromEvents(scope, fromUtcMs, toUtcMs);
    }
    const std::int64_t wholeStartMs = cal.startOfDayUtcMs(QDate::fromJulianDay(firstWhole));
    const std::int64_t wholeEndMs = cal.startOfDayUtcMs(QDate::fromJulianDay(toDay));
    std::int64_t total = 0;
    for (const auto &part : {fromEvents(scope, fromUtcMs, wholeStartMs), fromRollups(scope, firstWhole, toDay - 1),
                             fromEvents(scope, wholeEndMs, toUtcMs)}) {
        if (!part) {
            return part;
        }
        if (!checkedAdd(total, *part)) {
            return Result<std::int64_t>::failure(sumOverflowMessage(SpendWhat));
        }
    }
    return total;
}

Result<std::int64_t> LedgerSpendSource::fromEvents(const BudgetScope &scope, std::int64_t fromUtcMs,
                                                   std::int64_t toUtcMs)
{
    if (fromUtcMs >= toUtcMs) {
        return std::int64_t{0};
    }
    constexpr std::string_view Base = "SELECT COALESCE(checked_sum(cost_nano, 'spend in nano-USD'), 0) FROM events"
                                      " WHERE occurred_at >= ?1 AND occurred_at < ?2 AND billing = 'api'"
                                      " AND cost_nano IS NOT NULL";
    std::string sql(Base);
    switch (scope.kind) {
    case BudgetScope::Kind::Global:
        break;
    case BudgetScope::Kind::Provider:
        sql += " AND provider = ?3";
        break;
    case BudgetScope::Kind::Workflow:
        sql += " AND COALESCE(NULLIF(workflow_type, ''), NULLIF(workflow_id, '')) = ?3";
        break;
    case BudgetScope::Kind::Tag:
        sql += " AND EXISTS (SELECT 1 FROM json_each(events.tags) WHERE json_each.key = ?3 AND json_each.value = ?4)";
        break;
    }
    Statement &s = m_ledger.db().cached(sql);
    s.bind(1, fromUtcMs);
    s.bind(2, toUtcMs);
    if (scope.kind != BudgetScope::Kind::Global) {
        s.bind(3, scope.value);
    }
    if (scope.kind == BudgetScope::Kind::Tag) {
        s.bind(4, scope.tagValue);
    }
    if (s.step() != Statement::Step::Row) {
        const QString error = m_ledger.db().lastError();
        s.reset();
        return Result<std::int64_t>::failure(QStringLiteral("cannot read the spend: %1").arg(error));
    }
    const std::int64_t sum = s.int64(0);
    s.reset();
    return sum;
}

Result<std::int64_t> LedgerSpendSource::fromRollups(const BudgetScope &scope, std::int64_t firstDay,
                                                    std::int64_t lastDay)
{
    std::string sql = "SELECT COALESCE(checked_sum(cost_nano, 'spend in nano-USD'), 0) FROM ";
    switch (scope.kind) {
    case BudgetScope::Kind::Provider:
        sql += "rollups WHERE day BETWEEN ?1 AND ?2 AND billing = 'api' AND provider = ?3";
        break;
    case BudgetScope::Kind::Workflow:
        sql += "workflow_rollups WHERE day BETWEEN ?1 AND ?2 AND billing = 'api' AND workflow_key = ?3";
        break;
    default:
        sql += "rollups WHERE day BETWEEN ?1 AND ?2 AND billing = 'api'";
        break;
    }
    Statement &s = m_ledger.db().cached(sql);
    s.bind(1, firstDay);
    s.bind(2, lastDay);
    if (scope.kind != BudgetScope::Kind::Global) {
        s.bind(3, scope.value);
    }
    if (s.step() != Statement::Step::Row) {
        const QString error = m_ledger.db().lastError();
        s.reset();
        return Result<std::int64_t>::failure(QStringLiteral("cannot read the spend: %1").arg(error));
    }
    const std::int64_t sum = s.int64(0);
    s.reset();
    return sum;
}

std::optional<Result<std::int64_t>> LedgerSpendSource::fromSpendRule(const BudgetScope &scope, std::int64_t fromUtcMs,
                                                                     std::int64_t toUtcMs)
{
    using R = Result<std::int64_t>;
    // The present is the end of the range: a day closes (and its billed amount counts) relative to it.
    auto rule = SpendRule::load(m_ledger.db(), toUtcMs);
    if (!rule) {
        return R::failure(rule.error());
    }
    if (!rule->hasApiData()) {
        return std::nullopt;
    }
    LocalCalendar &cal = m_ledger.calendar();
    const std::int64_t firstDay = cal.dayOf(fromUtcMs);
    const std::int64_t lastDay = cal.dayOf(toUtcMs - 1);
    auto facts = SpendFacts(m_ledger, *rule).collect(firstDay, lastDay);
    if (!facts) {
        return R::failure(facts.error());
    }
    QHash<std::int64_t, std::int64_t> byDay;
    for (const SpendFact &f : std::as_const(facts.value())) {
        if (f.provenance == QLatin1String("subscription") ||
            (scope.kind == BudgetScope::Kind::Provider && f.provider != scope.value)) {
            continue;
        }
        if (!checkedAdd(byDay[f.localDay], f.costNano)) {
            return R::failure(sumOverflowMessage(SpendWhat));
        }
    }
    // The share of a day's spend inside [fromUtcMs, toUtcMs), by time (exact integer arithmetic).
    const auto share = [&](std::int64_t day, std::int64_t amount) -> std::int64_t {
        const std::int64_t dayStart = cal.startOfDayUtcMs(QDate::fromJulianDay(day));
        const std::int64_t dayEnd = cal.startOfDayUtcMs(QDate::fromJulianDay(day + 1));
        const std::int64_t from = std::max(dayStart, fromUtcMs);
        // The last day counts whole: it ends at the present, and nothing has been spent after now.
        const std::int64_t until = day == lastDay ? dayEnd : std::min(dayEnd, toUtcMs);
        if (from <= dayStart && until >= dayEnd) {
            return amount;
        }
        // The day's share in the range against the rest of it, split exactly.
        return apportion(amount, {until - from, (dayEnd - dayStart) - (until - from)}).front();
    };
    std::int64_t total = 0;
    for (auto it = byDay.cbegin(); it != byDay.cend(); ++it) {
        if (!checkedAdd(total, share(it.key(), it.value()))) {
            return R::failure(sumOverflowMessage(SpendWhat));
        }
    }
    return R(total);
}

} // namespace burnrate

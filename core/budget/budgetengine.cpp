#include "budget/budgetengine.h"

#include "budget/alerttext.h"
#include "budget/budgetlog.h"
#include "budget/budgetmath.h"
#include "budget/spendsource.h"
#include "ledger/database.h"
#include "ledger/ledger.h"
#include "util/clock.h"
#include "util/settings.h"

#include <algorithm>

namespace burnrate {

BudgetOptions budgetOptionsFrom(const Settings &settings)
{
    BudgetOptions options;
    const QString floor = settings.value(Settings::Key::AnomalyFloorUsd).toString();
    if (const auto money = Money::parseUsd(QStringView(floor)); money && !money->isNegative()) {
        options.anomalyFloorNano = money->nano();
    }
    return options;
}

std::int64_t BudgetStatus::basisPoints() const
{
    return mulDiv(spendNano(), 10'000, budget.amountNano, Rounding::Down);
}

QList<int> BudgetStatus::reachedThresholds() const
{
    QList<int> out;
    for (int t : budget.thresholds) {
        // spend / amount >= t / 100  <=>  spend × 100 >= amount × t
        if (compareProducts(spendNano(), 100, budget.amountNano, t) >= 0) {
            out.append(t);
        }
    }
    return out;
}

BudgetEngine::BudgetEngine(Ledger &ledger, SpendSource &spend, const Clock &clock, BudgetOptions options)
    : m_ledger(ledger)
    , m_spend(spend)
    , m_clock(clock)
    , m_options(options)
    , m_store(ledger.db())
{}

Result<BudgetStatus> BudgetEngine::statusAt(const Budget &budget, std::int64_t nowMs)
{
    using R = Result<BudgetStatus>;
    BudgetStatus s;
    s.budget = budget;
    s.period = periodAt(budget, m_ledger.calendar(), nowMs);
    const auto spend = m_spend.spendNano(budget.scope, s.period.startMs, s.period.endMs);
    if (!spend) {
        return R::failure(spend.error());
    }
    const std::int64_t windowMs = std::int64_t{m_options.runRateDays} * MsPerDay;
    const auto trailing = m_spend.spendNano(budget.scope, nowMs - windowMs, nowMs);
    if (!trailing) {
        return R::failure(trailing.error());
    }
    const auto forecast = forecastPeriod(*spend, *trailing, windowMs, nowMs, s.period.endMs, budget.amountNano);
    if (!forecast) {
        return R::failure(forecast.error());
    }
    s.forecast = *forecast;
    if (auto st = loadAlerts(s); !st) {
        return R::failure(st.error());
    }
    return s;
}

Status BudgetEngine::loadAlerts(BudgetStatus &s)
{
    auto fired = m_store.firedThresholds(s.budget.id, s.period.first);
    if (!fired) {
        return Status::failure(fired.error());
    }
    s.firedThresholds = *fired;
    auto forecastAlerted = m_store.forecastAlerted(s.budget.id, s.period.first);
    if (!forecastAlerted) {
        return Status::failure(forecastAlerted.error());
    }
    s.forecastAlerted = *forecastAlerted;
    return okStatus();
}

Result<BudgetStatus> BudgetEngine::status(const Budget &budget)
{
    return statusAt(budget, m_clock.nowMs());
}

Result<QList<BudgetStatus>> BudgetEngine::statuses()
{
    return statusesAt(m_clock.nowMs());
}

Result<QList<BudgetStatus>> BudgetEngine::statusesAt(std::int64_t now)
{
    using R = Result<QList<BudgetStatus>>;
    auto budgets = m_store.list();
    if (!budgets) {
        return R::failure(budgets.error());
    }
    QList<BudgetStatus> out;
    for (const Budget &b : std::as_const(*budgets)) {
        auto s = statusAt(b, now);
        if (!s) {
            return R::failure(s.error());
        }
        out.append(std::move(s).value());
    }
    return out;
}

Result<AnomalyStatus> BudgetEngine::anomalyAt(std::int64_t nowMs)
{
    using R = Result<AnomalyStatus>;
    LocalCalendar &cal = m_ledger.calendar();
    const BudgetScope all;
    AnomalyStatus a;
    a.day = cal.dateOf(nowMs);
    a.windowDays = m_options.anomalyWindowDays;
    const auto today = m_spend.spendNano(all, cal.startOfDayUtcMs(a.day), cal.startOfDayUtcMs(a.day.addDays(1)));
    if (!today) {
        return R::failure(today.error());
    }
    a.todayNano = *today;
    QList<std::int64_t> days;
    for (int back = a.windowDays; back >= 1; --back) {
        const QDate d = a.day.addDays(-back);
        const auto spend = m_spend.spendNano(all, cal.startOfDayUtcMs(d), cal.startOfDayUtcMs(d.addDays(1)));
        if (!spend) {
            return R::failure(spend.error());
        }
        days.append(*spend);
        a.hasHistory = a.hasHistory || *spend > 0;
    }
    const auto twice = twiceMedian(days);
    if (!twice) {
        return R::failure(twice.error());
    }
    a.twiceMedianNano = *twice;
    a.anomalous = a.hasHistory &&
                  isAnomalous(a.todayNano, a.twiceMedianNano, m_options.anomalyFactor, m_options.anomalyFloorNano);
    auto alerted = m_store.anomalyAlerted(a.day);
    if (!alerted) {
        return R::failure(alerted.error());
    }
    a.alerted = *alerted;
    return a;
}

Result<AnomalyStatus> BudgetEngine::anomaly()
{
    return anomalyAt(m_clock.nowMs());
}

Status BudgetEngine::checkBudget(BudgetStatus &s, std::int64_t nowMs, QList<BudgetNotification> &out)
{
    const Budget &b = s.budget;
    QList<int> fresh;
    for (int t : s.reachedThresholds()) {
        if (s.firedThresholds.contains(t)) {
            continue;
        }
        auto inserted = m_store.recordThreshold(b.id, s.period.first, t, nowMs, s.spendNano());
        if (!inserted) {
            return Status::failure(inserted.error());
        }
        if (*inserted) {
            qCDebug(lcBudget) << "budget" << b.name << "reached" << t << "% of the period from" << s.period.first;
            fresh.append(t);
            s.firedThresholds.append(t);
        }
    }
    std::sort(s.firedThresholds.begin(), s.firedThresholds.end());
    const bool forecastOver = !s.forecast.overBudget && s.forecast.forecastNano > b.amountNano && !s.forecastAlerted;
    bool forecastFresh = false;
    if (forecastOver) {
        auto inserted = m_store.recordForecast(b.id, s.period.first, nowMs, s.forecast.forecastNano);
        if (!inserted) {
            return Status::failure(inserted.error());
        }
        forecastFresh = *inserted;
        s.forecastAlerted = true;
    }
    BudgetNotification n;
    n.budgetId = b.id;
    n.budgetName = b.name;
    n.summary = QStringLiteral("Burnrate");
    if (!fresh.isEmpty()) {
        // Several at once: one notification, naming the highest. Its text carries the forecast too.
        n.kind = BudgetNotification::Kind::Threshold;
        n.threshold = *std::max_element(fresh.cbegin(), fresh.cend());
        n.urgent = s.forecast.overBudget;
        n.body = AlertText::threshold(s, n.threshold);
        out.append(n);
    } else if (forecastFresh) {
        n.kind = BudgetNotification::Kind::Forecast;
        n.body = AlertText::forecast(s, m_ledger.calendar());
        out.append(n);
    }
    return okStatus();
}

Result<BudgetCheck> BudgetEngine::check()
{
    using R = Result<BudgetCheck>;
    // The spend first, without holding the ledger's write lock (WAL readers block nobody)...
    const std::int64_t now = m_clock.nowMs();
    auto current = statusesAt(now);
    if (!current) {
        return R::failure(current.error());
    }
    auto anomaly = anomalyAt(now);
    if (!anomaly) {
        return R::failure(anomaly.error());
    }
    BudgetCheck result;
    result.statuses = std::move(current).value();
    result.anomaly = *anomaly;
    // ...then what was sent already and what is new, in one write transaction, so that of two processes
    // checking at once only one records (and so sends) each alert.
    Transaction tx(m_ledger.db());
    if (!tx.isActive()) {
        return R::failure(tx.error());
    }
    for (BudgetStatus &s : result.statuses) {
        if (auto st = loadAlerts(s); !st) {
            return R::failure(st.error());
        }
        if (auto st = checkBudget(s, now, result.notifications); !st) {
            return R::failure(st.error());
        }
    }
    auto alerted = m_store.anomalyAlerted(result.anomaly.day);
    if (!alerted) {
        return R::failure(alerted.error());
    }
    result.anomaly.alerted = *alerted;
    if (result.anomaly.anomalous && !result.anomaly.alerted) {
        auto inserted =
            m_store.recordAnomaly(result.anomaly.day, now, result.anomaly.todayNano, result.anomaly.twiceMedianNano);
        if (!inserted) {
            return R::failure(inserted.error());
        }
        result.anomaly.alerted = true;
        if (*inserted) {
            BudgetNotification n;
            n.kind = BudgetNotification::Kind::Anomaly;
            n.summary = QStringLiteral("Burnrate");
            n.body = AlertText::anomaly(result.anomaly);
            result.notifications.append(n);
        }
    }
    if (auto st = tx.commit(); !st) {
        return R::failure(st.error());
    }
    return result;
}

std::int64_t BudgetEngine::nextBoundaryMs()
{
    LocalCalendar &cal = m_ledger.calendar();
    return cal.startOfDayUtcMs(cal.dateOf(m_clock.nowMs()).addDays(1));
}

std::optional<qsizetype> BudgetEngine::primaryIndex(const QList<BudgetStatus> &statuses)
{
    std::optional<qsizetype> firstGlobal;
    for (qsizetype i = 0; i < statuses.size(); ++i) {
        const Budget &b = statuses[i].budget;
        if (b.scope.kind != BudgetScope::Kind::Global) {
            continue;
        }
        if (b.period == BudgetPeriod::Monthly) {
            return i;
        }
        if (!firstGlobal) {
            firstGlobal = i;
        }
    }
    if (firstGlobal) {
        return firstGlobal;
    }
    return statuses.isEmpty() ? std::nullopt : std::optional<qsizetype>(0);
}

} // namespace burnrate

#include "ui/overviewdata.h"

#include "budget/ledgerspendsource.h"
#include "ledger/ledger.h"
#include "util/checkedsum.h"
#include "util/clock.h"

#include <QMap>

#include <algorithm>

namespace burnrate::ui {

namespace {

constexpr int RunRateDays = 7;
constexpr int TrendDays = 30;
constexpr int TrendWeeks = 12;
constexpr int TrendMonths = 12;

Result<Report> query(Ledger &ledger, const Clock &clock, ReportBy by, QDate since, QDate until,
                     bool perProvider = false)
{
    ReportRequest request;
    request.by = by;
    request.since = since;
    request.until = until;
    request.perProvider = perProvider;
    return ReportQuery(ledger, clock).run(request);
}

QStringList provenanceOf(const Report &report)
{
    QStringList out;
    for (const ReportRow &row : report.rows) {
        if (row.provenance != QLatin1String("subscription") && (row.costNano != 0 || row.requests != 0) &&
            !out.contains(row.provenance)) {
            out.append(row.provenance);
        }
    }
    return out;
}

QList<ProviderSync> providerSync(Ledger &ledger)
{
    QMap<QString, ProviderSync> byProvider;
    const QList<SyncState> states = SyncStore(ledger.db()).states();
    for (const SyncState &s : states) {
        ProviderSync &p = byProvider[s.provider];
        const bool first = p.provider.isEmpty();
        p.provider = s.provider;
        // The provider is as fresh as its stalest endpoint; one that never succeeded makes it "never".
        if (first) {
            p.lastSuccessMs = s.lastSuccess;
        } else if (!s.lastSuccess || (p.lastSuccessMs && *s.lastSuccess < *p.lastSuccessMs)) {
            p.lastSuccessMs = s.lastSuccess;
        }
        if (s.lastAttempt && (!p.lastAttemptMs || *s.lastAttempt > *p.lastAttemptMs)) {
            p.lastAttemptMs = s.lastAttempt;
        }
        if (!s.lastError.isEmpty()) {
            p.errors.append(QStringLiteral("%1: %2").arg(s.endpoint, s.lastError));
        }
    }
    return byProvider.values();
}

} // namespace

Result<Overview> loadOverview(Ledger &ledger, const Clock &clock, bool withBudgets)
{
    using R = Result<Overview>;
    Overview o;
    LocalCalendar &calendar = ledger.calendar();
    const std::int64_t nowMs = clock.nowMs();
    o.today = calendar.dateOf(nowMs);
    o.weekStart = calendar.weekStartOf(o.today);
    o.monthStart = LocalCalendar::monthStartOf(o.today);
    o.monthEnd = o.monthStart.addMonths(1).addDays(-1);
    o.timezone = QString::fromUtf8(calendar.zoneId());

    auto today = query(ledger, clock, ReportBy::Provider, o.today, o.today);
    auto week = today ? query(ledger, clock, ReportBy::Provider, o.weekStart, o.today) : today;
    auto byProvider = week ? query(ledger, clock, ReportBy::Provider, o.monthStart, o.today) : week;
    auto byModel = byProvider ? query(ledger, clock, ReportBy::Model, o.monthStart, o.today) : byProvider;
    // The run rate as the budgets have it (one forecast on the whole screen): the spend of the last 7 × 24 hours,
    // under the same spend rule as the cards.
    LedgerSpendSource budgetSpend(ledger);
    const std::int64_t windowMs = RunRateDays * MsPerDay;
    auto trailing = byModel ? budgetSpend.spendNano(BudgetScope{}, nowMs - windowMs, nowMs)
                            : Result<std::int64_t>::failure(byModel.error());
    if (!trailing) {
        return R::failure(trailing.error());
    }
    o.todayTotal = today->total;
    o.weekTotal = week->total;
    o.monthTotal = byProvider->total;
    o.todayProvenance = provenanceOf(*today);
    o.weekProvenance = provenanceOf(*week);
    o.monthProvenance = provenanceOf(*byProvider);
    o.monthSubscriptionNano = byProvider->subscriptionValueNano;
    o.byProvider = std::move(byProvider.value().rows);
    o.byModel = std::move(byModel.value().rows);
    for (const UnpricedModel &m : std::as_const(byModel->unpricedModels)) {
        if (!o.unpricedModels.contains(m.model)) {
            o.unpricedModels.append(m.model);
        }
    }
    const auto forecast = forecastPeriod(o.monthTotal.costNano, *trailing, windowMs, nowMs,
                                         calendar.startOfDayUtcMs(o.monthEnd.addDays(1)), 0);
    if (!forecast) {
        return R::failure(forecast.error());
    }
    o.monthForecast = *forecast;

    auto credits = loadCreditsLeft(ledger.db());
    if (!credits) {
        return R::failure(credits.error());
    }
    o.credits = std::move(credits).value();

    if (withBudgets) {
        LedgerSpendSource spend(ledger);
        auto budgets = BudgetEngine(ledger, spend, clock).statuses();
        if (!budgets) {
            return R::failure(budgets.error());
        }
        o.budgets = std::move(budgets).value();
    }
    o.sync = providerSync(ledger);
    return o;
}

std::int64_t Trend::providerTotal(const QString &provider) const
{
    return providerTotalNano.value(provider);
}

Result<Trend> loadTrend(Ledger &ledger, const Clock &clock, ReportBy by)
{
    LocalCalendar &calendar = ledger.calendar();
    const QDate today = calendar.dateOf(clock.nowMs());
    Trend t;
    t.by = by;
    QDate since;
    if (by == ReportBy::Week) {
        since = calendar.weekStartOf(today).addDays(-7 * (TrendWeeks - 1));
        for (QDate d = since; d <= today; d = d.addDays(7)) {
            t.buckets.append(d.toString(Qt::ISODate));
        }
    } else if (by == ReportBy::Month) {
        since = LocalCalendar::monthStartOf(today).addMonths(-(TrendMonths - 1));
        for (QDate d = since; d <= today; d = d.addMonths(1)) {
            t.buckets.append(d.toString(QStringLiteral("yyyy-MM")));
        }
    } else {
        t.by = ReportBy::Day;
        since = today.addDays(-(TrendDays - 1));
        for (QDate d = since; d <= today; d = d.addDays(1)) {
            t.buckets.append(d.toString(Qt::ISODate));
        }
    }
    auto report = query(ledger, clock, t.by, since, today, true);
    if (!report) {
        return Result<Trend>::failure(report.error());
    }
    t.bucketTotalNano.resize(t.buckets.size());
    SumCheck sums;
    for (const ReportRow &row : std::as_const(report->rows)) {
        if (row.provenance == QLatin1String("subscription")) {
            continue; // not spend
        }
        const auto bucket = t.buckets.indexOf(row.key);
        if (bucket < 0) {
            continue;
        }
        auto &series = t.costNano[row.provider];
        if (series.isEmpty()) {
            series.resize(t.buckets.size());
            t.providers.append(row.provider);
        }
        sums.add(series[bucket], row.costNano, "cost in nano-USD");
        sums.add(t.bucketTotalNano[bucket], row.costNano, "cost in nano-USD");
        sums.add(t.providerTotalNano[row.provider], row.costNano, "cost in nano-USD");
        sums.add(t.totalNano, row.costNano, "cost in nano-USD");
        if (!t.provenance.contains(row.provenance)) {
            t.provenance.append(row.provenance);
        }
    }
    if (!sums.ok()) {
        return Result<Trend>::failure(sums.error());
    }
    std::sort(t.providers.begin(), t.providers.end(), [&t](const QString &a, const QString &b) {
        const auto ta = t.providerTotal(a);
        const auto tb = t.providerTotal(b);
        return ta != tb ? ta > tb : a < b;
    });
    return t;
}

} // namespace burnrate::ui

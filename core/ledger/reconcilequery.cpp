#include "ledger/reconcilequery.h"

#include "ledger/database.h"
#include "ledger/ledger.h"
#include "ledger/spendrule.h"
#include "util/checkedsum.h"

#include <QMap>

namespace burnrate {

std::optional<double> ReconcileRow::driftPercent() const
{
    if (!billedNano || !estimatedNano || *billedNano == 0 || unpricedTokens > 0) {
        return std::nullopt;
    }
    // The difference in floating point: a ratio for display, and two amounts of opposite sign may differ by more
    // than 64 bits hold.
    return 100.0 * (static_cast<double>(*estimatedNano) - static_cast<double>(*billedNano)) /
           static_cast<double>(*billedNano);
}

ReconcileQuery::ReconcileQuery(Ledger &ledger, const Clock &clock)
    : m_ledger(ledger)
    , m_clock(clock)
{}

Result<Reconcile> ReconcileQuery::run(std::optional<QDate> since, std::optional<QDate> until)
{
    using R = Result<Reconcile>;
    auto rule = SpendRule::load(m_ledger.db(), m_clock.nowMs());
    if (!rule) {
        return R::failure(rule.error());
    }
    const QString first = since ? since->toString(Qt::ISODate) : QStringLiteral("0000-01-01");
    const QString last = until ? until->toString(Qt::ISODate) : QStringLiteral("9999-12-31");
    QMap<QPair<QString, QString>, ReconcileRow> rows; // (day, provider)
    auto billed = m_ledger.db().prepare("SELECT day, provider, checked_sum(amount_nano, 'billed cost in nano-USD')"
                                        " FROM billed_rollups WHERE day >= ?1 AND day <= ?2 GROUP BY day, provider");
    if (!billed) {
        return R::failure(billed.error());
    }
    billed->bind(1, first);
    billed->bind(2, last);
    Statement::Step step;
    while ((step = billed->step()) == Statement::Step::Row) {
        const QDate day = QDate::fromString(billed->text(0), Qt::ISODate);
        const QString provider = billed->text(1);
        if (!rule->billedCovers(provider, day.toJulianDay())) {
            continue;
        }
        ReconcileRow &r = rows[{billed->text(0), provider}];
        r.day = day;
        r.provider = provider;
        r.billedNano = billed->int64(2);
    }
    if (step == Statement::Step::Error) {
        return R::failure(m_ledger.db().lastError());
    }
    const std::int64_t fromMs =
        since ? SpendRule::dayStartMs(since->toJulianDay()) : std::numeric_limits<std::int64_t>::min();
    const std::int64_t untilMs =
        until ? SpendRule::dayStartMs(until->toJulianDay() + 1) : std::numeric_limits<std::int64_t>::max();
    auto usage = m_ledger.db().prepare("SELECT bucket_start, provider, cost_nano, unpriced_tokens FROM usage_rollups"
                                       " WHERE bucket_start >= ?1 AND bucket_start < ?2");
    if (!usage) {
        return R::failure(usage.error());
    }
    usage->bind(1, fromMs);
    usage->bind(2, untilMs);
    SumCheck sums;
    while ((step = usage->step()) == Statement::Step::Row) {
        const std::int64_t utcDay = SpendRule::utcDayOf(usage->int64(0));
        const QString provider = usage->text(1);
        if (!rule->usageFromApi(provider, utcDay)) {
            continue;
        }
        const QDate day = QDate::fromJulianDay(utcDay);
        ReconcileRow &r = rows[{day.toString(Qt::ISODate), provider}];
        r.day = day;
        r.provider = provider;
        std::int64_t estimated = r.estimatedNano.value_or(0);
        sums.add(estimated, usage->int64(2), "estimated cost in nano-USD");
        r.estimatedNano = estimated;
        sums.add(r.unpricedTokens, usage->int64(3), "unpriced tokens");
    }
    if (step == Statement::Step::Error) {
        return R::failure(m_ledger.db().lastError());
    }
    if (!sums.ok()) {
        return R::failure(sums.error());
    }
    Reconcile out;
    out.since = since;
    out.until = until;
    for (auto it = rows.begin(); it != rows.end(); ++it) {
        ReconcileRow &r = it.value();
        const std::int64_t utcDay = r.day.toJulianDay();
        r.closed = r.billedNano && rule->spendSource(r.provider, utcDay) == SpendRule::Source::Billed;
        r.counted = SpendRule::sourceName(rule->spendSource(r.provider, utcDay));
        out.rows.append(r);
    }
    return out;
}

} // namespace burnrate

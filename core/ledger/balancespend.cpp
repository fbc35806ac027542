#include "ledger/balancespend.h"

#include "ledger/database.h"
#include "util/apportion.h"

#include <QSet>

namespace burnrate {

namespace {

constexpr std::int64_t MsPerDay = 86'400'000;
constexpr std::int64_t JulianDayOfEpoch = 2'440'588;

std::int64_t dayStart(std::int64_t ms)
{
    return ms - ((ms % MsPerDay) + MsPerDay) % MsPerDay;
}

std::int64_t julian(std::int64_t ms)
{
    return dayStart(ms) / MsPerDay + JulianDayOfEpoch;
}

// Adds `amount` spent over [from, until) to the days it spans, in proportion to time.
void spread(QMap<std::int64_t, std::int64_t> &byDay, std::int64_t amount, std::int64_t from, std::int64_t until)
{
    if (amount == 0) {
        return;
    }
    if (until <= from || julian(from) == julian(until - 1)) {
        byDay[julian(std::max(from, until - 1))] += amount;
        return;
    }
    std::vector<std::int64_t> days;
    std::vector<std::int64_t> weights;
    for (std::int64_t s = from; s < until;) {
        const std::int64_t e = std::min(until, dayStart(s) + MsPerDay);
        days.push_back(julian(s));
        weights.push_back(e - s);
        s = e;
    }
    const auto parts = apportion(amount, weights);
    for (size_t i = 0; i < days.size(); ++i) {
        byDay[days[i]] += parts[i];
    }
}

std::int64_t fall(const std::optional<std::int64_t> &before, const std::optional<std::int64_t> &after, bool &rose)
{
    if (!before || !after) {
        return 0;
    }
    if (*after > *before) {
        rose = true;
        return 0;
    }
    return *before - *after;
}

} // namespace

BalanceSpend spendOfSeries(const QList<BalancePoint> &points, bool runningTotal)
{
    BalanceSpend out;
    if (points.isEmpty()) {
        return out;
    }
    out.coveredFromMs = points.first().atMs;
    out.coveredUntilMs = points.last().atMs;
    if (runningTotal && points.first().usedTodayNano) {
        // The first reading's own day total is what was spent since that day's midnight.
        out.coveredFromMs = dayStart(points.first().atMs);
        out.byDay[julian(points.first().atMs)] += std::max<std::int64_t>(0, *points.first().usedTodayNano);
    }
    for (qsizetype i = 1; i < points.size(); ++i) {
        const BalancePoint &a = points.at(i - 1);
        const BalancePoint &b = points.at(i);
        if (runningTotal) {
            if (!a.usedNano || !b.usedNano || *b.usedNano < *a.usedNano) {
                continue; // another key, or nothing to compare
            }
            std::int64_t delta = *b.usedNano - *a.usedNano;
            if (b.usedTodayNano && julian(a.atMs) != julian(b.atMs)) {
                const std::int64_t today = std::clamp<std::int64_t>(*b.usedTodayNano, 0, delta);
                out.byDay[julian(b.atMs)] += today;
                delta -= today;
                spread(out.byDay, delta, a.atMs, dayStart(b.atMs));
            } else {
                spread(out.byDay, delta, a.atMs, b.atMs);
            }
            continue;
        }
        bool rose = false;
        std::int64_t spent = 0;
        if (a.grantedNano && b.grantedNano && a.toppedUpNano && b.toppedUpNano) {
            spent = fall(a.grantedNano, b.grantedNano, rose) + fall(a.toppedUpNano, b.toppedUpNano, rose);
        } else {
            spent = fall(a.creditNano, b.creditNano, rose);
        }
        if (rose) {
            out.topUpDays[julian(b.atMs)] = true;
        }
        spread(out.byDay, spent, a.atMs, b.atMs);
    }
    return out;
}

Result<QList<BalanceSpend>> loadBalanceSpends(Database &db)
{
    using R = Result<QList<BalanceSpend>>;
    auto s = db.prepare("SELECT provider, source, currency, at, credit_nano, used_nano, used_today_nano, granted_nano,"
                        " topped_up_nano FROM balances ORDER BY provider, source, currency, at");
    if (!s) {
        return R::failure(s.error());
    }
    QList<BalanceSpend> out;
    QString provider, source, currency;
    QList<BalancePoint> points;
    const auto flush = [&] {
        if (points.isEmpty()) {
            return;
        }
        const bool runningTotal = provider == QLatin1String("openrouter");
        BalanceSpend spend = spendOfSeries(points, runningTotal);
        spend.provider = provider;
        spend.source = source;
        spend.currency = currency;
        out.append(spend);
        points.clear();
    };
    Statement::Step step;
    while ((step = s->step()) == Statement::Step::Row) {
        if (s->text(0) != provider || s->text(1) != source || s->text(2) != currency) {
            flush();
            provider = s->text(0);
            source = s->text(1);
            currency = s->text(2);
        }
        points.append(BalancePoint{s->int64(3), s->optionalInt64(4), s->optionalInt64(5), s->optionalInt64(6),
                                   s->optionalInt64(7), s->optionalInt64(8)});
    }
    if (step == Statement::Step::Error) {
        return R::failure(db.lastError());
    }
    flush();
    QSet<QString> withKey;
    for (const BalanceSpend &b : std::as_const(out)) {
        if (b.source == QLatin1String("key")) {
            withKey.insert(b.provider);
        }
    }
    out.removeIf(
        [&](const BalanceSpend &b) { return b.source == QLatin1String("credits") && withKey.contains(b.provider); });
    return out;
}

Result<QList<CreditLeft>> loadCreditsLeft(Database &db)
{
    using R = Result<QList<CreditLeft>>;
    // The newest reading per series: one row per series of the primary key's order, the last wins.
    auto s = db.prepare("SELECT provider, source, currency, MAX(at), credit_nano FROM balances"
                        " GROUP BY provider, source, currency ORDER BY provider, source = 'key', source, currency");
    if (!s) {
        return R::failure(s.error());
    }
    QList<CreditLeft> out;
    Statement::Step step;
    while ((step = s->step()) == Statement::Step::Row) {
        const auto credit = s->optionalInt64(4);
        if (credit) {
            out.append(CreditLeft{s->text(0), s->text(1), s->text(2), s->int64(3), *credit});
        }
    }
    if (step == Statement::Step::Error) {
        return R::failure(db.lastError());
    }
    return out;
}

} // namespace burnrate

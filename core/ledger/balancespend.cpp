#include "ledger/balancespend.h"

#include "ledger/database.h"
#include "util/apportion.h"
#include "util/checkedsum.h"

#include <QSet>
#include <QtNumeric>

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

// Adds `amount` to the spend of `day`, checked.
void addTo(BalanceSpend &out, std::int64_t day, std::int64_t amount)
{
    if (!checkedAdd(out.byDay[day], amount)) {
        out.overflow = true;
    }
}

// Adds `amount` spent over [from, until) to the days it spans, in proportion to time.
void spread(BalanceSpend &out, std::int64_t amount, std::int64_t from, std::int64_t until)
{
    if (amount == 0) {
        return;
    }
    if (until <= from || julian(from) == julian(until - 1)) {
        addTo(out, julian(std::max(from, until - 1)), amount);
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
        addTo(out, days[i], parts[i]);
    }
}

// before - after when the value fell, else 0 (and `rose` when it rose); `overflow` when the fall does not fit 64 bits.
std::int64_t fall(const std::optional<std::int64_t> &before, const std::optional<std::int64_t> &after, bool &rose,
                  bool &overflow)
{
    if (!before || !after) {
        return 0;
    }
    if (*after > *before) {
        rose = true;
        return 0;
    }
    std::int64_t out = 0;
    if (qSubOverflow(*before, *after, &out)) {
        overflow = true;
        return 0;
    }
    return out;
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
        addTo(out, julian(points.first().atMs), std::max<std::int64_t>(0, *points.first().usedTodayNano));
    }
    for (qsizetype i = 1; i < points.size(); ++i) {
        const BalancePoint &a = points.at(i - 1);
        const BalancePoint &b = points.at(i);
        if (runningTotal) {
            if (!a.usedNano || !b.usedNano || *b.usedNano < *a.usedNano) {
                continue; // another key, or nothing to compare
            }
            std::int64_t delta = 0;
            if (qSubOverflow(*b.usedNano, *a.usedNano, &delta)) {
                out.overflow = true;
                continue;
            }
            if (b.usedTodayNano && julian(a.atMs) != julian(b.atMs)) {
                const std::int64_t today = std::clamp<std::int64_t>(*b.usedTodayNano, 0, delta);
                addTo(out, julian(b.atMs), today);
                delta -= today;
                spread(out, delta, a.atMs, dayStart(b.atMs));
            } else {
                spread(out, delta, a.atMs, b.atMs);
            }
            continue;
        }
        bool rose = false;
        std::int64_t spent = 0;
        if (a.grantedNano && b.grantedNano && a.toppedUpNano && b.toppedUpNano) {
            spent = fall(a.grantedNano, b.grantedNano, rose, out.overflow);
            if (!checkedAdd(spent, fall(a.toppedUpNano, b.toppedUpNano, rose, out.overflow))) {
                out.overflow = true;
            }
        } else {
            spent = fall(a.creditNano, b.creditNano, rose, out.overflow);
        }
        if (rose) {
            out.topUpDays[julian(b.atMs)] = true;
        }
        spread(out, spent, a.atMs, b.atMs);
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
    QString overflowed; // the first series whose spend does not fit 64 bits
    const auto flush = [&] {
        if (points.isEmpty()) {
            return;
        }
        const bool runningTotal = provider == QLatin1String("openrouter");
        BalanceSpend spend = spendOfSeries(points, runningTotal);
        if (spend.overflow && overflowed.isEmpty()) {
            overflowed = QStringLiteral("%1's balance spend in nano-%3 (%2)").arg(provider, source, currency);
        }
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
    if (!overflowed.isEmpty()) {
        return R::failure(sumOverflowMessage(overflowed));
    }
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

#include "ledger/spendfacts.h"

#include "ledger/database.h"
#include "ledger/ledger.h"
#include "util/apportion.h"
#include "util/uint128.h"

#include <limits>

namespace burnrate {

namespace {

constexpr std::int64_t MsPerDay = 86'400'000;
constexpr std::int64_t MsPerHour = 3'600'000;

QString dayKey(const QString &provider, std::int64_t utcDay)
{
    return provider + QChar(0x1f) + QString::number(utcDay);
}

QString isoDay(std::int64_t julian)
{
    return QDate::fromJulianDay(julian).toString(Qt::ISODate);
}

} // namespace

SpendFacts::SpendFacts(Ledger &ledger, const SpendRule &rule)
    : m_ledger(ledger)
    , m_rule(rule)
{}

Result<QList<SpendFact>> SpendFacts::collect(std::int64_t sinceDay, std::int64_t untilDay)
{
    using R = Result<QList<SpendFact>>;
    m_sinceDay = sinceDay;
    m_untilDay = untilDay;
    const LocalCalendar &cal = m_ledger.calendar();
    constexpr std::int64_t Lo = std::numeric_limits<std::int64_t>::min() / 4;
    constexpr std::int64_t Hi = std::numeric_limits<std::int64_t>::max() / 4;
    m_fromUtcMs = sinceDay > Lo / MsPerDay ? cal.startOfDayUtcMs(QDate::fromJulianDay(sinceDay)) : Lo;
    m_untilUtcMs = untilDay < Hi / MsPerDay ? cal.startOfDayUtcMs(QDate::fromJulianDay(untilDay + 1)) : Hi;
    m_sums = SumCheck();
    QList<SpendFact> out;
    if (auto st = fromRollups(out); !st) {
        return R::failure(st.error());
    }
    if (m_rule.hasApiData()) {
        if (auto st = loadHourlyWeights(); !st) {
            return R::failure(st.error());
        }
        if (auto st = fromUsage(out); !st) {
            return R::failure(st.error());
        }
        if (auto st = fromBilled(out); !st) {
            return R::failure(st.error());
        }
        fromBalances(out);
    }
    if (!m_sums.ok()) {
        return R::failure(m_sums.error());
    }
    return out;
}

Status SpendFacts::fromRollups(QList<SpendFact> &out)
{
    auto s = m_ledger.db().prepare(
        "SELECT day, utc_day, provider, model, source, billing, requests, input_uncached, cache_read, cache_write_5m,"
        " cache_write_1h, output, reasoning, cost_nano, unpriced_requests, unpriced_tokens FROM rollups"
        " WHERE day BETWEEN ?1 AND ?2");
    if (!s) {
        return Status::failure(s.error());
    }
    s->bind(1, m_sinceDay);
    s->bind(2, m_untilDay);
    Statement::Step step;
    while ((step = s->step()) == Statement::Step::Row) {
        SpendFact f;
        f.localDay = s->int64(0);
        const std::int64_t utcDay = s->int64(1);
        f.provider = s->text(2);
        f.model = s->text(3);
        f.source = s->text(4);
        const bool subscription = s->textView(5) == "subscription";
        f.requests = s->int64(6);
        f.tokens = TokenCounts{s->int64(7), s->int64(8), s->int64(9), s->int64(10), s->int64(11), s->int64(12)};
        f.costNano = s->int64(13);
        f.unpricedRequests = s->int64(14);
        f.unpricedTokens = s->int64(15);
        if (subscription) {
            f.provenance = QStringLiteral("subscription"); // equivalent value, never spend: not the rule's business
            out.append(std::move(f));
            continue;
        }
        const SpendRule::Source spend = m_rule.spendSource(f.provider, utcDay);
        const bool usageFromApi = m_rule.usageFromApi(f.provider, utcDay);
        if (spend != SpendRule::Source::Local) {
            // An API answers for the money of this provider-day: local events only explain it.
            f.costNano = 0;
            f.unpricedRequests = 0;
            f.unpricedTokens = 0;
        }
        if (usageFromApi) {
            f.requests = 0;
            f.tokens = TokenCounts{};
        }
        if (spend != SpendRule::Source::Local && usageFromApi) {
            continue;
        }
        f.provenance = SpendRule::sourceName(spend);
        out.append(std::move(f));
    }
    return step == Statement::Step::Error ? Status::failure(m_ledger.db().lastError()) : okStatus();
}

Status SpendFacts::loadHourlyWeights()
{
    auto s = m_ledger.db().prepare(
        "SELECT provider, bucket_start, checked_sum(checked_add(checked_add(checked_add(checked_add(input_uncached,"
        " cache_read), cache_write_5m), cache_write_1h), output), 'hourly usage tokens')"
        " FROM usage_rollups WHERE bucket_width = '1h' AND bucket_start >= ?1 - 86400000 AND bucket_start < ?2 +"
        " 86400000 GROUP BY provider, bucket_start");
    if (!s) {
        return Status::failure(s.error());
    }
    s->bind(1, m_fromUtcMs);
    s->bind(2, m_untilUtcMs);
    Statement::Step step;
    while ((step = s->step()) == Statement::Step::Row) {
        const std::int64_t hour = s->int64(1);
        m_hourly[dayKey(s->text(0), SpendRule::utcDayOf(hour))].push_back({hour, s->int64(2)});
    }
    return step == Statement::Step::Error ? Status::failure(m_ledger.db().lastError()) : okStatus();
}

SpendFacts::Split SpendFacts::localSplit(std::int64_t fromMs, std::int64_t untilMs)
{
    LocalCalendar &cal = m_ledger.calendar();
    Split out;
    if (untilMs <= fromMs) {
        out.push_back({cal.dayOf(fromMs), 1});
        return out;
    }
    const std::int64_t first = cal.dayOf(fromMs);
    const std::int64_t last = cal.dayOf(untilMs - 1);
    if (first == last) {
        out.push_back({first, 1});
        return out;
    }
    std::int64_t s = fromMs;
    for (std::int64_t day = first; day <= last && s < untilMs; ++day) {
        const std::int64_t next = std::min(untilMs, cal.startOfDayUtcMs(QDate::fromJulianDay(day + 1)));
        if (next > s) {
            out.push_back({day, next - s});
        }
        s = std::max(s, next);
    }
    return out;
}

const SpendFacts::Split &SpendFacts::daySplit(const QString &provider, std::int64_t utcDay)
{
    const QString key = dayKey(provider, utcDay);
    if (auto it = m_daySplits.constFind(key); it != m_daySplits.constEnd()) {
        return *it;
    }
    const std::int64_t start = SpendRule::dayStartMs(utcDay);
    Split split = localSplit(start, start + MsPerDay);
    if (split.size() > 1) {
        const auto hours = m_hourly.constFind(key);
        std::int64_t total = 0;
        if (hours != m_hourly.constEnd()) {
            for (const auto &[hour, tokens] : *hours) {
                m_sums.add(total, tokens, "hourly usage tokens");
            }
        }
        if (total > 0) {
            Split weighted;
            for (const auto &[hour, tokens] : *hours) {
                for (const auto &[day, ms] : localSplit(hour, hour + MsPerHour)) {
                    // Tokens of the hour by the share of the hour on each local day (0 < ms <= an hour: the
                    // 128-bit product's quotient is at most `tokens`).
                    const std::int64_t w =
                        tokens <= 0
                            ? 0
                            : static_cast<std::int64_t>(divide(UInt128::product(static_cast<std::uint64_t>(tokens),
                                                                                static_cast<std::uint64_t>(ms)),
                                                               UInt128(static_cast<std::uint64_t>(MsPerHour)))
                                                            .quotient.lo);
                    auto it = std::find_if(weighted.begin(), weighted.end(),
                                           [d = day](const auto &p) { return p.first == d; });
                    if (it == weighted.end()) {
                        weighted.push_back({day, w});
                    } else {
                        m_sums.add(it->second, w, "hourly usage tokens");
                    }
                }
            }
            split = weighted;
        }
    }
    return *m_daySplits.insert(key, split);
}

void SpendFacts::place(QList<SpendFact> &out, const SpendFact &fact, const Split &split)
{
    if (split.size() == 1) {
        if (split.front().first >= m_sinceDay && split.front().first <= m_untilDay) {
            SpendFact f = fact;
            f.localDay = split.front().first;
            out.append(std::move(f));
        }
        return;
    }
    std::vector<std::int64_t> weights;
    for (const auto &[day, w] : split) {
        weights.push_back(w);
    }
    const auto part = [&](std::int64_t v) {
        return apportion(v, weights);
    };
    const auto cost = part(fact.costNano);
    const auto requests = part(fact.requests);
    const auto inputUncached = part(fact.tokens.inputUncached);
    const auto cacheRead = part(fact.tokens.cacheRead);
    const auto cacheWrite5m = part(fact.tokens.cacheWrite5m);
    const auto cacheWrite1h = part(fact.tokens.cacheWrite1h);
    const auto output = part(fact.tokens.output);
    const auto reasoning = part(fact.tokens.reasoning);
    const auto unpricedRequests = part(fact.unpricedRequests);
    const auto unpricedTokens = part(fact.unpricedTokens);
    for (size_t i = 0; i < split.size(); ++i) {
        const std::int64_t day = split[i].first;
        if (day < m_sinceDay || day > m_untilDay) {
            continue;
        }
        SpendFact f = fact;
        f.localDay = day;
        f.costNano = cost[i];
        f.requests = requests[i];
        f.tokens =
            TokenCounts{inputUncached[i], cacheRead[i], cacheWrite5m[i], cacheWrite1h[i], output[i], reasoning[i]};
        f.unpricedRequests = unpricedRequests[i];
        f.unpricedTokens = unpricedTokens[i];
        out.append(std::move(f));
    }
}

Status SpendFacts::fromUsage(QList<SpendFact> &out)
{
    auto s = m_ledger.db().prepare(
        "SELECT provider, model, bucket_start, bucket_end, requests, input_uncached, cache_read, cache_write_5m,"
        " cache_write_1h, output, reasoning, cost_nano, unpriced_requests, unpriced_tokens FROM usage_rollups"
        " WHERE bucket_start < ?2 AND bucket_start >= ?1 - 86400000");
    if (!s) {
        return Status::failure(s.error());
    }
    s->bind(1, m_fromUtcMs);
    s->bind(2, m_untilUtcMs);
    Statement::Step step;
    while ((step = s->step()) == Statement::Step::Row) {
        SpendFact f;
        f.provider = s->text(0);
        f.model = s->text(1);
        const std::int64_t start = s->int64(2);
        const std::int64_t end = s->int64(3);
        const std::int64_t utcDay = SpendRule::utcDayOf(start);
        if (!m_rule.usageFromApi(f.provider, utcDay)) {
            continue; // not a day the usage API answers for (rows outside any coverage)
        }
        const SpendRule::Source spend = m_rule.spendSource(f.provider, utcDay);
        f.source = f.provider + QStringLiteral(":usage");
        f.provenance = SpendRule::sourceName(spend);
        f.requests = s->int64(4);
        f.tokens = TokenCounts{s->int64(5), s->int64(6), s->int64(7), s->int64(8), s->int64(9), s->int64(10)};
        if (spend == SpendRule::Source::Estimated) {
            f.costNano = s->int64(11);
            f.unpricedRequests = s->int64(12);
            f.unpricedTokens = s->int64(13);
        }
        place(out, f, localSplit(start, end));
    }
    return step == Statement::Step::Error ? Status::failure(m_ledger.db().lastError()) : okStatus();
}

Status SpendFacts::fromBilled(QList<SpendFact> &out)
{
    auto s = m_ledger.db().prepare("SELECT provider, day, model, amount_nano FROM billed_rollups"
                                   " WHERE day >= ?1 AND day <= ?2");
    if (!s) {
        return Status::failure(s.error());
    }
    const std::int64_t firstDay = SpendRule::utcDayOf(std::max<std::int64_t>(m_fromUtcMs, -62'000'000'000'000));
    const std::int64_t lastDay = SpendRule::utcDayOf(std::min<std::int64_t>(m_untilUtcMs, 250'000'000'000'000) - 1);
    s->bind(1, isoDay(firstDay));
    s->bind(2, isoDay(lastDay));
    Statement::Step step;
    while ((step = s->step()) == Statement::Step::Row) {
        SpendFact f;
        f.provider = s->text(0);
        const std::int64_t utcDay = QDate::fromString(s->text(1), Qt::ISODate).toJulianDay();
        if (m_rule.spendSource(f.provider, utcDay) != SpendRule::Source::Billed) {
            continue;
        }
        f.model = s->text(2);
        f.source = f.provider +
                   (f.provider == QLatin1String("openrouter") ? QStringLiteral(":activity") : QStringLiteral(":costs"));
        f.provenance = SpendRule::sourceName(SpendRule::Source::Billed);
        f.costNano = s->int64(3);
        place(out, f, daySplit(f.provider, utcDay));
    }
    return step == Statement::Step::Error ? Status::failure(m_ledger.db().lastError()) : okStatus();
}

void SpendFacts::fromBalances(QList<SpendFact> &out)
{
    const std::int64_t firstDay = SpendRule::utcDayOf(std::max<std::int64_t>(m_fromUtcMs, -62'000'000'000'000));
    const std::int64_t lastDay = SpendRule::utcDayOf(std::min<std::int64_t>(m_untilUtcMs, 250'000'000'000'000) - 1);
    for (const BalanceSpend &b : m_rule.balances()) {
        if (b.currency != QLatin1String("USD")) {
            continue; // no exchange rate: reported apart, never added to USD
        }
        for (auto it = b.byDay.cbegin(); it != b.byDay.cend(); ++it) {
            const std::int64_t utcDay = it.key();
            if (utcDay < firstDay || utcDay > lastDay || !b.covers(SpendRule::dayStartMs(utcDay)) ||
                m_rule.spendSource(b.provider, utcDay) != SpendRule::Source::Balance) {
                continue;
            }
            SpendFact f;
            f.provider = b.provider;
            f.source = b.provider + QStringLiteral(":balance");
            f.provenance = SpendRule::sourceName(SpendRule::Source::Balance);
            f.costNano = it.value();
            place(out, f, daySplit(b.provider, utcDay));
        }
    }
}

} // namespace burnrate

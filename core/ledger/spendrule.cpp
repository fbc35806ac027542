#include "ledger/spendrule.h"

#include "ledger/database.h"

#include <algorithm>

namespace burnrate {

namespace {

constexpr std::int64_t MsPerDay = 86'400'000;
constexpr std::int64_t JulianDayOfEpoch = 2'440'588;

} // namespace

QString SpendRule::sourceName(Source s)
{
    switch (s) {
    case Source::Billed:
        return QStringLiteral("billed");
    case Source::Estimated:
        return QStringLiteral("estimated");
    case Source::Balance:
        return QStringLiteral("balance");
    case Source::Local:
        break;
    }
    return QStringLiteral("local");
}

std::int64_t SpendRule::dayStartMs(std::int64_t utcDay)
{
    return (utcDay - JulianDayOfEpoch) * MsPerDay;
}

std::int64_t SpendRule::utcDayOf(std::int64_t ms)
{
    std::int64_t days = ms / MsPerDay;
    if (ms % MsPerDay < 0) {
        --days;
    }
    return days + JulianDayOfEpoch;
}

bool SpendRule::isBilledEndpoint(const QString &provider, const QString &endpoint)
{
    return (provider == QLatin1String("openai") && endpoint == QLatin1String("costs")) ||
           (provider == QLatin1String("anthropic") && endpoint == QLatin1String("cost_report")) ||
           (provider == QLatin1String("openrouter") && endpoint == QLatin1String("activity"));
}

bool SpendRule::isUsageEndpoint(const QString &provider, const QString &endpoint)
{
    return (provider == QLatin1String("openai") && endpoint == QLatin1String("usage/completions")) ||
           (provider == QLatin1String("anthropic") && endpoint == QLatin1String("usage_report/messages"));
}

Result<SpendRule> SpendRule::load(Database &db, std::int64_t nowMs)
{
    SpendRule rule;
    rule.m_nowMs = nowMs;
    auto s = db.prepare("SELECT provider, endpoint, from_ms, until_ms FROM sync_coverage ORDER BY provider, endpoint,"
                        " from_ms");
    if (!s) {
        return Result<SpendRule>::failure(s.error());
    }
    Statement::Step step;
    while ((step = s->step()) == Statement::Step::Row) {
        const QString provider = s->text(0);
        const QString endpoint = s->text(1);
        const std::pair<std::int64_t, std::int64_t> iv{s->int64(2), s->int64(3)};
        if (isBilledEndpoint(provider, endpoint)) {
            rule.m_billed[provider].push_back(iv);
        } else if (isUsageEndpoint(provider, endpoint)) {
            rule.m_usage[provider].push_back(iv);
        }
    }
    if (step == Statement::Step::Error) {
        return Result<SpendRule>::failure(db.lastError());
    }
    auto balances = loadBalanceSpends(db);
    if (!balances) {
        return Result<SpendRule>::failure(balances.error());
    }
    rule.m_balances = std::move(balances).value();
    for (qsizetype i = 0; i < rule.m_balances.size(); ++i) {
        if (rule.m_balances.at(i).currency == QLatin1String("USD")) {
            rule.m_balanceUsd[rule.m_balances.at(i).provider].append(i);
        }
    }
    return rule;
}

bool SpendRule::coversFromMidnight(const Intervals &iv, std::int64_t dayStart, std::int64_t needUntil)
{
    // The last interval starting at or before midnight.
    auto it =
        std::upper_bound(iv.begin(), iv.end(), dayStart,
                         [](std::int64_t v, const std::pair<std::int64_t, std::int64_t> &p) { return v < p.first; });
    if (it == iv.begin()) {
        return false;
    }
    --it;
    return it->second >= needUntil;
}

bool SpendRule::isClosed(std::int64_t utcDay) const
{
    return m_nowMs >= dayStartMs(utcDay) + 2 * MsPerDay;
}

bool SpendRule::billedCovers(const QString &provider, std::int64_t utcDay) const
{
    const auto it = m_billed.constFind(provider);
    const std::int64_t start = dayStartMs(utcDay);
    return it != m_billed.constEnd() && coversFromMidnight(*it, start, start + 1);
}

bool SpendRule::usageFromApi(const QString &provider, std::int64_t utcDay) const
{
    const auto it = m_usage.constFind(provider);
    const std::int64_t start = dayStartMs(utcDay);
    return it != m_usage.constEnd() && coversFromMidnight(*it, start, start + 1);
}

SpendRule::Source SpendRule::spendSource(const QString &provider, std::int64_t utcDay) const
{
    const std::int64_t start = dayStartMs(utcDay);
    if (const auto it = m_billed.constFind(provider); it != m_billed.constEnd()) {
        // Closed: fetched again at least 24 hours after the day ended.
        if (isClosed(utcDay) && coversFromMidnight(*it, start, start + 2 * MsPerDay)) {
            return Source::Billed;
        }
    }
    if (usageFromApi(provider, utcDay)) {
        return Source::Estimated;
    }
    if (const auto it = m_balanceUsd.constFind(provider); it != m_balanceUsd.constEnd()) {
        for (qsizetype i : *it) {
            if (m_balances.at(i).covers(start)) {
                return Source::Balance;
            }
        }
    }
    return Source::Local;
}

QStringList SpendRule::apiProviders() const
{
    QStringList out = m_billed.keys() + m_usage.keys() + m_balanceUsd.keys();
    out.sort();
    out.removeDuplicates();
    return out;
}

} // namespace burnrate

#include "fakeorg.h"

namespace burnrate::test {

namespace {

std::uint64_t mix(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

void add(FakeOrg::Cell &into, const FakeOrg::Cell &c)
{
    into.input += c.input;
    into.cached += c.cached;
    into.cacheWrite += c.cacheWrite;
    into.output += c.output;
    into.requests += c.requests;
    into.inputCostNano += c.inputCostNano;
    into.outputCostNano += c.outputCostNano;
}

} // namespace

FakeOrg::FakeOrg(QString modelPrefix, int models, int projects, std::uint64_t seed)
    : m_prefix(std::move(modelPrefix))
    , m_models(models)
    , m_projects(projects)
    , m_seed(seed)
{}

QString FakeOrg::model(int i) const
{
    return QStringLiteral("%1-%2").arg(m_prefix).arg(i, 2, 10, QLatin1Char('0'));
}

QString FakeOrg::project(int j) const
{
    return QStringLiteral("proj_%1").arg(j);
}

QString FakeOrg::apiKey(int j) const
{
    return QStringLiteral("key_%1").arg(j);
}

QString FakeOrg::workspace(int j) const
{
    return QStringLiteral("wrkspc_%1").arg(j);
}

FakeOrg::Cell FakeOrg::cell(std::int64_t hourStartMs, int model, int project) const
{
    const std::uint64_t h = mix(m_seed ^ mix(static_cast<std::uint64_t>(hourStartMs / MsPerHour)) ^
                                mix(static_cast<std::uint64_t>(model * 131 + project)));
    Cell c;
    if (h % 3 == 0) {
        return c;
    }
    c.requests = 1 + static_cast<std::int64_t>((h >> 8) % 40);
    c.input = c.requests * (200 + static_cast<std::int64_t>((h >> 16) % 3000));
    c.cached = c.input * static_cast<std::int64_t>((h >> 28) % 60) / 100;
    c.cacheWrite = (c.input - c.cached) * static_cast<std::int64_t>((h >> 36) % 10) / 100;
    c.output = c.requests * (20 + static_cast<std::int64_t>((h >> 44) % 800));
    // Rates in nano-USD per token: a whole number per model, so every amount is exact.
    const std::int64_t inRate = 100 + model * 37;
    const std::int64_t outRate = 4 * inRate;
    c.inputCostNano = (c.input - c.cached) * inRate + c.cached * inRate / 10;
    c.outputCostNano = c.output * outRate;
    return c;
}

FakeOrg::Cell FakeOrg::sum(std::int64_t fromMs, std::int64_t untilMs, int model, int project) const
{
    Cell out;
    std::int64_t hour = fromMs - ((fromMs % MsPerHour) + MsPerHour) % MsPerHour;
    if (hour < fromMs) {
        hour += MsPerHour;
    }
    for (; hour < untilMs; hour += MsPerHour) {
        add(out, cell(hour, model, project));
    }
    return out;
}

FakeOrg::Cell FakeOrg::total(std::int64_t fromMs, std::int64_t untilMs) const
{
    Cell out;
    for (int m = 0; m < m_models; ++m) {
        for (int p = 0; p < m_projects; ++p) {
            add(out, sum(fromMs, untilMs, m, p));
        }
    }
    return out;
}

} // namespace burnrate::test

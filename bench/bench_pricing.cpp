// Prices N synthetic usages across 50 models of the shipped book on one core and prints prices/s.
//   bench_pricing [--count N]     (default 10,000,000)
// The model strings vary per request as they would in a real import, so the Pricer's per-model
// lookup cache is what keeps this fast.
#include "pricing/pricemerge.h"
#include "pricing/pricer.h"
#include "pricing/pricestore.h"

#include <QCoreApplication>
#include <QTextStream>

#include <chrono>
#include <cstdio>
#include <vector>

using namespace burnrate;

namespace {

struct Request
{
    int model = 0;
    std::int64_t atMs = 0;
    Usage usage;
};

std::uint64_t next(std::uint64_t &s)
{
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    std::int64_t count = 10'000'000;
    const QStringList args = app.arguments();
    if (const auto i = args.indexOf(QStringLiteral("--count")); i > 0 && i + 1 < args.size()) {
        count = args.at(i + 1).toLongLong();
    }
    auto base = PriceStore::shippedSnapshot();
    auto overrides = PriceStore::shippedOverrides();
    auto doc = applyOverlay(*base, *overrides);
    auto book = PriceBook::fromDocument(*doc);
    if (!book) {
        std::fprintf(stderr, "bench_pricing: %s\n", qPrintable(book.error()));
        return 1;
    }
    // 50 models: a spread over the first-party providers, named the way requests name them.
    QList<std::pair<QString, QString>> models;
    for (const ProviderEntry &p : (*book)->providers()) {
        if (p.id == QLatin1String("openrouter")) {
            continue;
        }
        for (size_t i = 0; i < p.models.size() && models.size() < 50; i += 3) {
            const ModelEntry &m = p.models[i];
            models.append({p.id, m.exact.size() > 1 ? m.exact.at(1) : m.id});
        }
    }
    // Pre-built requests (cycled), so the loop measures pricing, not generation.
    constexpr int Distinct = 1 << 16;
    std::vector<Request> requests(Distinct);
    std::uint64_t seed = 0x9e3779b97f4a7c15ULL;
    const std::int64_t start = 1'735'689'600'000; // 2025-01-01
    for (Request &r : requests) {
        r.model = static_cast<int>(next(seed) % static_cast<std::uint64_t>(models.size()));
        r.atMs = start + static_cast<std::int64_t>(next(seed) % (600ULL * 86'400'000ULL));
        r.usage.inputUncached = static_cast<std::int64_t>(next(seed) % 20'000);
        r.usage.cacheRead = static_cast<std::int64_t>(next(seed) % 250'000);
        r.usage.output = static_cast<std::int64_t>(next(seed) % 8'000);
        r.usage.reasoning = r.usage.output / 3;
    }
    // Per-request model strings are distinct QString objects with equal text, as parsed lines are.
    std::vector<std::pair<QString, QString>> names;
    names.reserve(Distinct);
    for (const Request &r : requests) {
        names.emplace_back(QString(models.at(r.model).first.data(), models.at(r.model).first.size()),
                           QString(models.at(r.model).second.data(), models.at(r.model).second.size()));
    }
    Pricer pricer(**book);
    std::int64_t priced = 0, unpriced = 0, totalNano = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (std::int64_t i = 0; i < count; ++i) {
        const auto k = static_cast<size_t>(i & (Distinct - 1));
        const Request &r = requests[k];
        const PriceResult res = pricer.price(names[k].first, names[k].second, r.atMs, ServiceTier::Standard, r.usage);
        if (res.priced) {
            ++priced;
            totalNano += res.nano;
        } else {
            ++unpriced;
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("{\"prices\": %lld, \"models\": %lld, \"priced\": %lld, \"unpriced\": %lld, \"seconds\": %.3f, "
                "\"prices_per_s\": %.0f, \"checksum_nano\": %lld}\n",
                static_cast<long long>(count), static_cast<long long>(models.size()), static_cast<long long>(priced),
                static_cast<long long>(unpriced), seconds, static_cast<double>(count) / seconds,
                static_cast<long long>(totalNano));
    return 0;
}

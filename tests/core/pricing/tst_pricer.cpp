// Properties of the arithmetic: monotonic in every token class, splitting a request changes the total
// by at most the rounding, tier boundaries exactly at and one above the threshold, multipliers, limits.
#include "pricing/pricer.h"
#include "pricingtestutil.h"

#include <QRandomGenerator>

using namespace burnrate;
using namespace burnrate::test;

class TestPricer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void monotonicInEveryClass_data();
    void monotonicInEveryClass();
    void splittingChangesAtMostTheRounding();
    void tierBoundaries_data();
    void tierBoundaries();
    void batchHalvesTheExactSumBeforeRounding();
    void priorityUsesItsOwnTable();
    void unknownTierOrModelIsUnpricedWithAReason();
    void oneHourWritesNeedTheirOwnRate();
    void eventPricingKeepsTheReportedCost();
    void overflowIsUnpricedNotWrapped();

private:
    std::shared_ptr<const PriceBook> m_book;
};

namespace {

const QString Anthropic = QStringLiteral("anthropic");
const QString Sonnet45 = QStringLiteral("claude-sonnet-4-5");
const std::int64_t At = utcMs("2026-09-01T12:00:00Z");

std::int64_t Usage::*const Classes[] = {&Usage::inputUncached, &Usage::cacheRead, &Usage::cacheWrite5m,
                                        &Usage::cacheWrite1h,  &Usage::output,    &Usage::webSearches};

Usage randomUsage(QRandomGenerator &rng)
{
    Usage u;
    u.inputUncached = rng.bounded(50'000);
    u.cacheRead = rng.bounded(120'000);
    u.cacheWrite5m = rng.bounded(20'000);
    u.cacheWrite1h = rng.bounded(20'000);
    u.output = rng.bounded(30'000);
    u.reasoning = rng.bounded(static_cast<int>(u.output) + 1);
    return u;
}

} // namespace

void TestPricer::initTestCase()
{
    m_book = shippedBook();
}

void TestPricer::monotonicInEveryClass_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("model");
    QTest::addRow("claude-sonnet-4-5 (tiered)") << Anthropic << Sonnet45;
    QTest::addRow("gpt-4o") << "openai"
                            << "gpt-4o";
    QTest::addRow("gemini-2.5-pro (tiered)") << "google"
                                             << "gemini-2.5-pro";
    QTest::addRow("claude-opus-4-1") << Anthropic << "claude-opus-4-1";
}

void TestPricer::monotonicInEveryClass()
{
    QFETCH(QString, provider);
    QFETCH(QString, model);
    Pricer pricer(*m_book);
    QRandomGenerator rng(42);
    const bool anthropic = provider == Anthropic;
    for (int i = 0; i < 400; ++i) {
        Usage u = randomUsage(rng);
        if (!anthropic) {
            u.cacheWrite5m = u.cacheWrite1h = u.webSearches = 0;
        }
        const PriceResult base = pricer.price(provider, model, At, ServiceTier::Standard, u);
        QVERIFY2(base.priced, qPrintable(base.reason));
        for (auto cls : Classes) {
            if (!anthropic && cls != &Usage::inputUncached && cls != &Usage::cacheRead && cls != &Usage::output) {
                continue;
            }
            for (std::int64_t step : {1, 7, 1000, 150'000}) {
                Usage more = u;
                more.*cls += step;
                const PriceResult r = pricer.price(provider, model, At, ServiceTier::Standard, more);
                QVERIFY2(r.priced, qPrintable(r.reason));
                QVERIFY2(r.subtotalPico >= base.subtotalPico && r.nano >= base.nano,
                         qPrintable(QStringLiteral("adding %1 tokens lowered the cost").arg(step)));
            }
        }
    }
}

void TestPricer::splittingChangesAtMostTheRounding()
{
    // Within one tier, pricing a request in two parts gives the same exact pico sum; after rounding
    // each part once, the parts differ from the whole by at most one nano per part boundary.
    Pricer pricer(*m_book);
    QRandomGenerator rng(7);
    for (int i = 0; i < 2000; ++i) {
        Usage whole;
        whole.inputUncached = rng.bounded(60'000);
        whole.cacheRead = rng.bounded(60'000);
        whole.cacheWrite5m = rng.bounded(30'000);
        whole.cacheWrite1h = rng.bounded(30'000);
        whole.output = rng.bounded(40'000);
        Usage a = whole, b = whole;
        for (auto cls : Classes) {
            a.*cls = whole.*cls == 0 ? 0 : rng.bounded(static_cast<int>(whole.*cls) + 1);
            b.*cls = whole.*cls - a.*cls;
        }
        a.reasoning = b.reasoning = whole.reasoning = 0;
        b.requests = 1;
        for (ServiceTier tier : {ServiceTier::Standard, ServiceTier::Batch}) {
            const auto rw = pricer.price(Anthropic, Sonnet45, At, tier, whole);
            const auto ra = pricer.price(Anthropic, Sonnet45, At, tier, a);
            const auto rb = pricer.price(Anthropic, Sonnet45, At, tier, b);
            QVERIFY(rw.priced && ra.priced && rb.priced);
            QCOMPARE(ra.subtotalPico + rb.subtotalPico, rw.subtotalPico);
            QVERIFY2(std::abs(ra.nano + rb.nano - rw.nano) <= 1,
                     qPrintable(QStringLiteral("%1 + %2 vs %3").arg(ra.nano).arg(rb.nano).arg(rw.nano)));
        }
    }
}

void TestPricer::tierBoundaries_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("model");
    QTest::addColumn<qint64>("threshold");
    QTest::addColumn<qint64>("baseInputPico");
    QTest::addColumn<qint64>("tierInputPico");
    QTest::addRow("claude-sonnet-4-5 > 200k")
        << Anthropic << Sonnet45 << qint64(200'000) << qint64(3'000'000) << qint64(6'000'000);
    QTest::addRow("claude-sonnet-4-0 > 200k (override)")
        << Anthropic << "claude-sonnet-4-20250514" << qint64(200'000) << qint64(3'000'000) << qint64(6'000'000);
    QTest::addRow("gemini-2.5-pro > 200k")
        << "google"
        << "gemini-2.5-pro" << qint64(200'000) << qint64(1'250'000) << qint64(2'500'000);
}

void TestPricer::tierBoundaries()
{
    QFETCH(QString, provider);
    QFETCH(QString, model);
    QFETCH(qint64, threshold);
    QFETCH(qint64, baseInputPico);
    QFETCH(qint64, tierInputPico);
    Pricer pricer(*m_book);
    // The basis is the total input, cache included: split it over uncached input and cache reads.
    for (qint64 total : {threshold, threshold + 1}) {
        Usage u;
        u.inputUncached = 1000;
        u.cacheRead = total - 1000;
        const PriceResult r = pricer.price(provider, model, At, ServiceTier::Standard, u, true);
        QVERIFY2(r.priced, qPrintable(r.reason));
        QCOMPARE(r.lines.front().ratePico, total > threshold ? tierInputPico : baseInputPico);
        QCOMPARE(r.tierGt, total > threshold ? threshold : -1);
    }
}

void TestPricer::batchHalvesTheExactSumBeforeRounding()
{
    Pricer pricer(*m_book);
    Usage u;
    u.inputUncached = 333;
    u.cacheRead = 777;
    u.output = 55;
    const auto standard = pricer.price(Anthropic, Sonnet45, At, ServiceTier::Standard, u);
    const auto batch = pricer.price(Anthropic, Sonnet45, At, ServiceTier::Batch, u);
    QVERIFY(standard.priced && batch.priced);
    QCOMPARE(batch.subtotalPico, standard.subtotalPico);
    QCOMPARE(batch.multiplier, (Multiplier{1, 2}));
    QCOMPARE(batch.nano, (standard.subtotalPico / 2 + 500) / 1000);
    QVERIFY(batch.priceRef(*m_book).endsWith(QStringLiteral(":anthropic/claude-sonnet-4-5@base+batch")));
    // gpt-5-nano cached input 0.005 USD/MTok = 5,000 pico per token. Batch halves the exact sum:
    // 1 token -> 2,500 pico = 2.5 nano -> 3 (half-up); 3 tokens -> 7,500 pico -> 8; 2 -> 5 exactly.
    // Rounding first and halving after would give 5 / 2 = 2.5 for one token, then 2 or 3 by luck.
    const QString openai = QStringLiteral("openai");
    const QString nano = QStringLiteral("gpt-5-nano");
    for (const auto &[cached, expected] : {std::pair{1, 3}, std::pair{3, 8}, std::pair{2, 5}}) {
        Usage c;
        c.cacheRead = cached;
        const auto r = pricer.price(openai, nano, At, ServiceTier::Batch, c);
        QVERIFY2(r.priced, qPrintable(r.reason));
        QCOMPARE(r.subtotalPico, std::int64_t(cached) * 5'000);
        QCOMPARE(r.nano, std::int64_t(expected));
    }
}

void TestPricer::priorityUsesItsOwnTable()
{
    Pricer pricer(*m_book);
    Usage u;
    u.inputUncached = 1000;
    u.cacheRead = 2000;
    u.output = 100;
    // gpt-4o priority 4.25 / 2.125 / 17.00: (4.25 + 4.25 + 1.7) x 10^9 pico = 10,200,000 nano.
    const auto r = pricer.price(QStringLiteral("openai"), QStringLiteral("gpt-4o"), At, ServiceTier::Priority, u);
    QVERIFY2(r.priced, qPrintable(r.reason));
    QCOMPARE(r.nano, 10'200'000);
    // gpt-4o flex does not exist: unpriced, with the reason.
    const auto flex = pricer.price(QStringLiteral("openai"), QStringLiteral("gpt-4o"), At, ServiceTier::Flex, u);
    QVERIFY(!flex.priced);
    QCOMPARE(flex.reason, QStringLiteral("no flex prices for openai/gpt-4o"));
    // o3 flex: half of 2 / 0.5 / 8 -> (2 + 1 + 0.8) x 10^9 / 2 pico = 1,900,000 nano.
    const auto o3 = pricer.price(QStringLiteral("openai"), QStringLiteral("o3"), At, ServiceTier::Flex, u);
    QVERIFY2(o3.priced, qPrintable(o3.reason));
    QCOMPARE(o3.nano, 1'900'000);
}

void TestPricer::unknownTierOrModelIsUnpricedWithAReason()
{
    Pricer pricer(*m_book);
    Usage u;
    u.inputUncached = 10;
    const auto r =
        pricer.price(QStringLiteral("openai"), QStringLiteral("gpt-9-imaginary"), At, ServiceTier::Standard, u);
    QVERIFY(!r.priced);
    QCOMPARE(r.reason, QStringLiteral("no price for model gpt-9-imaginary from provider openai"));
    QCOMPARE(r.nano, 0);
    QVERIFY(r.priceRef(*m_book).isEmpty());
    // A known provider does not borrow another provider's prices.
    QVERIFY(!pricer.price(QStringLiteral("openai"), Sonnet45, At, ServiceTier::Standard, u).priced);
    // An unknown provider falls back to the whole book.
    QVERIFY(pricer.price(QStringLiteral("my-proxy"), Sonnet45, At, ServiceTier::Standard, u).priced);
    Usage bad;
    bad.output = 5;
    bad.reasoning = 6;
    QCOMPARE(pricer.price(Anthropic, Sonnet45, At, ServiceTier::Standard, bad).reason,
             QStringLiteral("invalid usage: a part (reasoning, audio) exceeds its whole"));
}

void TestPricer::oneHourWritesNeedTheirOwnRate()
{
    // gpt-4o has no cache-write rates at all: OpenAI bills writes as input.
    Pricer pricer(*m_book);
    Usage u;
    u.cacheWrite5m = 1000;
    const auto r = pricer.price(QStringLiteral("openai"), QStringLiteral("gpt-4o"), At, ServiceTier::Standard, u, true);
    QVERIFY(r.priced);
    QCOMPARE(r.lines.front().rateKey, RateKey::Input);
    QCOMPARE(r.nano, 2'500'000);
}

void TestPricer::eventPricingKeepsTheReportedCost()
{
    Pricer pricer(*m_book);
    EventRecord e;
    e.provider = Anthropic;
    e.model = QStringLiteral("claude-sonnet-4-5");
    e.occurredAtMs = utcMs("2026-11-02T18:00:00Z");
    e.tokens.inputUncached = 8200;
    e.tokens.output = 640;
    e.reportedCostNano = 1;
    pricer.priceEvent(e);
    QCOMPARE(e.costNano, std::optional<std::int64_t>(34'200'000));
    QCOMPARE(e.reportedCostNano, std::optional<std::int64_t>(1));
    QCOMPARE(e.priceRef, m_book->id() + QStringLiteral(":anthropic/claude-sonnet-4-5@base"));
    e.model = QStringLiteral("mystery-model");
    pricer.priceEvent(e);
    QCOMPARE(e.costNano, std::optional<std::int64_t>(1));
    QCOMPARE(e.priceRef, QStringLiteral("reported"));
    e.reportedCostNano.reset();
    pricer.priceEvent(e);
    QVERIFY(!e.costNano);
    QVERIFY(e.priceRef.isNull());
    e.model = QStringLiteral("o3");
    e.provider = QStringLiteral("openai");
    e.serviceTier = QStringLiteral("flex");
    pricer.priceEvent(e);
    QVERIFY(e.priceRef.endsWith(QStringLiteral(":openai/o3@2025-06-10+flex")));
}

void TestPricer::overflowIsUnpricedNotWrapped()
{
    Pricer pricer(*m_book);
    Usage u;
    u.output = std::int64_t(1) << 50; // x 75,000,000 pico overflows int64
    const auto r = pricer.price(Anthropic, QStringLiteral("claude-opus-4-1"), At, ServiceTier::Standard, u);
    QVERIFY(!r.priced);
    QCOMPARE(r.reason, QStringLiteral("the cost of this usage is too large to hold"));
}

QTEST_GUILESS_MAIN(TestPricer)
#include "tst_pricer.moc"

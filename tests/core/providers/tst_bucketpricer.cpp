// Sync's usage buckets priced by the pricing engine (the estimate of the spend rule).
#include "ledger/ledger.h"
#include "pricing/pricestore.h"
#include "providers/bucketpricer.h"
#include "util/timestamp.h"

#include <QTemporaryDir>
#include <QTest>

using namespace burnrate;

namespace {

UsageBucket bucket(const char *provider, const char *model, const char *start)
{
    UsageBucket b;
    b.provider = QString::fromLatin1(provider);
    b.model = QString::fromLatin1(model);
    b.startMs = *parseRfc3339Ms(start);
    b.endMs = b.startMs + 86'400'000;
    b.width = QStringLiteral("1d");
    b.requests = 40;
    return b;
}

} // namespace

class TestBucketPricer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pricesAnAggregateExactly();
    void batchBucketsAtBatchRates();
    void aggregatesNeverTriggerLongContextByThemselves();
    void priceAtTheBucketsTime();
    void unknownModelsStayUnpriced();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Ledger> m_ledger;
    UsagePricer m_pricer;
};

void TestBucketPricer::initTestCase()
{
    m_ledger = std::move(Ledger::open(m_dir.path(), *LocalCalendar::forZoneId("UTC"))).value();
    auto book = PriceStore(*m_ledger).load();
    QVERIFY2(book.ok(), qPrintable(book.error()));
    m_pricer = makeBucketPricer(*book);
    QVERIFY(m_pricer);
}

void TestBucketPricer::pricesAnAggregateExactly()
{
    // gpt-4o: 2.50 input, 1.25 cached input, 10.00 output per 1M tokens.
    UsageBucket b = bucket("openai", "gpt-4o-2024-08-06", "2026-11-02T00:00:00Z");
    b.tokens.inputUncached = 800'000;
    b.tokens.cacheRead = 200'000;
    b.tokens.output = 100'000;
    QString ref;
    QCOMPARE(m_pricer(b, &ref), std::optional<std::int64_t>(3'250'000'000));
    QVERIFY2(ref.contains(QStringLiteral("openai/gpt-4o")), qPrintable(ref));
}

void TestBucketPricer::batchBucketsAtBatchRates()
{
    UsageBucket b = bucket("openai", "gpt-4o", "2026-11-02T00:00:00Z");
    b.tokens.inputUncached = 800'000;
    b.tokens.cacheRead = 200'000;
    b.tokens.output = 100'000;
    b.batch = true;
    QString ref;
    QCOMPARE(m_pricer(b, &ref), std::optional<std::int64_t>(1'625'000'000));
    QVERIFY2(ref.contains(QStringLiteral("batch")), qPrintable(ref));
}

void TestBucketPricer::aggregatesNeverTriggerLongContextByThemselves()
{
    // A day of many small requests sums past 200k input tokens; it is not one long-context request.
    UsageBucket b = bucket("anthropic", "claude-sonnet-4-5", "2026-01-15T00:00:00Z");
    b.tokens.inputUncached = 1'000'000;
    b.tokens.output = 100'000;
    QCOMPARE(m_pricer(b, nullptr), std::optional<std::int64_t>(4'500'000'000));
    // The provider's own context-window group says when it was long context (Sonnet 4.5 1M beta: 6 / 22.50).
    b.contextWindow = QStringLiteral("200k-1M");
    QCOMPARE(m_pricer(b, nullptr), std::optional<std::int64_t>(8'250'000'000));
}

void TestBucketPricer::priceAtTheBucketsTime()
{
    // o3 cost 10 / 40 before 2025-06-10 and 2 / 8 after.
    UsageBucket before = bucket("openai", "o3", "2025-05-01T00:00:00Z");
    before.tokens.inputUncached = 1'000'000;
    before.tokens.output = 1'000'000;
    UsageBucket after = before;
    after.startMs = *parseRfc3339Ms("2025-07-01T00:00:00Z");
    QCOMPARE(m_pricer(before, nullptr), std::optional<std::int64_t>(50'000'000'000));
    QCOMPARE(m_pricer(after, nullptr), std::optional<std::int64_t>(10'000'000'000));
}

void TestBucketPricer::unknownModelsStayUnpriced()
{
    UsageBucket b = bucket("openai", "gpt-imaginary-9", "2026-11-02T00:00:00Z");
    b.tokens.inputUncached = 10;
    QString ref = QStringLiteral("untouched");
    QCOMPARE(m_pricer(b, &ref), std::nullopt);
    QCOMPARE(ref, QStringLiteral("untouched"));
}

QTEST_GUILESS_MAIN(TestBucketPricer)
#include "tst_bucketpricer.moc"

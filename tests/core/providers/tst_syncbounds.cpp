// A provider page beyond the bounds of one row, or whose rows sum past 64 bits, is refused whole by SyncStore on a
// real ledger: the window's error names the row and the reason, and nothing of it is written.
#include "ledger/database.h"
#include "ledger/ledger.h"
#include "providers/syncbounds.h"
#include "providers/syncstore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace burnrate;

namespace {

constexpr std::int64_t Day = 86'400'000;
constexpr std::int64_t From = 1'793'491'200'000; // 2026-11-01T00:00:00Z

UsageBucket bucket(const QString &model, std::int64_t output)
{
    UsageBucket b;
    b.provider = QStringLiteral("openai");
    b.startMs = From;
    b.endMs = From + Day;
    b.width = QStringLiteral("1d");
    b.model = model;
    b.tokens.output = output;
    b.requests = 1;
    return b;
}

EndpointWindow usageWindow(QList<UsageBucket> rows)
{
    EndpointWindow w;
    w.provider = QStringLiteral("openai");
    w.endpoint = QStringLiteral("usage/completions");
    w.kind = EndpointWindow::Kind::Usage;
    w.fromMs = From;
    w.untilMs = From + 2 * Day;
    w.usage = std::move(rows);
    return w;
}

EndpointWindow billedWindow()
{
    EndpointWindow w;
    w.provider = QStringLiteral("openai");
    w.endpoint = QStringLiteral("costs");
    w.kind = EndpointWindow::Kind::Billed;
    w.fromMs = From;
    w.untilMs = From + Day;
    return w;
}

} // namespace

class SyncBoundsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup() { m_ledger.reset(); }
    void oversizeRowIsRefusedWhole();
    void sumsPast64BitsAreRefused();
    void rollupTotalsPast64BitsAreRefused();
    void longWindowIsWrittenInSlices();
    void billedAndBalanceBounds();

private:
    std::int64_t rows(const char *table)
    {
        return m_ledger->db().queryInt64(std::string("SELECT count(*) FROM ") + table).value_or(-1);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<Ledger> m_ledger;
};

void SyncBoundsTest::init()
{
    auto ledger = Ledger::open(m_dir.filePath(QStringLiteral("data-%1").arg(QTest::currentTestFunction())),
                               *LocalCalendar::forZoneId("UTC"));
    QVERIFY(ledger);
    m_ledger = std::move(ledger).value();
}

void SyncBoundsTest::oversizeRowIsRefusedWhole()
{
    SyncStore store(m_ledger->db(), {});
    const auto refused = store.commit(
        usageWindow({bucket(QStringLiteral("gpt-4o"), 10), bucket(QString(300, QLatin1Char('m')), 10)}), From);
    QVERIFY(!refused);
    QCOMPARE(refused.error(), QStringLiteral("the provider sent a row beyond Burnrate's limits (row 2: model is "
                                             "300 characters long (at most 256)); nothing of this window was written"));
    QCOMPARE(rows("usage_buckets"), 0);
    QCOMPARE(rows("sync_coverage"), 0);

    const auto negative = store.commit(usageWindow({bucket(QStringLiteral("gpt-4o"), -5)}), From);
    QVERIFY(!negative);
    QVERIFY2(negative.error().contains(QLatin1String("row 1: output tokens is -5 (from 0 to")),
             qPrintable(negative.error()));

    const auto huge = store.commit(usageWindow({bucket(QStringLiteral("gpt-4o"), synclimits::MaxTokens + 1)}), From);
    QVERIFY(!huge);
    QCOMPARE(rows("usage_buckets"), 0);

    QVERIFY(store.commit(usageWindow({bucket(QStringLiteral("gpt-4o"), synclimits::MaxTokens)}), From));
    QCOMPARE(rows("usage_buckets"), 1);
}

void SyncBoundsTest::sumsPast64BitsAreRefused()
{
    // Each row within the bounds; 9,300 of them with the same key add up past INT64_MAX.
    QList<UsageBucket> page;
    for (int i = 0; i < 9'300; ++i) {
        page.append(bucket(QStringLiteral("gpt-4o"), synclimits::MaxTokens));
    }
    SyncStore store(m_ledger->db(), {});
    const auto refused = store.commit(usageWindow(page), From);
    QVERIFY(!refused);
    QVERIFY2(refused.error().contains(QLatin1String("output tokens exceeds the largest number Burnrate can count")) &&
                 refused.error().endsWith(QLatin1String("; nothing of this window was written")),
             qPrintable(refused.error()));
    QCOMPARE(rows("usage_buckets"), 0);
}

void SyncBoundsTest::rollupTotalsPast64BitsAreRefused()
{
    // Rows with keys of their own (one per project) each within the bounds, all in one rollup (provider, bucket,
    // model): the rollup's running total would pass INT64_MAX, so the window fails in the ledger and writes nothing.
    QList<UsageBucket> page;
    for (int i = 0; i < 9'300; ++i) {
        page.append(bucket(QStringLiteral("gpt-4o"), synclimits::MaxTokens));
        page.last().project = QStringLiteral("proj_%1").arg(i);
    }
    SyncStore store(m_ledger->db(), {});
    const auto refused = store.commit(usageWindow(page), From);
    QVERIFY(!refused);
    QVERIFY2(refused.error().contains(QLatin1String("too large to hold in 64 bits")), qPrintable(refused.error()));
    QCOMPARE(rows("usage_buckets"), 0);
    QCOMPARE(rows("usage_rollups"), 0);
    QCOMPARE(rows("sync_coverage"), 0);

    EndpointWindow costs = billedWindow();
    for (int i = 0; i < 93; ++i) {
        BilledCost c;
        c.provider = QStringLiteral("openai");
        c.day = QDate(2026, 11, 1);
        c.model = QStringLiteral("gpt-4o");
        c.lineItem = QStringLiteral("gpt-4o, line %1").arg(i);
        c.amountNano = synclimits::MaxAmountNano;
        costs.billed.append(c);
    }
    const auto billed = store.commit(costs, From);
    QVERIFY(!billed);
    QVERIFY2(billed.error().contains(QLatin1String("too large to hold in 64 bits")), qPrintable(billed.error()));
    QCOMPARE(rows("billed_costs"), 0);
    QCOMPARE(rows("billed_rollups"), 0);

    // One row fewer fits: the rollup holds the exact total.
    costs.billed.removeLast();
    QVERIFY(store.commit(costs, From));
    QCOMPARE(m_ledger->db().queryInt64("SELECT amount_nano FROM billed_rollups").value_or(-1),
             92 * synclimits::MaxAmountNano);
    QCOMPARE(m_ledger->db().queryInt64("SELECT typeof(amount_nano) = 'integer' FROM billed_rollups").value_or(-1), 1);
}

void SyncBoundsTest::billedAndBalanceBounds()
{
    SyncStore store(m_ledger->db(), {});
    EndpointWindow costs = billedWindow();
    BilledCost c;
    c.provider = QStringLiteral("openai");
    c.day = QDate(2026, 11, 1);
    c.lineItem = QStringLiteral("gpt-4o, input");
    c.amountNano = synclimits::MaxAmountNano + 1;
    costs.billed = {c};
    const auto refused = store.commit(costs, From);
    QVERIFY(!refused);
    QVERIFY2(refused.error().contains(QLatin1String("row 1: amount in nano-USD is 100000000000000001")),
             qPrintable(refused.error()));
    QCOMPARE(rows("billed_costs"), 0);
    // A refund is negative, and allowed.
    costs.billed.first().amountNano = -5'000'000'000;
    QVERIFY(store.commit(costs, From));
    QCOMPARE(rows("billed_costs"), 1);

    EndpointWindow balance;
    balance.provider = QStringLiteral("deepseek");
    balance.endpoint = QStringLiteral("user/balance");
    balance.kind = EndpointWindow::Kind::Balance;
    BalanceSnapshot s;
    s.provider = QStringLiteral("deepseek");
    s.source = QStringLiteral("user/balance");
    s.currency = QString(100, QLatin1Char('C'));
    s.atMs = From;
    balance.balances = {s};
    const auto badCurrency = store.commit(balance, From);
    QVERIFY(!badCurrency);
    QVERIFY2(badCurrency.error().contains(QLatin1String("currency is 100 characters long (at most 64)")),
             qPrintable(badCurrency.error()));
}

void SyncBoundsTest::longWindowIsWrittenInSlices()
{
    // 30 days of billed costs: one row on the first day, and on the 20th (the second 14-day slice) 93 rows of
    // $100 M under one model whose rollup would pass 64 bits. The first slice is stored and covered; the failure
    // says how far the window got; the next sync would fetch from there.
    EndpointWindow costs = billedWindow();
    costs.untilMs = From + 30 * Day;
    BilledCost early;
    early.provider = QStringLiteral("openai");
    early.day = QDate(2026, 11, 1);
    early.model = QStringLiteral("gpt-4o");
    early.lineItem = QStringLiteral("gpt-4o, input");
    early.amountNano = 5'000'000'000;
    costs.billed.append(early);
    for (int i = 0; i < 93; ++i) {
        BilledCost c = early;
        c.day = QDate(2026, 11, 20);
        c.lineItem = QStringLiteral("gpt-4o, line %1").arg(i);
        c.amountNano = synclimits::MaxAmountNano;
        costs.billed.append(c);
    }
    SyncStore store(m_ledger->db(), {});
    const auto failed = store.commit(costs, From);
    QVERIFY(!failed);
    QVERIFY2(failed.error().contains(QLatin1String("too large to hold in 64 bits")) &&
                 failed.error().endsWith(QLatin1String("(stored up to 2026-11-15; the next sync fetches the rest)")),
             qPrintable(failed.error()));
    QCOMPARE(rows("billed_costs"), 1);
    QCOMPARE(m_ledger->db().queryInt64("SELECT MIN(from_ms) FROM sync_coverage").value_or(-1), From);
    QCOMPARE(m_ledger->db().queryInt64("SELECT MAX(until_ms) FROM sync_coverage").value_or(-1), From + 14 * Day);

    // Without the overflowing rows the whole window is stored, in three slices, covered as one range.
    costs.billed.resize(2);
    costs.billed.last().amountNano = 7'000'000'000;
    const auto written = store.commit(costs, From);
    QVERIFY2(written, qPrintable(written.error()));
    QCOMPARE(written->rows, 2);
    QCOMPARE(rows("billed_costs"), 2);
    QCOMPARE(rows("sync_coverage"), 1);
    QCOMPARE(m_ledger->db().queryInt64("SELECT until_ms - from_ms FROM sync_coverage").value_or(-1), 30 * Day);
}

QTEST_GUILESS_MAIN(SyncBoundsTest)
#include "tst_syncbounds.moc"

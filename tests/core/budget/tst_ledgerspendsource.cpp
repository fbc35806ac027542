// The spend a budget counts, read from the ledger: whole local days from the rollups, partial days, workflows and
// tags from the events; API-billed and priced only (a subscription's equivalent value never counts).
#include "budget/ledgerspendsource.h"
#include "budgettestutil.h"
#include "util/checkedsum.h"

#include <QRandomGenerator>
#include <QTemporaryDir>

#include <limits>

using namespace burnrate;
using namespace burnrate::test;

class TestLedgerSpendSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void onlyApiBilledPricedSpendCounts();
    void scopes();
    void agreesWithTheEventsForAnyRange_data();
    void agreesWithTheEventsForAnyRange();
    void emptyAndReversedRanges();
    void spendBeyondInt64Fails();

private:
    qint64 expected(const BudgetScope &scope, qint64 from, qint64 to) const;

    QTemporaryDir m_dir;
    std::unique_ptr<Ledger> m_ledger;
    QList<Spend> m_spends;
};

void TestLedgerSpendSource::initTestCase()
{
    m_ledger = openLedger(m_dir.path());
    // Three weeks around the October DST change in Berlin, every 97 minutes, with a mix of providers,
    // workflows, tags, a few subscription and unpriced events.
    QRandomGenerator rng(42);
    const qint64 start = at("2026-10-15T00:00:00Z");
    int i = 0;
    for (qint64 t = start; t < start + 21 * DayMs; t += 97 * 60'000, ++i) {
        Spend s;
        s.key = QStringLiteral("e%1").arg(i);
        s.atMs = t;
        s.costNano = rng.bounded(1, 5'000'000);
        s.provider = i % 3 == 0 ? QStringLiteral("anthropic") : QStringLiteral("openai");
        s.workflowType = i % 4 == 0 ? QStringLiteral("extract") : QString();
        s.tagsJson = i % 5 == 0 ? QStringLiteral("{\"team\":\"search\"}") : QString();
        s.billing = i % 11 == 0 ? Billing::Subscription : Billing::Api;
        if (i % 13 == 0) {
            s.costNano.reset();
        }
        m_spends.append(s);
    }
    write(*m_ledger, m_spends);
}

qint64 TestLedgerSpendSource::expected(const BudgetScope &scope, qint64 from, qint64 to) const
{
    qint64 sum = 0;
    for (const Spend &s : m_spends) {
        if (s.atMs < from || s.atMs >= to || s.billing != Billing::Api || !s.costNano) {
            continue;
        }
        const bool inScope = scope.kind == BudgetScope::Kind::Global ||
                             (scope.kind == BudgetScope::Kind::Provider && s.provider == scope.value) ||
                             (scope.kind == BudgetScope::Kind::Workflow && s.workflowType == scope.value) ||
                             (scope.kind == BudgetScope::Kind::Tag && s.tagsJson.contains(scope.value) &&
                              s.tagsJson.contains(scope.tagValue));
        sum += inScope ? *s.costNano : 0;
    }
    return sum;
}

void TestLedgerSpendSource::onlyApiBilledPricedSpendCounts()
{
    QTemporaryDir dir;
    auto ledger = openLedger(dir.path());
    Spend api{QStringLiteral("a"), at("2026-11-02T10:00:00Z"), 5 * Usd};
    Spend subscription{QStringLiteral("s"), at("2026-11-02T11:00:00Z"), 7 * Usd};
    subscription.billing = Billing::Subscription;
    Spend unpriced{QStringLiteral("u"), at("2026-11-02T12:00:00Z"), std::nullopt};
    write(*ledger, {api, subscription, unpriced});
    LedgerSpendSource source(*ledger);
    const BudgetScope all;
    // Whole days (rollups) and a partial day (events) agree.
    QCOMPARE(*source.spendNano(all, at("2026-10-31T23:00:00Z"), at("2026-11-30T23:00:00Z")), 5 * Usd);
    QCOMPARE(*source.spendNano(all, at("2026-11-02T09:00:00Z"), at("2026-11-02T13:00:00Z")), 5 * Usd);
}

void TestLedgerSpendSource::scopes()
{
    LedgerSpendSource source(*m_ledger);
    const qint64 from = at("2026-10-16T05:17:00Z");
    const qint64 to = at("2026-11-02T19:03:00Z");
    for (const char *text : {"global", "provider:openai", "provider:anthropic", "provider:nobody", "workflow:extract",
                             "tag:team=search", "tag:team=other", "tag:other=search"}) {
        const BudgetScope scope = *BudgetScope::parse(QLatin1String(text));
        const auto got = source.spendNano(scope, from, to);
        QVERIFY2(got.ok(), qPrintable(got.error()));
        QCOMPARE(*got, expected(scope, from, to));
    }
    QVERIFY(*source.spendNano(*BudgetScope::parse(QStringLiteral("tag:team=search")), from, to) > 0);
    QCOMPARE(*source.spendNano(*BudgetScope::parse(QStringLiteral("tag:team=other")), from, to), qint64(0));
}

void TestLedgerSpendSource::agreesWithTheEventsForAnyRange_data()
{
    QTest::addColumn<QString>("scope");
    QTest::addRow("global") << QStringLiteral("global");
    QTest::addRow("provider") << QStringLiteral("provider:anthropic");
    QTest::addRow("workflow") << QStringLiteral("workflow:extract");
}

void TestLedgerSpendSource::agreesWithTheEventsForAnyRange()
{
    QFETCH(QString, scope);
    const BudgetScope s = *BudgetScope::parse(scope);
    LedgerSpendSource source(*m_ledger);
    LocalCalendar &cal = m_ledger->calendar();
    QRandomGenerator rng(7);
    const qint64 base = at("2026-10-14T00:00:00Z");
    for (int i = 0; i < 300; ++i) {
        qint64 from = base + rng.bounded(qint64(23 * DayMs));
        qint64 to = from + rng.bounded(qint64(10 * DayMs));
        // Half of the bounds on local midnights, as budget periods are.
        if (i % 2 == 0) {
            from = cal.startOfDayUtcMs(cal.dateOf(from));
        }
        if (i % 3 == 0) {
            to = cal.startOfDayUtcMs(cal.dateOf(to));
        }
        const auto got = source.spendNano(s, from, to);
        QVERIFY2(got.ok(), qPrintable(got.error()));
        QCOMPARE(*got, expected(s, from, to));
    }
}

void TestLedgerSpendSource::emptyAndReversedRanges()
{
    LedgerSpendSource source(*m_ledger);
    const qint64 t = at("2026-10-20T10:00:00Z");
    QCOMPARE(*source.spendNano(BudgetScope{}, t, t), qint64(0));
    QCOMPARE(*source.spendNano(BudgetScope{}, t, t - DayMs), qint64(0));
}

void TestLedgerSpendSource::spendBeyondInt64Fails()
{
    // Costs no importer accepts (ledger/eventlimits.h), as the sum of many requests would be: each fits, two do not.
    constexpr qint64 Half = std::numeric_limits<qint64>::max() / 2 + 1;
    const QString message = sumOverflowMessage(u"spend in nano-USD");
    QTemporaryDir dir;
    auto ledger = openLedger(dir.path());
    // Two providers on one day: two rollup rows, summed in SQL. (Two workflows as well: in one workflow rollup row,
    // which has no provider in its key, the write itself would fail.)
    Spend anthropicSpend{QStringLiteral("b"), at("2026-11-02T11:00:00Z"), Half, QStringLiteral("anthropic")};
    anthropicSpend.workflowType = QStringLiteral("other");
    write(*ledger, {Spend{QStringLiteral("a"), at("2026-11-02T10:00:00Z"), Half}, anthropicSpend});
    LedgerSpendSource source(*ledger);
    auto spend = source.spendNano(BudgetScope{}, at("2026-10-31T23:00:00Z"), at("2026-11-30T23:00:00Z"));
    QVERIFY(!spend.ok());
    QVERIFY2(spend.error().endsWith(message), qPrintable(spend.error()));
    // One provider: fits.
    spend = source.spendNano(*BudgetScope::parse(QStringLiteral("provider:openai")), at("2026-10-31T23:00:00Z"),
                             at("2026-11-30T23:00:00Z"));
    QVERIFY2(spend.ok(), qPrintable(spend.error()));
    QCOMPARE(*spend, Half);

    // A partial first day (events) and a whole day (rollups): each part fits, their sum does not.
    QTemporaryDir other;
    auto parts = openLedger(other.path());
    write(*parts, {Spend{QStringLiteral("a"), at("2026-11-02T20:00:00Z"), Half},
                   Spend{QStringLiteral("b"), at("2026-11-03T10:00:00Z"), Half}});
    LedgerSpendSource partSource(*parts);
    spend = partSource.spendNano(BudgetScope{}, at("2026-11-02T12:00:00Z"), at("2026-11-05T23:00:00Z"));
    QVERIFY(!spend.ok());
    QCOMPARE(spend.error(), message);
}

QTEST_GUILESS_MAIN(TestLedgerSpendSource)
#include "tst_ledgerspendsource.moc"

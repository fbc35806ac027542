// The spend a budget counts once provider sync has stored data: the spend rule of docs/architecture.md §2 per provider
// and day (a closed billed day wins over the local estimate of the same provider-day, never both), local events where
// no provider data exists, subscription usage never; a partial first day counts its share.
#include "../ledger/syncseed.h"
#include "budget/ledgerspendsource.h"
#include "budgettestutil.h"
#include "util/checkedsum.h"

#include <QTemporaryDir>

#include <limits>

using namespace burnrate;
using namespace burnrate::test;

class TestLedgerSpendSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void billedDaysReplaceLocalEstimates();
    void providerScope();
    void partialFirstDayCountsItsShare();
    void workflowScopesStayOnLocalEvents();
    void billedSpendBeyondInt64Fails();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Ledger> m_ledger;
};

void TestLedgerSpendSync::init()
{
    m_dir.remove();
    QVERIFY(m_dir.isValid() || QDir().mkpath(m_dir.path()));
    m_ledger = openLedger(m_dir.path(), "UTC");
    Ledger &l = *m_ledger;
    // OpenAI: billed $3 on Nov 1 and $2 on Nov 2, its cost API covers Nov 1-4, fetched after Nov 1 and 2 closed.
    billed(l, "openai", "2026-11-01", 3 * Usd, "gpt-4o");
    billed(l, "openai", "2026-11-02", 2 * Usd, "gpt-4o");
    cover(l, "openai", "costs", "2026-11-01T00:00:00Z", "2026-11-05T00:00:00Z");
    // Local events: an OpenAI request on Nov 1 (the billed day answers for it), an Anthropic one on Nov 2 (no
    // provider data: it counts), a subscription one (never spend), an OpenAI workflow run on Nov 2.
    QList<Spend> spends;
    Spend openaiLocal;
    openaiLocal.key = QStringLiteral("o1");
    openaiLocal.atMs = at("2026-11-01T10:00:00Z");
    openaiLocal.costNano = Usd / 2;
    openaiLocal.provider = QStringLiteral("openai");
    spends << openaiLocal;
    Spend anthropic = openaiLocal;
    anthropic.key = QStringLiteral("a1");
    anthropic.atMs = at("2026-11-02T10:00:00Z");
    anthropic.costNano = Usd;
    anthropic.provider = QStringLiteral("anthropic");
    spends << anthropic;
    Spend subscription = anthropic;
    subscription.key = QStringLiteral("s1");
    subscription.costNano = 7 * Usd;
    subscription.billing = Billing::Subscription;
    spends << subscription;
    Spend run = openaiLocal;
    run.key = QStringLiteral("w1");
    run.atMs = at("2026-11-02T11:00:00Z");
    run.costNano = Usd / 4;
    run.workflowType = QStringLiteral("extract");
    spends << run;
    write(l, spends);
}

void TestLedgerSpendSync::billedDaysReplaceLocalEstimates()
{
    LedgerSpendSource source(*m_ledger);
    const auto spend = source.spendNano(BudgetScope{}, at("2026-11-01T00:00:00Z"), at("2026-11-06T00:00:00Z"));
    QVERIFY2(spend, qPrintable(spend.error()));
    // $3 + $2 billed (the $0.50 and $0.25 local OpenAI estimates are inside billed days) + $1 Anthropic.
    QCOMPARE(*spend, 6 * Usd);
}

void TestLedgerSpendSync::providerScope()
{
    LedgerSpendSource source(*m_ledger);
    BudgetScope openai;
    openai.kind = BudgetScope::Kind::Provider;
    openai.value = QStringLiteral("openai");
    const auto spend = source.spendNano(openai, at("2026-11-01T00:00:00Z"), at("2026-11-06T00:00:00Z"));
    QVERIFY2(spend, qPrintable(spend.error()));
    QCOMPARE(*spend, 5 * Usd);
    BudgetScope anthropic = openai;
    anthropic.value = QStringLiteral("anthropic");
    const auto other = source.spendNano(anthropic, at("2026-11-01T00:00:00Z"), at("2026-11-06T00:00:00Z"));
    QVERIFY2(other, qPrintable(other.error()));
    QCOMPARE(*other, Usd);
}

void TestLedgerSpendSync::partialFirstDayCountsItsShare()
{
    LedgerSpendSource source(*m_ledger);
    // From noon on Nov 1: half of its $3, then $2 + $1 on Nov 2.
    const auto spend = source.spendNano(BudgetScope{}, at("2026-11-01T12:00:00Z"), at("2026-11-06T00:00:00Z"));
    QVERIFY2(spend, qPrintable(spend.error()));
    QCOMPARE(*spend, 3 * Usd / 2 + 3 * Usd);
}

void TestLedgerSpendSync::workflowScopesStayOnLocalEvents()
{
    LedgerSpendSource source(*m_ledger);
    BudgetScope workflow;
    workflow.kind = BudgetScope::Kind::Workflow;
    workflow.value = QStringLiteral("extract");
    const auto spend = source.spendNano(workflow, at("2026-11-01T00:00:00Z"), at("2026-11-06T00:00:00Z"));
    QVERIFY2(spend, qPrintable(spend.error()));
    QCOMPARE(*spend, Usd / 4);
}

void TestLedgerSpendSync::billedSpendBeyondInt64Fails()
{
    // Another billed line on each billed day: each day's spend fits 64 bits, the two days' does not.
    constexpr qint64 Half = std::numeric_limits<qint64>::max() / 2 + 1;
    billed(*m_ledger, "openai", "2026-11-01", Half, "gpt-4o");
    billed(*m_ledger, "openai", "2026-11-02", Half, "gpt-4o");
    LedgerSpendSource source(*m_ledger);
    auto spend = source.spendNano(BudgetScope{}, at("2026-11-01T00:00:00Z"), at("2026-11-06T00:00:00Z"));
    QVERIFY(!spend.ok());
    QCOMPARE(spend.error(), sumOverflowMessage(u"spend in nano-USD"));
    // One day alone fits.
    spend = source.spendNano(BudgetScope{}, at("2026-11-02T00:00:00Z"), at("2026-11-06T00:00:00Z"));
    QVERIFY2(spend.ok(), qPrintable(spend.error()));
    QCOMPARE(*spend, Half + 2 * Usd + Usd);
}

QTEST_GUILESS_MAIN(TestLedgerSpendSync)
#include "tst_ledgerspendsync.moc"

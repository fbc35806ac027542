// The forecast and anomaly notifications of the budget engine over a real ledger file with an injected clock: the
// forecast notifies once per period when it first goes over the budget; an unusual day (above 3x the trailing
// 14-day median and above a floor) once per day, and only with some history to compare with.
#include "budgetrig.h"
#include "ledger/database.h"
#include "util/checkedsum.h"

#include <QLocale>
#include <QTemporaryDir>

#include <limits>

using namespace burnrate;
using namespace burnrate::test;

class TestBudgetForecast : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void forecastNotifiesOncePerPeriod();
    void anomalyOncePerDay();
    void anomalyNeedsHistoryAndFloor();
    void forecastBeyondInt64Fails();
    void medianBeyondInt64Fails();

private:
    QTemporaryDir m_root;
    int m_next = 0;
    QString freshDir() { return m_root.filePath(QString::number(m_next++)); }
};

void TestBudgetForecast::initTestCase()
{
    QLocale::setDefault(QLocale::c()); // English month names in the texts
}

void TestBudgetForecast::forecastNotifiesOncePerPeriod()
{
    // $30 by Nov 10 (Berlin midnight), all of it in the last 7 days: $30/7 a day for 21 more days, $120.
    Rig rig(freshDir(), "2026-11-09T23:00:00Z");
    rig.addBudget(QStringLiteral("monthly"), 100 * Usd);
    write(*rig.ledger, QStringLiteral("a"), at("2026-11-05T12:00:00Z"), 30 * Usd);
    auto n = rig.check();
    QCOMPARE(n.size(), 1);
    QCOMPARE(n[0].kind, BudgetNotification::Kind::Forecast);
    QCOMPARE(n[0].text(), QStringLiteral("Burnrate: your $100 November budget is on course for $120 by Nov 30 "
                                         "($30.00 so far); at this rate it runs out on Nov 26"));
    QVERIFY(rig.check().isEmpty());
    rig.reopen();
    QVERIFY(rig.check().isEmpty());
    // A threshold later in the period still notifies; the forecast does not come back.
    write(*rig.ledger, QStringLiteral("b"), at("2026-11-09T12:00:00Z"), 25 * Usd);
    n = rig.check();
    QCOMPARE(n.size(), 1);
    QCOMPARE(n[0].kind, BudgetNotification::Kind::Threshold);
    // Next period: the forecast may notify again.
    rig.setNow("2026-12-03T23:00:00Z");
    write(*rig.ledger, QStringLiteral("c"), at("2026-12-02T12:00:00Z"), 30 * Usd);
    n = rig.check();
    QCOMPARE(n.size(), 1);
    QCOMPARE(n[0].kind, BudgetNotification::Kind::Forecast);
    // A forecast under the budget says nothing.
    Rig calm(freshDir(), "2026-11-09T23:00:00Z");
    calm.addBudget(QStringLiteral("monthly"), 100 * Usd);
    write(*calm.ledger, QStringLiteral("a"), at("2026-11-05T12:00:00Z"), 10 * Usd);
    QVERIFY(calm.check().isEmpty());
    QVERIFY(!calm.last.statuses[0].forecastAlerted);
    QVERIFY(!calm.last.statuses[0].forecast.crossingMs);
}

void TestBudgetForecast::anomalyOncePerDay()
{
    Rig rig(freshDir(), "2026-11-15T11:00:00Z", true);
    // $2 a day on Nov 1..14, so the median is $2 and "unusual" means above $6.
    QList<Spend> days;
    for (int d = 1; d <= 14; ++d) {
        days.append(Spend{QStringLiteral("d%1").arg(d),
                          at(qPrintable(QStringLiteral("2026-11-%1T09:00:00Z").arg(d, 2, 10, QLatin1Char('0')))),
                          2 * Usd});
    }
    write(*rig.ledger, days);
    write(*rig.ledger, QStringLiteral("t1"), at("2026-11-15T08:00:00Z"), 6 * Usd);
    QVERIFY(rig.check().isEmpty());
    QCOMPARE(rig.last.anomaly.twiceMedianNano, 4 * Usd);
    QVERIFY(!rig.last.anomaly.anomalous);
    write(*rig.ledger, QStringLiteral("t2"), at("2026-11-15T09:00:00Z"), 10'000'000); // one cent more
    auto n = rig.check();
    QCOMPARE(n.size(), 1);
    QCOMPARE(n[0].kind, BudgetNotification::Kind::Anomaly);
    QCOMPARE(n[0].budgetId, qint64(0));
    QCOMPARE(n[0].text(), QStringLiteral("Burnrate: unusual spend today: $6.01 so far, 3.0× the 14-day median of "
                                         "$2.00 a day"));
    // Once per day, however much more comes, and across a restart.
    write(*rig.ledger, QStringLiteral("t3"), at("2026-11-15T10:00:00Z"), 50 * Usd);
    QVERIFY(rig.check().isEmpty());
    rig.reopen();
    QVERIFY(rig.check().isEmpty());
    // The next day is judged afresh.
    rig.setNow("2026-11-16T11:00:00Z");
    write(*rig.ledger, QStringLiteral("u1"), at("2026-11-16T10:00:00Z"), 9 * Usd);
    n = rig.check();
    QCOMPARE(n.size(), 1);
    QVERIFY2(n[0].body.startsWith(QStringLiteral("unusual spend today: $9.00 so far, 4.5× the 14-day median")),
             qPrintable(n[0].body));
}

void TestBudgetForecast::anomalyNeedsHistoryAndFloor()
{
    // The very first spend: nothing to compare with, not an anomaly.
    Rig first(freshDir(), "2026-11-15T11:00:00Z", true);
    write(*first.ledger, QStringLiteral("a"), at("2026-11-15T10:00:00Z"), 500 * Usd);
    QVERIFY(first.check().isEmpty());
    QVERIFY(!first.last.anomaly.hasHistory);
    // Ten times a tiny usual day, but under the $1 floor.
    Rig tiny(freshDir(), "2026-11-15T11:00:00Z", true);
    QList<Spend> days;
    for (int d = 1; d <= 14; ++d) {
        days.append(Spend{QStringLiteral("d%1").arg(d),
                          at(qPrintable(QStringLiteral("2026-11-%1T09:00:00Z").arg(d, 2, 10, QLatin1Char('0')))),
                          90'000'000});
    }
    write(*tiny.ledger, days);
    write(*tiny.ledger, QStringLiteral("t"), at("2026-11-15T10:00:00Z"), 950'000'000);
    QVERIFY(tiny.check().isEmpty());
    QVERIFY(!tiny.last.anomaly.anomalous);
    // Spending on only a few of the 14 days makes the median $0: anything above the floor is unusual.
    Rig sparse(freshDir(), "2026-11-15T11:00:00Z", true);
    write(*sparse.ledger, QStringLiteral("old"), at("2026-11-03T10:00:00Z"), 5 * Usd);
    write(*sparse.ledger, QStringLiteral("t"), at("2026-11-15T10:00:00Z"), 1'500'000'000);
    const auto n = sparse.check();
    QCOMPARE(n.size(), 1);
    QCOMPARE(n[0].body, QStringLiteral("unusual spend today: $1.50 so far, when on most of the last 14 days you spent "
                                       "nothing"));
}

void TestBudgetForecast::forecastBeyondInt64Fails()
{
    // $4 billion in the last week, 20 days left: the forecast is about $15 billion, beyond int64 nano-USD. It is an
    // error, never a clamped or wrapped amount; the status of every budget fails with it.
    constexpr qint64 Spent = 4'000'000'000 * Usd;
    Rig rig(freshDir(), "2026-11-10T23:00:00Z");
    rig.addBudget(QStringLiteral("monthly"), 100 * Usd);
    write(*rig.ledger, QStringLiteral("a"), at("2026-11-08T12:00:00Z"), Spent);
    const auto status = rig.engine->statuses();
    QVERIFY(!status.ok());
    QCOMPARE(status.error(), beyondInt64Message(u"the forecast spend in nano-USD"));
    QVERIFY(!rig.engine->check().ok());
    // A tenth of it forecasts within range.
    Rig calm(freshDir(), "2026-11-10T23:00:00Z");
    calm.addBudget(QStringLiteral("monthly"), 100 * Usd);
    write(*calm.ledger, QStringLiteral("a"), at("2026-11-08T12:00:00Z"), Spent / 10);
    const auto fine = calm.engine->statuses();
    QVERIFY2(fine.ok(), qPrintable(fine.error()));
    QVERIFY(fine->at(0).forecast.forecastNano > Spent / 10);
}

void TestBudgetForecast::medianBeyondInt64Fails()
{
    // Fourteen days of more than half of int64 nano-USD each: twice the median does not fit.
    constexpr qint64 Half = std::numeric_limits<qint64>::max() / 2 + 1;
    Rig rig(freshDir(), "2026-11-15T11:00:00Z", true);
    QList<Spend> days;
    for (int d = 1; d <= 14; ++d) {
        days.append(Spend{QStringLiteral("d%1").arg(d),
                          at(qPrintable(QStringLiteral("2026-11-%1T09:00:00Z").arg(d, 2, 10, QLatin1Char('0')))),
                          Half});
    }
    write(*rig.ledger, days);
    const auto anomaly = rig.engine->anomaly();
    QVERIFY(!anomaly.ok());
    QCOMPARE(anomaly.error(), beyondInt64Message(u"twice the median day's spend in nano-USD"));
}

QTEST_GUILESS_MAIN(TestBudgetForecast)
#include "tst_budgetforecast.moc"

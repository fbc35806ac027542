// The budget engine over a real ledger file with an injected clock: thresholds once per (budget, period,
// threshold) across period boundaries, DST and restarts; several crossed at once give one notification naming the
// highest; scopes; edits. Forecast and anomaly notifications: tst_budgetforecast.
#include "budget/budgetengine.h"
#include "budget/ledgerspendsource.h"
#include "budgetrig.h"
#include "ledger/database.h"
#include "util/clock.h"

#include <QLocale>
#include <QTemporaryDir>

using namespace burnrate;
using namespace burnrate::test;

class TestBudgetEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void thresholdsFireOncePerPeriod();
    void severalCrossedAtOnceNameTheHighest();
    void textOfTheReadmeExample();
    void periodBoundaryAndLateData();
    void restartsAndSecondConnectionsNeverRepeat();
    void startDay31InFebruary();
    void weeklyAndDailyAcrossDst();
    void scopesAndSubscriptions();
    void editingStartsAfreshAndRemovingForgets();
    void primaryBudget();

private:
    QTemporaryDir m_root;
    int m_next = 0;
    QString freshDir() { return m_root.filePath(QString::number(m_next++)); }
};

void TestBudgetEngine::initTestCase()
{
    QLocale::setDefault(QLocale::c()); // English month names in the texts
}

void TestBudgetEngine::thresholdsFireOncePerPeriod()
{
    Rig rig(freshDir(), "2026-11-10T11:00:00Z");
    rig.addBudget(QStringLiteral("monthly"), 100 * Usd);
    write(*rig.ledger, QStringLiteral("a"), at("2026-11-03T10:00:00Z"), 40 * Usd);
    QVERIFY(rig.check().isEmpty());
    QCOMPARE(rig.last.statuses.size(), 1);
    QCOMPARE(rig.last.statuses[0].spendNano(), 40 * Usd);

    write(*rig.ledger, QStringLiteral("b"), at("2026-11-09T10:00:00Z"), 15 * Usd);
    auto n = rig.check();
    QCOMPARE(n.size(), 1);
    QCOMPARE(n[0].kind, BudgetNotification::Kind::Threshold);
    QCOMPARE(n[0].threshold, 50);
    QCOMPARE(n[0].budgetName, QStringLiteral("monthly"));
    QVERIFY(!n[0].urgent);
    QVERIFY2(n[0].text().startsWith(QStringLiteral("Burnrate: 50 % of your $100 November budget used ($55.00)")),
             qPrintable(n[0].text()));
    QVERIFY(rig.check().isEmpty());
    QVERIFY(rig.check().isEmpty());

    write(*rig.ledger, QStringLiteral("c"), at("2026-11-10T10:00:00Z"), 30 * Usd);
    n = rig.check();
    QCOMPARE(n.size(), 1);
    QCOMPARE(n[0].threshold, 80);
    write(*rig.ledger, QStringLiteral("d"), at("2026-11-10T10:30:00Z"), 20 * Usd);
    n = rig.check();
    QCOMPARE(n.size(), 1);
    QCOMPARE(n[0].threshold, 100);
    QVERIFY(n[0].urgent);
    QVERIFY(rig.check().isEmpty());
    QCOMPARE(rig.last.statuses[0].firedThresholds, QList<int>({50, 80, 100}));
    QCOMPARE(rig.last.statuses[0].basisPoints(), qint64(10'500));

    // Re-importing the same events (unchanged rows) changes nothing.
    write(*rig.ledger, QStringLiteral("c"), at("2026-11-10T10:00:00Z"), 30 * Usd);
    QVERIFY(rig.check().isEmpty());

    // December starts clean: nothing spent, nothing fired; the first crossing of December notifies again.
    rig.setNow("2026-11-30T23:00:00Z"); // Dec 1, 00:00 in Berlin
    QVERIFY(rig.check().isEmpty());
    QCOMPARE(rig.last.statuses[0].period.first, QDate(2026, 12, 1));
    QCOMPARE(rig.last.statuses[0].spendNano(), qint64(0));
    QVERIFY(rig.last.statuses[0].firedThresholds.isEmpty());
    write(*rig.ledger, QStringLiteral("e"), at("2026-12-01T09:00:00Z"), 51 * Usd);
    n = rig.check();
    QCOMPARE(n.size(), 1);
    QCOMPARE(n[0].threshold, 50);
    QVERIFY2(n[0].body.startsWith(QStringLiteral("50 % of your $100 December budget used ($51.00)")),
             qPrintable(n[0].body));
    QCOMPARE(rig.ledger->db().queryInt64("SELECT COUNT(*) FROM alerts"), std::optional<std::int64_t>(4));
}

void TestBudgetEngine::severalCrossedAtOnceNameTheHighest()
{
    Rig rig(freshDir(), "2026-11-10T11:00:00Z");
    rig.addBudget(QStringLiteral("monthly"), 100 * Usd);
    rig.addBudget(QStringLiteral("openai"), 20 * Usd, QStringLiteral("provider:openai"));
    // One import takes the monthly budget past 50 and 80 %, and the openai budget past all three.
    write(*rig.ledger, QStringLiteral("a"), at("2026-11-10T10:00:00Z"), 85 * Usd);
    const auto n = rig.check();
    QCOMPARE(n.size(), 2); // one per budget
    QCOMPARE(n[0].budgetName, QStringLiteral("monthly"));
    QCOMPARE(n[0].threshold, 80);
    QCOMPARE(n[1].budgetName, QStringLiteral("openai"));
    QCOMPARE(n[1].threshold, 100);
    QVERIFY2(n[1].body.startsWith(QStringLiteral("100 % of your $20 November budget on openai used ($85.00)")),
             qPrintable(n[1].body));
    // Every threshold passed is recorded, so none of them comes back later.
    QCOMPARE(rig.last.statuses[0].firedThresholds, QList<int>({50, 80}));
    QCOMPARE(rig.last.statuses[1].firedThresholds, QList<int>({50, 80, 100}));
    write(*rig.ledger, QStringLiteral("b"), at("2026-11-10T10:10:00Z"), 16 * Usd);
    const auto again = rig.check();
    QCOMPARE(again.size(), 1);
    QCOMPARE(again[0].budgetName, QStringLiteral("monthly"));
    QCOMPARE(again[0].threshold, 100);
}

void TestBudgetEngine::textOfTheReadmeExample()
{
    // $48.21 early in November, then $4.60 a day for the last 7 days: $80.41 on Nov 20 at 00:00 (Berlin),
    // $32.20 a week = $4.60 a day, 11 days left: $80.41 + $50.60 = $131.01.
    Rig rig(freshDir(), "2026-11-19T23:00:00Z");
    rig.addBudget(QStringLiteral("monthly"), 100 * Usd);
    QList<Spend> spends = {Spend{QStringLiteral("early"), at("2026-11-05T12:00:00Z"), 48'210'000'000}};
    for (int day = 13; day <= 19; ++day) {
        spends.append(Spend{QStringLiteral("d%1").arg(day),
                            at(qPrintable(QStringLiteral("2026-11-%1T11:00:00Z").arg(day))), 4'600'000'000});
    }
    write(*rig.ledger, spends);
    const auto n = rig.check();
    QCOMPARE(n.size(), 1);
    QCOMPARE(n[0].text(),
             QStringLiteral("Burnrate: 80 % of your $100 November budget used ($80.41); forecast $131 by Nov 30"));
    const BudgetStatus &s = rig.last.statuses[0];
    QCOMPARE(s.forecast.forecastNano, 131'010'000'000);
    QCOMPARE(s.forecast.runRatePerDayNano, 4'600'000'000);
    QCOMPARE(s.basisPoints(), qint64(8041));
    // $19.59 to go at $4.60 a day: 4.26 days, on Nov 24.
    QVERIFY(s.forecast.crossingMs);
    QCOMPARE(rig.ledger->calendar().dateOf(*s.forecast.crossingMs), QDate(2026, 11, 24));
    QCOMPARE(*s.forecast.crossingMs, at("2026-11-19T23:00:00Z") + (1959LL * 7 * DayMs + 3219) / 3220);
    // The forecast went over the budget in the same check: it is recorded, and not sent again on its own.
    QVERIFY(s.forecastAlerted);
    QVERIFY(rig.check().isEmpty());
}

void TestBudgetEngine::periodBoundaryAndLateData()
{
    Rig rig(freshDir(), "2026-11-30T22:59:59Z"); // Nov 30, 23:59:59 in Berlin
    rig.addBudget(QStringLiteral("monthly"), 10 * Usd);
    // The last second of November and the first of December (Berlin) land in different periods.
    write(*rig.ledger, QStringLiteral("nov"), at("2026-11-30T22:59:59.999Z"), 6 * Usd);
    write(*rig.ledger, QStringLiteral("dec"), at("2026-11-30T23:00:00Z"), 9 * Usd);
    auto n = rig.check();
    QCOMPARE(n.size(), 1);
    QCOMPARE(n[0].threshold, 50);
    QCOMPARE(rig.last.statuses[0].spendNano(), 6 * Usd);
    rig.setNow("2026-11-30T23:00:01Z");
    n = rig.check();
    QCOMPARE(n.size(), 1);
    QCOMPARE(n[0].threshold, 80);
    QCOMPARE(rig.last.statuses[0].spendNano(), 9 * Usd);
    QCOMPARE(rig.last.statuses[0].period.first, QDate(2026, 12, 1));
    // Data for November that arrives in December (a late sync) never notifies for a period that is over.
    write(*rig.ledger, QStringLiteral("nov-late"), at("2026-11-20T10:00:00Z"), 50 * Usd);
    QVERIFY(rig.check().isEmpty());
    QCOMPARE(rig.last.statuses[0].spendNano(), 9 * Usd);
}

void TestBudgetEngine::restartsAndSecondConnectionsNeverRepeat()
{
    const QString dir = freshDir();
    Rig rig(dir, "2026-11-10T11:00:00Z");
    rig.addBudget(QStringLiteral("monthly"), 100 * Usd);
    write(*rig.ledger, QStringLiteral("a"), at("2026-11-09T10:00:00Z"), 81 * Usd);
    QCOMPARE(rig.check().size(), 1);
    // A restart: new ledger connection, new spend source, new engine over the same file.
    rig.reopen();
    QVERIFY(rig.check().isEmpty());
    QCOMPARE(rig.last.statuses[0].firedThresholds, QList<int>({50, 80}));
    // A second process (say the CLI while the app runs) on the same file: still nothing twice.
    Rig other(dir, "2026-11-10T12:00:00Z");
    QVERIFY(other.check().isEmpty());
    write(*other.ledger, QStringLiteral("b"), at("2026-11-10T11:30:00Z"), 20 * Usd);
    QCOMPARE(other.check().size(), 1);
    rig.setNow("2026-11-10T12:00:00Z");
    QVERIFY(rig.check().isEmpty());
    rig.reopen();
    QVERIFY(rig.check().isEmpty());
}

void TestBudgetEngine::startDay31InFebruary()
{
    Rig rig(freshDir(), "2026-02-27T12:00:00Z");
    rig.addBudget(QStringLiteral("from-31st"), 10 * Usd, QStringLiteral("global"), BudgetPeriod::Monthly, 31);
    write(*rig.ledger, QStringLiteral("jan"), at("2026-02-10T12:00:00Z"), 6 * Usd);
    auto n = rig.check();
    QCOMPARE(n.size(), 1);
    QCOMPARE(rig.last.statuses[0].period.first, QDate(2026, 1, 31));
    QCOMPARE(rig.last.statuses[0].period.last(), QDate(2026, 2, 27));
    QVERIFY2(
        n[0].body.startsWith(QStringLiteral("50 % of your $10 budget for Jan 31 – Feb 27 used ($6.00); forecast ")),
        qPrintable(n[0].body));
    // February 28 starts the next period (there is no February 31), which runs to March 30.
    rig.setNow("2026-02-27T23:00:00Z");
    QVERIFY(rig.check().isEmpty());
    QCOMPARE(rig.last.statuses[0].period.first, QDate(2026, 2, 28));
    QCOMPARE(rig.last.statuses[0].period.last(), QDate(2026, 3, 30));
    write(*rig.ledger, QStringLiteral("feb"), at("2026-03-02T12:00:00Z"), 5 * Usd);
    rig.setNow("2026-03-03T12:00:00Z");
    n = rig.check();
    QCOMPARE(n.size(), 1);
    QCOMPARE(n[0].threshold, 50);
    QCOMPARE(rig.ledger->db().queryInt64("SELECT COUNT(DISTINCT period_start) FROM alerts"),
             std::optional<std::int64_t>(2));
}

void TestBudgetEngine::weeklyAndDailyAcrossDst()
{
    // Berlin falls back on Sunday 2026-10-25: that day has 25 hours and its week 7 days + 1 hour.
    Rig rig(freshDir(), "2026-10-25T22:30:00Z"); // Sunday 23:30 CET
    rig.addBudget(QStringLiteral("week"), 10 * Usd, QStringLiteral("global"), BudgetPeriod::Weekly);
    rig.addBudget(QStringLiteral("day"), 4 * Usd, QStringLiteral("global"), BudgetPeriod::Daily);
    // 00:30 CEST on Sunday and 23:30 CET on Sunday: both in Sunday's day and in the week of Oct 19.
    write(*rig.ledger, QStringLiteral("early"), at("2026-10-24T22:30:00Z"), 2 * Usd);
    write(*rig.ledger, QStringLiteral("late"), at("2026-10-25T22:30:00Z"), 3 * Usd);
    auto n = rig.check();
    QCOMPARE(n.size(), 2);
    QCOMPARE(n[0].budgetName, QStringLiteral("week"));
    QCOMPARE(n[0].threshold, 50);
    QVERIFY2(n[0].body.startsWith(QStringLiteral("50 % of your $10 weekly budget used ($5.00)")),
             qPrintable(n[0].body));
    QCOMPARE(n[1].budgetName, QStringLiteral("day"));
    QCOMPARE(n[1].threshold, 100);
    QVERIFY2(n[1].body.startsWith(QStringLiteral("100 % of your $4 daily budget used ($5.00); forecast ")),
             qPrintable(n[1].body));
    const BudgetStatus &day = rig.last.statuses[1];
    QCOMPARE(day.period.endMs - day.period.startMs, 25 * HourMs);
    QCOMPARE(rig.last.statuses[0].period.endMs - rig.last.statuses[0].period.startMs, 7 * DayMs + HourMs);
    // Monday 00:00 CET is a new day and a new week.
    rig.setNow("2026-10-25T23:00:00Z");
    QVERIFY(rig.check().isEmpty());
    QCOMPARE(rig.last.statuses[0].period.first, QDate(2026, 10, 26));
    QCOMPARE(rig.last.statuses[0].spendNano(), qint64(0));
    QCOMPARE(rig.last.statuses[1].spendNano(), qint64(0));
}

void TestBudgetEngine::scopesAndSubscriptions()
{
    Rig rig(freshDir(), "2026-11-10T11:00:00Z");
    rig.addBudget(QStringLiteral("anthropic"), 10 * Usd, QStringLiteral("provider:anthropic"));
    rig.addBudget(QStringLiteral("extract"), 10 * Usd, QStringLiteral("workflow:extract"));
    rig.addBudget(QStringLiteral("team"), 10 * Usd, QStringLiteral("tag:team=search"));
    Spend openai{QStringLiteral("o"), at("2026-11-09T10:00:00Z"), 100 * Usd};
    Spend claude{QStringLiteral("c"), at("2026-11-09T10:00:00Z"), 6 * Usd, QStringLiteral("anthropic")};
    Spend subscription{QStringLiteral("s"), at("2026-11-09T10:00:00Z"), 500 * Usd, QStringLiteral("anthropic")};
    subscription.workflowType = QStringLiteral("extract");
    subscription.tagsJson = QStringLiteral("{\"team\":\"search\"}");
    subscription.billing = Billing::Subscription;
    Spend workflow{QStringLiteral("w"), at("2026-11-09T11:00:00Z"), 9 * Usd};
    workflow.workflowType = QStringLiteral("extract");
    Spend tagged{QStringLiteral("t"), at("2026-11-09T12:00:00Z"), 2 * Usd};
    tagged.tagsJson = QStringLiteral("{\"env\":\"prod\",\"team\":\"search\"}");
    write(*rig.ledger, {openai, claude, subscription, workflow, tagged});
    const auto n = rig.check();
    QCOMPARE(rig.last.statuses[0].spendNano(), 6 * Usd);
    QCOMPARE(rig.last.statuses[1].spendNano(), 9 * Usd);
    QCOMPARE(rig.last.statuses[2].spendNano(), 2 * Usd);
    QCOMPARE(n.size(), 2);
    QVERIFY2(n[0].body.startsWith(QStringLiteral("50 % of your $10 November budget on anthropic used ($6.00)")),
             qPrintable(n[0].body));
    QVERIFY2(n[1].body.startsWith(QStringLiteral("80 % of your $10 November budget on workflow extract used ($9.00)")),
             qPrintable(n[1].body));
}

void TestBudgetEngine::editingStartsAfreshAndRemovingForgets()
{
    Rig rig(freshDir(), "2026-11-10T11:00:00Z");
    rig.addBudget(QStringLiteral("monthly"), 100 * Usd);
    write(*rig.ledger, QStringLiteral("a"), at("2026-11-09T10:00:00Z"), 85 * Usd);
    QCOMPARE(rig.check().size(), 1);
    // The same definition again keeps the alerts.
    rig.addBudget(QStringLiteral("monthly"), 100 * Usd);
    QVERIFY(rig.check().isEmpty());
    // A new amount is a new budget to the user: its thresholds count again.
    rig.addBudget(QStringLiteral("monthly"), 150 * Usd);
    const auto n = rig.check();
    QCOMPARE(n.size(), 1);
    QCOMPARE(n[0].threshold, 50);
    QVERIFY(BudgetStore(rig.ledger->db()).remove(QStringLiteral("monthly")).value());
    QCOMPARE(rig.ledger->db().queryInt64("SELECT COUNT(*) FROM alerts"), std::optional<std::int64_t>(0));
    QCOMPARE(rig.ledger->db().queryInt64("SELECT COUNT(*) FROM forecast_alerts"), std::optional<std::int64_t>(0));
    QVERIFY(!BudgetStore(rig.ledger->db()).remove(QStringLiteral("monthly")).value());
}

void TestBudgetEngine::primaryBudget()
{
    const auto status = [](const char *scope, BudgetPeriod period) {
        BudgetStatus s;
        s.budget.scope = *BudgetScope::parse(QLatin1String(scope));
        s.budget.period = period;
        return s;
    };
    QVERIFY(!BudgetEngine::primaryIndex({}));
    QCOMPARE(BudgetEngine::primaryIndex({status("provider:x", BudgetPeriod::Monthly)}), std::optional<qsizetype>(0));
    QCOMPARE(BudgetEngine::primaryIndex(
                 {status("provider:x", BudgetPeriod::Monthly), status("global", BudgetPeriod::Weekly)}),
             std::optional<qsizetype>(1));
    QCOMPARE(
        BudgetEngine::primaryIndex({status("global", BudgetPeriod::Daily), status("provider:x", BudgetPeriod::Monthly),
                                    status("global", BudgetPeriod::Monthly)}),
        std::optional<qsizetype>(2));
}

QTEST_GUILESS_MAIN(TestBudgetEngine)
#include "tst_budgetengine.moc"

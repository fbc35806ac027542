// BudgetEdit: the one set of rules `burnrate budget set` and the settings dialog apply to typed budget fields.
#include "budget/budgetedit.h"

#include <QTest>

using namespace burnrate;

class TestBudgetEdit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void amounts_data();
    void amounts();
    void newBudgetNeedsAnAmount();
    void appliesEveryField();
    void periodChangeResetsTheStartDay();
    void problemsNameTheirField_data();
    void problemsNameTheirField();
};

void TestBudgetEdit::amounts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("nano"); // 0: refused
    QTest::addRow("whole") << "100" << qint64(100'000'000'000);
    QTest::addRow("cents") << "49.50" << qint64(49'500'000'000);
    QTest::addRow("dollar sign and spaces") << " $7.25 " << qint64(7'250'000'000);
    QTest::addRow("nano") << "0.000000001" << qint64(1);
    QTest::addRow("zero") << "0" << qint64(0);
    QTest::addRow("negative") << "-5" << qint64(0);
    QTest::addRow("words") << "ten" << qint64(0);
    QTest::addRow("empty") << "" << qint64(0);
}

void TestBudgetEdit::amounts()
{
    QFETCH(QString, text);
    QFETCH(qint64, nano);
    const auto parsed = BudgetEdit::parseAmount(text);
    QCOMPARE(parsed.has_value(), nano != 0);
    if (parsed) {
        QCOMPARE(*parsed, nano);
    }
}

void TestBudgetEdit::newBudgetNeedsAnAmount()
{
    Budget b;
    const auto problem = BudgetEdit{}.applyTo(b, true);
    QVERIFY(problem);
    QCOMPARE(problem->field, BudgetEdit::Field::Amount);
    QVERIFY(problem->missing);
    QVERIFY(!BudgetEdit{}.applyTo(b, false)); // an existing one keeps its amount
}

void TestBudgetEdit::appliesEveryField()
{
    Budget b;
    b.name = QStringLiteral("team");
    BudgetEdit e;
    e.amount = QStringLiteral("250");
    e.period = QStringLiteral("monthly");
    e.startDay = QStringLiteral("15");
    e.scope = QStringLiteral("tag:team=search");
    e.thresholds = QStringLiteral("90, 50");
    QVERIFY(!e.applyTo(b, true));
    QCOMPARE(b.amountNano, 250'000'000'000);
    QCOMPARE(b.period, BudgetPeriod::Monthly);
    QCOMPARE(b.startDay, 15);
    QCOMPARE(b.scope.toString(), QStringLiteral("tag:team=search"));
    QCOMPARE(b.thresholds, (QList<int>{50, 90}));
    QCOMPARE(b.validate(), QString());
}

void TestBudgetEdit::periodChangeResetsTheStartDay()
{
    Budget b;
    b.name = QStringLiteral("x");
    b.amountNano = 1;
    b.startDay = 20;
    BudgetEdit e;
    e.period = QStringLiteral("weekly");
    QVERIFY(!e.applyTo(b, false));
    QCOMPARE(b.startDay, 1);
    QCOMPARE(b.validate(), QString());
}

void TestBudgetEdit::problemsNameTheirField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("expected");
    QTest::addColumn<QString>("message");
    QTest::addRow("amount") << "amount"
                            << "0" << int(BudgetEdit::Field::Amount)
                            << "must be an amount of US dollars above 0, like 100 or 49.50";
    QTest::addRow("period") << "period"
                            << "yearly" << int(BudgetEdit::Field::Period)
                            << "a period is monthly, weekly or daily (not \"yearly\")";
    QTest::addRow("start day") << "startDay"
                               << "32" << int(BudgetEdit::Field::StartDay) << "must be a day of the month, 1 to 31";
    QTest::addRow("scope") << "scope"
                           << "team" << int(BudgetEdit::Field::Scope) << "";
    QTest::addRow("thresholds") << "thresholds"
                                << "0,50" << int(BudgetEdit::Field::Thresholds) << "";
}

void TestBudgetEdit::problemsNameTheirField()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(int, expected);
    QFETCH(QString, message);
    BudgetEdit e;
    e.amount = QStringLiteral("10");
    if (field == QLatin1String("amount")) {
        e.amount = value;
    } else if (field == QLatin1String("period")) {
        e.period = value;
    } else if (field == QLatin1String("startDay")) {
        e.startDay = value;
    } else if (field == QLatin1String("scope")) {
        e.scope = value;
    } else {
        e.thresholds = value;
    }
    Budget b;
    const auto problem = e.applyTo(b, true);
    QVERIFY(problem);
    QCOMPARE(int(problem->field), expected);
    QVERIFY(!problem->message.isEmpty());
    if (!message.isEmpty()) {
        QCOMPARE(problem->message, message);
    }
    // A start day on a weekly budget is refused too.
    BudgetEdit weekly;
    weekly.period = QStringLiteral("weekly");
    weekly.startDay = QStringLiteral("3");
    Budget w;
    w.amountNano = 1;
    QCOMPARE(weekly.applyTo(w, false)->message, QStringLiteral("only applies to monthly budgets"));
}

QTEST_GUILESS_MAIN(TestBudgetEdit)
#include "tst_budgetedit.moc"

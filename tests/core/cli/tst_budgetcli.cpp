// `burnrate budget set|list|remove|status`, in-process with a fixed clock: usage errors exit 2 with one line,
// failures exit 1, and the JSON of list and status matches golden files (money as exact decimal strings and as
// integer nano-USD).
#include "budget/budgetengine.h"
#include "budget/ledgerspendsource.h"
#include "cli/cli.h"
#include "clitestutil.h"
#include "ledger/eventwriter.h"
#include "ledger/ledger.h"
#include "util/clock.h"
#include "util/timestamp.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace burnrate;
using namespace burnrate::cli;
using namespace burnrate::test;

namespace {

const QString Golden = QStringLiteral(BURNRATE_SOURCE_DIR "/tests/core/cli/golden/");
constexpr qint64 Usd = 1'000'000'000;

qint64 at(const char *rfc3339)
{
    return *parseRfc3339Ms(rfc3339);
}

EventRecord makeEvent(const QString &key, const char *when, qint64 costNano, const char *provider = "openai")
{
    EventRecord e;
    e.source = QStringLiteral("events");
    e.sourceKey = key;
    e.occurredAtMs = at(when);
    e.provider = QLatin1String(provider);
    e.model = QStringLiteral("m");
    e.costNano = costNano;
    return e;
}

} // namespace

class TestBudgetCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void setListRemove();
    void listJsonMatchesGolden();
    void statusJsonMatchesGolden();
    void statusTable();
    void statusOfOneBudget();
    void removeUnknownFails();
    void forecastBeyondInt64FailsWithOneLine();

private:
    CliRun run(const QStringList &args);
    void compareGolden(const QString &out, const QString &name);

    QTemporaryDir m_dir;
    // Nov 20, 00:00 in Berlin.
    FixedClock m_clock{QDateTime::fromMSecsSinceEpoch(at("2026-11-19T23:00:00Z"), QTimeZone::utc())};
};

CliRun TestBudgetCli::run(const QStringList &args)
{
    CliServices services;
    services.clock = &m_clock;
    return runCli(m_dir.path(), args, services);
}

void TestBudgetCli::compareGolden(const QString &out, const QString &name)
{
    QVERIFY(QJsonDocument::fromJson(out.toUtf8()).isObject());
    QFile file(Golden + name);
    if (qEnvironmentVariableIsSet("BURNRATE_UPDATE_GOLDEN")) {
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(out.toUtf8());
        QSKIP("golden file rewritten");
    }
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QCOMPARE(out, QString::fromUtf8(file.readAll()));
}

void TestBudgetCli::initTestCase()
{
    QLocale::setDefault(QLocale::c());
    qputenv("BURNRATE_TIMEZONE", "Europe/Berlin");
    // The README's notification example: $48.21 early in November ($45.21 + $3 of a workflow) and $4.60 a day in the
    // last week, $80.41 by Nov 20.
    auto ledger = Ledger::open(m_dir.path(), *LocalCalendar::forZoneId("Europe/Berlin"));
    QVERIFY2(ledger.ok(), qPrintable(ledger.error()));
    {
        EventWriter writer((*ledger)->db(), (*ledger)->calendar());
        QVERIFY(writer.upsert(makeEvent(QStringLiteral("early"), "2026-11-05T12:00:00Z", 45'210'000'000)).ok());
        for (int day = 13; day <= 19; ++day) {
            const QByteArray when = QStringLiteral("2026-11-%1T11:00:00Z").arg(day).toUtf8();
            QVERIFY(writer.upsert(makeEvent(QStringLiteral("d%1").arg(day), when.constData(), 4'600'000'000)).ok());
        }
        // Before the last week, so that the monthly budget is the README's example.
        EventRecord extract = makeEvent(QStringLiteral("x"), "2026-11-12T10:00:00Z", 3 * Usd, "anthropic");
        extract.workflowType = QStringLiteral("extract");
        extract.tagsJson = QStringLiteral("{\"team\":\"search\"}");
        QVERIFY(writer.upsert(extract).ok());
        EventRecord subscription = makeEvent(QStringLiteral("sub"), "2026-11-18T10:00:00Z", 50 * Usd, "anthropic");
        subscription.billing = Billing::Subscription;
        QVERIFY(writer.upsert(subscription).ok());
        QVERIFY(writer.commit().ok());
    }
    ledger->reset();

    QCOMPARE(run({"budget", "set", "monthly", "--amount", "100"}).code, int(ExitOk));
    QCOMPARE(
        run({"budget", "set", "openai-week", "--amount", "$25.50", "--period", "weekly", "--scope", "provider:openai"})
            .code,
        int(ExitOk));
    QCOMPARE(run({"budget", "set", "extract", "--amount", "5", "--period", "daily", "--scope", "workflow:extract",
                  "--thresholds", "100, 50"})
                 .code,
             int(ExitOk));
    QCOMPARE(run({"budget", "set", "team", "--amount", "10", "--start-day", "10", "--scope", "tag:team=search"}).code,
             int(ExitOk));
}

void TestBudgetCli::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::addRow("nothing") << QStringList{"budget"} << "burnrate budget: say what to do: set, list, remove or status";
    QTest::addRow("unknown") << QStringList{"budget", "frob"} << "burnrate budget: unknown budget command \"frob\"";
    QTest::addRow("no name") << QStringList{"budget", "set"} << "burnrate budget: budget set needs one NAME";
    QTest::addRow("new without amount") << QStringList{"budget", "set", "x"}
                                        << "burnrate budget: a new budget needs --amount USD";
    QTest::addRow("bad amount") << QStringList{"budget", "set", "x", "--amount", "lots"}
                                << "burnrate budget: --amount must be an amount of US dollars above 0";
    QTest::addRow("zero amount") << QStringList{"budget", "set", "x", "--amount", "0"}
                                 << "burnrate budget: --amount must be an amount of US dollars above 0";
    QTest::addRow("huge amount") << QStringList{"budget", "set", "x", "--amount", "2000000000"}
                                 << "burnrate budget: a budget's amount must be at most $1,000,000,000";
    QTest::addRow("bad period") << QStringList{"budget", "set", "x", "--amount", "1", "--period", "yearly"}
                                << "burnrate budget: --period: a period is monthly, weekly or daily";
    QTest::addRow("bad start day") << QStringList{"budget", "set", "x", "--amount", "1", "--start-day", "32"}
                                   << "burnrate budget: --start-day must be a day of the month, 1 to 31";
    QTest::addRow("start day, weekly") << QStringList{"budget",   "set",    "x",           "--amount", "1",
                                                      "--period", "weekly", "--start-day", "5"}
                                       << "burnrate budget: --start-day only applies to monthly budgets";
    QTest::addRow("bad scope") << QStringList{"budget", "set", "x", "--amount", "1", "--scope", "planet:mars"}
                               << "burnrate budget: --scope: a scope is global, provider:NAME";
    QTest::addRow("bad tag") << QStringList{"budget", "set", "x", "--amount", "1", "--scope", "tag:team"}
                             << "burnrate budget: --scope: a scope is global";
    QTest::addRow("bad thresholds") << QStringList{"budget", "set", "x", "--amount", "1", "--thresholds", "0,50"}
                                    << "burnrate budget: --thresholds: thresholds are whole percentages";
    QTest::addRow("bad format") << QStringList{"budget", "list", "--format", "csv"}
                                << "burnrate budget: --format must be table or json";
    QTest::addRow("remove nothing") << QStringList{"budget", "remove"}
                                    << "burnrate budget: budget remove needs one NAME";
    QTest::addRow("status two") << QStringList{"budget", "status", "a", "b"}
                                << "burnrate budget: budget status takes at most one NAME";
    QTest::addRow("unknown option") << QStringList{"budget", "status", "--colour"}
                                    << "burnrate budget: unknown option --colour";
}

void TestBudgetCli::usageErrorsExitTwo()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const CliRun r = run(args);
    QCOMPARE(r.code, int(ExitUsage));
    QVERIFY2(r.err.startsWith(message), qPrintable(r.err));
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    QVERIFY(r.out.isEmpty());
}

void TestBudgetCli::setListRemove()
{
    CliRun r = run({"budget", "set", "tmp", "--amount", "49.5", "--thresholds", "90"});
    QCOMPARE(r.code, int(ExitOk));
    QCOMPARE(r.out, QStringLiteral("budget \"tmp\" added: $49.50 a month from day 1, global, alerts at 90 %\n"));
    r = run({"budget", "set", "tmp", "--thresholds", "90"});
    QCOMPARE(r.out, QStringLiteral("budget \"tmp\" unchanged: $49.50 a month from day 1, global, alerts at 90 %\n"));
    r = run({"budget", "set", "tmp", "--period", "weekly"});
    QCOMPARE(r.out, QStringLiteral("budget \"tmp\" changed: $49.50 a week, global, alerts at 90 %\n"));
    r = run({"budget", "list"});
    QCOMPARE(r.code, int(ExitOk));
    const QStringList lines = r.out.split(QLatin1Char('\n'));
    const auto tmp = std::find_if(lines.cbegin(), lines.cend(),
                                  [](const QString &l) { return l.startsWith(QLatin1String("tmp ")); });
    QVERIFY2(tmp != lines.cend(), qPrintable(r.out));
    QCOMPARE(tmp->simplified(), QStringLiteral("tmp global weekly 90 % $49.50"));
    r = run({"budget", "remove", "tmp"});
    QCOMPARE(r.code, int(ExitOk));
    QCOMPARE(r.out, QStringLiteral("budget \"tmp\" removed\n"));
    QVERIFY(!run({"budget", "list"}).out.contains(QStringLiteral("tmp")));
}

void TestBudgetCli::listJsonMatchesGolden()
{
    const CliRun r = run({"budget", "list", "--format", "json"});
    QCOMPARE(r.code, int(ExitOk));
    compareGolden(r.out, QStringLiteral("budget-list.json"));
}

void TestBudgetCli::statusJsonMatchesGolden()
{
    // The app's check has run once: the alerts it recorded show as fired.
    {
        auto ledger = Ledger::open(m_dir.path(), *LocalCalendar::forZoneId("Europe/Berlin"));
        LedgerSpendSource spend(**ledger);
        BudgetEngine engine(**ledger, spend, m_clock);
        QVERIFY(engine.check().ok());
    }
    const CliRun r = run({"budget", "status", "--format", "json"});
    QCOMPARE(r.code, int(ExitOk));
    compareGolden(r.out, QStringLiteral("budget-status.json"));
    const QJsonObject monthly =
        QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("budgets")).toArray().at(0).toObject();
    QCOMPARE(monthly.value(QStringLiteral("spend_nano")).toInteger(), 80'410'000'000);
    QCOMPARE(monthly.value(QStringLiteral("forecast_usd")).toString(), QStringLiteral("131.010000000"));
    QCOMPARE(monthly.value(QStringLiteral("crosses_100_on")).toString(), QStringLiteral("2026-11-24"));
}

void TestBudgetCli::statusTable()
{
    const CliRun r = run({"budget", "status"});
    QCOMPARE(r.code, int(ExitOk));
    const QStringList lines = r.out.split(QLatin1Char('\n'));
    QCOMPARE(
        lines.value(2).simplified(),
        QStringLiteral("monthly 2026-11-01 – 2026-11-30 $80.41 $100.00 80.41 % $131.01 2026-11-24 50, 80 %, forecast"));
    QVERIFY2(r.out.contains(QStringLiteral("Today (2026-11-20): $0.00 spent; the 14-day median is ")),
             qPrintable(r.out));
}

void TestBudgetCli::statusOfOneBudget()
{
    const CliRun r = run({"budget", "status", "team", "--format", "json"});
    QCOMPARE(r.code, int(ExitOk));
    const QJsonArray budgets =
        QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("budgets")).toArray();
    QCOMPARE(budgets.size(), 1);
    QCOMPARE(budgets.at(0).toObject().value(QStringLiteral("period_start")).toString(), QStringLiteral("2026-11-10"));
    QCOMPARE(budgets.at(0).toObject().value(QStringLiteral("spend_nano")).toInteger(), 3 * Usd);
    const CliRun missing = run({"budget", "status", "nope"});
    QCOMPARE(missing.code, int(ExitFailure));
    QVERIFY2(missing.err.startsWith(QStringLiteral("burnrate: no budget named \"nope\"")), qPrintable(missing.err));
}

void TestBudgetCli::removeUnknownFails()
{
    const CliRun r = run({"budget", "remove", "nope"});
    QCOMPARE(r.code, int(ExitFailure));
    QCOMPARE(r.err, QStringLiteral("burnrate: no budget named \"nope\" (see burnrate budget list)\n"));
}

void TestBudgetCli::forecastBeyondInt64FailsWithOneLine()
{
    // $4 billion spent in the last week with eleven days of the month left: the forecast does not fit int64 nano-USD.
    // The status fails with one line that says so, instead of a clamped or negative forecast.
    QTemporaryDir dir;
    {
        auto ledger = Ledger::open(dir.path(), *LocalCalendar::forZoneId("Europe/Berlin"));
        QVERIFY2(ledger.ok(), qPrintable(ledger.error()));
        EventWriter writer((*ledger)->db(), (*ledger)->calendar());
        QVERIFY(writer.upsert(makeEvent(QStringLiteral("big"), "2026-11-18T12:00:00Z", 4'000'000'000 * Usd)).ok());
        QVERIFY(writer.commit().ok());
    }
    CliServices services;
    services.clock = &m_clock;
    QCOMPARE(runCli(dir.path(), {"budget", "set", "monthly", "--amount", "100"}, services).code, int(ExitOk));
    for (const QStringList &args :
         {QStringList{"budget", "status"}, QStringList{"budget", "status", "--format", "json"}}) {
        const CliRun r = runCli(dir.path(), args, services);
        QCOMPARE(r.code, int(ExitFailure));
        QCOMPARE(r.err, QStringLiteral("burnrate: budget: the forecast spend in nano-USD exceeds the largest number "
                                       "Burnrate can count (9223372036854775807)\n"));
        QVERIFY(r.out.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestBudgetCli)
#include "tst_budgetcli.moc"

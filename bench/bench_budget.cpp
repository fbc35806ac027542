// Budget check benchmark: a ledger of N API-billed events over two years (default 5,000,000), four
// budgets (global monthly, provider weekly, workflow monthly, tag monthly), then the time of the check the app
// runs after every sync and import, of a read-only status, and of each budget's spend query. Prints one JSON object.
#include "benchledger.h"
#include "budget/budgetengine.h"
#include "budget/ledgerspendsource.h"
#include "ledger/database.h"
#include "ledger/ledger.h"
#include "util/clock.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>

using namespace burnrate;

namespace {

constexpr qint64 DayMs = 86'400'000;

double ms(QElapsedTimer &t)
{
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const qint64 count = argc > 1 ? QByteArray(argv[1]).toLongLong() : 5'000'000;
    QTemporaryDir dir;
    auto opened = Ledger::open(dir.path(), *LocalCalendar::forZoneId("Europe/Berlin"));
    if (!opened) {
        qFatal("%s", qPrintable(opened.error()));
    }
    Ledger &ledger = **opened;
    const qint64 now = 1'795'132'800'000; // 2026-11-19T23:00:00Z, Nov 20 in Berlin
    QElapsedTimer t;
    t.start();
    fillBenchLedger(ledger, count, now - 730 * DayMs, 730 * DayMs);
    const double fillMs = ms(t);

    addBenchBudgets(ledger, now);
    const FixedClock clock(QDateTime::fromMSecsSinceEpoch(now, QTimeZone::utc()));
    LedgerSpendSource spend(ledger);
    BudgetEngine engine(ledger, spend, clock);

    QTextStream out(stdout);
    out << "{\"events\": " << count << ", \"fill_ms\": " << qRound(fillMs);
    t.restart();
    auto first = engine.check();
    out << ", \"first_check_ms\": " << ms(t);
    t.restart();
    const int rounds = 5;
    for (int i = 0; i < rounds; ++i) {
        engine.check();
    }
    out << ", \"check_ms\": " << ms(t) / rounds;
    for (const BudgetStatus &s : std::as_const(first->statuses)) {
        t.restart();
        spend.spendNano(s.budget.scope, s.period.startMs, s.period.endMs);
        out << ", \"spend_" << s.budget.scope.toString() << "_ms\": " << ms(t);
        t.restart();
        spend.spendNano(s.budget.scope, now - 7 * DayMs, now);
        out << ", \"trailing_" << s.budget.scope.toString() << "_ms\": " << ms(t);
    }
    for (const BudgetStatus &s : std::as_const(first->statuses)) {
        t.restart();
        engine.status(s.budget);
        out << ", \"status_" << s.budget.scope.toString() << "_ms\": " << ms(t);
    }
    t.restart();
    engine.anomaly();
    out << ", \"anomaly_ms\": " << ms(t) << "}" << Qt::endl;
    return 0;
}

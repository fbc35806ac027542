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

// A timed call must have worked: a failure would time an early return.
template <typename T>
void require(const Result<T> &result, const char *what)
{
    if (!result) {
        qFatal("%s: %s", what, qPrintable(result.error()));
    }
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
    require(first, "check");
    t.restart();
    const int rounds = 5;
    for (int i = 0; i < rounds; ++i) {
        require(engine.check(), "check");
    }
    out << ", \"check_ms\": " << ms(t) / rounds;
    for (const BudgetStatus &s : std::as_const(first->statuses)) {
        t.restart();
        require(spend.spendNano(s.budget.scope, s.period.startMs, s.period.endMs), "spend");
        out << ", \"spend_" << s.budget.scope.toString() << "_ms\": " << ms(t);
        t.restart();
        require(spend.spendNano(s.budget.scope, now - 7 * DayMs, now), "trailing spend");
        out << ", \"trailing_" << s.budget.scope.toString() << "_ms\": " << ms(t);
    }
    for (const BudgetStatus &s : std::as_const(first->statuses)) {
        t.restart();
        require(engine.status(s.budget), "status");
        out << ", \"status_" << s.budget.scope.toString() << "_ms\": " << ms(t);
    }
    t.restart();
    require(engine.anomaly(), "anomaly");
    out << ", \"anomaly_ms\": " << ms(t) << "}" << Qt::endl;
    return 0;
}

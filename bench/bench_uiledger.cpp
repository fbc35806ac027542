// Builds the ledger of `./dev bench ui`: N API-billed events (default 5,000,000) over the two years up to now
// and the four budgets of the budget benchmark, in DATA_DIR, in the time zone of DATA_DIR's settings (what the
// app will use). Prints one JSON object with the time it took.
// Usage: bench_uiledger DATA_DIR [N]
#include "benchledger.h"
#include "ledger/ledger.h"
#include "util/settings.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QTextStream>

using namespace burnrate;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        QTextStream(stderr) << "usage: bench_uiledger DATA_DIR [N]" << Qt::endl;
        return 2;
    }
    const QString dir = QString::fromLocal8Bit(argv[1]);
    const qint64 count = argc > 2 ? QByteArray(argv[2]).toLongLong() : 5'000'000;
    auto calendar = Settings(dir).calendar();
    if (!calendar) {
        qFatal("%s", qPrintable(calendar.error()));
    }
    auto opened = Ledger::open(dir, *calendar);
    if (!opened) {
        qFatal("%s", qPrintable(opened.error()));
    }
    constexpr qint64 DayMs = 86'400'000;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QElapsedTimer t;
    t.start();
    fillBenchLedger(**opened, count, now - 730 * DayMs, 730 * DayMs);
    addBenchBudgets(**opened, now);
    QTextStream(stdout) << "{\"events\": " << count << ", \"fill_ms\": " << t.elapsed() << "}" << Qt::endl;
    return 0;
}

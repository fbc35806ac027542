// Budget check benchmark (issue 6): a ledger of N API-billed events over two years (default 5,000,000), four
// budgets (global monthly, provider weekly, workflow monthly, tag monthly), then the time of the check the app
// runs after every sync and import, of a read-only status, and of each budget's spend query. Prints one JSON object.
#include "budget/budgetengine.h"
#include "budget/budgetstore.h"
#include "budget/ledgerspendsource.h"
#include "ledger/database.h"
#include "ledger/eventwriter.h"
#include "ledger/ledger.h"
#include "util/clock.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

using namespace burnrate;

namespace {

constexpr qint64 DayMs = 86'400'000;
const char *const Providers[] = {"openai", "anthropic", "openrouter", "deepseek"};
const char *const Workflows[] = {"support_reply", "invoice_extraction", "code_review", "triage"};

void fill(Ledger &ledger, qint64 count, qint64 startMs, qint64 spanMs)
{
    QRandomGenerator rng(7);
    const qint64 batch = 200'000;
    for (qint64 done = 0; done < count;) {
        EventWriter writer(ledger.db(), ledger.calendar());
        for (qint64 i = 0; i < batch && done < count; ++i, ++done) {
            EventRecord e;
            e.source = QStringLiteral("bench");
            e.sourceKey = QString::number(done);
            e.occurredAtMs = startMs + spanMs / count * done;
            e.provider = QLatin1String(Providers[rng.bounded(4)]);
            e.model = QStringLiteral("m%1").arg(rng.bounded(8));
            e.workflowType = QLatin1String(Workflows[rng.bounded(4)]);
            e.tagsJson =
                rng.bounded(3) == 0 ? QStringLiteral("{\"team\":\"search\"}") : QStringLiteral("{\"team\":\"ads\"}");
            e.tokens.inputUncached = rng.bounded(5000);
            e.costNano = rng.bounded(1, 20'000'000);
            if (!writer.upsert(e)) {
                qFatal("write failed");
            }
        }
        if (!writer.commit()) {
            qFatal("commit failed");
        }
    }
}

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
    fill(ledger, count, now - 730 * DayMs, 730 * DayMs);
    const double fillMs = ms(t);

    BudgetStore store(ledger.db());
    const char *const scopes[][3] = {{"global", "monthly", "month"},
                                     {"provider:anthropic", "weekly", "anthropic-week"},
                                     {"workflow:code_review", "monthly", "review"},
                                     {"tag:team=search", "monthly", "search-team"}};
    for (const auto &s : scopes) {
        Budget b;
        b.name = QLatin1String(s[2]);
        b.scope = *BudgetScope::parse(QLatin1String(s[0]));
        b.period = *budgetPeriodFromName(QLatin1String(s[1]));
        b.amountNano = 1'000'000'000'000;
        store.save(b, now);
    }
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

#include "benchledger.h"

#include "budget/budget.h"
#include "budget/budgetstore.h"
#include "ledger/eventwriter.h"
#include "ledger/ledger.h"

#include <QRandomGenerator>

namespace burnrate {

namespace {

const char *const Providers[] = {"openai", "anthropic", "openrouter", "deepseek"};
const char *const Workflows[] = {"support_reply", "invoice_extraction", "code_review", "triage"};

} // namespace

void fillBenchLedger(Ledger &ledger, qint64 count, qint64 startMs, qint64 spanMs)
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

void addBenchBudgets(Ledger &ledger, qint64 nowMs)
{
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
        if (!store.save(b, nowMs)) {
            qFatal("budget not saved");
        }
    }
}

} // namespace burnrate

#include "pricing/baselinecost.h"

#include "ledger/database.h"
#include "ledger/ledger.h"
#include "ledger/reportquery.h"
#include "pricing/pricer.h"
#include "util/checkedsum.h"

#include <QHash>

#include <algorithm>

namespace burnrate {

BaselineCost::BaselineCost(Ledger &ledger, const PriceBook &book)
    : BaselineCost(ledger.db(), book)
{}

BaselineCost::BaselineCost(Database &db, const PriceBook &book)
    : m_db(db)
    , m_book(book)
{}

Result<BaselineReport, RunError> BaselineCost::run(const QString &baselineProvider, const QString &baselineModel,
                                                   UtcRange range, const ReportFilter &filter)
{
    using R = Result<BaselineReport, RunError>;
    Pricer pricer(m_book);
    if (!pricer.lookup(baselineProvider, baselineModel)) {
        return R::failure(
            RunError::failed(QStringLiteral("the price book has no model %1/%2").arg(baselineProvider, baselineModel)));
    }
    const QString where =
        QStringLiteral(" FROM events WHERE occurred_at >= ?1 AND occurred_at < ?2 AND billing = 'api'%1")
            .arg(filter.sqlCondition(3));
    auto prepare = [&](const QString &columns) {
        auto stmt = m_db.prepare((QStringLiteral("SELECT ") + columns + where).toStdString());
        if (stmt) {
            stmt->bind(1, range.fromMs);
            stmt->bind(2, range.untilMs);
            filter.bind(stmt.value(), 3);
        }
        return stmt;
    };
    std::int64_t total = 0;
    if (m_progress) {
        auto count = prepare(QStringLiteral("COUNT(*)"));
        if (!count) {
            return R::failure(RunError::failed(count.error()));
        }
        total = count->step() == Statement::Step::Row ? count->int64(0) : 0;
        if (!m_progress(0, total)) {
            return R::failure(RunError::cancelled());
        }
    }
    auto stmt = prepare(QStringLiteral("%1, occurred_at, COALESCE(service_tier, ''), requests, input_uncached,"
                                       " cache_read, cache_write_5m, cache_write_1h, output, reasoning, cost_nano")
                            .arg(ReportQuery::workflowKeySql()));
    if (!stmt) {
        return R::failure(RunError::failed(stmt.error()));
    }
    QHash<QString, BaselineRow> byKey;
    SumCheck sums;
    std::int64_t done = 0;
    Statement::Step step;
    while ((step = stmt->step()) == Statement::Step::Row) {
        if (m_progress && ++done % ProgressEvery == 0 && !m_progress(done, std::max(done, total))) {
            return R::failure(RunError::cancelled());
        }
        const QString key = stmt->text(0);
        BaselineRow &row = byKey[key];
        row.key = key;
        TokenCounts tokens;
        tokens.inputUncached = stmt->int64(4);
        tokens.cacheRead = stmt->int64(5);
        tokens.cacheWrite5m = stmt->int64(6);
        tokens.cacheWrite1h = stmt->int64(7);
        tokens.output = stmt->int64(8);
        tokens.reasoning = stmt->int64(9);
        const std::int64_t requests = stmt->int64(3);
        const std::optional<std::int64_t> actual = stmt->optionalInt64(10);
        const auto tier = serviceTierFromName(stmt->text(2));
        PriceResult baseline;
        if (tier) {
            baseline = pricer.price(baselineProvider, baselineModel, stmt->int64(1), *tier,
                                    Usage::fromTokens(tokens, requests));
        }
        sums.add(row.requests, requests, "requests");
        sums.add(row.unpricedActual, actual ? 0 : requests, "requests without a recorded cost");
        sums.add(row.unpricedAtBaseline, baseline.priced ? 0 : requests, "requests without a baseline price");
        if (actual && baseline.priced) {
            sums.add(row.comparedRequests, requests, "compared requests");
            sums.add(row.actualNano, *actual, "recorded cost in nano-USD");
            sums.add(row.baselineNano, baseline.nano, "baseline cost in nano-USD");
        }
    }
    if (step == Statement::Step::Error) {
        return R::failure(RunError::failed(m_db.lastError()));
    }
    if (m_progress && !m_progress(done, std::max(done, total))) {
        return R::failure(RunError::cancelled());
    }
    BaselineReport report;
    report.total.key = QStringLiteral("total");
    for (const BaselineRow &row : std::as_const(byKey)) {
        report.rows.append(row);
        sums.add(report.total.requests, row.requests, "requests");
        sums.add(report.total.comparedRequests, row.comparedRequests, "compared requests");
        sums.add(report.total.actualNano, row.actualNano, "recorded cost in nano-USD");
        sums.add(report.total.baselineNano, row.baselineNano, "baseline cost in nano-USD");
        sums.add(report.total.unpricedActual, row.unpricedActual, "requests without a recorded cost");
        sums.add(report.total.unpricedAtBaseline, row.unpricedAtBaseline, "requests without a baseline price");
    }
    // What savingNano() gives, for every row and the total, must fit too.
    const auto checkSaving = [&sums](const BaselineRow &row) {
        std::int64_t saving = 0;
        if (qSubOverflow(row.actualNano, row.baselineNano, &saving)) {
            sums.fail("saving in nano-USD");
        }
    };
    for (const BaselineRow &row : std::as_const(report.rows)) {
        checkSaving(row);
    }
    checkSaving(report.total);
    if (!sums.ok()) {
        return R::failure(RunError::failed(sums.error()));
    }
    std::sort(report.rows.begin(), report.rows.end(),
              [](const BaselineRow &a, const BaselineRow &b) { return a.key < b.key; });
    return report;
}

} // namespace burnrate

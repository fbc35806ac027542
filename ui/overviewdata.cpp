#include "overviewdata.h"

#include "ledger/ledger.h"
#include "util/clock.h"

namespace burnrate::ui {

namespace {

Result<Report> query(Ledger &ledger, ReportBy by, QDate since, QDate until)
{
    ReportRequest request;
    request.by = by;
    request.since = since;
    request.until = until;
    return ReportQuery(ledger).run(request);
}

} // namespace

Result<Overview> loadOverview(Ledger &ledger, const Clock &clock)
{
    using R = Result<Overview>;
    Overview o;
    LocalCalendar &calendar = ledger.calendar();
    o.today = calendar.dateOf(clock.nowMs());
    o.weekStart = calendar.weekStartOf(o.today);
    o.monthStart = LocalCalendar::monthStartOf(o.today);
    o.timezone = QString::fromUtf8(calendar.zoneId());

    auto today = query(ledger, ReportBy::Provider, o.today, o.today);
    if (!today) {
        return R::failure(today.error());
    }
    auto week = query(ledger, ReportBy::Provider, o.weekStart, o.today);
    if (!week) {
        return R::failure(week.error());
    }
    auto byProvider = query(ledger, ReportBy::Provider, o.monthStart, o.today);
    if (!byProvider) {
        return R::failure(byProvider.error());
    }
    auto byModel = query(ledger, ReportBy::Model, o.monthStart, o.today);
    if (!byModel) {
        return R::failure(byModel.error());
    }
    o.todayTotal = today->total;
    o.weekTotal = week->total;
    o.monthTotal = byProvider->total;
    o.byProvider = std::move(byProvider.value().rows);
    o.byModel = std::move(byModel.value().rows);
    for (const ReportRow &row : std::as_const(o.byModel)) {
        if (row.unpricedRequests > 0 && !o.unpricedModels.contains(row.key)) {
            o.unpricedModels.append(row.key);
        }
    }
    return o;
}

} // namespace burnrate::ui

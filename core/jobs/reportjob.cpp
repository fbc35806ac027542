#include "jobs/reportjob.h"

#include "ledger/database.h"
#include "ledger/ledger.h"

namespace burnrate {

ReportJob::ReportJob(Ledger &ledger, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_ledger(ledger)
    , m_clock(clock)
{}

ReportJob::~ReportJob() = default;

void ReportJob::start(const ReportRequest &request, const ReportFilter &filter)
{
    const std::uint64_t id = m_latest.begin();
    m_workers.start(QStringLiteral("report"), [this, id, request, filter, dir = m_ledger.dataDir(),
                                               calendar = m_ledger.calendar()](const StopToken &) {
        Result<Report> result = Result<Report>::failure(QString());
        auto ledger = Ledger::open(dir, calendar);
        if (!ledger) {
            result = Result<Report>::failure(ledger.error());
        } else {
            // A one-off read: a small page cache keeps the app's memory down (the owner's connection has its own).
            (void)(*ledger)->db().exec("PRAGMA cache_size=-8192");
            result = ReportQuery(**ledger, m_clock).run(request, filter);
        }
        m_workers.post([this, id, result = std::move(result)] { report(id, result); });
    });
}

void ReportJob::report(std::uint64_t id, const Result<Report> &result)
{
    if (!m_latest.end(id)) {
        return;
    }
    if (result) {
        Q_EMIT finished(*result);
    } else {
        Q_EMIT failed(result.error());
    }
}

} // namespace burnrate

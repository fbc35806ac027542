#include "ledger/reportjob.h"

#include "ledger/database.h"
#include "ledger/ledger.h"

#include <QThread>

namespace burnrate {

ReportJob::ReportJob(QString dataDir, LocalCalendar calendar, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir))
    , m_calendar(std::move(calendar))
    , m_clock(clock)
{}

ReportJob::~ReportJob() = default;

void ReportJob::start(const ReportRequest &request, const ReportFilter &filter)
{
    const std::uint64_t id = ++m_lastId;
    m_current = id;
    QThread *thread = QThread::create([this, id, request, filter, dir = m_dataDir, calendar = m_calendar] {
        Result<Report> result = Result<Report>::failure(QString());
        auto ledger = Ledger::open(dir, calendar);
        if (!ledger) {
            result = Result<Report>::failure(ledger.error());
        } else {
            // A one-off read: a small page cache keeps the app's memory down (the owner's connection has its own).
            (void)(*ledger)->db().exec("PRAGMA cache_size=-8192");
            result = ReportQuery(**ledger, m_clock).run(request, filter);
        }
        QMetaObject::invokeMethod(
            this, [this, id, result = std::move(result)] { report(id, result); }, Qt::QueuedConnection);
    });
    m_workers.start(thread);
}

void ReportJob::report(std::uint64_t id, const Result<Report> &result)
{
    if (id != m_current) {
        return;
    }
    m_current = 0;
    if (result) {
        Q_EMIT finished(*result);
    } else {
        Q_EMIT failed(result.error());
    }
}

} // namespace burnrate

#include "pricing/repricejob.h"

#include "ledger/ledger.h"
#include "pricing/pricestore.h"

#include <QThread>

namespace burnrate {

RepriceJob::RepriceJob(QString dataDir, LocalCalendar calendar, QObject *parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir))
    , m_calendar(std::move(calendar))
{}

RepriceJob::~RepriceJob()
{
    cancel();
}

bool RepriceJob::start(const RepriceRange &range, bool dryRun)
{
    if (m_running) {
        return false;
    }
    m_running = true;
    m_stop = std::make_shared<std::atomic_bool>(false);
    QThread *thread = QThread::create([this, range, dryRun, stop = m_stop, dir = m_dataDir, calendar = m_calendar] {
        RepriceResult result = RepriceResult::failure(RepriceError::cancelled());
        auto ledger = Ledger::open(dir, calendar);
        if (!ledger) {
            result = RepriceResult::failure(RepriceError::failed(ledger.error()));
        } else if (auto book = PriceStore(**ledger).load(); !book) {
            result = RepriceResult::failure(
                RepriceError::failed(QStringLiteral("cannot load the price book: %1").arg(book.error())));
        } else if (!stop->load()) {
            Repricer repricer(**ledger, **book);
            repricer.setProgress([this, stop](std::int64_t done, std::int64_t total) {
                QMetaObject::invokeMethod(
                    this, [this, done, total] { Q_EMIT progress(done, total); }, Qt::QueuedConnection);
                return !stop->load();
            });
            result = repricer.run(range, dryRun);
        }
        QMetaObject::invokeMethod(
            this, [this, result = std::move(result)] { report(result); }, Qt::QueuedConnection);
    });
    m_workers.start(thread);
    return true;
}

void RepriceJob::cancel()
{
    if (m_stop) {
        m_stop->store(true);
    }
}

void RepriceJob::report(const RepriceResult &result)
{
    m_running = false;
    if (result) {
        Q_EMIT finished(*result);
    } else if (result.error().kind == RepriceError::Kind::Cancelled) {
        Q_EMIT cancelled();
    } else {
        Q_EMIT failed(result.error().message);
    }
}

} // namespace burnrate

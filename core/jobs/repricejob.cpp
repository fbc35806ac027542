#include "jobs/repricejob.h"

#include "ledger/ledger.h"
#include "pricing/pricestore.h"

namespace burnrate {

RepriceJob::RepriceJob(Ledger &ledger, QObject *parent)
    : QObject(parent)
    , m_ledger(ledger)
{}

RepriceJob::~RepriceJob() = default;

bool RepriceJob::start(const RepriceRange &range, bool dryRun)
{
    if (m_running) {
        return false;
    }
    m_running = true;
    m_workers.start(QStringLiteral("reprice"), [this, range, dryRun, dir = m_ledger.dataDir(),
                                                calendar = m_ledger.calendar()](const StopToken &stop) {
        RepriceResult result = RepriceResult::failure(Repricer::cancelledError());
        auto ledger = Ledger::open(dir, calendar);
        if (!ledger) {
            result = RepriceResult::failure(RepriceError::failed(ledger.error()));
        } else if (auto book = PriceStore(**ledger).load(); !book) {
            result = RepriceResult::failure(
                RepriceError::failed(QStringLiteral("cannot load the price book: %1").arg(book.error())));
        } else if (!stop.stopRequested()) {
            Repricer repricer(**ledger, **book);
            repricer.setProgress([this, stop](std::int64_t done, std::int64_t total) {
                m_workers.post([this, done, total] { Q_EMIT progress(done, total); });
                return !stop.stopRequested();
            });
            result = repricer.run(range, dryRun);
        }
        m_workers.post([this, result = std::move(result)] { report(result); });
    });
    return true;
}

void RepriceJob::cancel()
{
    m_workers.stopAll();
}

void RepriceJob::report(const RepriceResult &result)
{
    m_running = false;
    if (result) {
        Q_EMIT finished(*result);
    } else if (result.error().isCancelled()) {
        Q_EMIT cancelled();
    } else {
        Q_EMIT failed(result.error().message);
    }
}

} // namespace burnrate

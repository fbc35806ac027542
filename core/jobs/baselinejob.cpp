#include "jobs/baselinejob.h"

#include "ledger/database.h"
#include "pricing/pricebook.h"

namespace burnrate {

BaselineJob::BaselineJob(QString ledgerPath, QObject *parent)
    : QObject(parent)
    , m_path(std::move(ledgerPath))
{}

BaselineJob::~BaselineJob()
{
    discard();
}

void BaselineJob::start(std::shared_ptr<const PriceBook> book, const QString &provider, const QString &model,
                        UtcRange range, const ReportFilter &filter)
{
    discard();
    const std::uint64_t id = m_latest.begin();
    m_workers.start(QStringLiteral("baseline"), [this, id, path = m_path, book = std::move(book), provider, model,
                                                 range, filter](const StopToken &stop) {
        std::int64_t done = 0;
        std::int64_t total = 0;
        Result<BaselineReport, RunError> result = Result<BaselineReport, RunError>::failure(RunError::cancelled());
        Database::Options readOnly;
        readOnly.readOnly = true;
        auto db = Database::open(path, readOnly);
        if (!db) {
            result = Result<BaselineReport, RunError>::failure(RunError::failed(db.error()));
        } else if (!stop.stopRequested()) {
            BaselineCost cost(**db, *book);
            cost.setProgress([&](std::int64_t d, std::int64_t t) {
                done = d;
                total = t;
                m_workers.post([this, id, d, t] {
                    if (id == m_latest.current()) {
                        Q_EMIT progress(d, t);
                    }
                });
                return !stop.stopRequested();
            });
            result = cost.run(provider, model, range, filter);
        }
        m_workers.post([this, id, result = std::move(result), done, total] { report(id, result, done, total); });
    });
}

void BaselineJob::cancel()
{
    const std::uint64_t current = m_latest.current();
    discard();
    m_cancelled = current;
}

void BaselineJob::discard()
{
    m_workers.stopAll();
    m_latest.drop();
    m_cancelled = 0;
}

void BaselineJob::report(std::uint64_t id, const Result<BaselineReport, RunError> &result, std::int64_t done,
                         std::int64_t total)
{
    if (id != 0 && id == m_cancelled) {
        m_cancelled = 0;
        Q_EMIT cancelled(done, total);
        return;
    }
    if (!m_latest.end(id)) {
        return;
    }
    if (result) {
        Q_EMIT finished(*result);
    } else {
        Q_EMIT failed(result.error().message);
    }
}

} // namespace burnrate

#include "pricing/baselinejob.h"

#include "ledger/database.h"
#include "pricing/pricebook.h"
#include "util/memorytrim.h"

#include <QThread>

namespace burnrate {

BaselineJob::BaselineJob(QString ledgerPath, QObject *parent)
    : QObject(parent)
    , m_path(std::move(ledgerPath))
{}

BaselineJob::~BaselineJob()
{
    discard();
    for (const Run &run : std::as_const(m_runs)) {
        run.thread->wait();
        delete run.thread;
    }
}

void BaselineJob::start(std::shared_ptr<const PriceBook> book, const QString &provider, const QString &model,
                        UtcRange range, const ReportFilter &filter)
{
    discard();
    Run run{++m_lastId, std::make_shared<std::atomic_bool>(false), nullptr};
    m_current = run.id;
    const std::uint64_t id = run.id;
    std::shared_ptr<std::atomic_bool> stop = run.stop;
    run.thread =
        QThread::create([this, id, stop, path = m_path, book = std::move(book), provider, model, range, filter] {
            std::int64_t done = 0;
            std::int64_t total = 0;
            Result<BaselineReport> result = Result<BaselineReport>::failure(BaselineCost::cancelledError());
            Database::Options readOnly;
            readOnly.readOnly = true;
            auto db = Database::open(path, readOnly);
            if (!db) {
                result = Result<BaselineReport>::failure(db.error());
            } else if (!stop->load()) {
                BaselineCost cost(**db, *book);
                cost.setProgress([&](std::int64_t d, std::int64_t t) {
                    done = d;
                    total = t;
                    QMetaObject::invokeMethod(
                        this,
                        [this, id, d, t] {
                            if (id == m_current) {
                                Q_EMIT progress(d, t);
                            }
                        },
                        Qt::QueuedConnection);
                    return !stop->load();
                });
                result = cost.run(provider, model, range, filter);
            }
            QMetaObject::invokeMethod(
                this, [this, id, result = std::move(result), done, total] { report(id, result, done, total); },
                Qt::QueuedConnection);
        });
    QThread *thread = run.thread;
    connect(thread, &QThread::finished, this, [this, thread] { forget(thread); });
    m_runs.append(run);
    thread->start();
}

void BaselineJob::cancel()
{
    const std::uint64_t current = m_current;
    discard();
    m_cancelled = current;
}

void BaselineJob::discard()
{
    for (const Run &run : std::as_const(m_runs)) {
        run.stop->store(true);
    }
    m_current = 0;
    m_cancelled = 0;
}

void BaselineJob::report(std::uint64_t id, Result<BaselineReport> result, std::int64_t done, std::int64_t total)
{
    if (id == m_cancelled) {
        m_cancelled = 0;
        Q_EMIT cancelled(done, total);
        return;
    }
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

void BaselineJob::forget(QThread *thread)
{
    for (qsizetype i = 0; i < m_runs.size(); ++i) {
        if (m_runs.at(i).thread == thread) {
            m_runs.removeAt(i);
            thread->deleteLater();
            releaseFreeMemory(); // the worker's page cache, freed, would otherwise stay resident
            return;
        }
    }
}

} // namespace burnrate

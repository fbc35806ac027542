// RepriceJob on a real ledger file: a preview and a run on the job's own connection, seen by the owner's, one run
// at a time, and a cancel (or the job's end) that rolls back.
#include "../pricing/repricetestutil.h"
#include "jobs/repricejob.h"

#include <QSignalSpy>
#include <QTemporaryDir>

using namespace burnrate;
using namespace burnrate::test;

class TestRepriceJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void jobRunsOnItsOwnConnection();
    void jobCancelChangesNothing();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Ledger> m_ledger;
};

void TestRepriceJob::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_ledger = std::move(Ledger::open(m_dir->path(), *LocalCalendar::forZoneId("UTC"))).value();
}

void TestRepriceJob::cleanup()
{
    m_ledger.reset();
    m_dir.reset();
}

void TestRepriceJob::jobRunsOnItsOwnConnection()
{
    seedRepriceLedger(*m_ledger, 6'000);
    raiseRepricePrices(*m_ledger);
    RepriceJob job(*m_ledger);
    QSignalSpy progress(&job, &RepriceJob::progress);
    QSignalSpy finished(&job, &RepriceJob::finished);
    QVERIFY(job.start({}, true));
    QVERIFY(job.isRunning());
    QVERIFY(!job.start({}, false)); // one at a time
    QVERIFY(finished.wait(20000));
    QVERIFY(!job.isRunning());
    auto preview = finished.takeFirst().first().value<RepriceOutcome>();
    QVERIFY(!preview.written);
    QCOMPARE(preview.total.changed, 6'002);
    QCOMPARE(storedTotal(m_ledger->db()), std::int64_t{6'001} * 2'100'000);
    QVERIFY(progress.size() >= 3);
    QCOMPARE(progress.last().at(0).toLongLong(), 6'002);
    QCOMPARE(progress.last().at(1).toLongLong(), 6'002);

    QVERIFY(job.start({}, false));
    QVERIFY(finished.wait(20000));
    const auto done = finished.takeFirst().first().value<RepriceOutcome>();
    QVERIFY(done.written);
    QCOMPARE(done.total.differenceNano(), preview.total.differenceNano());
    QCOMPARE(storedTotal(m_ledger->db()),
             std::int64_t{6'001} * 3'600'000 + 2'000'000); // seen by the owner's connection
}

void TestRepriceJob::jobCancelChangesNothing()
{
    seedRepriceLedger(*m_ledger, 6'000);
    raiseRepricePrices(*m_ledger);
    const QStringList before = eventLines(m_ledger->db());
    RepriceJob job(*m_ledger);
    QSignalSpy cancelled(&job, &RepriceJob::cancelled);
    QSignalSpy finished(&job, &RepriceJob::finished);
    QVERIFY(job.start({}, false));
    job.cancel();
    QVERIFY(cancelled.wait(20000));
    QCOMPARE(finished.size(), 0);
    QVERIFY(!job.isRunning());
    QCOMPARE(eventLines(m_ledger->db()), before);
    // A job destroyed while it runs rolls back too.
    {
        RepriceJob gone(*m_ledger);
        QVERIFY(gone.start({}, false));
    }
    QCOMPARE(eventLines(m_ledger->db()), before);
}

QTEST_GUILESS_MAIN(TestRepriceJob)
#include "tst_repricejob.moc"

// ReportJob: the report of a worker thread equals the one read in place, and only the latest run reports.
#include "../demo/demoledger.h"
#include "jobs/reportjob.h"

#include <QSignalSpy>
#include <QTest>

using namespace burnrate;
using namespace burnrate::test;

class TestReportJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameAsInPlace();
    void onlyTheLatestRunReports();
};

namespace {

ReportRequest workflowsOf(QDate since, QDate until)
{
    ReportRequest request;
    request.by = ReportBy::Workflow;
    request.since = since;
    request.until = until;
    return request;
}

} // namespace

void TestReportJob::sameAsInPlace()
{
    auto demo = makeLedger(true);
    const QDate today = demo->clock.nowUtc().date();
    const ReportRequest request = workflowsOf(today.addDays(-29), today);
    const auto inPlace = ReportQuery(*demo->ledger, demo->clock).run(request);
    QVERIFY2(inPlace, qPrintable(inPlace.error()));
    QVERIFY(!inPlace->rows.isEmpty());

    ReportJob job(*demo->ledger, demo->clock);
    QSignalSpy done(&job, &ReportJob::finished);
    job.start(request);
    QVERIFY(job.isRunning());
    QVERIFY(done.wait(20000));
    QVERIFY(!job.isRunning());
    const auto got = done.takeFirst().at(0).value<Report>();
    QCOMPARE(got.rows.size(), inPlace->rows.size());
    for (qsizetype i = 0; i < got.rows.size(); ++i) {
        QCOMPARE(got.rows[i].key, inPlace->rows[i].key);
        QCOMPARE(got.rows[i].costNano, inPlace->rows[i].costNano);
        QCOMPARE(got.rows[i].requests, inPlace->rows[i].requests);
        QCOMPARE(got.rows[i].successes, inPlace->rows[i].successes);
    }
    QCOMPARE(got.total.costNano, inPlace->total.costNano);
}

void TestReportJob::onlyTheLatestRunReports()
{
    auto demo = makeLedger(true);
    const QDate today = demo->clock.nowUtc().date();
    ReportJob job(*demo->ledger, demo->clock);
    QSignalSpy done(&job, &ReportJob::finished);
    job.start(workflowsOf(today.addDays(-29), today));
    job.start(workflowsOf(today, today)); // supersedes the first
    QVERIFY(done.wait(20000));
    QTest::qWait(300); // the first run's answer, had it been let through, would be here by now
    QCOMPARE(done.size(), 1);
    const auto expected = ReportQuery(*demo->ledger, demo->clock).run(workflowsOf(today, today));
    QVERIFY2(expected, qPrintable(expected.error()));
    QCOMPARE(done.takeFirst().at(0).value<Report>().total.costNano, expected->total.costNano);
}

QTEST_GUILESS_MAIN(TestReportJob)
#include "tst_reportjob.moc"

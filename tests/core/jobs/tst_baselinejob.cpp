// The baseline comparison on a worker thread (BaselineJob) over its own connection to a real ledger file: its
// result equals the synchronous BaselineCost, it reports progress, a cancelled run stops early and reports no
// result, and a run superseded by another never reports.
#include "../ledger/ledgertestutil.h"
#include "jobs/baselinejob.h"
#include "ledger/database.h"
#include "ledger/eventwriter.h"
#include "pricing/pricebook.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace burnrate;
using namespace burnrate::test;

namespace {

// Two baselines: m/cheap at $0.20 in and $0.80 out per MTok, m/dear at $3.00 in and $15.00 out.
constexpr char TwoModels[] = R"({
  "format": "llm-spend-pricing", "format_version": 1, "snapshot": {"id": "job"},
  "providers": [{"id": "m", "models": [
    {"id": "cheap", "versions": [{"effective_from": null, "rates": {"input": "0.20", "output": "0.80"}}]},
    {"id": "dear", "versions": [{"effective_from": null, "rates": {"input": "3.00", "output": "15.00"}}]}
  ]}]})";

constexpr int EventCount = 6000;

} // namespace

class TestBaselineJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void resultEqualsTheSynchronousRun();
    void progressCallbackStopsTheWalk();
    void cancelStopsEarlyWithoutAResult();
    void supersededRunIsDropped();
    void destroyingARunningJobWaits();

private:
    BaselineReport synchronous(const QString &model);
    static void compare(const BaselineReport &got, const BaselineReport &want);

    QTemporaryDir m_dir;
    std::unique_ptr<Ledger> m_ledger;
    std::shared_ptr<const PriceBook> m_book;
    UtcRange m_range{};
};

void TestBaselineJob::initTestCase()
{
    auto book = PriceBook::fromDocument(QJsonDocument::fromJson(TwoModels).object());
    QVERIFY2(book.ok(), qPrintable(book.error()));
    m_book = *book;
    auto ledger = Ledger::open(m_dir.path(), *LocalCalendar::forZoneId("UTC"));
    QVERIFY(ledger.ok());
    m_ledger = std::move(ledger).value();
    EventWriter w(m_ledger->db(), m_ledger->calendar());
    for (int i = 0; i < EventCount; ++i) {
        EventRecord e = makeEvent(QStringLiteral("e%1").arg(i), "2026-11-05T10:00:00Z", 1000 + i, 200 + i % 7,
                                  i % 11 == 0 ? std::nullopt : std::optional<std::int64_t>(5'000 + i));
        e.occurredAtMs += i * 1000;
        e.workflowType = QStringLiteral("flow%1").arg(i % 5);
        QVERIFY(w.upsert(e).ok());
    }
    QVERIFY(w.commit());
    m_range = utcRangeOf(m_ledger->calendar(), QDate(2026, 11, 1), QDate(2026, 11, 30));
}

BaselineReport TestBaselineJob::synchronous(const QString &model)
{
    auto report = BaselineCost(*m_ledger, *m_book).run(QStringLiteral("m"), model, m_range);
    if (!report) {
        qFatal("%s", qPrintable(report.error().message));
    }
    return *report;
}

void TestBaselineJob::compare(const BaselineReport &got, const BaselineReport &want)
{
    QCOMPARE(got.rows.size(), want.rows.size());
    for (qsizetype i = 0; i < want.rows.size(); ++i) {
        QCOMPARE(got.rows.at(i).key, want.rows.at(i).key);
        QCOMPARE(got.rows.at(i).comparedRequests, want.rows.at(i).comparedRequests);
        QCOMPARE(got.rows.at(i).baselineNano, want.rows.at(i).baselineNano);
        QCOMPARE(got.rows.at(i).actualNano, want.rows.at(i).actualNano);
    }
    QCOMPARE(got.total.requests, want.total.requests);
    QCOMPARE(got.total.unpricedActual, want.total.unpricedActual);
    QCOMPARE(got.total.savingNano(), want.total.savingNano());
}

void TestBaselineJob::resultEqualsTheSynchronousRun()
{
    const BaselineReport want = synchronous(QStringLiteral("cheap"));
    QCOMPARE(want.total.requests, EventCount);
    QCOMPARE(want.rows.size(), 5);
    BaselineJob job(m_ledger->db().path());
    QSignalSpy finished(&job, &BaselineJob::finished);
    QSignalSpy progress(&job, &BaselineJob::progress);
    job.start(m_book, QStringLiteral("m"), QStringLiteral("cheap"), m_range);
    QVERIFY(job.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QVERIFY(!job.isRunning());
    compare(finished.at(0).at(0).value<BaselineReport>(), want);
    // 0 of 6,000 first, then every thousand rows, then all of them.
    QCOMPARE(progress.count(), EventCount / BaselineCost::ProgressEvery + 2);
    QCOMPARE(progress.first().at(0).toLongLong(), 0);
    QCOMPARE(progress.last().at(0).toLongLong(), EventCount);
    QCOMPARE(progress.last().at(1).toLongLong(), EventCount);
    QTRY_COMPARE(job.threadCount(), 0);
}

void TestBaselineJob::progressCallbackStopsTheWalk()
{
    BaselineCost cost(*m_ledger, *m_book);
    QList<std::int64_t> seen;
    cost.setProgress([&](std::int64_t done, std::int64_t total) {
        seen << done;
        return total == EventCount && done < 2 * BaselineCost::ProgressEvery;
    });
    auto report = cost.run(QStringLiteral("m"), QStringLiteral("cheap"), m_range);
    QVERIFY(!report.ok());
    QCOMPARE(report.error().kind, RunError::Kind::Cancelled);
    QCOMPARE(seen, (QList<std::int64_t>{0, 1000, 2000}));
}

void TestBaselineJob::cancelStopsEarlyWithoutAResult()
{
    BaselineJob job(m_ledger->db().path());
    QSignalSpy finished(&job, &BaselineJob::finished);
    QSignalSpy cancelled(&job, &BaselineJob::cancelled);
    job.start(m_book, QStringLiteral("m"), QStringLiteral("dear"), m_range);
    job.cancel();
    QVERIFY(!job.isRunning());
    QTRY_COMPARE(cancelled.count(), 1);
    QVERIFY2(cancelled.at(0).at(0).toLongLong() < EventCount, "the walk ran to the end");
    QTRY_COMPARE(job.threadCount(), 0);
    QTest::qWait(20);
    QCOMPARE(finished.count(), 0);
    QCOMPARE(cancelled.count(), 1);
}

void TestBaselineJob::supersededRunIsDropped()
{
    const BaselineReport dear = synchronous(QStringLiteral("dear"));
    QVERIFY(dear.total.baselineNano != synchronous(QStringLiteral("cheap")).total.baselineNano);
    BaselineJob job(m_ledger->db().path());
    QSignalSpy finished(&job, &BaselineJob::finished);
    QSignalSpy cancelled(&job, &BaselineJob::cancelled);
    job.start(m_book, QStringLiteral("m"), QStringLiteral("cheap"), m_range);
    job.start(m_book, QStringLiteral("m"), QStringLiteral("dear"), m_range);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QTRY_COMPARE(job.threadCount(), 0);
    QTest::qWait(20);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(cancelled.count(), 0);
    compare(finished.at(0).at(0).value<BaselineReport>(), dear);
}

void TestBaselineJob::destroyingARunningJobWaits()
{
    auto job = std::make_unique<BaselineJob>(m_ledger->db().path());
    job->start(m_book, QStringLiteral("m"), QStringLiteral("dear"), m_range);
    QVERIFY(job->threadCount() == 1);
    job.reset(); // cancels and joins; the queued reports die with it
    QTest::qWait(20);
}

QTEST_GUILESS_MAIN(TestBaselineJob)
#include "tst_baselinejob.moc"

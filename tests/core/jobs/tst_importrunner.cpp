// The background import runner: an import runs on a worker thread with its own ledger connection while the
// caller's event loop keeps turning, reports progress and its summary through queued signals, is priced like
// the command line's, can be cancelled (leaving a consistent ledger that the next run completes exactly), and
// queues one job per source.
#include "../importers/agentloggenerator.h"
#include "../importers/agentlogtestutil.h"
#include "importers/agentlogpricing.h"
#include "jobs/importrunner.h"
#include "jobs/watchedimports.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

using namespace burnrate;
using namespace burnrate::test;

namespace {

const LocalCalendar Utc = *LocalCalendar::forZoneId("UTC");

std::int64_t costSum(Ledger &ledger)
{
    return ledger.db().queryInt64("SELECT COALESCE(SUM(cost_nano), 0) FROM events").value_or(-1);
}

} // namespace

class TestImportRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void importsOffThisThread();
    void cancelThenRunAgain();
    void oneJobPerSourceQueued();
    void reportsFailure();
    void watchedRootsImportInTheBackground();

private:
    std::unique_ptr<Ledger> open(const QString &dataDir);

    QTemporaryDir m_dir;
    QString m_projects;
    ClaudeTruth m_truth;
    QStringList m_expected; // one uninterrupted, priced import, on this thread
    std::int64_t m_expectedCost = 0;
};

std::unique_ptr<Ledger> TestImportRunner::open(const QString &dataDir)
{
    auto ledger = Ledger::open(dataDir, Utc);
    if (!ledger) {
        qFatal("cannot open the ledger: %s", qPrintable(ledger.error()));
    }
    return std::move(ledger).value();
}

void TestImportRunner::initTestCase()
{
    REQUIRE_FIXTURES(agentLogFixtureFiles());
    QVERIFY(m_dir.isValid());
    m_projects = m_dir.filePath(QStringLiteral("projects"));
    ClaudeTreeSpec spec;
    spec.projects = 4;
    spec.sessions = 40;
    spec.responses = 300;
    spec.filler = 600;
    m_truth = ClaudeTreeGenerator(m_projects, spec).generate();
    auto reference = open(m_dir.filePath(QStringLiteral("reference")));
    AgentLogImportOptions o;
    priceWithActiveBook(o, *reference);
    QVERIFY(AgentLogImporter(*reference, AgentLogSource::ClaudeCode, o).importRoots({m_projects}).ok());
    m_expected = ledgerSnapshot(*reference);
    m_expectedCost = costSum(*reference);
    QVERIFY(m_expectedCost > 0);
}

void TestImportRunner::importsOffThisThread()
{
    const QString dataDir = m_dir.filePath(QStringLiteral("plain"));
    auto ledger = open(dataDir); // the caller's own connection stays open meanwhile
    AgentLogImportRunner runner(dataDir, Utc, AgentLogImportRunner::Options{2, 5000, 0});
    QSignalSpy started(&runner, &AgentLogImportRunner::started);
    QSignalSpy progress(&runner, &AgentLogImportRunner::progress);
    QSignalSpy finished(&runner, &AgentLogImportRunner::finished);
    QSignalSpy idle(&runner, &AgentLogImportRunner::idle);
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&] { ++ticks; });
    ticker.start(5);

    runner.enqueue(AgentLogSource::ClaudeCode, {m_projects}, Billing::Api);
    QCOMPARE(started.count(), 1);
    QCOMPARE(finished.count(), 0); // nothing ran here
    QVERIFY(runner.isRunning(AgentLogSource::ClaudeCode));
    QVERIFY(finished.wait(120000));
    QVERIFY2(ticks > 2, "the event loop did not turn while importing");
    QCOMPARE(idle.count(), 1);
    QVERIFY(!runner.isBusy());

    const auto summary = finished.first().at(1).value<AgentLogImportSummary>();
    QVERIFY(!summary.cancelled);
    QCOMPARE(summary.inserted, m_truth.requests);
    QVERIFY(progress.count() >= 2);
    const auto last = progress.last().at(1).value<AgentLogImportProgress>();
    QCOMPARE(last.filesDone, last.filesTotal);
    QCOMPARE(last.bytesDone, last.bytesTotal);
    QVERIFY(last.bytesTotal > 0);
    QCOMPARE(progress.last().at(0).value<AgentLogSource>(), AgentLogSource::ClaudeCode);

    const QStringList actual = ledgerSnapshot(*ledger);
    QCOMPARE(actual, m_expected);
    QCOMPARE(costSum(*ledger), m_expectedCost); // priced with the active book, as the command line does
}

void TestImportRunner::cancelThenRunAgain()
{
    const QString dataDir = m_dir.filePath(QStringLiteral("cancelled"));
    AgentLogImportRunner runner(dataDir, Utc, AgentLogImportRunner::Options{2, 2000, 0});
    QSignalSpy finished(&runner, &AgentLogImportRunner::finished);
    bool cancelled = false;
    connect(&runner, &AgentLogImportRunner::progress, this, [&](AgentLogSource, const AgentLogImportProgress &p) {
        if (!cancelled && p.bytesDone > 0) {
            cancelled = true;
            runner.cancel();
        }
    });
    runner.enqueue(AgentLogSource::ClaudeCode, {m_projects}, Billing::Api);
    QVERIFY(finished.wait(120000));
    QVERIFY(cancelled);
    const auto first = finished.first().at(1).value<AgentLogImportSummary>();
    QVERIFY2(first.cancelled, "the import finished before the cancel reached it");
    {
        auto ledger = open(dataDir);
        const std::int64_t rows = ledger->db().queryInt64("SELECT COUNT(*) FROM events").value_or(-1);
        QVERIFY(rows < m_truth.requests);
        verifyRollupsMatchEvents(*ledger);
        QCOMPARE(ledgerSnapshot(*ledger).last(), QStringLiteral("ok||||||||||||"));
    }

    finished.clear();
    disconnect(&runner, &AgentLogImportRunner::progress, this, nullptr);
    runner.enqueue(AgentLogSource::ClaudeCode, {m_projects}, Billing::Api);
    QVERIFY(finished.wait(120000));
    QVERIFY(!finished.first().at(1).value<AgentLogImportSummary>().cancelled);
    auto ledger = open(dataDir);
    QCOMPARE(ledgerSnapshot(*ledger), m_expected);
    QCOMPARE(costSum(*ledger), m_expectedCost);
}

void TestImportRunner::oneJobPerSourceQueued()
{
    const QString dataDir = m_dir.filePath(QStringLiteral("queued"));
    const QString codex = m_dir.filePath(QStringLiteral("codex/sessions"));
    QVERIFY(copyFixture(QStringLiteral("ccusage-test-codex-session-alpha.jsonl"),
                        codex + QStringLiteral("/2026/01/01/rollup.jsonl")));
    AgentLogImportRunner runner(dataDir, Utc, AgentLogImportRunner::Options{2, 5000, 100});
    QSignalSpy finished(&runner, &AgentLogImportRunner::finished);
    QSignalSpy idle(&runner, &AgentLogImportRunner::idle);
    runner.enqueue(AgentLogSource::ClaudeCode, {m_projects}, Billing::Api);
    // Queued behind it: Codex twice (the second replaces the first) and Claude Code again (the files may
    // have changed since the running import planned).
    runner.enqueue(AgentLogSource::Codex, {m_dir.filePath(QStringLiteral("nowhere"))}, Billing::Api);
    runner.enqueue(AgentLogSource::Codex, {codex}, Billing::Subscription);
    runner.enqueue(AgentLogSource::ClaudeCode, {m_projects}, Billing::Api);
    QVERIFY(idle.wait(120000));
    QCOMPARE(idle.count(), 1);
    QCOMPARE(finished.count(), 3);
    QCOMPARE(finished.at(0).at(0).value<AgentLogSource>(), AgentLogSource::ClaudeCode);
    QCOMPARE(finished.at(1).at(0).value<AgentLogSource>(), AgentLogSource::Codex);
    QCOMPARE(finished.at(2).at(0).value<AgentLogSource>(), AgentLogSource::ClaudeCode);
    QCOMPARE(finished.at(1).at(1).value<AgentLogImportSummary>().roots, QStringList{codex});
    QCOMPARE(finished.at(2).at(1).value<AgentLogImportSummary>().inserted, 0); // nothing new the second time
    auto ledger = open(dataDir);
    QVERIFY(ledger->db().queryInt64("SELECT COUNT(*) FROM events WHERE source = 'codex'").value_or(0) > 0);
    QCOMPARE(ledger->db()
                 .queryInt64("SELECT COUNT(*) FROM events WHERE source = 'codex' AND billing <> 'subscription'")
                 .value_or(-1),
             0);
}

void TestImportRunner::reportsFailure()
{
    const QString notADir = m_dir.filePath(QStringLiteral("file"));
    QVERIFY(writeFile(notADir, "x"));
    AgentLogImportRunner runner(notADir, Utc);
    QSignalSpy failed(&runner, &AgentLogImportRunner::failed);
    QSignalSpy idle(&runner, &AgentLogImportRunner::idle);
    runner.enqueue(AgentLogSource::ClaudeCode, {m_projects}, Billing::Api);
    QVERIFY(failed.wait(30000));
    QVERIFY(!failed.first().at(1).toString().isEmpty());
    QCOMPARE(idle.count(), 1);
}

void TestImportRunner::watchedRootsImportInTheBackground()
{
    const QString dataDir = m_dir.filePath(QStringLiteral("watched"));
    const QString root = m_dir.filePath(QStringLiteral("watched-projects"));
    const QString file = root + QStringLiteral("/-work-app/11111111-2222-3333-4444-555555555555.jsonl");
    const auto line = [](int n) {
        return claudeLine("11111111-2222-3333-4444-555555555555", "msg_" + QByteArray::number(n),
                          "req_" + QByteArray::number(n), 10, 1000, 0, 50, "2026-11-02T10:00:00.000Z");
    };
    QVERIFY(writeFile(file, line(1)));
    AgentLogImportRunner runner(dataDir, Utc, AgentLogImportRunner::Options{1, 5000, 0});
    QSignalSpy finished(&runner, &AgentLogImportRunner::finished);
    WatchedImports watched(runner, LogWatcher::Options{200, 600000, 16});
    watched.watch(AgentLogSource::ClaudeCode, {root}, Billing::Subscription);
    QVERIFY(watched.isWatching(AgentLogSource::ClaudeCode));
    QCOMPARE(finished.count(), 0); // started, not run here
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.last().at(1).value<AgentLogImportSummary>().inserted, 1);
    QTRY_VERIFY(watched.watcher(AgentLogSource::ClaudeCode)->watchedFiles().contains(file));

    // An append reaches the ledger within seconds, through the runner.
    QVERIFY(writeFile(file, line(2), QIODevice::Append));
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.last().at(1).value<AgentLogImportSummary>().inserted, 1);
    auto ledger = open(dataDir);
    QCOMPARE(ledger->db().queryInt64("SELECT COUNT(*) FROM events WHERE billing = 'subscription'").value_or(-1), 2);

    watched.unwatch(AgentLogSource::ClaudeCode);
    QVERIFY(!watched.isWatching(AgentLogSource::ClaudeCode));
    QVERIFY(writeFile(file, line(3), QIODevice::Append));
    QVERIFY(!finished.wait(1500));
}

QTEST_GUILESS_MAIN(TestImportRunner)
#include "tst_importrunner.moc"

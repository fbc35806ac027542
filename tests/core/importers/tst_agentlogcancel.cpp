// Cancelling an agent-log import between hand-overs: what was written is committed with its checkpoints, the
// ledger stays consistent (rollups add up, integrity holds), and running it again, as often as it is cancelled,
// ends exactly where one uninterrupted import ends. Progress counts up to the work planned.
#include "agentloggenerator.h"
#include "agentlogtestutil.h"

#include <QTemporaryDir>

using namespace burnrate;
using namespace burnrate::test;

class TestAgentLogCancel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void progressCountsUpToThePlan();
    void cancelledBeforeParsingWritesNothing();
    void cancelThenResumeEqualsOneRun();

private:
    std::unique_ptr<Ledger> open(const QString &name);
    static AgentLogImportOptions options();

    QTemporaryDir m_dir;
    QString m_projects;
    ClaudeTruth m_truth;
};

void TestAgentLogCancel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_projects = m_dir.filePath(QStringLiteral("projects"));
    ClaudeTreeSpec spec;
    spec.sessions = 16;
    spec.responses = 60;
    m_truth = ClaudeTreeGenerator(m_projects, spec).generate();
}

std::unique_ptr<Ledger> TestAgentLogCancel::open(const QString &name)
{
    auto ledger = Ledger::open(m_dir.filePath(name), *LocalCalendar::forZoneId("UTC"));
    if (!ledger) {
        qFatal("cannot open the ledger: %s", qPrintable(ledger.error()));
    }
    return std::move(ledger).value();
}

AgentLogImportOptions TestAgentLogCancel::options()
{
    AgentLogImportOptions o;
    o.threads = 2;
    o.chunkEvents = 16; // many hand-overs to cancel between
    o.batchEvents = 100;
    return o;
}

void TestAgentLogCancel::progressCountsUpToThePlan()
{
    auto ledger = open(QStringLiteral("progress"));
    AgentLogImportOptions o = options();
    QList<AgentLogImportProgress> seen;
    o.progress = [&seen](const AgentLogImportProgress &p) {
        seen << p;
    };
    auto summary = AgentLogImporter(*ledger, AgentLogSource::ClaudeCode, o).importRoots({m_projects});
    QVERIFY2(summary.ok(), qPrintable(summary.error()));
    QVERIFY(!summary->cancelled);
    QVERIFY(seen.size() > 10);
    QCOMPARE(seen.first().filesDone, 0);
    QCOMPARE(seen.first().bytesDone, 0);
    QCOMPARE(seen.first().filesTotal, summary->files);
    for (qsizetype i = 1; i < seen.size(); ++i) {
        QVERIFY(seen.at(i).filesDone >= seen.at(i - 1).filesDone);
        QVERIFY(seen.at(i).bytesDone >= seen.at(i - 1).bytesDone);
        QCOMPARE(seen.at(i).bytesTotal, seen.first().bytesTotal);
    }
    QCOMPARE(seen.last().filesDone, summary->files);
    std::int64_t bytes = 0;
    for (const LogFile &f : LogDiscovery::scan(AgentLogSource::ClaudeCode, {m_projects})) {
        bytes += f.stat.size;
    }
    QCOMPARE(seen.last().bytesTotal, bytes);
    QCOMPARE(seen.last().bytesDone, bytes);

    // Nothing left to read: one report of no work.
    seen.clear();
    QVERIFY(AgentLogImporter(*ledger, AgentLogSource::ClaudeCode, o).importRoots({m_projects}).ok());
    QCOMPARE(seen.size(), 0);
}

void TestAgentLogCancel::cancelledBeforeParsingWritesNothing()
{
    auto ledger = open(QStringLiteral("early"));
    AgentLogImportOptions o = options();
    o.cancelled = [] {
        return true;
    };
    auto summary = AgentLogImporter(*ledger, AgentLogSource::ClaudeCode, o).importRoots({m_projects});
    QVERIFY2(summary.ok(), qPrintable(summary.error()));
    QVERIFY(summary->cancelled);
    QCOMPARE(summary->inserted, 0);
    QCOMPARE(ledger->db().queryInt64("SELECT COUNT(*) FROM events").value_or(-1), 0);
    QCOMPARE(ledger->db().queryInt64("SELECT COUNT(*) FROM import_checkpoints").value_or(-1), 0);
}

void TestAgentLogCancel::cancelThenResumeEqualsOneRun()
{
    auto reference = open(QStringLiteral("reference"));
    QVERIFY(AgentLogImporter(*reference, AgentLogSource::ClaudeCode, options()).importRoots({m_projects}).ok());
    const QStringList expected = ledgerSnapshot(*reference);
    QCOMPARE(ledgerTotals(*reference, QStringLiteral("claude-code")).tokens, m_truth.tokens);

    auto ledger = open(QStringLiteral("cancelled"));
    int rounds = 0;
    int partial = 0;
    for (int stopAfter = 3;; stopAfter += 7, ++rounds) {
        QVERIFY2(rounds < 200, "the import never finished");
        const std::int64_t before = ledger->db().queryInt64("SELECT COUNT(*) FROM events").value_or(-1);
        AgentLogImportOptions o = options();
        int handOvers = 0;
        o.progress = [&handOvers](const AgentLogImportProgress &) {
            ++handOvers;
        };
        o.cancelled = [&handOvers, stopAfter] {
            return handOvers > stopAfter;
        };
        auto summary = AgentLogImporter(*ledger, AgentLogSource::ClaudeCode, o).importRoots({m_projects});
        QVERIFY2(summary.ok(), qPrintable(summary.error()));
        // Whatever the moment, the ledger holds whole hand-overs: rollups match the events, origins too.
        verifyRollupsMatchEvents(*ledger);
        QCOMPARE(ledgerSnapshot(*ledger).last(), QStringLiteral("ok||||||||||||"));
        const std::int64_t after = ledger->db().queryInt64("SELECT COUNT(*) FROM events").value_or(-1);
        QVERIFY(after >= before);
        if (!summary->cancelled) {
            break;
        }
        partial += after > before && after < m_truth.requests ? 1 : 0;
    }
    QVERIFY2(rounds >= 3, "the import was not cancelled often enough to test anything");
    QVERIFY(partial >= 3);
    const QStringList actual = ledgerSnapshot(*ledger);
    QCOMPARE(actual.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QCOMPARE(actual.at(i), expected.at(i));
    }
    QCOMPARE(ledgerTotals(*ledger, QStringLiteral("claude-code")).tokens, m_truth.tokens);
    QCOMPARE(ledgerTotals(*ledger, QStringLiteral("claude-code")).requests, m_truth.requests);
}

QTEST_GUILESS_MAIN(TestAgentLogCancel)
#include "tst_agentlogcancel.moc"

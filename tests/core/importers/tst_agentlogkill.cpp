// SIGKILL the real `burnrate import claude-code` at random moments, then let it finish: the ledger
// ends exactly where one uninterrupted import ends (every commit holds its rows and checkpoints).
#include "agentloggenerator.h"
#include "agentlogtestutil.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>

using namespace burnrate;
using namespace burnrate::test;

namespace {

const QString Binary = QStringLiteral(BURNRATE_EXE);

QProcess *startImport(const QString &dataDir, const QString &projects)
{
    auto *p = new QProcess;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.insert(QStringLiteral("BURNRATE_TIMEZONE"), QStringLiteral("UTC"));
    env.insert(QStringLiteral("BURNRATE_IMPORT_BATCH"), QStringLiteral("400")); // many commits to land between
    p->setProcessEnvironment(env);
    p->start(Binary, {QStringLiteral("--data-dir"), dataDir, QStringLiteral("import"), QStringLiteral("claude-code"),
                      projects, QStringLiteral("--billing"), QStringLiteral("api")});
    p->waitForStarted();
    return p;
}

// Everything a finished import leaves, as comparable text.
QStringList snapshot(const QString &dataDir)
{
    auto ledger = Ledger::open(dataDir, *LocalCalendar::forZoneId("UTC"));
    return ledger ? ledgerSnapshot(**ledger) : QStringList{ledger.error()};
}

std::int64_t rowCount(const QString &dataDir)
{
    auto ledger = Ledger::open(dataDir, *LocalCalendar::forZoneId("UTC"));
    return ledger ? (*ledger)->db().queryInt64("SELECT COUNT(*) FROM events").value_or(-1) : -1;
}

} // namespace

class TestAgentLogKill : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedImportsEndWhereAnUninterruptedOneEnds();
};

void TestAgentLogKill::killedImportsEndWhereAnUninterruptedOneEnds()
{
    QTemporaryDir dir;
    const QString projects = dir.filePath(QStringLiteral("projects"));
    ClaudeTreeSpec spec;
    spec.projects = 4;
    spec.sessions = 48;
    spec.responses = 400;
    spec.filler = 700;
    const ClaudeTruth truth = ClaudeTreeGenerator(projects, spec).generate();

    // The reference: one uninterrupted import.
    const QString reference = dir.filePath(QStringLiteral("reference"));
    QElapsedTimer timer;
    timer.start();
    std::unique_ptr<QProcess> p(startImport(reference, projects));
    QVERIFY(p->waitForFinished(240000));
    const qint64 fullMs = timer.elapsed();
    QCOMPARE(p->exitStatus(), QProcess::NormalExit);
    QCOMPARE(p->exitCode(), 1); // the generated junk lines are reported
    const QStringList expected = snapshot(reference);
    {
        auto ledger = Ledger::open(reference, *LocalCalendar::forZoneId("UTC"));
        QCOMPARE(ledgerTotals(**ledger, QStringLiteral("claude-code")).tokens, truth.tokens);
    }

    // What a run costs before it reads anything (start-up, ledger, price book): an import of nothing.
    const QString empty = dir.filePath(QStringLiteral("empty/projects"));
    QVERIFY(QDir().mkpath(empty));
    timer.restart();
    p.reset(startImport(dir.filePath(QStringLiteral("startup")), empty));
    QVERIFY(p->waitForFinished(60000));
    const qint64 startupMs = timer.elapsed();

    // Kill it at random moments, resuming each time from what the last one committed.
    const QString killed = dir.filePath(QStringLiteral("killed"));
    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("uninterrupted import: %lld ms, of which start-up %lld ms; kill seed %u", fullMs, startupMs, seed);
    QRandomGenerator rng(seed);
    int interrupted = 0;
    int midImport = 0;
    for (int round = 0; round < 20 && midImport < 3; ++round) {
        if (rowCount(killed) == truth.requests) {
            QVERIFY(QDir(killed).removeRecursively()); // all done: start over, to kill it again
        }
        const std::int64_t before = rowCount(killed);
        p.reset(startImport(killed, projects));
        // Somewhere in what is left of the work (its start-up included).
        const double left = 1.0 - static_cast<double>(before) / static_cast<double>(truth.requests);
        const auto span = static_cast<quint32>(std::max(20.0, 0.9 * static_cast<double>(fullMs - startupMs) * left));
        const auto delay =
            static_cast<unsigned long>(startupMs / 2 + rng.bounded(span + static_cast<quint32>(startupMs)));
        QThread::msleep(delay);
        p->kill(); // SIGKILL
        QVERIFY(p->waitForFinished(60000));
        const std::int64_t after = rowCount(killed);
        qInfo("round %d: killed after %lu ms, %s; events %lld -> %lld of %lld", round, delay,
              p->exitStatus() == QProcess::CrashExit ? "interrupted" : "had finished", static_cast<long long>(before),
              static_cast<long long>(after), static_cast<long long>(truth.requests));
        if (p->exitStatus() == QProcess::CrashExit) {
            ++interrupted;
            if (after > before && after < truth.requests) {
                ++midImport; // it had committed part of the work, not all of it
            }
        }
    }
    QVERIFY2(interrupted >= 3, "the kills came too late to interrupt anything");
    QVERIFY2(midImport >= 3, "too few kills landed between two commits");
    if (rowCount(killed) == truth.requests) {
        QVERIFY(QDir(killed).removeRecursively());
        p.reset(startImport(killed, projects));
        QThread::msleep(static_cast<unsigned long>(fullMs / 2));
        p->kill();
        QVERIFY(p->waitForFinished(60000));
    }

    // Then an uninterrupted run finishes the job.
    p.reset(startImport(killed, projects));
    QVERIFY(p->waitForFinished(240000));
    QCOMPARE(p->exitStatus(), QProcess::NormalExit);
    const QStringList actual = snapshot(killed);
    QCOMPARE(actual.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QCOMPARE(actual.at(i), expected.at(i));
    }
    QVERIFY(expected.contains(QStringLiteral("ok||||||||||||")));
}

QTEST_GUILESS_MAIN(TestAgentLogKill)
#include "tst_agentlogkill.moc"

// The log watcher on a real file system (inotify through QFileSystemWatcher), and the automatic
// import it drives: new lines reach the ledger within seconds.
#include "agentlogtestutil.h"
#include "importers/logwatcher.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace burnrate;
using namespace burnrate::test;

namespace {

const QByteArray Session = "11111111-2222-3333-4444-555555555555";

QByteArray line(int n)
{
    return claudeLine(Session, "msg_" + QByteArray::number(n), "req_" + QByteArray::number(n), 10, 1000, 0, 50,
                      "2026-11-02T10:00:00.000Z");
}

} // namespace

class TestLogWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seesNewFilesAndAppends();
    void coalescesBursts();
    void pollFindsWhatIsNotWatched();
    void rootThatAppearsLater();
    void autoImportKeepsTheLedgerCurrent();
};

void TestLogWatcher::seesNewFilesAndAppends()
{
    QTemporaryDir dir;
    const QString root = dir.filePath(QStringLiteral("projects"));
    QDir().mkpath(root);
    LogWatcher watcher({root}, {200, 600000, 16});
    QSignalSpy spy(&watcher, &LogWatcher::changed);
    watcher.start();
    QVERIFY(watcher.watchedDirectories().contains(root));
    // A new project folder and session file.
    const QString file = root + QStringLiteral("/-work-app/") + QString::fromLatin1(Session) + QStringLiteral(".jsonl");
    QVERIFY(writeFile(file, line(1)));
    QVERIFY(spy.wait(5000));
    QTRY_VERIFY(watcher.watchedFiles().contains(file));
    QTRY_VERIFY(watcher.watchedDirectories().contains(root + QStringLiteral("/-work-app")));
    spy.clear();
    // An append to it.
    QVERIFY(writeFile(file, line(2), QIODevice::Append));
    QVERIFY(spy.wait(5000));
    watcher.stop();
    QVERIFY(watcher.watchedFiles().isEmpty());
}

void TestLogWatcher::coalescesBursts()
{
    QTemporaryDir dir;
    const QString file =
        dir.filePath(QStringLiteral("projects/-w/") + QString::fromLatin1(Session) + QStringLiteral(".jsonl"));
    QVERIFY(writeFile(file, line(0)));
    LogWatcher watcher({dir.filePath(QStringLiteral("projects"))}, {400, 600000, 16});
    QSignalSpy spy(&watcher, &LogWatcher::changed);
    watcher.start();
    QElapsedTimer timer;
    timer.start();
    for (int i = 1; i <= 20; ++i) {
        QVERIFY(writeFile(file, line(i), QIODevice::Append));
        QTest::qWait(10);
    }
    QVERIFY(spy.wait(5000));
    QVERIFY(timer.elapsed() < 2000); // within the debounce of the first change, not of the last
    QTest::qWait(800);
    QCOMPARE(spy.count(), 1);
}

void TestLogWatcher::pollFindsWhatIsNotWatched()
{
    QTemporaryDir dir;
    const QString file =
        dir.filePath(QStringLiteral("projects/-w/") + QString::fromLatin1(Session) + QStringLiteral(".jsonl"));
    QVERIFY(writeFile(file, line(0)));
    LogWatcher watcher({dir.filePath(QStringLiteral("projects"))}, {100, 300, 0}); // no file watches at all
    QSignalSpy spy(&watcher, &LogWatcher::changed);
    watcher.start();
    QVERIFY(watcher.watchedFiles().isEmpty());
    QTest::qWait(500);
    QCOMPARE(spy.count(), 0); // nothing changed: the poll stays quiet
    QVERIFY(writeFile(file, line(1), QIODevice::Append));
    QVERIFY(spy.wait(5000));
}

void TestLogWatcher::rootThatAppearsLater()
{
    QTemporaryDir dir;
    const QString root = dir.filePath(QStringLiteral("later/projects"));
    LogWatcher watcher({root}, {100, 300, 16});
    QSignalSpy spy(&watcher, &LogWatcher::changed);
    watcher.start();
    QVERIFY(watcher.watchedDirectories().isEmpty());
    QVERIFY(
        writeFile(root + QStringLiteral("/-w/") + QString::fromLatin1(Session) + QStringLiteral(".jsonl"), line(1)));
    QVERIFY(spy.wait(5000));
    QTRY_VERIFY(watcher.watchedDirectories().contains(root));
}

void TestLogWatcher::autoImportKeepsTheLedgerCurrent()
{
    QTemporaryDir dir;
    const QString root = dir.filePath(QStringLiteral("projects"));
    const QString file = root + QStringLiteral("/-work-app/") + QString::fromLatin1(Session) + QStringLiteral(".jsonl");
    QVERIFY(writeFile(file, line(1) + line(2)));
    auto ledger =
        std::move(Ledger::open(dir.filePath(QStringLiteral("data")), *LocalCalendar::forZoneId("UTC"))).value();
    AgentLogAutoImport auto_(*ledger, AgentLogSource::ClaudeCode, {root}, {}, {500, 30000, 64});
    QSignalSpy imported(&auto_, &AgentLogAutoImport::imported);
    auto_.start();
    QCOMPARE(imported.count(), 1);
    QCOMPARE(ledgerTotals(*ledger, QStringLiteral("claude-code")).rows, 2);
    // Claude Code appends a response: it is in the ledger within seconds.
    QElapsedTimer timer;
    timer.start();
    QVERIFY(writeFile(file, line(3), QIODevice::Append));
    QTRY_COMPARE_WITH_TIMEOUT(ledgerTotals(*ledger, QStringLiteral("claude-code")).rows, 3, 5000);
    qInfo("a new line reached the ledger after %lld ms", timer.elapsed());
    QVERIFY(timer.elapsed() < 3000);
    // A new session of another project too.
    QVERIFY(writeFile(root + QStringLiteral("/-other/aaaaaaaa-2222-3333-4444-555555555555.jsonl"), line(4)));
    QTRY_COMPARE_WITH_TIMEOUT(ledgerTotals(*ledger, QStringLiteral("claude-code")).rows, 4, 5000);
    const auto last = imported.last().first().value<AgentLogImportSummary>();
    QCOMPARE(last.inserted, 1);
    QCOMPARE(last.bytesRead, line(4).size());
}

QTEST_GUILESS_MAIN(TestLogWatcher)
#include "tst_logwatcher.moc"

// SingleInstance: the first instance is Primary, a second one is Secondary and can make the first raise its
// window; what a crashed instance leaves behind is recovered.
#include "ui/singleinstance.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocalSocket>
#include <QLockFile>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

namespace burnrate::test {

using ui::SingleInstance;

class SingleInstanceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void firstIsPrimarySecondIsSecondary();
    void secondaryRaisesThePrimary();
    void onlyASecondaryCanSendRaise();
    void nextLaunchAfterThePrimaryQuitIsPrimary();
    void staleSocketIsRecovered();
    void staleLockIsRecovered();
    void otherMessagesAreIgnored();
    void unusableFolderFails();
    void defaultKeyIsPerUser();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_key;
};

void SingleInstanceTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    // Unique per test, so that runs side by side never meet.
    m_key = QStringLiteral("tst-singleinstance-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
}

void SingleInstanceTest::firstIsPrimarySecondIsSecondary()
{
    SingleInstance first(m_key, m_dir->path());
    QCOMPARE(first.state(), SingleInstance::State::Primary);
    QVERIFY(first.errorString().isEmpty());
    QVERIFY(QFile::exists(first.lockFilePath()));
    QVERIFY(QFile::exists(first.serverName()));
    SingleInstance second(m_key, m_dir->path());
    QCOMPARE(second.state(), SingleInstance::State::Secondary);
    SingleInstance third(m_key, m_dir->path());
    QCOMPARE(third.state(), SingleInstance::State::Secondary);
    // Another key is another instance.
    SingleInstance other(m_key + QStringLiteral("-demo"), m_dir->path());
    QCOMPARE(other.state(), SingleInstance::State::Primary);
}

void SingleInstanceTest::secondaryRaisesThePrimary()
{
    SingleInstance first(m_key, m_dir->path());
    QCOMPARE(first.state(), SingleInstance::State::Primary);
    QSignalSpy raised(&first, &SingleInstance::raiseRequested);
    {
        SingleInstance second(m_key, m_dir->path());
        QCOMPARE(second.state(), SingleInstance::State::Secondary);
        QVERIFY(second.sendRaise());
    } // the second instance is gone before the primary even reads the message
    QVERIFY(raised.wait(5000));
    QCOMPARE(raised.count(), 1);
    SingleInstance third(m_key, m_dir->path());
    QVERIFY(third.sendRaise());
    QTRY_COMPARE(raised.count(), 2);
}

void SingleInstanceTest::onlyASecondaryCanSendRaise()
{
    SingleInstance first(m_key, m_dir->path());
    QSignalSpy raised(&first, &SingleInstance::raiseRequested);
    QVERIFY(!first.sendRaise());
    QTest::qWait(100);
    QCOMPARE(raised.count(), 0);
}

void SingleInstanceTest::nextLaunchAfterThePrimaryQuitIsPrimary()
{
    QString server;
    {
        SingleInstance first(m_key, m_dir->path());
        QCOMPARE(first.state(), SingleInstance::State::Primary);
        server = first.serverName();
    }
    QVERIFY(!QFile::exists(server));
    SingleInstance next(m_key, m_dir->path());
    QCOMPARE(next.state(), SingleInstance::State::Primary);
}

void SingleInstanceTest::staleSocketIsRecovered()
{
    // A crashed primary leaves its socket file behind (and nobody listening on it).
    const QString socketPath = QDir(m_dir->path()).filePath(m_key);
    {
        QFile stale(socketPath);
        QVERIFY(stale.open(QIODevice::WriteOnly));
    }
    SingleInstance next(m_key, m_dir->path());
    QCOMPARE(next.state(), SingleInstance::State::Primary);
    QCOMPARE(next.serverName(), socketPath);
    SingleInstance second(m_key, m_dir->path());
    QCOMPARE(second.state(), SingleInstance::State::Secondary);
}

void SingleInstanceTest::staleLockIsRecovered()
{
    // A crashed primary's lock file names a process that no longer exists.
    const QString lockPath = QDir(m_dir->path()).filePath(m_key + QStringLiteral(".lock"));
    {
        QFile stale(lockPath);
        QVERIFY(stale.open(QIODevice::WriteOnly));
        stale.write("2147480000\nburnrate\n" + QSysInfo::machineHostName().toUtf8() + "\n" +
                    QSysInfo::machineUniqueId() + "\n");
    }
    QLockFile probe(lockPath);
    qint64 pid = 0;
    QString host;
    QString app;
    QVERIFY(probe.getLockInfo(&pid, &host, &app));
    QCOMPARE(pid, 2147480000);

    SingleInstance next(m_key, m_dir->path());
    QCOMPARE(next.state(), SingleInstance::State::Primary);
    QVERIFY(probe.getLockInfo(&pid, &host, &app));
    QCOMPARE(pid, QCoreApplication::applicationPid());
}

void SingleInstanceTest::otherMessagesAreIgnored()
{
    SingleInstance first(m_key, m_dir->path());
    QSignalSpy raised(&first, &SingleInstance::raiseRequested);
    QLocalSocket socket;
    socket.connectToServer(first.serverName());
    QVERIFY(socket.waitForConnected(2000));
    socket.write("hello\n" + QByteArray(200, 'x'));
    QVERIFY(socket.waitForBytesWritten(2000));
    QTest::qWait(200);
    QCOMPARE(raised.count(), 0);
    QCOMPARE(first.state(), SingleInstance::State::Primary);
}

void SingleInstanceTest::unusableFolderFails()
{
    // A folder that cannot exist: its parent is a file.
    const QString file = QDir(m_dir->path()).filePath(QStringLiteral("file"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    SingleInstance instance(m_key, QDir(file).filePath(QStringLiteral("sub")));
    QCOMPARE(instance.state(), SingleInstance::State::Failed);
    QVERIFY(!instance.errorString().isEmpty());
    QVERIFY(!instance.sendRaise());
}

void SingleInstanceTest::defaultKeyIsPerUser()
{
    const QString key = SingleInstance::defaultKey();
    QVERIFY(key.startsWith(QStringLiteral("burnrate-")));
    QVERIFY(key.size() > 9);
    QVERIFY(!key.contains(QLatin1Char('/')));
#ifdef QT_NO_DEBUG
    QVERIFY(!key.endsWith(QStringLiteral("-debug")));
#else
    QVERIFY(key.endsWith(QStringLiteral("-debug")));
#endif
}

} // namespace burnrate::test

QTEST_GUILESS_MAIN(burnrate::test::SingleInstanceTest)
#include "tst_singleinstance.moc"

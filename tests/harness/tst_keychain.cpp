// The harness's Secret Service is really there: a QtKeychain write, read and delete round trip, and the
// "not found" answer for a key that does not exist. Fails inside the harness when the keychain is missing;
// skips only when not run through the harness at all.
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <qt6keychain/keychain.h>

namespace burnrate::test {

namespace {

const QString Service = QStringLiteral("Burnrate-test");
constexpr int JobTimeoutMs = 20000;

// Runs the job and waits for its finished signal; the job is deleted by the caller.
bool runJob(QKeychain::Job &job)
{
    job.setAutoDelete(false);
    job.setInsecureFallback(false);
    QSignalSpy finished(&job, &QKeychain::Job::finished);
    job.start();
    return finished.wait(JobTimeoutMs);
}

QString describe(const QKeychain::Job &job)
{
    return QStringLiteral("error %1: %2").arg(static_cast<int>(job.error())).arg(job.errorString());
}

} // namespace

class KeychainTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void writeReadDeleteRoundTrip();
    void missingKeyIsEntryNotFound();

private:
    QString m_key;
};

void KeychainTest::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("BURNRATE_HARNESS")) {
        QSKIP("needs the real-parts harness (gnome-keyring): run through ./dev test or "
              "tests/support/harness/with-harness.sh ctest");
    }
    // Inside the harness, a missing Secret Service is a failure, not a skip.
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"), "the harness gave no session bus");
    m_key = QStringLiteral("harness-%1-%2")
                .arg(QCoreApplication::applicationPid())
                .arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
}

void KeychainTest::cleanupTestCase()
{
    if (m_key.isEmpty()) {
        return;
    }
    QKeychain::DeletePasswordJob job(Service);
    job.setKey(m_key);
    runJob(job);
}

void KeychainTest::writeReadDeleteRoundTrip()
{
    const QString secret = QStringLiteral("sk-test-%1 ünïcødé").arg(QRandomGenerator::system()->generate());

    QKeychain::WritePasswordJob write(Service);
    write.setKey(m_key);
    write.setTextData(secret);
    QVERIFY2(runJob(write), "the write job never finished");
    QVERIFY2(write.error() == QKeychain::NoError, qPrintable(describe(write)));

    // The secret went to the Secret Service (QtKeychain's libsecret schema), not to some fallback file.
    QProcess lookup;
    lookup.start(QStringLiteral("secret-tool"),
                 {QStringLiteral("lookup"), QStringLiteral("server"), Service, QStringLiteral("user"), m_key});
    QVERIFY2(lookup.waitForFinished(JobTimeoutMs), "secret-tool lookup did not finish");
    QCOMPARE(lookup.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(lookup.readAllStandardOutput()), secret);

    QKeychain::ReadPasswordJob read(Service);
    read.setKey(m_key);
    QVERIFY2(runJob(read), "the read job never finished");
    QVERIFY2(read.error() == QKeychain::NoError, qPrintable(describe(read)));
    QCOMPARE(read.textData(), secret);

    QKeychain::DeletePasswordJob remove(Service);
    remove.setKey(m_key);
    QVERIFY2(runJob(remove), "the delete job never finished");
    QVERIFY2(remove.error() == QKeychain::NoError, qPrintable(describe(remove)));

    QKeychain::ReadPasswordJob readAgain(Service);
    readAgain.setKey(m_key);
    QVERIFY(runJob(readAgain));
    QVERIFY2(readAgain.error() == QKeychain::EntryNotFound, qPrintable(describe(readAgain)));
}

void KeychainTest::missingKeyIsEntryNotFound()
{
    QKeychain::ReadPasswordJob read(Service);
    read.setKey(m_key + QStringLiteral("-never-written"));
    QVERIFY2(runJob(read), "the read job never finished");
    // Exactly EntryNotFound: a missing backend, a locked keyring or a D-Bus failure must not look the same.
    QVERIFY2(read.error() == QKeychain::EntryNotFound, qPrintable(describe(read)));
    QVERIFY(read.textData().isEmpty());
}

} // namespace burnrate::test

QTEST_GUILESS_MAIN(burnrate::test::KeychainTest)

#include "tst_keychain.moc"

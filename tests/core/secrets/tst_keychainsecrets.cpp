// Keys through the real keychain of the test harness (gnome-keyring's Secret Service): the KeychainSecretStore
// round trip, and the real `burnrate` binary storing keys, syncing all four fake providers with them, and
// leaving the keys' bytes nowhere in the data folder, the settings or the logs. Fails inside the harness when the
// keychain is missing; skips when not run through the harness at all.
#include "fakeproviders.h"
#include "fixturetest.h"
#include "secrets/keychainstore.h"
#include "secrets/keyspec.h"
#include "util/clock.h"
#include "util/settings.h"

#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace burnrate;
using namespace burnrate::test;

namespace {

const QString Binary = QStringLiteral(BURNRATE_EXE);
constexpr int JobTimeoutMs = 20000;

SecretStore::Outcome wait(const std::function<void(SecretStore::Callback)> &start)
{
    SecretStore::Outcome out;
    bool done = false;
    start([&](const SecretStore::Outcome &o) {
        out = o;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, JobTimeoutMs)) {
        out.error = SecretStore::Error::Other;
        out.message = QStringLiteral("the keychain job never finished");
    }
    return out;
}

QString secretToolLookup(const QString &service, const QString &entry)
{
    QProcess p;
    p.start(QStringLiteral("secret-tool"),
            {QStringLiteral("lookup"), QStringLiteral("server"), service, QStringLiteral("user"), entry});
    p.waitForFinished(JobTimeoutMs);
    return p.exitCode() == 0 ? QString::fromUtf8(p.readAllStandardOutput()) : QString();
}

} // namespace

class TestKeychainSecrets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTripThroughTheSecretService();
    void keysSetSyncAndNoKeyBytesAnywhere();
    void withoutAKeychainNothingIsWritten();

private:
    struct Outcome
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };
    Outcome burnrate(const QStringList &args, const QByteArray &input = {}, bool keychain = true);

    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
};

void TestKeychainSecrets::initTestCase()
{
    REQUIRE_FIXTURES(FakeProvider::servedFixtures());
    if (qEnvironmentVariableIsEmpty("BURNRATE_HARNESS")) {
        QSKIP("needs the real-parts harness (gnome-keyring): run through ./dev test or "
              "tests/support/harness/with-harness.sh ctest");
    }
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"), "the harness gave no session bus");
    m_env = QProcessEnvironment::systemEnvironment();
    m_env.insert(QStringLiteral("BURNRATE_TIMEZONE"), QStringLiteral("UTC"));
    // As much logging as Qt will give, so that the scan below has something to look at.
    m_env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true;qt.qpa.*=false"));
    for (const KeySpec &s : allKeySpecs()) {
        m_env.remove(s.envVar);
    }
}

TestKeychainSecrets::Outcome TestKeychainSecrets::burnrate(const QStringList &args, const QByteArray &input,
                                                           bool keychain)
{
    QProcess p;
    QProcessEnvironment env = m_env;
    if (!keychain) {
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent/bus"));
        env.remove(QStringLiteral("DISPLAY"));
    }
    p.setProcessEnvironment(env);
    p.start(Binary, QStringList{QStringLiteral("--data-dir"), m_dir.path()} + args);
    p.write(input);
    p.closeWriteChannel();
    // The fake providers live in this process: keep its event loop turning while the child runs.
    if (!QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 120000)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

void TestKeychainSecrets::roundTripThroughTheSecretService()
{
    const QString service = QStringLiteral("Burnrate-test-%1").arg(QCoreApplication::applicationPid());
    KeychainSecretStore store(service);
    const QString entry = QStringLiteral("openai/admin");
    const QString secret = QStringLiteral("sk-admin-ROUNDTRIP-%1-ünï").arg(QDateTime::currentMSecsSinceEpoch());
    const auto written = wait([&](auto done) { store.write(entry, secret, done); });
    QVERIFY2(written.ok(), qPrintable(written.message));
    // One entry per provider and kind, under the service, in the Secret Service itself (not a fallback file).
    QCOMPARE(secretToolLookup(service, entry), secret);
    const auto read = wait([&](auto done) { store.read(entry, done); });
    QVERIFY2(read.ok(), qPrintable(read.message));
    QCOMPARE(read.secret, secret);
    const auto removed = wait([&](auto done) { store.remove(entry, done); });
    QVERIFY2(removed.ok(), qPrintable(removed.message));
    const auto gone = wait([&](auto done) { store.read(entry, done); });
    QCOMPARE(gone.error, SecretStore::Error::NotFound); // not found, told apart from "no keychain"
    QVERIFY(!gone.message.contains(secret));
    QCOMPARE(KeychainSecretStore::defaultService(), QStringLiteral("Burnrate"));
}

void TestKeychainSecrets::keysSetSyncAndNoKeyBytesAnywhere()
{
    FixedClock clock(QDateTime::currentDateTimeUtc());
    FakeOrg org(QStringLiteral("gpt-fake"), 20, 5);
    FakeOpenAi openai(org, clock);
    FakeAnthropic anthropic(org, clock);
    FakeOpenRouter openrouter(org, clock);
    FakeDeepSeek deepseek(clock);
    m_env.insert(QStringLiteral("BURNRATE_OPENAI_BASE_URL"), openai.origin());
    m_env.insert(QStringLiteral("BURNRATE_ANTHROPIC_BASE_URL"), anthropic.origin());
    m_env.insert(QStringLiteral("BURNRATE_OPENROUTER_BASE_URL"), openrouter.origin());
    m_env.insert(QStringLiteral("BURNRATE_DEEPSEEK_BASE_URL"), deepseek.origin());
    Settings(m_dir.path()).setValue(Settings::Key::SyncIntervalMinutes, 20); // so that settings.ini exists

    const QList<QPair<QStringList, QString>> keys = {
        {{QStringLiteral("openai")}, FakeOpenAi::adminKey()},
        {{QStringLiteral("anthropic")}, FakeAnthropic::adminKey()},
        {{QStringLiteral("openrouter")}, FakeOpenRouter::inferenceKey()},
        {{QStringLiteral("openrouter"), QStringLiteral("--kind"), QStringLiteral("management")},
         FakeOpenRouter::managementKey()},
        {{QStringLiteral("deepseek")}, FakeDeepSeek::key()}};
    QByteArray logs;
    for (const auto &[args, key] : keys) {
        const Outcome set = burnrate(QStringList{QStringLiteral("keys"), QStringLiteral("set")} + args, key.toUtf8());
        QVERIFY2(set.code == 0, set.err.constData());
        QVERIFY(set.out.startsWith("stored the "));
        logs += set.out + set.err;
    }
    QCOMPARE(secretToolLookup(QStringLiteral("Burnrate"), QStringLiteral("openrouter/management")),
             FakeOpenRouter::managementKey());
    const Outcome list = burnrate({QStringLiteral("keys"), QStringLiteral("list")});
    QCOMPARE(list.code, 0);
    QVERIFY2(list.out.contains("openai      admin       sk-…abcd          keychain"), list.out.constData());
    logs += list.out + list.err;

    const Outcome sync = burnrate({QStringLiteral("sync")});
    QVERIFY2(sync.code == 0, sync.err.constData());
    QCOMPARE(sync.out.count('\n'), 4);
    logs += sync.out + sync.err;
    const Outcome report = burnrate({QStringLiteral("report"), QStringLiteral("--by"), QStringLiteral("provider")});
    QCOMPARE(report.code, 0);
    QVERIFY(report.out.contains("billed"));
    logs += report.out + report.err;
    // A failing sync prints the provider's error body: still no key in it.
    openai.setWrongKindStatus(401);
    openai.pushFault(
        QStringLiteral("/v1/organization/usage"),
        HttpResponse::json(
            "{\"error\":{\"message\":\"Incorrect API key provided: " + FakeOpenAi::adminKey().toUtf8() + "\"}}", 401));
    const Outcome failed = burnrate({QStringLiteral("sync"), QStringLiteral("openai")});
    QCOMPARE(failed.code, 1);
    QVERIFY2(failed.err.contains("Incorrect API key provided: [key]"), failed.err.constData());
    logs += failed.out + failed.err;

    // Scan every file of the data folder (ledger, WAL, settings) and everything the runs printed.
    QStringList scanned;
    QDirIterator it(m_dir.path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    QList<QPair<QString, QByteArray>> contents = {{QStringLiteral("logs"), logs}};
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        contents.append({path, f.readAll()});
        scanned << QFileInfo(path).fileName();
    }
    QVERIFY2(scanned.contains(QStringLiteral("ledger.sqlite3")), qPrintable(scanned.join(QLatin1Char(','))));
    QVERIFY(scanned.contains(QStringLiteral("settings.ini")));
    QVERIFY(logs.size() > 1000);
    for (const auto &[args, key] : keys) {
        const QByteArray utf8 = key.toUtf8();
        const QByteArray middle = utf8.mid(8, 16); // the secret part alone
        const QByteArray utf16(reinterpret_cast<const char *>(key.utf16()), key.size() * 2);
        for (const auto &[name, bytes] : contents) {
            QVERIFY2(!bytes.contains(utf8) && !bytes.contains(middle) && !bytes.contains(utf16),
                     qPrintable(QStringLiteral("%1 holds bytes of %2").arg(name, key.left(10))));
        }
    }

    for (const QString &provider : {QStringLiteral("openai"), QStringLiteral("anthropic"), QStringLiteral("openrouter"),
                                    QStringLiteral("deepseek")}) {
        QCOMPARE(burnrate({QStringLiteral("keys"), QStringLiteral("remove"), provider}).code, 0);
    }
    QVERIFY(secretToolLookup(QStringLiteral("Burnrate"), QStringLiteral("openai/admin")).isEmpty());
    const Outcome empty = burnrate({QStringLiteral("sync")});
    QCOMPARE(empty.code, 1);
    QVERIFY(empty.err.contains("no provider has a key"));
}

void TestKeychainSecrets::withoutAKeychainNothingIsWritten()
{
    QTemporaryDir other;
    const Outcome set = burnrate({QStringLiteral("keys"), QStringLiteral("set"), QStringLiteral("deepseek")},
                                 "sk-nokeychain-0000000000000001", false);
    QCOMPARE(set.code, 1);
    // The one line of the error, among Qt's debug output (switched on for the scan above).
    QByteArray line;
    for (const QByteArray &l : set.err.split('\n')) {
        line = l.startsWith("burnrate: ") ? l : line;
    }
    QVERIFY2(line.startsWith("burnrate: no keychain is available ("), set.err.constData());
    QVERIFY(
        line.endsWith("Burnrate never writes keys to disk, so set BURNRATE_DEEPSEEK_KEY in the environment instead"));
    QDirIterator it(m_dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(!f.readAll().contains("sk-nokeychain"));
    }
}

QTEST_GUILESS_MAIN(TestKeychainSecrets)
#include "tst_keychainsecrets.moc"

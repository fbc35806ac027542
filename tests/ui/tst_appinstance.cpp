// The real `burnrate` binary, started twice on the harness's display: the second launch hands over to the first
// and exits 0 at once, while the first keeps running. Demo instances have a key of their own.
#include "guitest.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

namespace burnrate::test {

namespace {

constexpr int StartTimeoutMs = 30'000;
constexpr int QuickExitMs = 10'000;

} // namespace

class AppInstanceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void secondLaunchRaisesTheFirstAndExits();
    void demoRunsBesideTheApp();
    void unknownOptionIsAUsageError();

private:
    QProcess *start(const QStringList &args);
    // Waits until the primary instance with this key suffix listens on its socket.
    bool waitForSocket(QProcess *process, const QString &suffix);
    QString socketFor(const QString &suffix) const;

    std::unique_ptr<QTemporaryDir> m_home;
    QList<QProcess *> m_processes;
};

void AppInstanceTest::initTestCase()
{
    BURNRATE_REQUIRE_HARNESS();
    QVERIFY2(QFile::exists(QStringLiteral(BURNRATE_EXE)), BURNRATE_EXE);
}

void AppInstanceTest::init()
{
    // A home and runtime folder of its own, so that the instance socket and lock are this test's alone.
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
    for (const char *sub : {"run", "data", "tmp", "config"}) {
        QVERIFY(QDir(m_home->path()).mkpath(QLatin1String(sub)));
    }
    QVERIFY(QFile::setPermissions(m_home->filePath(QStringLiteral("run")),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
}

void AppInstanceTest::cleanup()
{
    for (QProcess *p : std::as_const(m_processes)) {
        if (p->state() != QProcess::NotRunning) {
            p->terminate();
            if (!p->waitForFinished(5000)) {
                p->kill();
                p->waitForFinished(5000);
            }
        }
        delete p;
    }
    m_processes.clear();
    m_home.reset();
}

QProcess *AppInstanceTest::start(const QStringList &args)
{
    auto *p = new QProcess;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_home->path());
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_home->filePath(QStringLiteral("run")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home->filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("TMPDIR"), m_home->filePath(QStringLiteral("tmp")));
    env.insert(QStringLiteral("BURNRATE_DATA_DIR"), m_home->filePath(QStringLiteral("data/burnrate")));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    p->setProcessEnvironment(env);
    p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p->start(QStringLiteral(BURNRATE_EXE), args);
    m_processes.append(p);
    return p;
}

QString AppInstanceTest::socketFor(const QString &suffix) const
{
    // burnrate-<user>[-debug][-demo] in $XDG_RUNTIME_DIR; the user and build type are the binary's business, so
    // look for the one socket that ends the right way.
    const QDir run(m_home->filePath(QStringLiteral("run")));
    const QStringList entries = run.entryList({QStringLiteral("burnrate-*")}, QDir::System | QDir::Files);
    for (const QString &name : entries) {
        if (!name.endsWith(QLatin1String(".lock")) && name.endsWith(suffix) &&
            (!suffix.isEmpty() || !name.endsWith(QLatin1String("-demo")))) {
            return run.filePath(name);
        }
    }
    return {};
}

bool AppInstanceTest::waitForSocket(QProcess *process, const QString &suffix)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < StartTimeoutMs) {
        if (process->state() == QProcess::NotRunning) {
            qWarning("burnrate exited early with %d", process->exitCode());
            return false;
        }
        if (!socketFor(suffix).isEmpty()) {
            return true;
        }
        QTest::qWait(50);
    }
    return false;
}

void AppInstanceTest::secondLaunchRaisesTheFirstAndExits()
{
    QProcess *first = start({});
    QVERIFY(first->waitForStarted(5000));
    QVERIFY2(waitForSocket(first, QString()), "the first instance never listened");

    QElapsedTimer timer;
    timer.start();
    QProcess *second = start({});
    QVERIFY(second->waitForFinished(QuickExitMs));
    qInfo("second launch exited after %lld ms", timer.elapsed());
    QCOMPARE(second->exitStatus(), QProcess::NormalExit);
    QCOMPARE(second->exitCode(), 0);

    // The first one is untouched and still listening; a third launch is handed over in the same way.
    QTest::qWait(200);
    QCOMPARE(first->state(), QProcess::Running);
    QProcess *third = start({QStringLiteral("--data-dir"), m_home->filePath(QStringLiteral("data/other"))});
    QVERIFY(third->waitForFinished(QuickExitMs));
    QCOMPARE(third->exitCode(), 0);
    QCOMPARE(first->state(), QProcess::Running);
}

void AppInstanceTest::demoRunsBesideTheApp()
{
    QProcess *app = start({});
    QVERIFY(app->waitForStarted(5000));
    QVERIFY2(waitForSocket(app, QString()), "the app never listened");

    // A demo is not the app: it starts on its own, fills its temporary ledger and stays up.
    QProcess *demo = start({QStringLiteral("--demo")});
    QVERIFY(demo->waitForStarted(5000));
    QVERIFY2(waitForSocket(demo, QStringLiteral("-demo")), "the demo never listened");
    QTest::qWait(500);
    QCOMPARE(demo->state(), QProcess::Running);
    const QStringList demoDirs =
        QDir(m_home->filePath(QStringLiteral("tmp"))).entryList({QStringLiteral("burnrate-demo-*")}, QDir::Dirs);
    QCOMPARE(demoDirs.size(), 1);
    QVERIFY(
        QFile::exists(m_home->filePath(QStringLiteral("tmp/") + demoDirs.first() + QStringLiteral("/ledger.sqlite3"))));

    // A second demo hands over to the first demo.
    QProcess *secondDemo = start({QStringLiteral("--demo")});
    QVERIFY(secondDemo->waitForFinished(QuickExitMs));
    QCOMPARE(secondDemo->exitCode(), 0);
    QCOMPARE(demo->state(), QProcess::Running);
    QCOMPARE(app->state(), QProcess::Running);
}

void AppInstanceTest::unknownOptionIsAUsageError()
{
    QProcess *p = start({QStringLiteral("--no-such-option")});
    QVERIFY(p->waitForFinished(QuickExitMs));
    QCOMPARE(p->exitCode(), 2);
}

} // namespace burnrate::test

BURNRATE_GUI_TEST_MAIN(burnrate::test::AppInstanceTest)
#include "tst_appinstance.moc"

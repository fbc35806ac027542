// A key added through the GUI onboarding, then used by the real binary (the app syncing a local fake OpenAI, the
// command line syncing, reporting, exporting and backing up), is found nowhere but the keychain: not in any file of
// the data folder, the settings, the backups or the exports; not in the logs (every category on); not in the argv or
// the environment of the app or of anything it starts; not in what a crashing app leaves, which is no core file.
#include "../ui/guitest.h"
#include "fakeproviders.h"
#include "fixturetest.h"
#include "jobs/importrunner.h"
#include "ledger/ledger.h"
#include "onboarding/onboardingstate.h"
#include "secrets/keychainstore.h"
#include "secrets/keyspec.h"
#include "ui/onboarding/keyspage.h"
#include "ui/onboarding/onboardingdialog.h"
#include "util/clock.h"
#include "util/settings.h"

#include <QDirIterator>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <csignal>

namespace burnrate::test {

namespace {

const QString OpenAiAdmin = QStringLiteral("openai/admin");

// The forms a key could take where it leaks: as typed, UTF-16 (a QString's memory, Windows-style files), base64
// (a header, a JSON blob), and its middle alone (a key cut or wrapped).
QList<QByteArray> keyForms(const QString &key)
{
    const QByteArray utf8 = key.toUtf8();
    const QByteArray utf16(reinterpret_cast<const char *>(key.utf16()), key.size() * 2);
    return {utf8, utf16, utf8.toBase64(), utf8.mid(8, 24)};
}

// Where in `bytes` a form of the key is, as "form N at offset M", or nothing.
QString findKey(const QByteArray &bytes, const QList<QByteArray> &forms)
{
    for (qsizetype i = 0; i < forms.size(); ++i) {
        if (const qsizetype at = bytes.indexOf(forms.at(i)); at >= 0) {
            return QStringLiteral("form %1 at offset %2").arg(i).arg(at);
        }
    }
    return QString();
}

// Every file under `root` that holds a form of the key.
QStringList filesWithKey(const QString &root, const QList<QByteArray> &forms, int *scanned)
{
    QStringList found;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories); // not sockets
    while (it.hasNext()) {
        QFile f(it.next());
        if (!f.open(QIODevice::ReadOnly)) {
            found << f.fileName() + QStringLiteral(" (unreadable)");
            continue;
        }
        ++*scanned;
        if (const QString where = findKey(f.readAll(), forms); !where.isEmpty()) {
            found << f.fileName() + QStringLiteral(": ") + where;
        }
    }
    return found;
}

QByteArray readProc(qint64 pid, const QByteArray &what)
{
    QFile f(QStringLiteral("/proc/%1/%2").arg(pid).arg(QString::fromLatin1(what)));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// `pid` and every process below it.
QList<qint64> processTree(qint64 pid)
{
    QList<qint64> tree{pid};
    for (qsizetype i = 0; i < tree.size(); ++i) {
        const QStringList children =
            QString::fromLatin1(readProc(tree.at(i), "task/" + QByteArray::number(tree.at(i)) + "/children"))
                .split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (const QString &c : children) {
            tree << c.toLongLong();
        }
    }
    return tree;
}

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class SecretsNowhereTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void keyIsFoundNowhere();

private:
    QProcessEnvironment environment() const;
    Run cli(const QStringList &args);

    std::unique_ptr<QTemporaryDir> m_home;
    QString m_data;
    std::unique_ptr<SystemClock> m_clock;
    std::unique_ptr<FakeOrg> m_org;
    std::unique_ptr<FakeOpenAi> m_openai;
    std::unique_ptr<KeychainSecretStore> m_keychain;
    QByteArray m_logs; // everything the processes printed, scanned at the end
};

void SecretsNowhereTest::initTestCase()
{
    REQUIRE_FIXTURES(FakeProvider::servedFixtures());
    BURNRATE_REQUIRE_HARNESS();
    QVERIFY2(QFile::exists(QStringLiteral(BURNRATE_EXE)), BURNRATE_EXE);
    m_home = std::make_unique<QTemporaryDir>();
    for (const char *sub : {"run", "tmp", "config", "cache", "state", "share", "cwd"}) {
        QVERIFY(QDir(m_home->path()).mkpath(QLatin1String(sub)));
    }
    QFile::setPermissions(m_home->filePath(QStringLiteral("run")),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    m_data = m_home->filePath(QStringLiteral("data"));
    m_clock = std::make_unique<SystemClock>();
    m_org = std::make_unique<FakeOrg>(QStringLiteral("gpt-fake"), 3, 2);
    m_openai = std::make_unique<FakeOpenAi>(*m_org, *m_clock);
    // The service the app and the command line read: the harness's gnome-keyring is its own, emptied with it.
    m_keychain = std::make_unique<KeychainSecretStore>();
}

void SecretsNowhereTest::cleanupTestCase()
{
    if (m_keychain) {
        bool done = false;
        m_keychain->remove(OpenAiAdmin, [&done](const SecretStore::Outcome &) { done = true; });
        (void)QTest::qWaitFor([&] { return done; }, 20000);
    }
}

QProcessEnvironment SecretsNowhereTest::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_home->path());
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_home->filePath(QStringLiteral("run")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), m_home->filePath(QStringLiteral("cache")));
    env.insert(QStringLiteral("XDG_STATE_HOME"), m_home->filePath(QStringLiteral("state")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home->filePath(QStringLiteral("share")));
    env.insert(QStringLiteral("TMPDIR"), m_home->filePath(QStringLiteral("tmp")));
    env.insert(QStringLiteral("CLAUDE_CONFIG_DIR"), m_home->filePath(QStringLiteral("no-claude")));
    env.insert(QStringLiteral("CODEX_HOME"), m_home->filePath(QStringLiteral("no-codex")));
    env.insert(QStringLiteral("BURNRATE_OPENAI_BASE_URL"), m_openai->origin());
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true;qt.*.debug=false"));
    env.remove(QStringLiteral("BURNRATE_OPENAI_ADMIN_KEY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    return env;
}

Run SecretsNowhereTest::cli(const QStringList &args)
{
    QProcess p;
    p.setProcessEnvironment(environment());
    p.setWorkingDirectory(m_home->filePath(QStringLiteral("cwd")));
    p.start(QStringLiteral(BURNRATE_EXE), QStringList{QStringLiteral("--data-dir"), m_data} + args);
    Run r;
    // The fake provider answers from this process's event loop: wait with it running.
    if (!QTest::qWaitFor([&p] { return p.state() == QProcess::NotRunning; }, 120000)) {
        p.kill();
        p.waitForFinished();
    }
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    m_logs += r.out + r.err;
    return r;
}

void SecretsNowhereTest::keyIsFoundNowhere()
{
    const QString key = FakeOpenAi::adminKey();
    const QList<QByteArray> forms = keyForms(key);

    // 1. The onboarding, on the real X server, stores the key typed into it in the keychain.
    {
        auto ledger = Ledger::open(m_data, *LocalCalendar::forZoneId("UTC"));
        QVERIFY2(ledger.ok(), qPrintable(ledger.error()));
        QNetworkAccessManager nam;
        AgentLogImportRunner runner(m_data, (*ledger)->calendar());
        ui::OnboardingDialog::Services s;
        s.runner = &runner;
        s.ledger = ledger->get();
        s.dataDir = m_data;
        s.secrets = m_keychain.get();
        s.nam = &nam;
        s.clock = m_clock.get();
        s.policy.timeoutMs = 10000;
        s.env = [origin = m_openai->origin()](const QString &name) {
            return name == QLatin1String("BURNRATE_OPENAI_BASE_URL") ? origin : QString();
        };
        ui::OnboardingDialog dialog(s);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy stored(dialog.keysPage(), &ui::KeysPage::keyStored);
        QLineEdit *field = dialog.keysPage()->keyField(OpenAiAdmin);
        QVERIFY(field);
        field->setFocus();
        QTest::keyClicks(field, key);
        QTest::mouseClick(dialog.keysPage()->saveButton(OpenAiAdmin), Qt::LeftButton);
        QVERIFY(stored.wait(30000));
        QVERIFY(field->text().isEmpty());
        Settings settings(m_data);
        settings.setValue(Settings::Key::Timezone, QStringLiteral("UTC"));
        OnboardingState::markCompleted(settings);
    }
    const int checkRequests = m_openai->requestCount();
    QVERIFY(checkRequests > 0);

    // 2. The app syncs with the key from the keychain; its process tree is looked at while it runs; then it quits.
    QProcess app;
    app.setProcessEnvironment(environment());
    app.setWorkingDirectory(m_home->filePath(QStringLiteral("cwd")));
    app.start(QStringLiteral(BURNRATE_EXE), {QStringLiteral("--data-dir"), m_data, QStringLiteral("--verbose")});
    QVERIFY(app.waitForStarted(5000));
    connect(&app, &QProcess::readyReadStandardError, this, [&] { m_logs += app.readAllStandardError(); });
    connect(&app, &QProcess::readyReadStandardOutput, this, [&] { m_logs += app.readAllStandardOutput(); });
    QTRY_VERIFY2_WITH_TIMEOUT(m_logs.contains("openai synced"), m_logs.right(4000).constData(), 60000);
    QVERIFY2(m_openai->requestCount() > checkRequests, "the app sent no request with the key");
    const QList<QByteArray> authorizations = [&] {
        QList<QByteArray> all;
        for (const HttpRequest &r : m_openai->server().requests()) {
            all << r.header("authorization");
        }
        return all;
    }();
    QVERIFY2(authorizations.contains("Bearer " + key.toUtf8()), "the key never reached the provider");
    int processes = 0;
    for (const qint64 pid : processTree(app.processId())) {
        ++processes;
        for (const char *what : {"cmdline", "environ"}) {
            const QString where = findKey(readProc(pid, what), forms);
            QVERIFY2(where.isEmpty(), qPrintable(QStringLiteral("/proc/%1/%2: %3").arg(pid).arg(what, where)));
        }
    }
    app.terminate();
    QVERIFY(app.waitForFinished(20000));
    m_logs += app.readAll();

    // 3. The command line: sync, report, export as JSON and CSV, a backup, the keys it knows.
    for (const QStringList &args :
         {QStringList{QStringLiteral("sync")},
          QStringList{QStringLiteral("report"), QStringLiteral("--by"), QStringLiteral("model")},
          QStringList{QStringLiteral("report"), QStringLiteral("--by"), QStringLiteral("day"),
                      QStringLiteral("--format"), QStringLiteral("json")},
          QStringList{QStringLiteral("report"), QStringLiteral("--by"), QStringLiteral("provider"),
                      QStringLiteral("--format"), QStringLiteral("csv")},
          QStringList{QStringLiteral("backup"), QStringLiteral("now")},
          QStringList{QStringLiteral("keys"), QStringLiteral("list")}, QStringList{QStringLiteral("doctor")}}) {
        const Run r = cli(args);
        QVERIFY2(r.exitCode == 0 || args.first() == QLatin1String("doctor"),
                 qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + QString::fromUtf8(r.err)));
        if (args.first() == QLatin1String("report")) {
            QFile exported(m_home->filePath(QStringLiteral("export-%1.txt").arg(args.join(QLatin1Char('-')))));
            QVERIFY(exported.open(QIODevice::WriteOnly));
            exported.write(r.out);
        }
    }
    // keys list names it masked, as everywhere: its last four characters only.
    QVERIFY2(m_logs.contains(maskKey(key).toUtf8()), qPrintable(maskKey(key)));

    // 4. A crash while the key is in memory leaves no core file and no key in what it prints.
    QProcess crashing;
    crashing.setProcessEnvironment(environment());
    crashing.setWorkingDirectory(m_home->filePath(QStringLiteral("cwd")));
    crashing.start(QStringLiteral(BURNRATE_EXE), {QStringLiteral("--data-dir"), m_data, QStringLiteral("--verbose")});
    QVERIFY(crashing.waitForStarted(5000));
    QByteArray crashLog;
    connect(&crashing, &QProcess::readyReadStandardError, this, [&] { crashLog += crashing.readAllStandardError(); });
    QTRY_VERIFY2_WITH_TIMEOUT(crashLog.contains("opened"), crashLog.right(2000).constData(), 30000);
    QTest::qWait(2000); // the keychain read and the sync start
    ::kill(static_cast<pid_t>(crashing.processId()), SIGSEGV);
    QVERIFY(crashing.waitForFinished(20000));
    QCOMPARE(crashing.exitStatus(), QProcess::CrashExit);
    crashLog += crashing.readAll();
    m_logs += crashLog;
    const QStringList cores = QDir(m_home->filePath(QStringLiteral("cwd"))).entryList({QStringLiteral("core*")});
    QVERIFY2(cores.isEmpty(), qPrintable(cores.join(QLatin1Char(' '))));

    // The scan finds a key where there is one: a file holding it as UTF-16 inside a larger blob.
    {
        QTemporaryDir canary;
        QFile f(canary.filePath(QStringLiteral("blob.bin")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x') + forms.at(1) + QByteArray(4096, 'y'));
        f.close();
        int n = 0;
        QCOMPARE(filesWithKey(canary.path(), forms, &n).size(), 1);
    }

    // 5. Nowhere: every file under the home (data folder, settings, backups, exports, caches) and every log line.
    int scanned = 0;
    const QStringList found = filesWithKey(m_home->path(), forms, &scanned);
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    QVERIFY2(scanned >= 5, qPrintable(QString::number(scanned))); // the ledger, settings, a backup, the exports
    QVERIFY(QFile::exists(m_data + QStringLiteral("/settings.ini")));
    QVERIFY(!QDir(m_data + QStringLiteral("/backups")).entryList(QDir::Files).isEmpty());
    const QString inLogs = findKey(m_logs, forms);
    QVERIFY2(inLogs.isEmpty(), qPrintable(inLogs + QStringLiteral(" of ") + QString::number(m_logs.size())));
    QVERIFY2(m_logs.size() > 10'000, qPrintable(QString::number(m_logs.size()))); // the debug logs were on
}

} // namespace burnrate::test

BURNRATE_GUI_TEST_MAIN(burnrate::test::SecretsNowhereTest)
#include "tst_secretsnowhere.moc"

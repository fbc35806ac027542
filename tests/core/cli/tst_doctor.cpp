// `burnrate doctor`: in-process on real data folders (a fresh one, a real imported ledger, a ledger of a newer
// schema, garbage in place of the ledger, sync failures written by SyncStore) with a keychain in memory; the
// notification service of the real-parts harness (dunst); and the real binary on a private D-Bus session bus, with
// and without a StatusNotifier host, and on no bus at all.
#include "cli/cli.h"
#include "clitestutil.h"
#include "fixturetest.h"
#include "ledger/database.h"
#include "ledger/migrations.h"
#include "memorysecretstore.h"
#include "pricing/pricestore.h"
#include "providers/syncstore.h"
#include "secrets/keyspec.h"
#include "util/clock.h"

#include <QCryptographicHash>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace burnrate;
using namespace burnrate::cli;
using namespace burnrate::test;

namespace {

const QString Sample = fixturePath(QStringLiteral("events/sample.jsonl"));
const QString Binary = QStringLiteral(BURNRATE_EXE);
const QString FakeKey = QStringLiteral("sk-test-SECRET123");
const QStringList CheckNames = {"data folder", "ledger", "keychain",  "tls",        "tray",    "notifications",
                                "price book",  "openai", "anthropic", "openrouter", "deepseek"};

// 2026-11-10 12:00 in Berlin (UTC+1), seven weeks after the shipped price book.
const QDateTime Now(QDate(2026, 11, 10), QTime(11, 0), Qt::UTC);

QJsonObject checkOf(const QJsonObject &doc, const QString &name)
{
    for (const QJsonValue &v : doc.value(QStringLiteral("checks")).toArray()) {
        if (v.toObject().value(QStringLiteral("name")).toString() == name) {
            return v.toObject();
        }
    }
    return {};
}

// The text line of one check: "STATUS  NAME  DETAIL".
QString lineOf(const QString &out, const QString &name)
{
    const QRegularExpression re(QStringLiteral("^(ok|warn|fail) +%1  +\\S").arg(QRegularExpression::escape(name)));
    for (const QString &line : out.split(QLatin1Char('\n'))) {
        if (re.match(line).hasMatch()) {
            return line;
        }
    }
    return {};
}

QByteArray sha256Of(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

struct Outcome
{
    int code = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

} // namespace

class TestDoctor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void usageErrors_data();
    void usageErrors();
    void freshDataFolder();
    void importedLedger();
    void olderSchemaWarns();
    void newerSchemaFails();
    void garbageLedgerFails();
    void writerDoesNotBlock();
    void keyStoredNeverShown();
    void noKeychainFails();
    void syncStateShown();
    void priceBookAgeAndUserPrices();
    void notificationServerOfTheHarness();
    void privateSessionBus();
    void noSessionBus();
    void desktopOfOtherSystems();

private:
    CliRun doctor(const QStringList &args = {});
    QString dataDir() const { return m_dir->filePath(QStringLiteral("data")); }
    QString ledgerPath() const { return QDir(dataDir()).filePath(QStringLiteral("ledger.sqlite3")); }
    void importSample();
    Outcome runBinary(const QString &busAddress);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FixedClock> m_clock;
    std::unique_ptr<MemorySecretStore> m_secrets;
    QHash<QString, QString> m_env;
};

void TestDoctor::initTestCase()
{
    REQUIRE_FIXTURES({QStringLiteral("events/sample.jsonl")});
}

void TestDoctor::init()
{
    qputenv("BURNRATE_TIMEZONE", "Europe/Berlin");
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock = std::make_unique<FixedClock>(Now);
    m_secrets = std::make_unique<MemorySecretStore>();
    m_env.clear();
}

void TestDoctor::cleanup()
{
    m_secrets.reset();
    m_dir.reset();
}

CliRun TestDoctor::doctor(const QStringList &args)
{
    CliServices services;
    services.clock = m_clock.get();
    services.secrets = m_secrets.get();
    services.env = [this](const QString &name) {
        return m_env.value(name);
    };
    return runCli(dataDir(), QStringList{QStringLiteral("doctor")} + args, std::move(services));
}

void TestDoctor::importSample()
{
    const CliRun r = runCli(dataDir(), {QStringLiteral("import"), QStringLiteral("events"), Sample});
    QCOMPARE(r.code, int(ExitFailure)); // four lines of the sample are rejected on purpose
    QVERIFY2(r.out.startsWith(QStringLiteral("imported 5 events")), qPrintable(r.out));
}

void TestDoctor::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::addRow("bad format") << QStringList{"--format", "xml"} << "burnrate doctor: --format must be text or json";
    QTest::addRow("argument") << QStringList{"now"} << "burnrate doctor: unexpected argument \"now\"";
    QTest::addRow("option") << QStringList{"--fix"} << "burnrate doctor: unknown option --fix";
}

void TestDoctor::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const CliRun r = doctor(args);
    QCOMPARE(r.code, int(ExitUsage));
    QVERIFY2(r.err.startsWith(message), qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("burnrate --help")), qPrintable(r.err));
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    QVERIFY(r.out.isEmpty());
}

void TestDoctor::freshDataFolder()
{
    const CliRun r = doctor();
    QVERIFY2(r.code == ExitOk, qPrintable(r.out + r.err));
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), CheckNames.size() + 1);
    // One aligned line per check, in order, then the summary.
    const qsizetype detailColumn =
        QRegularExpression(QStringLiteral("^ok    data folder +")).match(lines.first()).capturedEnd();
    QVERIFY2(detailColumn > 0, qPrintable(lines.first()));
    for (qsizetype i = 0; i < CheckNames.size(); ++i) {
        const QString &line = lines.at(i);
        QVERIFY2(QRegularExpression(
                     QStringLiteral("^(ok  |warn|fail)  %1 ").arg(QRegularExpression::escape(CheckNames.at(i))))
                     .match(line)
                     .hasMatch(),
                 qPrintable(line));
        QVERIFY2(line.at(detailColumn - 1) == QLatin1Char(' ') && line.at(detailColumn) != QLatin1Char(' '),
                 qPrintable(line));
    }
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d+ warnings?, 0 failures$")).match(lines.last()).hasMatch(),
             qPrintable(lines.last()));
    QVERIFY2(
        lineOf(r.out, QStringLiteral("data folder")).endsWith(QStringLiteral("not created yet (nothing imported)")),
        qPrintable(r.out));
    QVERIFY2(lineOf(r.out, QStringLiteral("ledger")).startsWith(QStringLiteral("ok ")), qPrintable(r.out));
    QVERIFY2(lineOf(r.out, QStringLiteral("ledger")).endsWith(QStringLiteral("no ledger yet")), qPrintable(r.out));
    // What the package checks grep for.
    const QString tls = lineOf(r.out, QStringLiteral("tls"));
    QVERIFY2(QRegularExpression(QStringLiteral("^ok +tls +.+ \\(Qt backend \"\\w+\"\\)$")).match(tls).hasMatch(),
             qPrintable(tls));
    QVERIFY2(lineOf(r.out, QStringLiteral("keychain")).endsWith(QStringLiteral("the test's memory")),
             qPrintable(r.out));
    QVERIFY2(lineOf(r.out, QStringLiteral("price book")).startsWith(QStringLiteral("ok ")), qPrintable(r.out));
    for (const QString &provider : CheckNames.mid(7)) {
        QVERIFY2(lineOf(r.out, provider).endsWith(QStringLiteral("no key (not synced)")), qPrintable(r.out));
    }
    // Doctor only looks: the folder is still not there.
    QVERIFY(!QFileInfo::exists(dataDir()));

    const CliRun j = doctor({QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(j.code, int(ExitOk));
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(j.out.toUtf8(), &err);
    QVERIFY2(err.error == QJsonParseError::NoError, qPrintable(err.errorString()));
    const QJsonObject o = doc.object();
    QCOMPARE(o.value(QStringLiteral("ok")).toBool(), true);
    QCOMPARE(o.value(QStringLiteral("failures")).toInt(-1), 0);
    QStringList names;
    for (const QJsonValue &v : o.value(QStringLiteral("checks")).toArray()) {
        names << v.toObject().value(QStringLiteral("name")).toString();
        QVERIFY(QStringList({"ok", "warn", "fail"}).contains(v.toObject().value(QStringLiteral("status")).toString()));
        QVERIFY(!v.toObject().value(QStringLiteral("detail")).toString().isEmpty());
    }
    QCOMPARE(names, CheckNames);
    QCOMPARE(o.value(QStringLiteral("warnings")).toInt(-1), lines.last().section(QLatin1Char(' '), 0, 0).toInt());
    const QJsonObject tlsJson = checkOf(o, QStringLiteral("tls"));
    QCOMPARE(tlsJson.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(tlsJson.value(QStringLiteral("supported")).toBool(), true);
    QVERIFY(!tlsJson.value(QStringLiteral("backend")).toString().isEmpty());
    QVERIFY(!tlsJson.value(QStringLiteral("library")).toString().isEmpty());
    const QJsonObject ledger = checkOf(o, QStringLiteral("ledger"));
    QCOMPARE(ledger.value(QStringLiteral("exists")).toBool(true), false);
    QCOMPARE(checkOf(o, QStringLiteral("openai")).value(QStringLiteral("key")).toString(), QStringLiteral("none"));
}

void TestDoctor::importedLedger()
{
    importSample();
    const QByteArray before = sha256Of(ledgerPath());
    QVERIFY(!before.isEmpty());
    // Any read-write open makes the file owner-only again; a read-only one leaves its mode alone.
    const QFileDevice::Permissions wider =
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther;
    QVERIFY(QFile::setPermissions(ledgerPath(), wider));
    const QFileDevice::Permissions mode = QFile::permissions(ledgerPath());
    const CliRun r = doctor({QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(r.code == ExitOk, qPrintable(r.out + r.err));
    QCOMPARE(QFile::permissions(ledgerPath()), mode);
    const QJsonObject ledger = checkOf(r.json(), QStringLiteral("ledger"));
    QCOMPARE(ledger.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(ledger.value(QStringLiteral("schema")).toInt(), Migrations::latestVersion());
    QCOMPARE(ledger.value(QStringLiteral("schema_known")).toInt(), Migrations::latestVersion());
    QCOMPARE(ledger.value(QStringLiteral("events")).toInt(), 5);
    QCOMPARE(ledger.value(QStringLiteral("quick_check")).toString(), QStringLiteral("ok"));
    QCOMPARE(ledger.value(QStringLiteral("size_bytes")).toInteger(), QFileInfo(ledgerPath()).size());
    const QJsonObject folder = checkOf(r.json(), QStringLiteral("data folder"));
    QCOMPARE(folder.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(folder.value(QStringLiteral("timezone")).toString(), QStringLiteral("Europe/Berlin"));

    const CliRun t = doctor();
    QCOMPARE(t.code, int(ExitOk));
    const QString line = lineOf(t.out, QStringLiteral("ledger"));
    QVERIFY2(line.startsWith(QStringLiteral("ok ")), qPrintable(line));
    QVERIFY2(line.contains(QStringLiteral("schema %1, ").arg(Migrations::latestVersion())), qPrintable(line));
    QVERIFY2(line.contains(QStringLiteral(", 5 events, quick check ok")), qPrintable(line));
    // Read-only: the ledger is byte for byte what the import left.
    QCOMPARE(sha256Of(ledgerPath()), before);
}

void TestDoctor::olderSchemaWarns()
{
    QVERIFY(QDir().mkpath(dataDir()));
    {
        auto db = Database::open(ledgerPath());
        QVERIFY(db.ok());
        QVERIFY(Migrations::migrate(**db, Migrations::latestVersion() - 1).ok());
    }
    const CliRun r = doctor();
    QVERIFY2(r.code == ExitOk, qPrintable(r.out + r.err));
    const QString line = lineOf(r.out, QStringLiteral("ledger"));
    QVERIFY2(line.startsWith(QStringLiteral("warn ")), qPrintable(line));
    QVERIFY2(line.contains(QStringLiteral("schema %1, will be upgraded to %2 on next start")
                               .arg(Migrations::latestVersion() - 1)
                               .arg(Migrations::latestVersion())),
             qPrintable(line));
    // Never migrated by doctor.
    auto db = Database::open(ledgerPath());
    QVERIFY(db.ok());
    QCOMPARE((*db)->userVersion(), Migrations::latestVersion() - 1);
}

void TestDoctor::newerSchemaFails()
{
    importSample();
    {
        auto db = Database::open(ledgerPath());
        QVERIFY(db.ok());
        QVERIFY((*db)->setUserVersion(Migrations::latestVersion() + 1).ok());
    }
    const CliRun r = doctor();
    QCOMPARE(r.code, int(ExitFailure));
    const QString line = lineOf(r.out, QStringLiteral("ledger"));
    QVERIFY2(line.startsWith(QStringLiteral("fail ")), qPrintable(line));
    QVERIFY2(line.contains(QStringLiteral("made by a newer Burnrate")), qPrintable(line));
    QVERIFY2(r.out.endsWith(QStringLiteral(", 1 failure\n")), qPrintable(r.out));
    const CliRun j = doctor({QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(j.code, int(ExitFailure));
    QCOMPARE(j.json().value(QStringLiteral("ok")).toBool(true), false);
    QCOMPARE(checkOf(j.json(), QStringLiteral("ledger")).value(QStringLiteral("schema")).toInt(),
             Migrations::latestVersion() + 1);
    auto db = Database::open(ledgerPath());
    QVERIFY(db.ok());
    QCOMPARE((*db)->userVersion(), Migrations::latestVersion() + 1);
}

void TestDoctor::garbageLedgerFails()
{
    QVERIFY(QDir().mkpath(dataDir()));
    QFile garbage(ledgerPath());
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    for (int i = 0; i < 200; ++i) {
        garbage.write("this is not an SQLite database, just words\n");
    }
    garbage.close();
    const QByteArray before = sha256Of(ledgerPath());
    const CliRun r = doctor();
    QCOMPARE(r.code, int(ExitFailure));
    const QString line = lineOf(r.out, QStringLiteral("ledger"));
    QVERIFY2(line.startsWith(QStringLiteral("fail ")), qPrintable(r.out));
    QVERIFY2(line.endsWith(QStringLiteral("file is not a database")), qPrintable(line));
    QVERIFY2(line.contains(QDir::toNativeSeparators(ledgerPath())), qPrintable(line));
    // The rest still runs, with the shipped prices.
    QVERIFY2(lineOf(r.out, QStringLiteral("price book")).startsWith(QStringLiteral("ok ")), qPrintable(r.out));
    QCOMPARE(r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), CheckNames.size() + 1);
    QCOMPARE(sha256Of(ledgerPath()), before);
}

void TestDoctor::writerDoesNotBlock()
{
    importSample();
    auto writer = Database::open(ledgerPath());
    QVERIFY(writer.ok());
    QVERIFY((*writer)->exec("BEGIN IMMEDIATE").ok());
    QVERIFY((*writer)->exec("INSERT INTO meta (key, value) VALUES ('doctor-test', 'uncommitted')").ok());
    QElapsedTimer timer;
    timer.start();
    const CliRun r = doctor({QStringLiteral("--format"), QStringLiteral("json")});
    const qint64 elapsed = timer.elapsed();
    QVERIFY((*writer)->exec("ROLLBACK").ok());
    QVERIFY2(r.code == ExitOk, qPrintable(r.out + r.err));
    const QJsonObject ledger = checkOf(r.json(), QStringLiteral("ledger"));
    QCOMPARE(ledger.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(ledger.value(QStringLiteral("events")).toInt(), 5);
    // Well under the busy timeout: the reader never waited for the writer.
    QVERIFY2(elapsed < 2500, qPrintable(QString::number(elapsed)));
}

void TestDoctor::keyStoredNeverShown()
{
    m_secrets->write(QStringLiteral("openai/admin"), FakeKey, [](const SecretStore::Outcome &) {});
    QTRY_VERIFY(m_secrets->entries().contains(QStringLiteral("openai/admin")));
    m_env.insert(QStringLiteral("BURNRATE_DEEPSEEK_KEY"), QStringLiteral("sk-env-SECRET456"));
    const CliRun t = doctor();
    const CliRun j = doctor({QStringLiteral("--format"), QStringLiteral("json")});
    for (const CliRun &r : {t, j}) {
        QVERIFY2(r.code == ExitOk, qPrintable(r.out + r.err));
        // Nothing of a key, not even its masked form.
        for (const QString &secret :
             {QStringLiteral("SECRET123"), QStringLiteral("sk-test"), maskKey(FakeKey), QStringLiteral("SECRET456"),
              QStringLiteral("sk-env"), maskKey(QStringLiteral("sk-env-SECRET456"))}) {
            QVERIFY2(!r.out.contains(secret) && !r.err.contains(secret), qPrintable(r.out + r.err));
        }
    }
    const QString openai = lineOf(t.out, QStringLiteral("openai"));
    QVERIFY2(openai.startsWith(QStringLiteral("warn ")), qPrintable(openai));
    QVERIFY2(openai.contains(QStringLiteral("admin key stored; never synced")), qPrintable(openai));
    QVERIFY2(
        lineOf(t.out, QStringLiteral("deepseek")).contains(QStringLiteral("inference key in BURNRATE_DEEPSEEK_KEY")),
        qPrintable(t.out));
    QVERIFY2(lineOf(t.out, QStringLiteral("anthropic")).endsWith(QStringLiteral("no key (not synced)")),
             qPrintable(t.out));
    const QJsonObject o = checkOf(j.json(), QStringLiteral("openai"));
    QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("warn"));
    QCOMPARE(o.value(QStringLiteral("key")).toString(), QStringLiteral("stored"));
    QVERIFY(o.value(QStringLiteral("detail")).toString().contains(QStringLiteral("key stored")));
    QCOMPARE(checkOf(j.json(), QStringLiteral("deepseek")).value(QStringLiteral("key")).toString(),
             QStringLiteral("environment"));
    // Doctor only read the keychain.
    QCOMPARE(m_secrets->entries().size(), 1);
}

void TestDoctor::noKeychainFails()
{
    m_secrets->setUnavailable(true);
    const CliRun r = doctor();
    QCOMPARE(r.code, int(ExitFailure));
    const QString line = lineOf(r.out, QStringLiteral("keychain"));
    QVERIFY2(line.startsWith(QStringLiteral("fail ")), qPrintable(r.out));
    QVERIFY2(line.contains(QStringLiteral("no keychain is available (the test switched it off)")), qPrintable(line));
    // A provider whose key could not be looked up says so rather than "no key".
    QVERIFY2(lineOf(r.out, QStringLiteral("openai")).startsWith(QStringLiteral("warn ")), qPrintable(r.out));
    QVERIFY2(lineOf(r.out, QStringLiteral("openai")).contains(QStringLiteral("key unknown")), qPrintable(r.out));
    const CliRun j = doctor({QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(j.code, int(ExitFailure));
    QCOMPARE(checkOf(j.json(), QStringLiteral("keychain")).value(QStringLiteral("error")).toString(),
             QStringLiteral("no-keychain"));
}

void TestDoctor::syncStateShown()
{
    importSample();
    for (const QString &entry : {QStringLiteral("anthropic/admin"), QStringLiteral("openai/admin")}) {
        m_secrets->write(entry, FakeKey, [](const SecretStore::Outcome &) {});
    }
    QTRY_COMPARE(m_secrets->entries().size(), 2);
    {
        auto db = Database::open(ledgerPath());
        QVERIFY(db.ok());
        SyncStore store(**db);
        // Anthropic's usage endpoint failed twice, the second time an hour ago (12:00 in Berlin).
        QVERIFY(store
                    .recordFailure(QStringLiteral("anthropic"), QStringLiteral("usage"),
                                   Now.addSecs(-7200).toMSecsSinceEpoch(),
                                   QStringLiteral("HTTP 500 from the usage report"))
                    .ok());
        QVERIFY(store
                    .recordFailure(QStringLiteral("anthropic"), QStringLiteral("usage"), Now.toMSecsSinceEpoch(),
                                   QStringLiteral("HTTP 401: invalid x-api-key"))
                    .ok());
        // OpenAI synced yesterday at 18:30 UTC (19:30 in Berlin).
        const qint64 success = QDateTime(QDate(2026, 11, 9), QTime(18, 30), Qt::UTC).toMSecsSinceEpoch();
        QVERIFY((*db)
                    ->exec("INSERT INTO sync_state (provider, endpoint, last_success, last_attempt, failures) VALUES "
                           "('openai', 'costs', " +
                           std::to_string(success) + ", " + std::to_string(success) + ", 0)")
                    .ok());
    }
    const CliRun t = doctor();
    QVERIFY2(t.code == ExitOk, qPrintable(t.out + t.err));
    const QString anthropic = lineOf(t.out, QStringLiteral("anthropic"));
    QVERIFY2(anthropic.startsWith(QStringLiteral("warn ")), qPrintable(anthropic));
    QVERIFY2(
        anthropic.endsWith(QStringLiteral(
            "admin key stored; last attempt 2026-11-10 12:00 failed (usage, 2 in a row): HTTP 401: invalid x-api-key")),
        qPrintable(anthropic));
    const QString openai = lineOf(t.out, QStringLiteral("openai"));
    QVERIFY2(openai.startsWith(QStringLiteral("ok ")), qPrintable(openai));
    QVERIFY2(openai.endsWith(QStringLiteral("admin key stored; last sync 2026-11-09 19:30")), qPrintable(openai));

    const CliRun j = doctor({QStringLiteral("--format"), QStringLiteral("json")});
    const QJsonObject a = checkOf(j.json(), QStringLiteral("anthropic"));
    QCOMPARE(a.value(QStringLiteral("status")).toString(), QStringLiteral("warn"));
    QCOMPARE(a.value(QStringLiteral("last_error")).toString(), QStringLiteral("HTTP 401: invalid x-api-key"));
    QCOMPARE(a.value(QStringLiteral("failures")).toInt(), 2);
    QCOMPARE(a.value(QStringLiteral("last_attempt")).toString(), QStringLiteral("2026-11-10T12:00:00+01:00"));
    QVERIFY(a.value(QStringLiteral("last_success")).isNull());
    const QJsonObject o = checkOf(j.json(), QStringLiteral("openai"));
    QCOMPARE(o.value(QStringLiteral("last_success")).toString(), QStringLiteral("2026-11-09T19:30:00+01:00"));
    QVERIFY(o.value(QStringLiteral("last_error")).isNull());
}

void TestDoctor::priceBookAgeAndUserPrices()
{
    const auto shipped = PriceStore::shippedSnapshot();
    QVERIFY(shipped.ok());
    const QJsonObject snapshot = shipped->value(QStringLiteral("snapshot")).toObject();
    const QString id = snapshot.value(QStringLiteral("id")).toString();
    const QDateTime created =
        QDateTime::fromString(snapshot.value(QStringLiteral("created_at")).toString(), Qt::ISODate);
    QVERIFY(created.isValid());

    m_clock->set(created.addDays(90));
    CliRun r = doctor();
    QString line = lineOf(r.out, QStringLiteral("price book"));
    QVERIFY2(line.startsWith(QStringLiteral("ok ")), qPrintable(line));
    QVERIFY2(line.contains(QStringLiteral("%1 (shipped, from %2)")
                               .arg(id, created.toTimeZone(QTimeZone("Europe/Berlin")).date().toString(Qt::ISODate))),
             qPrintable(line));
    QVERIFY2(line.endsWith(QStringLiteral("no prices of your own")), qPrintable(line));

    m_clock->set(created.addDays(91));
    r = doctor();
    QCOMPARE(r.code, int(ExitOk));
    line = lineOf(r.out, QStringLiteral("price book"));
    QVERIFY2(line.startsWith(QStringLiteral("warn ")), qPrintable(line));
    QVERIFY2(line.endsWith(QStringLiteral("91 days old: run `burnrate prices update`")), qPrintable(line));

    m_clock->set(Now);
    QVERIFY(QDir().mkpath(dataDir()));
    const QString userPath = QDir(dataDir()).filePath(QStringLiteral("prices.user.json"));
    QFile user(userPath);
    QVERIFY(user.open(QIODevice::WriteOnly));
    user.write(R"({"format": "llm-spend-pricing-overlay", "format_version": 1, "id": "user", "providers": [
        {"id": "openai", "models": [{"id": "o3", "versions": [
            {"effective_from": "2026-01-01T00:00:00Z", "rates": {"input": "1", "output": "2"}}]}]}]})");
    user.close();
    r = doctor();
    line = lineOf(r.out, QStringLiteral("price book"));
    QVERIFY2(r.code == ExitOk, qPrintable(r.out + r.err));
    QVERIFY2(line.startsWith(QStringLiteral("ok ")), qPrintable(line));
    QVERIFY2(line.endsWith(QStringLiteral("1 price of your own in prices.user.json")), qPrintable(line));

    QVERIFY(user.open(QIODevice::WriteOnly | QIODevice::Truncate));
    user.write("{\"providers\": [");
    user.close();
    r = doctor();
    QCOMPARE(r.code, int(ExitFailure));
    line = lineOf(r.out, QStringLiteral("price book"));
    QVERIFY2(line.startsWith(QStringLiteral("fail ")), qPrintable(line));
    QVERIFY2(line.contains(QStringLiteral("prices.user.json is not a JSON object")), qPrintable(line));
}

void TestDoctor::notificationServerOfTheHarness()
{
    if (qEnvironmentVariableIsEmpty("BURNRATE_HARNESS")) {
        QSKIP("needs the real-parts harness (dunst on the session bus): run through ./dev test or "
              "tests/support/harness/with-harness.sh");
    }
    const CliRun r = doctor({QStringLiteral("--format"), QStringLiteral("json")});
    const QJsonObject n = checkOf(r.json(), QStringLiteral("notifications"));
    QCOMPARE(n.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(n.value(QStringLiteral("server")).toString(), QStringLiteral("dunst"));
    QVERIFY2(n.value(QStringLiteral("detail")).toString().startsWith(QStringLiteral("dunst ")),
             qPrintable(n.value(QStringLiteral("detail")).toString()));
    QVERIFY(!n.value(QStringLiteral("version")).toString().isEmpty());
    // The harness's tray is trayer, an X11 system tray: no StatusNotifier host.
    const QJsonObject tray = checkOf(r.json(), QStringLiteral("tray"));
    QCOMPARE(tray.value(QStringLiteral("status")).toString(), QStringLiteral("warn"));
    QCOMPARE(tray.value(QStringLiteral("session_bus")).toBool(), true);
    QVERIFY(tray.value(QStringLiteral("detail")).toString().contains(QStringLiteral("X11 system tray")));
}

Outcome TestDoctor::runBinary(const QString &busAddress)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys()) {
        if (name.startsWith(QLatin1String("BURNRATE_")) || name == QLatin1String("DISPLAY") ||
            name == QLatin1String("WAYLAND_DISPLAY") || name == QLatin1String("QT_QPA_PLATFORM")) {
            env.remove(name);
        }
    }
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), busAddress);
    env.insert(QStringLiteral("BURNRATE_DATA_DIR"), dataDir());
    env.insert(QStringLiteral("BURNRATE_TIMEZONE"), QStringLiteral("UTC"));
    p.setProcessEnvironment(env);
    p.start(Binary, {QStringLiteral("doctor"), QStringLiteral("--format"), QStringLiteral("json")});
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

void TestDoctor::privateSessionBus()
{
#if !defined(Q_OS_UNIX) || defined(Q_OS_DARWIN)
    QSKIP("the tray and notification checks ask the session D-Bus on Linux only");
#else
    const QString daemon = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
    if (daemon.isEmpty()) {
        QSKIP("dbus-daemon is not installed (./dev test installs it)");
    }
    // A session bus of our own, with nothing that can be started on demand (no service folders).
    const QString config = m_dir->filePath(QStringLiteral("bus.conf"));
    QFile conf(config);
    QVERIFY(conf.open(QIODevice::WriteOnly));
    conf.write(QStringLiteral(R"(<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=%1</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
)")
                   .arg(m_dir->path())
                   .toUtf8());
    conf.close();
    QProcess bus;
    bus.start(daemon, {QStringLiteral("--config-file=") + config, QStringLiteral("--nofork"),
                       QStringLiteral("--print-address=1")});
    QVERIFY2(bus.waitForStarted(), qPrintable(bus.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(bus.canReadLine(), 10000);
    const QString address = QString::fromUtf8(bus.readLine()).trimmed();
    QVERIFY2(address.startsWith(QLatin1String("unix:")), qPrintable(address));
    const auto stopBus = qScopeGuard([&bus] {
        bus.terminate();
        if (!bus.waitForFinished(5000)) {
            bus.kill();
            bus.waitForFinished();
        }
    });

    Outcome r = runBinary(address);
    QVERIFY2(r.code >= 0, r.err.constData());
    QJsonObject tray = checkOf(r.json(), QStringLiteral("tray"));
    QCOMPARE(tray.value(QStringLiteral("status")).toString(), QStringLiteral("warn"));
    QCOMPARE(tray.value(QStringLiteral("detail")).toString(),
             QStringLiteral("no StatusNotifier host on the session bus (an X11 system tray is not visible from the "
                            "command line)"));
    const QJsonObject notifications = checkOf(r.json(), QStringLiteral("notifications"));
    QCOMPARE(notifications.value(QStringLiteral("status")).toString(), QStringLiteral("warn"));
    QCOMPARE(notifications.value(QStringLiteral("detail")).toString(),
             QStringLiteral("no notification service: alerts show as tray messages"));
    // The real keychain has no Secret Service on this bus: that is a failure, in one line, and exit 1.
    const QJsonObject keychain = checkOf(r.json(), QStringLiteral("keychain"));
    QCOMPARE(keychain.value(QStringLiteral("status")).toString(), QStringLiteral("fail"));
    QVERIFY(!keychain.value(QStringLiteral("detail")).toString().contains(QLatin1Char('\n')));
    QCOMPARE(r.code, int(ExitFailure));
    QCOMPARE(checkOf(r.json(), QStringLiteral("tls")).value(QStringLiteral("status")).toString(), QStringLiteral("ok"));

    // A StatusNotifier host appears (what KDE Plasma and the AppIndicator extensions register).
    {
        QDBusConnection host = QDBusConnection::connectToBus(address, QStringLiteral("doctor-test-host"));
        QVERIFY2(host.isConnected(), qPrintable(host.lastError().message()));
        QVERIFY(host.registerService(QStringLiteral("org.kde.StatusNotifierWatcher")));
        r = runBinary(address);
        tray = checkOf(r.json(), QStringLiteral("tray"));
        QCOMPARE(tray.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QVERIFY2(tray.value(QStringLiteral("detail")).toString().startsWith(QStringLiteral("StatusNotifierItem host")),
                 qPrintable(tray.value(QStringLiteral("detail")).toString()));
        QCOMPARE(tray.value(QStringLiteral("status_notifier_watcher")).toBool(), true);
    }
    QDBusConnection::disconnectFromBus(QStringLiteral("doctor-test-host"));
#endif
}

void TestDoctor::noSessionBus()
{
#if !defined(Q_OS_UNIX) || defined(Q_OS_DARWIN)
    QSKIP("the tray and notification checks ask the session D-Bus on Linux only");
#else
    const Outcome r = runBinary(QStringLiteral("unix:path=") + m_dir->filePath(QStringLiteral("no-bus-here")));
    QVERIFY2(r.code >= 0, r.err.constData());
    for (const QString &name : {QStringLiteral("tray"), QStringLiteral("notifications")}) {
        const QJsonObject c = checkOf(r.json(), name);
        QCOMPARE(c.value(QStringLiteral("status")).toString(), QStringLiteral("warn"));
        QCOMPARE(c.value(QStringLiteral("session_bus")).toBool(true), false);
        QVERIFY2(c.value(QStringLiteral("detail")).toString().startsWith(QStringLiteral("no D-Bus session bus")),
                 qPrintable(c.value(QStringLiteral("detail")).toString()));
    }
    QCOMPARE(checkOf(r.json(), QStringLiteral("keychain")).value(QStringLiteral("status")).toString(),
             QStringLiteral("fail"));
    QCOMPARE(r.code, int(ExitFailure));
#endif
}

void TestDoctor::desktopOfOtherSystems()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN)
    QSKIP("macOS and Windows only: Linux asks the session D-Bus (privateSessionBus, noSessionBus)");
#else
    const CliRun r = doctor({QStringLiteral("--format"), QStringLiteral("json")});
    const QJsonObject tray = checkOf(r.json(), QStringLiteral("tray"));
    const QJsonObject notifications = checkOf(r.json(), QStringLiteral("notifications"));
    QCOMPARE(tray.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(notifications.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
#if defined(Q_OS_MACOS)
    QCOMPARE(tray.value(QStringLiteral("detail")).toString(), QStringLiteral("the menu bar"));
    QCOMPARE(notifications.value(QStringLiteral("detail")).toString(), QStringLiteral("Notification Center"));
#else
    QCOMPARE(tray.value(QStringLiteral("detail")).toString(), QStringLiteral("the notification area"));
    QCOMPARE(notifications.value(QStringLiteral("detail")).toString(), QStringLiteral("tray balloon"));
#endif
#endif
}

QTEST_GUILESS_MAIN(TestDoctor)
#include "tst_doctor.moc"

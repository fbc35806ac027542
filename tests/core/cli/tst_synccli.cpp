// `burnrate keys` and `burnrate sync` in-process, against fake providers on local ports and a keychain in
// memory: validation messages, masking, environment overrides, no-keychain messages, exit codes, and the
// provenance `report --by provider` shows after a sync.
#include "cli/cli.h"
#include "clitestutil.h"
#include "fakeproviders.h"
#include "fixturetest.h"
#include "memorysecretstore.h"
#include "util/clock.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace burnrate;
using namespace burnrate::cli;
using namespace burnrate::test;

namespace {} // namespace

class TestSyncCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void setValidatesAndStoresMasked();
    void setRefusesTheWrongKind_data();
    void setRefusesTheWrongKind();
    void setWithoutKeychainNamesTheEnvironment();
    void usageErrors_data();
    void usageErrors();
    void listShowsSourcesAndMasks();
    void removeDeletes();
    void syncAllThenReportProvenance();
    void syncFailureExitsOne();
    void syncWithoutAnyKey();

private:
    CliRun run(const QStringList &args, const QByteArray &input = {});
    void setAllKeys();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FixedClock> m_clock;
    std::unique_ptr<FakeOrg> m_org;
    std::unique_ptr<FakeOpenAi> m_openai;
    std::unique_ptr<FakeAnthropic> m_anthropic;
    std::unique_ptr<FakeOpenRouter> m_openrouter;
    std::unique_ptr<FakeDeepSeek> m_deepseek;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    QHash<QString, QString> m_env;
};

void TestSyncCli::initTestCase()
{
    REQUIRE_FIXTURES(FakeProvider::servedFixtures());
}

void TestSyncCli::init()
{
    qputenv("BURNRATE_TIMEZONE", "UTC");
    m_dir = std::make_unique<QTemporaryDir>();
    m_clock = std::make_unique<FixedClock>(QDateTime(QDate(2026, 11, 20), QTime(15, 37), Qt::UTC));
    m_org = std::make_unique<FakeOrg>(QStringLiteral("gpt-fake"), 4, 2);
    m_openai = std::make_unique<FakeOpenAi>(*m_org, *m_clock);
    m_anthropic = std::make_unique<FakeAnthropic>(*m_org, *m_clock);
    m_openrouter = std::make_unique<FakeOpenRouter>(*m_org, *m_clock);
    m_deepseek = std::make_unique<FakeDeepSeek>(*m_clock);
    m_secrets = std::make_unique<MemorySecretStore>();
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_env = {{QStringLiteral("BURNRATE_OPENAI_BASE_URL"), m_openai->origin()},
             {QStringLiteral("BURNRATE_ANTHROPIC_BASE_URL"), m_anthropic->origin()},
             {QStringLiteral("BURNRATE_OPENROUTER_BASE_URL"), m_openrouter->origin()},
             {QStringLiteral("BURNRATE_DEEPSEEK_BASE_URL"), m_deepseek->origin()}};
}

void TestSyncCli::cleanup()
{
    m_nam.reset();
    m_secrets.reset();
    m_openai.reset();
    m_anthropic.reset();
    m_openrouter.reset();
    m_deepseek.reset();
}

CliRun TestSyncCli::run(const QStringList &args, const QByteArray &input)
{
    QByteArray inBytes = input;
    QBuffer inBuf(&inBytes);
    inBuf.open(QIODevice::ReadOnly);
    CliServices services;
    services.clock = m_clock.get();
    services.secrets = m_secrets.get();
    services.nam = m_nam.get();
    services.env = [this](const QString &name) {
        return m_env.value(name);
    };
    services.input = &inBuf;
    services.policy.timeoutMs = 2000;
    services.policy.maxAttempts = 2;
    services.policy.backoffBaseMs = 10;
    return runCli(m_dir->path(), args, services);
}

void TestSyncCli::setAllKeys()
{
    QCOMPARE(run({"keys", "set", "openai"}, FakeOpenAi::adminKey().toUtf8() + "\n").code, 0);
    QCOMPARE(run({"keys", "set", "anthropic"}, FakeAnthropic::adminKey().toUtf8()).code, 0);
    QCOMPARE(run({"keys", "set", "openrouter"}, FakeOpenRouter::inferenceKey().toUtf8()).code, 0);
    QCOMPARE(run({"keys", "set", "openrouter", "--kind", "management"}, FakeOpenRouter::managementKey().toUtf8()).code,
             0);
    QCOMPARE(run({"keys", "set", "deepseek"}, FakeDeepSeek::key().toUtf8()).code, 0);
}

void TestSyncCli::setValidatesAndStoresMasked()
{
    const CliRun r = run({"keys", "set", "openai"}, "  " + FakeOpenAi::adminKey().toUtf8() + "\n");
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out,
             QStringLiteral("stored the openai admin key sk-…abcd in the test's memory (OpenAI accepted the Admin "
                            "key)\n"));
    QVERIFY(r.err.isEmpty());
    QCOMPARE(m_secrets->entries().value(QStringLiteral("openai/admin")), FakeOpenAi::adminKey());
    // Checked live against the endpoint the key is for.
    QCOMPARE(m_openai->requestCount(QStringLiteral("/v1/organization/costs")), 1);
    QVERIFY(!r.out.contains(FakeOpenAi::adminKey()));
}

void TestSyncCli::setRefusesTheWrongKind_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("message");
    QTest::addRow("openai project key") << QStringList{"keys", "set", "openai"} << FakeOpenAi::projectKey()
                                        << "burnrate: this is an inference key; usage needs an Admin key — create one "
                                           "at https://platform.openai.com/settings/organization/admin-keys; nothing "
                                           "was stored\n";
    QTest::addRow("anthropic api key")
        << QStringList{"keys", "set", "anthropic"} << FakeAnthropic::apiKey()
        << "burnrate: this is an inference key; usage needs an Admin key — create one at "
           "https://console.anthropic.com/settings/admin-keys; nothing was stored\n";
    QTest::addRow("openrouter inference as management")
        << QStringList{"keys", "set", "openrouter", "--kind", "management"} << FakeOpenRouter::inferenceKey()
        << "burnrate: this is an inference key; credits and activity need a Management key — create one at "
           "https://openrouter.ai/settings/management-keys; nothing was stored\n";
    QTest::addRow("openrouter management as inference")
        << QStringList{"keys", "set", "openrouter"} << FakeOpenRouter::managementKey()
        << "burnrate: this is a management key; store it with --kind management; nothing was stored\n";
    QTest::addRow("deepseek bad key") << QStringList{"keys", "set", "deepseek"} << "sk-nope000000000000000000"
                                      << "burnrate: DeepSeek rejected the key: it is invalid or was revoked (HTTP 401: "
                                         "Authentication Fails (no such user)); nothing was stored\n";
}

void TestSyncCli::setRefusesTheWrongKind()
{
    QFETCH(QStringList, args);
    QFETCH(QString, key);
    QFETCH(QString, message);
    m_openai->setWrongKindStatus(403);
    const CliRun r = run(args, key.toUtf8());
    QCOMPARE(r.code, int(ExitFailure));
    QCOMPARE(r.err, message);
    QVERIFY(r.out.isEmpty());
    QVERIFY(m_secrets->entries().isEmpty());
}

void TestSyncCli::setWithoutKeychainNamesTheEnvironment()
{
    m_secrets->setUnavailable(true);
    const CliRun r = run({"keys", "set", "openai"}, FakeOpenAi::adminKey().toUtf8());
    QCOMPARE(r.code, int(ExitFailure));
    QCOMPARE(r.err,
             QStringLiteral("burnrate: no keychain is available (the test switched it off); Burnrate never writes "
                            "keys to disk, so set BURNRATE_OPENAI_ADMIN_KEY in the environment instead\n"));
    QCOMPARE(m_openai->requestCount(), 0); // not even checked: it could not be kept anyway
    const QStringList files = QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden);
    for (const QString &f : files) {
        QFile file(m_dir->filePath(f));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(FakeOpenAi::adminKey().toUtf8()));
    }
}

void TestSyncCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::addRow("no action") << QStringList{"keys"} << "burnrate keys: say set, list or remove";
    QTest::addRow("no provider") << QStringList{"keys", "set"} << "burnrate keys: name a provider";
    QTest::addRow("unknown provider") << QStringList{"keys", "set", "mistral"}
                                      << "burnrate keys: unknown provider \"mistral\"";
    QTest::addRow("wrong kind for provider")
        << QStringList{"keys", "set", "openai", "--kind", "management"}
        << "burnrate keys: Burnrate uses admin keys of openai, not management keys";
    QTest::addRow("bad kind") << QStringList{"keys", "set", "openai", "--kind", "root"}
                              << "burnrate keys: --kind must be admin, management or inference";
    QTest::addRow("empty key") << QStringList{"keys", "set", "deepseek"} << "burnrate keys: no key on standard input";
    QTest::addRow("sync unknown provider") << QStringList{"sync", "xai"} << "burnrate sync: unknown provider \"xai\"";
    QTest::addRow("sync bad date") << QStringList{"sync", "--since", "last week"}
                                   << "burnrate sync: --since must be a date";
    QTest::addRow("reconcile with by") << QStringList{"report", "--reconcile", "--by", "model"}
                                       << "burnrate report: --reconcile has its own rows";
}

void TestSyncCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const CliRun r = run(args);
    QCOMPARE(r.code, int(ExitUsage));
    QVERIFY2(r.err.startsWith(message), qPrintable(r.err));
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
}

void TestSyncCli::listShowsSourcesAndMasks()
{
    QCOMPARE(run({"keys", "set", "deepseek"}, FakeDeepSeek::key().toUtf8()).code, 0);
    m_env.insert(QStringLiteral("BURNRATE_ANTHROPIC_ADMIN_KEY"), QStringLiteral("sk-ant-admin01-fromtheenv9876"));
    const CliRun r = run({"keys", "list"});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, QStringLiteral("PROVIDER    KIND        KEY               SOURCE\n"
                                   "openai      admin       -                 not set\n"
                                   "anthropic   admin       sk-…9876          BURNRATE_ANTHROPIC_ADMIN_KEY\n"
                                   "openrouter  inference   -                 not set\n"
                                   "openrouter  management  -                 not set\n"
                                   "deepseek    inference   sk-…uvwx          keychain\n"));
    m_secrets->setUnavailable(true);
    const CliRun off = run({"keys", "list"});
    QVERIFY(off.out.contains(QStringLiteral("deepseek    inference   -                 keychain unavailable")));
    QVERIFY(off.out.contains(QStringLiteral("BURNRATE_ANTHROPIC_ADMIN_KEY")));
    QVERIFY(off.err.startsWith(QStringLiteral("burnrate: no keychain is available")));
}

void TestSyncCli::removeDeletes()
{
    QCOMPARE(run({"keys", "set", "openrouter"}, FakeOpenRouter::inferenceKey().toUtf8()).code, 0);
    QCOMPARE(run({"keys", "set", "openrouter", "--kind", "management"}, FakeOpenRouter::managementKey().toUtf8()).code,
             0);
    const CliRun one = run({"keys", "remove", "openrouter", "--kind", "management"});
    QCOMPARE(one.code, 0);
    QCOMPARE(one.out, QStringLiteral("removed the openrouter management key from the test's memory\n"));
    QCOMPARE(m_secrets->entries().keys(), QStringList{QStringLiteral("openrouter/inference")});
    QCOMPARE(run({"keys", "remove", "openrouter"}).code, 0);
    QVERIFY(m_secrets->entries().isEmpty());
    const CliRun again = run({"keys", "remove", "openrouter"});
    QCOMPARE(again.code, int(ExitFailure));
    QCOMPARE(again.err, QStringLiteral("burnrate: no openrouter key is stored in the keychain\n"));
}

void TestSyncCli::syncAllThenReportProvenance()
{
    setAllKeys();
    const CliRun r = run({"sync"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QVERIFY2(lines.at(0).startsWith(QStringLiteral("openai: synced usage/completions 2026-08-22..2026-11-20 (")),
             qPrintable(lines.at(0)));
    QVERIFY(lines.at(0).contains(QStringLiteral("), costs 2026-08-22..2026-11-20 ($")));
    QVERIFY(lines.at(0).endsWith(QStringLiteral(" billed) in 5 requests")));
    QCOMPARE(lines.at(3), QStringLiteral("deepseek: synced user/balance snapshot in 1 request"));

    // The money of each provider-day comes from one source, and each row says which.
    const CliRun report = run({"report", "--by", "provider", "--format", "json"});
    QCOMPARE(report.code, 0);
    const QJsonArray rows =
        QJsonDocument::fromJson(report.out.toUtf8()).object().value(QStringLiteral("rows")).toArray();
    QSet<QString> seen;
    for (const QJsonValue &v : rows) {
        seen.insert(v[QStringLiteral("key")].toString() + QLatin1Char('/') +
                    v[QStringLiteral("provenance")].toString());
    }
    QVERIFY2(seen.contains(QStringLiteral("openai/billed")), qPrintable(report.out));
    QVERIFY(seen.contains(QStringLiteral("openai/estimated"))); // the last two days are not closed
    QVERIFY(seen.contains(QStringLiteral("anthropic/billed")));
    QVERIFY(seen.contains(QStringLiteral("openrouter/billed")));
    const CliRun table = run({"report", "--by", "provider"});
    QVERIFY(table.out.contains(QStringLiteral("Provenance: billed = the provider's cost report")));
    QVERIFY(table.out.contains(QStringLiteral("are unpriced and not included in the cost")));

    // Reconcile: billed beside estimated per provider and UTC day.
    const CliRun rec =
        run({"report", "--reconcile", "--since", "2026-11-17", "--until", "2026-11-19", "--format", "json"});
    QCOMPARE(rec.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(rec.out.toUtf8()).object();
    QCOMPARE(o.value(QStringLiteral("days")).toString(), QStringLiteral("UTC"));
    const QJsonArray recRows = o.value(QStringLiteral("rows")).toArray();
    QCOMPARE(recRows.size(), 3 * 3); // three days of openai and anthropic (both sides) and openrouter (billed only)
    for (const QJsonValue &v : recRows) {
        if (v[QStringLiteral("provider")].toString() == QLatin1String("openrouter")) {
            QVERIFY(v[QStringLiteral("estimated_nano")].isNull());
        }
    }
    QJsonObject first = recRows.at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("day")).toString(), QStringLiteral("2026-11-17"));
    QCOMPARE(first.value(QStringLiteral("provider")).toString(), QStringLiteral("anthropic"));
    QVERIFY(first.value(QStringLiteral("billed_nano")).toDouble() > 0);
    QVERIFY(first.value(QStringLiteral("drift_pct")).isNull()); // no pricer yet: the estimate is unpriced
    QCOMPARE(first.value(QStringLiteral("closed")).toBool(), true);
    QCOMPARE(first.value(QStringLiteral("counted")).toString(), QStringLiteral("billed"));
    const CliRun recTable = run({"report", "--reconcile", "--since", "2026-11-19"});
    QVERIFY2(recTable.out.contains(QStringLiteral("(open)")), qPrintable(recTable.out));
}

void TestSyncCli::syncFailureExitsOne()
{
    setAllKeys();
    m_anthropic->pushFault(QStringLiteral("/v1/organizations/usage_report/messages"),
                           HttpResponse::json(R"({"type":"error","error":{"type":"api_error","message":"boom"}})", 500),
                           2);
    const CliRun r = run({"sync", "anthropic", "deepseek"});
    QCOMPARE(r.code, int(ExitFailure));
    QCOMPARE(r.err, QStringLiteral("burnrate: anthropic: Anthropic usage: the provider had a server error (HTTP 500: "
                                   "boom)\n"));
    QCOMPARE(r.out, QStringLiteral("deepseek: synced user/balance snapshot in 1 request\n"));
    const CliRun json = run({"sync", "deepseek", "--format", "json"});
    QCOMPARE(json.code, 0);
    const QJsonObject p = QJsonDocument::fromJson(json.out.toUtf8())
                              .object()
                              .value(QStringLiteral("providers"))
                              .toArray()
                              .at(0)
                              .toObject();
    QCOMPARE(p.value(QStringLiteral("status")).toString(), QStringLiteral("synced"));
    QCOMPARE(p.value(QStringLiteral("requests")).toInt(), 1);
}

void TestSyncCli::syncWithoutAnyKey()
{
    const CliRun r = run({"sync"});
    QCOMPARE(r.code, int(ExitFailure));
    QVERIFY(r.err.startsWith(QStringLiteral("burnrate: no provider has a key (burnrate keys set PROVIDER")));
    QCOMPARE(r.out.count(QStringLiteral(": skipped, no key")), 4);
    const CliRun named = run({"sync", "deepseek"});
    QCOMPARE(named.code, int(ExitFailure));
    QCOMPARE(named.err, QStringLiteral("burnrate: deepseek: no key (burnrate keys set deepseek, or set "
                                       "BURNRATE_DEEPSEEK_KEY)\n"));
}

QTEST_GUILESS_MAIN(TestSyncCli)
#include "tst_synccli.moc"

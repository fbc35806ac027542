// KeyReplacer, the one way keys are stored (`burnrate keys set` and the settings dialog): checked live against a
// fake provider on a local port, stored only when it passes, never in a message.
#include "fakeproviders.h"
#include "fixturetest.h"
#include "memorysecretstore.h"
#include "providers/keyreplacer.h"
#include "util/clock.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace burnrate;
using namespace burnrate::test;

class TestKeyReplacer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void goodKeyIsStored();
    void wrongKindIsRejected_data();
    void wrongKindIsRejected();
    void badFormatAsksNobody_data();
    void badFormatAsksNobody();
    void noKeychainNamesTheVariable();
    void silentProviderTimesOut();
    void destroyedReplacerNeverCallsBack();

private:
    KeyReplacer::Outcome replace(const QString &key, KeyKind kind = KeyKind::Admin);

    std::unique_ptr<FixedClock> m_clock;
    std::unique_ptr<FakeOrg> m_org;
    std::unique_ptr<FakeOpenAi> m_openai;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    QHash<QString, QString> m_env;
    std::unique_ptr<KeyReplacer> m_replacer;
};

void TestKeyReplacer::initTestCase()
{
    REQUIRE_FIXTURES(FakeProvider::servedFixtures());
}

void TestKeyReplacer::init()
{
    m_clock = std::make_unique<FixedClock>(QDateTime(QDate(2026, 11, 20), QTime(15, 37), Qt::UTC));
    m_org = std::make_unique<FakeOrg>(QStringLiteral("gpt-fake"), 2, 1);
    m_openai = std::make_unique<FakeOpenAi>(*m_org, *m_clock);
    m_secrets = std::make_unique<MemorySecretStore>();
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_env = {{QStringLiteral("BURNRATE_OPENAI_BASE_URL"), m_openai->origin()}};
    HttpPolicy policy;
    policy.timeoutMs = 2000;
    policy.maxAttempts = 1;
    m_replacer = std::make_unique<KeyReplacer>(
        *m_secrets, *m_nam, *m_clock, [this](const QString &n) { return m_env.value(n); }, policy);
}

void TestKeyReplacer::cleanup()
{
    m_replacer.reset();
    m_nam.reset();
    m_openai.reset();
}

KeyReplacer::Outcome TestKeyReplacer::replace(const QString &key, KeyKind kind)
{
    KeyReplacer::Outcome out;
    bool called = false;
    m_replacer->replace(*keySpec(QStringLiteral("openai"), kind), key, [&](const KeyReplacer::Outcome &o) {
        out = o;
        called = true;
    });
    if (called) {
        qFatal("the callback ran before replace() returned");
    }
    for (int i = 0; i < 1500 && !called; ++i) {
        QTest::qWait(10);
    }
    if (!called) {
        out.error = KeyReplacer::Outcome::Error::CheckFailed;
        out.message = QStringLiteral("the test gave up waiting");
    }
    return out;
}

void TestKeyReplacer::goodKeyIsStored()
{
    m_env.insert(QStringLiteral("BURNRATE_OPENAI_ADMIN_KEY"), QStringLiteral("sk-admin-fromenv"));
    const auto out = replace(FakeOpenAi::adminKey());
    QVERIFY2(out.ok(), qPrintable(out.message));
    QCOMPARE(m_secrets->entries().value(QStringLiteral("openai/admin")), FakeOpenAi::adminKey());
    QCOMPARE(out.maskedKey, QStringLiteral("sk-…abcd"));
    QVERIFY(out.envOverrides);
    QVERIFY(!out.message.contains(FakeOpenAi::adminKey()));
    QVERIFY(m_openai->requestCount() >= 1);
    QVERIFY(!m_replacer->busy());
    // The check asks for the costs from a day before the injected clock's "now".
    const HttpRequest check = m_openai->server().requests().last();
    QVERIFY2(check.path.endsWith(QStringLiteral("/organization/costs")), qPrintable(check.path));
    QCOMPARE(check.query.queryItemValue(QStringLiteral("start_time")),
             QString::number(m_clock->nowUtc().addDays(-1).toSecsSinceEpoch()));
}

void TestKeyReplacer::wrongKindIsRejected_data()
{
    QTest::addColumn<int>("status");
    QTest::addRow("401") << 401;
    QTest::addRow("403") << 403; // not an Unauthorized: rejected because the client marks the key's kind as wrong
}

void TestKeyReplacer::wrongKindIsRejected()
{
    QFETCH(int, status);
    m_openai->setWrongKindStatus(status);
    const auto out = replace(FakeOpenAi::projectKey());
    QCOMPARE(out.error, KeyReplacer::Outcome::Error::Rejected);
    QVERIFY2(out.message.endsWith(QStringLiteral("; nothing was stored")), qPrintable(out.message));
    QVERIFY(out.message.contains(QStringLiteral("Admin key")));
    QVERIFY(!out.message.contains(FakeOpenAi::projectKey()));
    QVERIFY(m_secrets->entries().isEmpty());
    QVERIFY(!out.envOverrides);
}

void TestKeyReplacer::badFormatAsksNobody_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("message");
    QTest::addRow("space") << "sk-admin two"
                           << "the key must be one line without spaces";
    QTest::addRow("newline") << "sk-admin\ntwo"
                             << "the key must be one line without spaces";
    QTest::addRow("empty") << ""
                           << "no key was given";
}

void TestKeyReplacer::badFormatAsksNobody()
{
    QFETCH(QString, key);
    QFETCH(QString, message);
    const auto out = replace(key);
    QCOMPARE(out.error, KeyReplacer::Outcome::Error::BadFormat);
    QCOMPARE(out.message, message);
    QCOMPARE(m_openai->requestCount(), 0);
    QVERIFY(m_secrets->entries().isEmpty());
}

void TestKeyReplacer::noKeychainNamesTheVariable()
{
    m_secrets->setUnavailable(true);
    const auto out = replace(FakeOpenAi::adminKey());
    QCOMPARE(out.error, KeyReplacer::Outcome::Error::NoKeychain);
    QVERIFY2(out.message.contains(QStringLiteral("BURNRATE_OPENAI_ADMIN_KEY")), qPrintable(out.message));
    QCOMPARE(m_openai->requestCount(), 0); // not checked for nothing
}

void TestKeyReplacer::silentProviderTimesOut()
{
    HttpResponse hang;
    hang.hang = true;
    m_openai->pushFault(QStringLiteral("/v1/"), hang, 10);
    m_replacer->setTimeouts({5000, 300});
    const auto out = replace(FakeOpenAi::adminKey());
    QCOMPARE(out.error, KeyReplacer::Outcome::Error::CheckFailed);
    QCOMPARE(out.message, QStringLiteral("OpenAI did not answer in time; nothing was stored"));
    QVERIFY(m_secrets->entries().isEmpty());
}

void TestKeyReplacer::destroyedReplacerNeverCallsBack()
{
    bool called = false;
    m_replacer->replace(*keySpec(QStringLiteral("openai"), KeyKind::Admin), FakeOpenAi::adminKey(),
                        [&](const KeyReplacer::Outcome &) { called = true; });
    m_replacer.reset();
    QTest::qWait(300);
    QVERIFY(!called);
    QVERIFY(m_secrets->entries().isEmpty());
}

QTEST_GUILESS_MAIN(TestKeyReplacer)
#include "tst_keyreplacer.moc"

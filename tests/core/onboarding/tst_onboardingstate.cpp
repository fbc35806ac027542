// When the first-run onboarding shows (empty ledger, no key, never completed or skipped) and the agent-log
// sources the user agreed to import, kept in the real settings file.
#include "ledger/database.h"
#include "ledger/ledger.h"
#include "onboarding/onboardingstate.h"
#include "util/settings.h"

#include <QTemporaryDir>
#include <QTest>

using namespace burnrate;

class TestOnboardingState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void neededOnlyOnAFreshStart_data();
    void neededOnlyOnAFreshStart();
    void agreedSourcesRoundTrip();
};

void TestOnboardingState::neededOnlyOnAFreshStart_data()
{
    QTest::addColumn<QString>("fact"); // what the ledger holds
    QTest::addColumn<bool>("key");
    QTest::addColumn<QString>("state");
    QTest::addColumn<bool>("needed");
    QTest::addRow("fresh") << QString() << false << QString() << true;
    QTest::addRow("a key") << QString() << true << QString() << false;
    QTest::addRow("completed") << QString() << false << QStringLiteral("completed") << false;
    QTest::addRow("skipped") << QString() << false << QStringLiteral("skipped") << false;
    QTest::addRow("a request") << QStringLiteral("INSERT INTO events (source, source_key, occurred_at, provider, model)"
                                                 " VALUES ('demo', 'k', 0, 'openai', 'gpt-4o')")
                               << false << QString() << false;
    QTest::addRow("a balance") << QStringLiteral("INSERT INTO balances (provider, account, at, credit_nano, used_nano)"
                                                 " VALUES ('deepseek', '', 0, 1, 0)")
                               << false << QString() << false;
}

void TestOnboardingState::neededOnlyOnAFreshStart()
{
    QFETCH(QString, fact);
    QFETCH(bool, key);
    QFETCH(QString, state);
    QFETCH(bool, needed);
    QTemporaryDir dir;
    auto ledger = Ledger::open(dir.path(), *LocalCalendar::forZoneId("UTC"));
    QVERIFY2(ledger.ok(), qPrintable(ledger.error()));
    if (!fact.isEmpty()) {
        const Status st = (*ledger)->db().exec(fact.toStdString());
        QVERIFY2(st.ok(), qPrintable(st.error()));
    }
    Settings settings(dir.path());
    if (state == QLatin1String("completed")) {
        OnboardingState::markCompleted(settings);
    } else if (state == QLatin1String("skipped")) {
        OnboardingState::markSkipped(settings);
    }
    QCOMPARE(OnboardingState::needed(**ledger, Settings(dir.path()), key), needed);
    QCOMPARE(OnboardingState::ledgerHoldsData(**ledger), !fact.isEmpty());
}

void TestOnboardingState::agreedSourcesRoundTrip()
{
    QTemporaryDir dir;
    Settings settings(dir.path());
    QVERIFY(OnboardingState::agreedSources(settings).isEmpty());
    OnboardingState::setAgreed(settings, AgentLogSource::Codex, true);
    OnboardingState::setAgreed(settings, AgentLogSource::ClaudeCode, true);
    OnboardingState::setAgreed(settings, AgentLogSource::Codex, true);
    QCOMPARE(OnboardingState::agreedSources(Settings(dir.path())),
             (QList<AgentLogSource>{AgentLogSource::Codex, AgentLogSource::ClaudeCode}));
    OnboardingState::setAgreed(settings, AgentLogSource::Codex, false);
    QCOMPARE(OnboardingState::agreedSources(Settings(dir.path())), QList<AgentLogSource>{AgentLogSource::ClaudeCode});
}

QTEST_GUILESS_MAIN(TestOnboardingState)
#include "tst_onboardingstate.moc"

// Settings › Agent logs: ticking a source and choosing how it is paid is written on Apply (the agreed sources in
// settings.ini, the billing in the ledger, re-marking rows already imported); an unticked, undecided source stays
// undecided.
#include "importers/sourcebilling.h"
#include "ledger/ledger.h"
#include "onboarding/onboardingstate.h"
#include "ui/settings/agentlogssection.h"
#include "util/settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QTemporaryDir>
#include <QTest>

namespace burnrate::test {

class AgentLogsSectionTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tickedSourceAndBillingAreWrittenOnApply();
};

void AgentLogsSectionTest::tickedSourceAndBillingAreWrittenOnApply()
{
    QTemporaryDir dir;
    auto ledger = Ledger::open(dir.path(), *LocalCalendar::forZoneId("UTC"));
    QVERIFY2(ledger, qPrintable(ledger.error()));
    ui::AgentLogsSection section(**ledger, dir.path());
    section.load();
    QVERIFY(!section.watchBox(AgentLogSource::ClaudeCode)->isChecked());
    QVERIFY(!section.watchBox(AgentLogSource::Codex)->isChecked());

    section.watchBox(AgentLogSource::ClaudeCode)->setChecked(true);
    QComboBox *billing = section.billingBox(AgentLogSource::ClaudeCode);
    billing->setCurrentIndex(billing->findData(static_cast<int>(Billing::Subscription)));
    // Nothing is written before Apply.
    QVERIFY(OnboardingState::agreedSources(Settings(dir.path())).isEmpty());
    QVERIFY(!SourceBilling::decided(**ledger, QStringLiteral("claude-code")));

    bool changed = false;
    QCOMPARE(section.apply(changed), QString());
    QVERIFY(changed);
    QCOMPARE(OnboardingState::agreedSources(Settings(dir.path())), QList<AgentLogSource>{AgentLogSource::ClaudeCode});
    QCOMPARE(SourceBilling::decided(**ledger, QStringLiteral("claude-code")), std::optional(Billing::Subscription));
    QVERIFY(!SourceBilling::decided(**ledger, QStringLiteral("codex"))); // not imported: still undecided

    // Read back into a new section; applying without an edit changes nothing.
    ui::AgentLogsSection again(**ledger, dir.path());
    again.load();
    QVERIFY(again.watchBox(AgentLogSource::ClaudeCode)->isChecked());
    QCOMPARE(again.billingBox(AgentLogSource::ClaudeCode)->currentData().toInt(),
             static_cast<int>(Billing::Subscription));
    changed = false;
    QCOMPARE(again.apply(changed), QString());
    QVERIFY(!changed);

    // Unticked: no longer agreed; the billing decision stays with the data.
    again.watchBox(AgentLogSource::ClaudeCode)->setChecked(false);
    QCOMPARE(again.apply(changed), QString());
    QVERIFY(changed);
    QVERIFY(OnboardingState::agreedSources(Settings(dir.path())).isEmpty());
    QCOMPARE(SourceBilling::decided(**ledger, QStringLiteral("claude-code")), std::optional(Billing::Subscription));
}

} // namespace burnrate::test

QTEST_MAIN(burnrate::test::AgentLogsSectionTest)
#include "tst_agentlogssection.moc"

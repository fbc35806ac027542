// The first-run onboarding on the real X server and the real keychain of the harness, driven with input events:
// a key typed into its field is checked against a local fake provider and lands in gnome-keyring (read back, then
// deleted); a key of the wrong kind shows one line of error, without the key, and stores nothing; the agent logs
// found are imported in the background after the billing question, with a progress bar, and Cancel stops a long
// import leaving a consistent ledger that the next import completes. Screenshots: build/<preset>/screenshots/.
#include "../core/importers/agentloggenerator.h"
#include "../core/importers/agentlogtestutil.h"
#include "fakeproviders.h"
#include "fixturetest.h"
#include "guitest.h"
#include "importers/sourcebilling.h"
#include "jobs/importrunner.h"
#include "jobs/watchedimports.h"
#include "memorysecretstore.h"
#include "onboarding/onboardingstate.h"
#include "screenshot.h"
#include "secrets/keychainstore.h"
#include "ui/jobs/importprogress.h"
#include "ui/onboarding/billingdialog.h"
#include "ui/onboarding/firstrun.h"
#include "ui/onboarding/keyspage.h"
#include "ui/onboarding/logspage.h"
#include "ui/onboarding/onboardingdialog.h"
#include "util/clock.h"
#include "util/settings.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QSignalSpy>
#include <QTemporaryDir>

namespace burnrate::test {

using ui::OnboardingDialog;

namespace {

const QString OpenAiAdmin = QStringLiteral("openai/admin");

SecretStore::Outcome readBack(SecretStore &store, const QString &entry)
{
    std::optional<SecretStore::Outcome> out;
    store.read(entry, [&out](const SecretStore::Outcome &o) { out = o; });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 20000)) {
        return {SecretStore::Error::Other, {}, QStringLiteral("the keychain did not answer")};
    }
    return *out;
}

} // namespace

class OnboardingTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void goodKeyIsCheckedAndStored();
    void badKeyStoresNothing();
    void logsImportAfterTheBillingQuestion();
    void cancelStopsALongImport();
    void skipIsRemembered();
    void demoIsOffered();
    void firstRunShowsTheOnboardingOnce();
    void firstRunAsksBillingThenWatches();

private:
    OnboardingDialog::Services services(SecretStore &secrets, const QMap<AgentLogSource, QStringList> &roots);
    std::unique_ptr<OnboardingDialog> makeDialog(const QMap<AgentLogSource, QStringList> &roots = {});
    void typeKey(OnboardingDialog &dialog, const QString &entry, const QString &key);

    std::unique_ptr<FixedClock> m_clock;
    std::unique_ptr<FakeOrg> m_org;
    std::unique_ptr<FakeOpenAi> m_openai;
    std::unique_ptr<KeychainSecretStore> m_keychain;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Ledger> m_ledger;
    std::unique_ptr<AgentLogImportRunner> m_runner;
};

void OnboardingTest::initTestCase()
{
    REQUIRE_FIXTURES(FakeProvider::servedFixtures() + agentLogFixtureFiles());
    BURNRATE_REQUIRE_HARNESS();
    qputenv("BURNRATE_TIMEZONE", "UTC");
    m_clock = std::make_unique<FixedClock>(QDateTime(QDate(2026, 11, 20), QTime(15, 37), Qt::UTC));
    m_org = std::make_unique<FakeOrg>(QStringLiteral("gpt-fake"), 2, 1);
    m_openai = std::make_unique<FakeOpenAi>(*m_org, *m_clock);
    m_keychain = std::make_unique<KeychainSecretStore>(
        QStringLiteral("Burnrate-test-onboarding-%1").arg(QCoreApplication::applicationPid()));
    m_nam = std::make_unique<QNetworkAccessManager>();
}

void OnboardingTest::cleanupTestCase()
{
    if (m_keychain) {
        bool done = false;
        m_keychain->remove(OpenAiAdmin, [&done](const SecretStore::Outcome &) { done = true; });
        QVERIFY(QTest::qWaitFor([&] { return done; }, 20000));
    }
}

void OnboardingTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto ledger = Ledger::open(m_dir->filePath(QStringLiteral("data")), *LocalCalendar::forZoneId("UTC"));
    QVERIFY2(ledger.ok(), qPrintable(ledger.error()));
    m_ledger = std::move(ledger).value();
    m_runner = std::make_unique<AgentLogImportRunner>(m_dir->filePath(QStringLiteral("data")),
                                                      *LocalCalendar::forZoneId("UTC"),
                                                      AgentLogImportRunner::Options{2, 2000, 0});
}

void OnboardingTest::cleanup()
{
    m_runner.reset();
    m_ledger.reset();
    m_dir.reset();
}

OnboardingDialog::Services OnboardingTest::services(SecretStore &secrets,
                                                    const QMap<AgentLogSource, QStringList> &roots)
{
    OnboardingDialog::Services s;
    s.ledger = m_ledger.get();
    s.dataDir = m_dir->filePath(QStringLiteral("data"));
    s.secrets = &secrets;
    s.nam = m_nam.get();
    s.clock = m_clock.get();
    s.policy.timeoutMs = 5000;
    s.policy.maxAttempts = 1;
    s.env = [origin = m_openai->origin()](const QString &name) {
        return name == QLatin1String("BURNRATE_OPENAI_BASE_URL") ? origin : QString();
    };
    s.runner = m_runner.get();
    s.roots = roots;
    return s;
}

std::unique_ptr<OnboardingDialog> OnboardingTest::makeDialog(const QMap<AgentLogSource, QStringList> &roots)
{
    const OnboardingDialog::Services s = services(*m_keychain, roots);
    auto dialog = std::make_unique<OnboardingDialog>(s);
    dialog->show();
    if (!QTest::qWaitForWindowExposed(dialog.get())) {
        qWarning("the onboarding never showed");
    }
    return dialog;
}

void OnboardingTest::typeKey(OnboardingDialog &dialog, const QString &entry, const QString &key)
{
    QLineEdit *field = dialog.keysPage()->keyField(entry);
    QVERIFY(field);
    field->setFocus();
    QTest::keyClicks(field, key);
    QCOMPARE(field->text(), key);
    QVERIFY(dialog.keysPage()->saveButton(entry)->isEnabled());
    QTest::mouseClick(dialog.keysPage()->saveButton(entry), Qt::LeftButton);
}

void OnboardingTest::goodKeyIsCheckedAndStored()
{
    auto dialog = makeDialog();
    QSignalSpy stored(dialog->keysPage(), &ui::KeysPage::keyStored);
    typeKey(*dialog, OpenAiAdmin, FakeOpenAi::adminKey());
    QVERIFY(stored.wait(30000));
    QCOMPARE(stored.first().at(0).toString(), OpenAiAdmin);
    const QString status = dialog->keysPage()->status(OpenAiAdmin)->text();
    QVERIFY2(status.contains(maskKey(FakeOpenAi::adminKey())), qPrintable(status));
    QVERIFY(!status.contains(FakeOpenAi::adminKey()));
    QVERIFY(dialog->keysPage()->keyField(OpenAiAdmin)->text().isEmpty());
    QVERIFY(m_openai->requestCount() > 0);
    checkScreenshot(dialog.get(), QStringLiteral("onboarding-keys"));

    // In gnome-keyring, read back through a second store object; then deleted.
    KeychainSecretStore other(m_keychain->service());
    const SecretStore::Outcome back = readBack(other, OpenAiAdmin);
    QVERIFY2(back.ok(), qPrintable(back.message));
    QCOMPARE(back.secret, FakeOpenAi::adminKey());
    bool removed = false;
    other.remove(OpenAiAdmin, [&removed](const SecretStore::Outcome &o) { removed = o.ok(); });
    QTRY_VERIFY_WITH_TIMEOUT(removed, 20000);
    QCOMPARE(readBack(other, OpenAiAdmin).error, SecretStore::Error::NotFound);
}

void OnboardingTest::badKeyStoresNothing()
{
    auto dialog = makeDialog();
    QLabel *status = dialog->keysPage()->status(OpenAiAdmin);
    // A project key where an admin key is needed: the provider says no.
    typeKey(*dialog, OpenAiAdmin, FakeOpenAi::projectKey());
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("✗")), 30000);
    const QString error = status->text();
    qInfo("error shown: %s", qPrintable(error));
    QVERIFY(error.contains(QStringLiteral("nothing was stored")));
    QVERIFY(!error.contains(QLatin1Char('\n')));
    QVERIFY(!error.contains(FakeOpenAi::projectKey()));
    QVERIFY(!error.contains(FakeOpenAi::projectKey().right(12)));
    QCOMPARE(dialog->keysPage()->storedCount(), 0);
    checkScreenshot(dialog.get(), QStringLiteral("onboarding-key-error"));
    QCOMPARE(readBack(*m_keychain, OpenAiAdmin).error, SecretStore::Error::NotFound);
}

void OnboardingTest::logsImportAfterTheBillingQuestion()
{
    const QString claude = m_dir->filePath(QStringLiteral("claude/projects"));
    const QString codex = m_dir->filePath(QStringLiteral("codex/sessions"));
    QVERIFY(copyFixture(QStringLiteral("claude-code-2.1.38-real-session-short.jsonl"),
                        claude + QStringLiteral("/-work-app/0d6f3f55-4a58-4b7e-9d11-7c1f2a7c9e01.jsonl")));
    QVERIFY(copyFixture(QStringLiteral("ccusage-test-claude-chat.jsonl"),
                        claude + QStringLiteral("/-work-chat/5b0f6a3e-0f7e-4c39-8a8e-2f4c2d1b9a77.jsonl")));
    QVERIFY(copyFixture(
        QStringLiteral("codex-0.104-real-rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl"),
        codex + QStringLiteral("/2026/02/23/rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl")));
    auto dialog = makeDialog({{AgentLogSource::ClaudeCode, {claude}}, {AgentLogSource::Codex, {codex}}});
    dialog->next();
    ui::LogsPage *page = dialog->logsPage();
    QCOMPARE(dialog->currentPage(), page);
    QVERIFY(page->checkBox(AgentLogSource::ClaudeCode)->text().contains(QStringLiteral("2 log files")));
    QVERIFY(page->checkBox(AgentLogSource::Codex)->text().contains(QStringLiteral("1 log file,")));
    QVERIFY(page->checkBox(AgentLogSource::Codex)->isChecked());
    checkScreenshot(dialog.get(), QStringLiteral("onboarding-logs"));

    QSignalSpy finished(m_runner.get(), &AgentLogImportRunner::finished);
    QTest::mouseClick(page->importButton(), Qt::LeftButton);
    // How is each source paid? Asked first; nothing imported before the answer.
    QTRY_VERIFY(page->billingDialog() && page->billingDialog()->isVisible());
    ui::BillingDialog *billing = page->billingDialog();
    QVERIFY(!billing->buttons()->button(QDialogButtonBox::Ok)->isEnabled());
    QTest::mouseClick(billing->subscriptionButton(AgentLogSource::ClaudeCode), Qt::LeftButton);
    QVERIFY(!billing->buttons()->button(QDialogButtonBox::Ok)->isEnabled());
    QTest::mouseClick(billing->apiButton(AgentLogSource::Codex), Qt::LeftButton);
    QVERIFY(QTest::qWaitForWindowExposed(billing));
    checkScreenshot(billing, QStringLiteral("onboarding-billing"));
    QCOMPARE(finished.count(), 0);
    QTest::mouseClick(billing->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCOMPARE(SourceBilling::decided(*m_ledger, QStringLiteral("claude-code")), Billing::Subscription);
    QCOMPARE(SourceBilling::decided(*m_ledger, QStringLiteral("codex")), Billing::Api);

    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 60000);
    QTRY_COMPARE(page->progress()->bar()->value(), page->progress()->bar()->maximum());
    QVERIFY(!page->progress()->cancelButton()->isEnabled());
    const auto claudeRows = ledgerTotals(*m_ledger, QStringLiteral("claude-code")).rows;
    const auto codexRows = ledgerTotals(*m_ledger, QStringLiteral("codex")).rows;
    QVERIFY(claudeRows > 0);
    QVERIFY(codexRows > 0);
    QCOMPARE(m_ledger->db()
                 .queryInt64("SELECT COUNT(*) FROM events WHERE source = 'claude-code' AND"
                             " billing = 'subscription'")
                 .value_or(-1),
             claudeRows);
    const Settings settings(m_dir->filePath(QStringLiteral("data")));
    QCOMPARE(OnboardingState::agreedSources(settings),
             (QList<AgentLogSource>{AgentLogSource::ClaudeCode, AgentLogSource::Codex}));
    // Both results stay on screen.
    QVERIFY(page->progress()->text().contains(QStringLiteral("Claude Code: ")));
    QVERIFY(page->progress()->text().contains(QStringLiteral("Codex CLI: ")));
    checkScreenshot(dialog.get(), QStringLiteral("onboarding-logs-imported"));

    QTest::mouseClick(dialog->button(QWizard::FinishButton), Qt::LeftButton);
    QCOMPARE(Settings(m_dir->filePath(QStringLiteral("data"))).value(Settings::Key::Onboarding).toString(),
             QStringLiteral("completed"));
}

void OnboardingTest::cancelStopsALongImport()
{
    const QString claude = m_dir->filePath(QStringLiteral("big/projects"));
    ClaudeTreeSpec spec;
    spec.projects = 4;
    spec.sessions = 48;
    spec.responses = 300;
    spec.filler = 700;
    const ClaudeTruth truth = ClaudeTreeGenerator(claude, spec).generate();
    QVERIFY(SourceBilling::set(*m_ledger, QStringLiteral("claude-code"), Billing::Api).ok()); // asked before
    auto dialog = makeDialog({{AgentLogSource::ClaudeCode, {claude}}});
    dialog->next();
    ui::LogsPage *page = dialog->logsPage();
    QSignalSpy finished(m_runner.get(), &AgentLogImportRunner::finished);
    QTest::mouseClick(page->importButton(), Qt::LeftButton);
    QVERIFY(!page->billingDialog());
    QTRY_VERIFY_WITH_TIMEOUT(page->progress()->bar()->value() > 0, 60000);
    QVERIFY(page->progress()->cancelButton()->isEnabled());
    QTest::mouseClick(page->progress()->cancelButton(), Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    const auto summary = finished.first().at(1).value<AgentLogImportSummary>();
    QVERIFY2(summary.cancelled, "the import ended before Cancel reached it");
    QTRY_VERIFY(page->progress()->text().contains(QStringLiteral("cancelled")));
    checkScreenshot(dialog.get(), QStringLiteral("onboarding-cancelled"));
    // What it wrote is whole: the rollups add up to the events, and only part of the work was done.
    const std::int64_t rows = ledgerTotals(*m_ledger, QStringLiteral("claude-code")).rows;
    QVERIFY(rows < truth.requests);
    verifyRollupsMatchEvents(*m_ledger);

    // Import again: it continues where it stopped and ends with exactly the whole tree.
    finished.clear();
    QTRY_VERIFY(page->importButton()->isEnabled());
    QTest::mouseClick(page->importButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page->progress()->text().startsWith(QStringLiteral("Importing")) || !finished.isEmpty(),
                             60000);
    checkScreenshot(dialog.get(), QStringLiteral("onboarding-importing"));
    QVERIFY(finished.count() == 1 || finished.wait(120000));
    QVERIFY(!finished.first().at(1).value<AgentLogImportSummary>().cancelled);
    QCOMPARE(ledgerTotals(*m_ledger, QStringLiteral("claude-code")).tokens, truth.tokens);
    QCOMPARE(ledgerTotals(*m_ledger, QStringLiteral("claude-code")).requests, truth.requests);
    verifyRollupsMatchEvents(*m_ledger);
}

void OnboardingTest::skipIsRemembered()
{
    const QString dataDir = m_dir->filePath(QStringLiteral("data"));
    QVERIFY(OnboardingState::needed(*m_ledger, Settings(dataDir), false));
    auto dialog = makeDialog();
    QTest::mouseClick(dialog->button(QWizard::CancelButton), Qt::LeftButton);
    QVERIFY(!dialog->isVisible());
    QCOMPARE(Settings(dataDir).value(Settings::Key::Onboarding).toString(), QStringLiteral("skipped"));
    QVERIFY(!OnboardingState::needed(*m_ledger, Settings(dataDir), false));
}

void OnboardingTest::demoIsOffered()
{
    auto dialog = makeDialog();
    QSignalSpy demo(dialog.get(), &OnboardingDialog::demoRequested);
    QTest::mouseClick(dialog->keysPage()->demoButton(), Qt::LeftButton);
    QCOMPARE(demo.count(), 1);
    QVERIFY(dialog->isVisible()); // the demo opens beside it; the onboarding stays
}

void OnboardingTest::firstRunShowsTheOnboardingOnce()
{
    MemorySecretStore noKeys;
    WatchedImports watched(*m_runner);
    {
        ui::FirstRun first(services(noKeys, {}), watched, nullptr);
        QSignalSpy watching(&first, &ui::FirstRun::watching);
        first.start();
        QTRY_VERIFY(first.onboarding() && first.onboarding()->isVisible());
        QCOMPARE(watching.count(), 0); // not before the onboarding is done
        QTest::mouseClick(first.onboarding()->button(QWizard::CancelButton), Qt::LeftButton);
        QTRY_COMPARE(watching.count(), 1);
    }
    // Skipped once: the next start goes straight on.
    ui::FirstRun second(services(noKeys, {}), watched, nullptr);
    QSignalSpy watching(&second, &ui::FirstRun::watching);
    second.start();
    QTRY_COMPARE(watching.count(), 1);
    QVERIFY(!second.onboarding());
}

void OnboardingTest::firstRunAsksBillingThenWatches()
{
    // Agreed to earlier, but how it is paid was never said: asked before its first import here.
    const QString claude = m_dir->filePath(QStringLiteral("claude/projects"));
    QVERIFY(copyFixture(QStringLiteral("ccusage-test-claude-chat.jsonl"),
                        claude + QStringLiteral("/-work-chat/5b0f6a3e-0f7e-4c39-8a8e-2f4c2d1b9a77.jsonl")));
    Settings settings(m_dir->filePath(QStringLiteral("data")));
    OnboardingState::markCompleted(settings);
    OnboardingState::setAgreed(settings, AgentLogSource::ClaudeCode, true);
    MemorySecretStore noKeys;
    WatchedImports watched(*m_runner);
    QSignalSpy finished(m_runner.get(), &AgentLogImportRunner::finished);
    ui::FirstRun first(services(noKeys, {{AgentLogSource::ClaudeCode, {claude}}}), watched, nullptr);
    QSignalSpy watching(&first, &ui::FirstRun::watching);
    first.start();
    QTRY_VERIFY(first.billingDialog() && first.billingDialog()->isVisible());
    QVERIFY(!first.onboarding());
    QTest::mouseClick(first.billingDialog()->subscriptionButton(AgentLogSource::ClaudeCode), Qt::LeftButton);
    QTest::mouseClick(first.billingDialog()->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_COMPARE(watching.count(), 1);
    QVERIFY(watched.isWatching(AgentLogSource::ClaudeCode));
    QVERIFY(finished.wait(30000));
    const auto rows = ledgerTotals(*m_ledger, QStringLiteral("claude-code")).rows;
    QVERIFY(rows > 0);
    QCOMPARE(m_ledger->db()
                 .queryInt64("SELECT COUNT(*) FROM events WHERE source = 'claude-code' AND billing = 'subscription'")
                 .value_or(-1),
             rows);
}

} // namespace burnrate::test

BURNRATE_GUI_TEST_MAIN(burnrate::test::OnboardingTest)
#include "tst_onboarding.moc"

// The settings dialog under the harness, with a keychain in memory and a fake OpenAI on a local port (keys are really
// checked): typed keys stored or refused, budgets in the BudgetStore, settings.ini, the autostart entry, a price feed's
// difference before activation, your own prices added through their dialog, a reprice run (and cancelled) from its
// dialog on a worker thread, an export's totals against ReportQuery, and screenshots.
#include "../core/ledger/ledgertestutil.h"
#include "budget/budgetstore.h"
#include "fakeproviders.h"
#include "fixturetest.h"
#include "guitest.h"
#include "httpserver.h"
#include "ledger/eventwriter.h"
#include "ledger/reportquery.h"
#include "memorysecretstore.h"
#include "pricing/pricer.h"
#include "pricing/pricestore.h"
#include "pricing/userprices.h"
#include "screenshot.h"
#include "ui/settings/autostartsection.h"
#include "ui/settings/budgeteditdialog.h"
#include "ui/settings/budgetssection.h"
#include "ui/settings/calendarsection.h"
#include "ui/settings/datasection.h"
#include "ui/settings/exportsection.h"
#include "ui/settings/keyssection.h"
#include "ui/settings/pricingsection.h"
#include "ui/settings/repricedialog.h"
#include "ui/settings/settingsdialog.h"
#include "ui/settings/syncsection.h"
#include "ui/settings/userpricedialog.h"
#include "ui/settings/userpriceseditor.h"
#include "util/autostart.h"
#include "util/settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>

namespace burnrate::test {

using namespace burnrate::ui;

class SettingsDialogTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void keyTypedIsCheckedAndStored();
    void badKeyIsRefusedAndNothingStored();
    void budgetAddedIsInTheStore();
    void badBudgetIsRefused();
    void timezoneAndSyncAreWrittenOnApply();
    void autostartEntryComesAndGoes();
    void priceFeedFromUrlShowsTheDiffThenActivates();
    void userPriceAddedThroughTheDialogIsSavedOnApply();
    void repriceFromTheDialogChangesStoredCosts();
    void repriceCancelledLeavesCostsUnchanged();
    void exportTotalsEqualTheReport();
    void dataLocationShowsTheFolderAndLedgerSize();
    void screenshot();

private:
    template <typename T>
    T *section(const QString &title)
    {
        auto *s = qobject_cast<T *>(m_dialog->showSection(title));
        if (!s) {
            qFatal("no section %s", qPrintable(title));
        }
        return s;
    }
    void typeKey(KeysSection *keys, const QString &entry, const QString &key);
    // `count` gpt-4o-mini requests of 10,000 input and 1,000 output tokens on 2026-11-18, priced with the shipped
    // book ($0.0021 each), then your price for it with input at 0.30 ($0.0036 each).
    void seedMiniRequests(int count);
    std::int64_t storedCost();
    static QPushButton *okButton(QDialog *dialog);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QTemporaryDir> m_xdg;
    std::unique_ptr<Ledger> m_ledger;
    std::unique_ptr<FixedClock> m_clock;
    std::unique_ptr<FakeOrg> m_org;
    std::unique_ptr<FakeOpenAi> m_openai;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<SettingsDialog> m_dialog;
};

void SettingsDialogTest::initTestCase()
{
    REQUIRE_FIXTURES(FakeProvider::servedFixtures() +
                     QStringList{QStringLiteral("pricing/genai-prices-0.1.8.excerpt.json")});
    BURNRATE_REQUIRE_HARNESS();
}

void SettingsDialogTest::init()
{
    qunsetenv("BURNRATE_OPENAI_ADMIN_KEY");
    qunsetenv("BURNRATE_TIMEZONE");
    m_dir = std::make_unique<QTemporaryDir>();
    m_xdg = std::make_unique<QTemporaryDir>();
    qputenv("XDG_CONFIG_HOME", m_xdg->path().toUtf8());
    m_ledger = std::move(Ledger::open(m_dir->path(), *LocalCalendar::forZoneId("UTC"))).value();
    m_clock = std::make_unique<FixedClock>(QDateTime(QDate(2026, 11, 20), QTime(15, 37), Qt::UTC));
    m_org = std::make_unique<FakeOrg>(QStringLiteral("gpt-fake"), 4, 2);
    m_openai = std::make_unique<FakeOpenAi>(*m_org, *m_clock);
    qputenv("BURNRATE_OPENAI_BASE_URL", m_openai->origin().toUtf8());
    m_secrets = std::make_unique<MemorySecretStore>();
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_dialog = std::make_unique<SettingsDialog>(*m_ledger, *m_secrets, *m_nam, *m_clock, m_dir->path());
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void SettingsDialogTest::cleanup()
{
    m_dialog.reset();
    m_nam.reset();
    m_secrets.reset();
    m_openai.reset();
    m_ledger.reset();
    qunsetenv("BURNRATE_OPENAI_BASE_URL");
}

void SettingsDialogTest::typeKey(KeysSection *keys, const QString &entry, const QString &key)
{
    auto *replace = keys->findChild<QPushButton *>(QStringLiteral("replace:") + entry);
    QVERIFY(replace);
    QTest::mouseClick(replace, Qt::LeftButton);
    QVERIFY(keys->keyField()->isVisible());
    QCOMPARE(keys->keyField()->echoMode(), QLineEdit::Password);
    QTest::keyClicks(keys->keyField(), key);
    QTest::mouseClick(keys->storeButton(), Qt::LeftButton);
}

void SettingsDialogTest::keyTypedIsCheckedAndStored()
{
    auto *keys = section<KeysSection>(QStringLiteral("Providers and keys"));
    QTRY_COMPARE(keys->shownSource(QStringLiteral("openai/admin")), QStringLiteral("not set"));
    QSignalSpy finished(keys, &KeysSection::replaceFinished);
    QSignalSpy changed(m_dialog.get(), &SettingsDialog::settingsChanged);
    typeKey(keys, QStringLiteral("openai/admin"), FakeOpenAi::adminKey());
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(m_secrets->entries().value(QStringLiteral("openai/admin")), FakeOpenAi::adminKey());
    QVERIFY(m_openai->requestCount() >= 1); // really checked with the provider
    QVERIFY2(keys->statusText().startsWith(QStringLiteral("Stored the OpenAI admin key sk-…abcd")),
             qPrintable(keys->statusText()));
    QVERIFY(!keys->statusText().contains(FakeOpenAi::adminKey()));
    QTRY_COMPARE(keys->shownKey(QStringLiteral("openai/admin")), QStringLiteral("sk-…abcd"));
    QCOMPARE(keys->shownSource(QStringLiteral("openai/admin")), QStringLiteral("keychain"));
    QCOMPARE(changed.count(), 1);
    // Remove takes it out of the keychain again.
    QTest::mouseClick(keys->findChild<QPushButton *>(QStringLiteral("remove:openai/admin")), Qt::LeftButton);
    QTRY_VERIFY(!m_secrets->entries().contains(QStringLiteral("openai/admin")));
    QTRY_COMPARE(keys->shownSource(QStringLiteral("openai/admin")), QStringLiteral("not set"));
}

void SettingsDialogTest::badKeyIsRefusedAndNothingStored()
{
    auto *keys = section<KeysSection>(QStringLiteral("Providers and keys"));
    QSignalSpy finished(keys, &KeysSection::replaceFinished);
    typeKey(keys, QStringLiteral("openai/admin"), FakeOpenAi::projectKey()); // an ordinary key, not an admin key
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(m_secrets->entries().isEmpty());
    QVERIFY2(keys->statusText().startsWith(QStringLiteral("Not stored: ")), qPrintable(keys->statusText()));
    QVERIFY2(keys->statusText().contains(QStringLiteral("Admin key")), qPrintable(keys->statusText()));
    QVERIFY(!keys->statusText().contains(FakeOpenAi::projectKey()));
    // A key with a space is refused before anything is asked.
    const int asked = m_openai->requestCount();
    keys->keyField()->clear();
    QTest::keyClicks(keys->keyField(), QStringLiteral("sk-admin two words"));
    QTest::mouseClick(keys->storeButton(), Qt::LeftButton);
    QVERIFY(finished.wait(5000));
    QCOMPARE(keys->statusText(), QStringLiteral("Not stored: the key must be one line without spaces"));
    QCOMPARE(m_openai->requestCount(), asked);
    QVERIFY(m_secrets->entries().isEmpty());
}

void SettingsDialogTest::budgetAddedIsInTheStore()
{
    auto *budgets = section<BudgetsSection>(QStringLiteral("Budgets"));
    QTest::mouseClick(budgets->findChild<QPushButton *>(QStringLiteral("addBudget")), Qt::LeftButton);
    QPointer<BudgetEditDialog> editor = budgets->editor(); // deletes itself when closed
    QVERIFY(editor);
    QVERIFY(QTest::qWaitForWindowExposed(editor));
    QTest::keyClicks(editor->nameField(), QStringLiteral("Team"));
    QTest::keyClicks(editor->amountField(), QStringLiteral("$250.50"));
    editor->periodField()->setCurrentIndex(editor->periodField()->findData(QStringLiteral("weekly")));
    QTest::keyClicks(editor->scopeField(), QStringLiteral("provider:openai"));
    editor->thresholdsField()->clear();
    QTest::keyClicks(editor->thresholdsField(), QStringLiteral("90, 50"));
    QTest::mouseClick(editor->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY2(!editor, qPrintable(editor ? editor->problem() : QString()));
    QCOMPARE(budgets->table()->rowCount(), 1);
    QVERIFY(BudgetStore(m_ledger->db()).list()->isEmpty()); // not before Apply
    QSignalSpy changed(m_dialog.get(), &SettingsDialog::settingsChanged);
    QTest::mouseClick(m_dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Apply), Qt::LeftButton);
    QCOMPARE(changed.count(), 1);
    const auto stored = BudgetStore(m_ledger->db()).find(QStringLiteral("Team"));
    QVERIFY(stored.ok() && stored->has_value());
    const Budget &b = **stored;
    QCOMPARE(b.amountNano, 250'500'000'000);
    QCOMPARE(b.period, BudgetPeriod::Weekly);
    QCOMPARE(b.scope.toString(), QStringLiteral("provider:openai"));
    QCOMPARE(b.thresholds, (QList<int>{50, 90}));
    // Remove, then Apply: gone.
    budgets->table()->selectRow(0);
    budgets->removeBudget();
    QVERIFY(m_dialog->applyAll());
    QVERIFY(!BudgetStore(m_ledger->db()).find(QStringLiteral("Team"))->has_value());
}

void SettingsDialogTest::badBudgetIsRefused()
{
    auto *budgets = section<BudgetsSection>(QStringLiteral("Budgets"));
    budgets->addBudget();
    BudgetEditDialog *editor = budgets->editor();
    QVERIFY(editor);
    QTest::keyClicks(editor->nameField(), QStringLiteral("Broke"));
    QTest::keyClicks(editor->amountField(), QStringLiteral("-5"));
    editor->accept();
    QVERIFY(editor->isVisible());
    QCOMPARE(editor->problem(), QStringLiteral("Amount: must be an amount of US dollars above 0, like 100 or 49.50"));
    editor->amountField()->setText(QStringLiteral("5"));
    editor->thresholdsField()->setText(QStringLiteral("50,2000"));
    editor->accept();
    QVERIFY(editor->isVisible());
    QVERIFY2(editor->problem().startsWith(QStringLiteral("Alert thresholds: ")), qPrintable(editor->problem()));
    editor->reject();
    QTRY_VERIFY(!budgets->editor());
    QVERIFY(m_dialog->applyAll());
    QVERIFY(BudgetStore(m_ledger->db()).list()->isEmpty());
}

void SettingsDialogTest::timezoneAndSyncAreWrittenOnApply()
{
    auto *calendar = section<CalendarSection>(QStringLiteral("Calendar"));
    const int tokyo = calendar->zoneField()->findData(QStringLiteral("Asia/Tokyo"));
    QVERIFY(tokyo > 0);
    QCOMPARE(calendar->zoneField()->currentData().toString(), QString()); // the system's, by default
    calendar->zoneField()->setCurrentIndex(tokyo);
    calendar->weekStartField()->setCurrentIndex(calendar->weekStartField()->findData(7));
    section<SyncSection>(QStringLiteral("Sync"))->intervalField()->setValue(30);
    QCOMPARE(Settings(m_dir->path()).value(Settings::Key::Timezone).toString(), QString()); // not before OK
    QSignalSpy changed(m_dialog.get(), &SettingsDialog::settingsChanged);
    QTest::mouseClick(m_dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCOMPARE(changed.count(), 1);
    QVERIFY(!m_dialog->isVisible());
    const Settings settings(m_dir->path());
    QCOMPARE(settings.value(Settings::Key::Timezone).toString(), QStringLiteral("Asia/Tokyo"));
    QCOMPARE(settings.value(Settings::Key::WeekStart).toInt(), 7);
    QCOMPARE(settings.value(Settings::Key::SyncIntervalMinutes).toInt(), 30);
    QCOMPARE(QString::fromUtf8(settings.calendar()->zoneId()), QStringLiteral("Asia/Tokyo"));
}

void SettingsDialogTest::autostartEntryComesAndGoes()
{
    auto *autostart = section<AutostartSection>(QStringLiteral("Start at login"));
    const QString entry = m_xdg->filePath(QStringLiteral("autostart/io.github.burnrate.Burnrate.desktop"));
    QCOMPARE(Autostart::entryPath(), entry);
    QVERIFY(!autostart->enabledField()->isChecked());
    autostart->enabledField()->click();
    QVERIFY(autostart->enabledField()->isChecked());
    QVERIFY(m_dialog->applyAll());
    QVERIFY(QFile::exists(entry));
    QFile file(entry);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY2(text.contains(QStringLiteral("Exec=\"%1\"").arg(QCoreApplication::applicationFilePath())),
             qPrintable(text));
    autostart->enabledField()->click();
    QVERIFY(m_dialog->applyAll());
    QVERIFY(!QFile::exists(entry));
}

void SettingsDialogTest::priceFeedFromUrlShowsTheDiffThenActivates()
{
    LocalHttpServer server;
    QVERIFY(server.listen());
    server.route("GET", QStringLiteral("/data.json"),
                 HttpResponse::fromFile(fixturePath(QStringLiteral("pricing/genai-prices-0.1.8.excerpt.json"))));
    auto *pricing = section<PricingSection>(QStringLiteral("Pricing"));
    QVERIFY2(pricing->activeText().contains(QStringLiteral("shipped")), qPrintable(pricing->activeText()));
    QSignalSpy checked(pricing, &PricingSection::checked);
    pricing->sourceField()->setText(server.url(QStringLiteral("/data.json")).toString());
    pricing->check();
    QCOMPARE(checked.count(), 0); // the fetch runs on the event loop; the window is not blocked meanwhile
    QVERIFY(checked.wait(20000));
    QVERIFY2(checked.first().first().toBool(), qPrintable(pricing->statusText()));
    QVERIFY(pricing->hasPendingUpdate());
    QVERIFY(pricing->diffTable()->rowCount() > 0);
    QVERIFY2(pricing->statusText().startsWith(QStringLiteral("genai-prices feed: ")),
             qPrintable(pricing->statusText()));
    QVERIFY(!checkedScreenshot(m_dialog.get(), QStringLiteral("settings-pricing.png")).isEmpty());
    QVERIFY(m_dialog->applyAll());
    QVERIFY2(PriceStore(*m_ledger).describeBase().startsWith(QStringLiteral("update ")),
             qPrintable(PriceStore(*m_ledger).describeBase()));
    QVERIFY(!pricing->hasPendingUpdate());
    // A missing feed is refused, in words.
    pricing->sourceField()->setText(server.url(QStringLiteral("/nothing.json")).toString());
    pricing->check();
    QVERIFY(checked.wait(20000));
    QCOMPARE(checked.last().first().toBool(), false);
    QCOMPARE(pricing->statusText(),
             QStringLiteral("Update refused: 127.0.0.1 answered HTTP 404. The active prices are unchanged."));
}

QPushButton *SettingsDialogTest::okButton(QDialog *dialog)
{
    auto *box = dialog->findChild<QDialogButtonBox *>();
    return box ? box->button(QDialogButtonBox::Ok) : nullptr;
}

void SettingsDialogTest::seedMiniRequests(int count)
{
    auto book = PriceStore(*m_ledger).load();
    QVERIFY(book.ok());
    Pricer pricer(**book);
    EventWriter writer(m_ledger->db(), m_ledger->calendar());
    for (int i = 0; i < count; ++i) {
        EventRecord e = makeEvent(QStringLiteral("mini-%1").arg(i), "2026-11-18T10:00:00Z", 10'000, 1'000, std::nullopt,
                                  QStringLiteral("gpt-4o-mini"));
        pricer.priceEvent(e);
        QCOMPARE(e.costNano, std::optional<std::int64_t>(2'100'000));
        QVERIFY(writer.upsert(e).ok());
    }
    QVERIFY(writer.commit().ok());
    UserPrice mini;
    mini.provider = QStringLiteral("openai");
    mini.model = QStringLiteral("gpt-4o-mini");
    mini.input = QStringLiteral("0.30");
    mini.cacheRead = QStringLiteral("0.075");
    mini.output = QStringLiteral("0.60");
    QVERIFY(PriceStore(*m_ledger).saveUserPrices(userprices::withPrice(userprices::emptyOverlay(), mini)).ok());
}

std::int64_t SettingsDialogTest::storedCost()
{
    return m_ledger->db().queryInt64("SELECT coalesce(sum(cost_nano), 0) FROM events").value_or(-1);
}

void SettingsDialogTest::userPriceAddedThroughTheDialogIsSavedOnApply()
{
    auto *pricing = section<PricingSection>(QStringLiteral("Pricing"));
    UserPricesEditor *editor = pricing->userPrices();
    QVERIFY(editor->isVisible()); // the first tab
    QCOMPARE(editor->table()->rowCount(), 0);
    const QString file = PriceStore(*m_ledger).userPricesPath();
    QVERIFY(!QFile::exists(file));

    QTest::mouseClick(editor->addButton(), Qt::LeftButton);
    QPointer<UserPriceDialog> dialog = editor->dialog();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    dialog->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(dialog));
    QTest::keyClicks(dialog->providerField()->lineEdit(), QStringLiteral("openai"));
    dialog->modelField()->setFocus();
    QTest::keyClicks(dialog->modelField(), QStringLiteral("gpt-4o-mini"));
    if (QWidget *popup = dialog->modelField()->completer()->popup(); popup->isVisible()) {
        QVERIFY(!checkedScreenshot(dialog, QStringLiteral("settings-add-price.png"), 1).isEmpty());
        popup->hide();
    }
    QTest::keyClick(dialog->modelField(), Qt::Key_Tab); // leaving the model fills in its current prices
    QCOMPARE(dialog->inputField()->text(), QStringLiteral("0.15"));
    QCOMPARE(dialog->cacheReadField()->text(), QStringLiteral("0.075"));
    QCOMPARE(dialog->outputField()->text(), QStringLiteral("0.6"));
    dialog->inputField()->selectAll();
    QTest::keyClicks(dialog->inputField(), QStringLiteral("0.30"));
    dialog->outputField()->selectAll();
    QTest::keyClicks(dialog->outputField(), QStringLiteral("six"));
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QVERIFY(dialog->isVisible()); // refused, in one line
    QCOMPARE(dialog->problem(), QStringLiteral("Output: \"six\" is not a decimal number."));
    dialog->outputField()->selectAll();
    QTest::keyClicks(dialog->outputField(), QStringLiteral("0.60"));
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QTRY_VERIFY(!dialog);
    QCOMPARE(editor->table()->rowCount(), 1);
    QCOMPARE(editor->table()->item(0, 3)->text(), QStringLiteral("0.30"));
    QVERIFY(editor->hasPendingChanges());
    QVERIFY(!QFile::exists(file)); // written on Apply only
    QVERIFY(!checkedScreenshot(m_dialog.get(), QStringLiteral("settings-your-prices.png")).isEmpty());

    QSignalSpy prices(m_dialog.get(), &SettingsDialog::pricesChanged);
    QSignalSpy changed(m_dialog.get(), &SettingsDialog::settingsChanged);
    QVERIFY(m_dialog->applyAll());
    QCOMPARE(prices.count(), 1);
    QCOMPARE(changed.count(), 1);
    QVERIFY(!editor->hasPendingChanges());
    auto stored = PriceStore::readJsonFile(file);
    QVERIFY(stored.ok());
    const QList<UserPrice> entries = userprices::entries(*stored);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries[0].provider, QStringLiteral("openai"));
    QCOMPARE(entries[0].model, QStringLiteral("gpt-4o-mini"));
    QCOMPARE(entries[0].input, QStringLiteral("0.30"));
    QCOMPARE(entries[0].output, QStringLiteral("0.60"));
    // The active book has the price, to the pico-USD per token.
    auto book = PriceStore(*m_ledger).load();
    QVERIFY(book.ok());
    QVERIFY((*book)->id().endsWith(QStringLiteral("+user")));
    QCOMPARE((*book)
                 ->find(QStringLiteral("openai"), QStringLiteral("gpt-4o-mini"))
                 ->versions.front()
                 .rates.get(RateKey::Input),
             300'000);
    QVERIFY2(pricing->activeText().contains(QStringLiteral("+user")) ||
                 pricing->activeText().contains(QStringLiteral("shipped")),
             qPrintable(pricing->activeText()));

    // A price the book refuses (two versions of one start, written two ways) is refused in the dialog; the file
    // stays as it is.
    const QByteArray before = [&] {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    for (const char *from : {"2026-01-01", "2026-01-01T00:00:00+00:00"}) {
        QTest::mouseClick(editor->addButton(), Qt::LeftButton);
        dialog = editor->dialog();
        QVERIFY(dialog);
        QTest::keyClicks(dialog->providerField()->lineEdit(), QStringLiteral("acme"));
        QTest::keyClicks(dialog->modelField(), QStringLiteral("house-model"));
        QTest::keyClicks(dialog->fromField(), QLatin1String(from));
        QTest::keyClicks(dialog->inputField(), QStringLiteral("1"));
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        if (QLatin1String(from).size() == 10) {
            QTRY_VERIFY(!dialog);
        }
    }
    QVERIFY(dialog && dialog->isVisible());
    QCOMPARE(dialog->problem(), QStringLiteral("acme/house-model: two versions start at 2026-01-01."));
    dialog->reject();
    QTRY_VERIFY(!dialog);
    QCOMPARE(editor->table()->rowCount(), 2);
    editor->load(); // drops the unsaved one
    QCOMPARE(editor->table()->rowCount(), 1);
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
}

void SettingsDialogTest::repriceFromTheDialogChangesStoredCosts()
{
    seedMiniRequests(3);
    QCOMPARE(storedCost(), 3 * 2'100'000);
    auto *pricing = section<PricingSection>(QStringLiteral("Pricing"));
    QSignalSpy changed(m_dialog.get(), &SettingsDialog::settingsChanged);
    QSignalSpy prices(m_dialog.get(), &SettingsDialog::pricesChanged);
    QTest::mouseClick(pricing->repriceButton(), Qt::LeftButton);
    QPointer<RepriceDialog> reprice = pricing->repriceDialog();
    QVERIFY(reprice);
    QVERIFY(QTest::qWaitForWindowExposed(reprice));
    QVERIFY(!reprice->runButton()->isEnabled()); // a preview first
    QSignalSpy completed(reprice.data(), &RepriceDialog::completed);
    QTest::mouseClick(reprice->previewButton(), Qt::LeftButton);
    QVERIFY(reprice->isRunning()); // on its worker thread: this one goes on
    QVERIFY(completed.wait(20000));
    QCOMPARE(completed.last().first().toBool(), false);
    QCOMPARE(reprice->diffTable()->rowCount(), 2); // gpt-4o-mini and the total
    QCOMPARE(reprice->diffTable()->item(0, 0)->text(), QStringLiteral("gpt-4o-mini"));
    QCOMPARE(reprice->diffTable()->item(0, 3)->text(), QStringLiteral("3"));
    QCOMPARE(reprice->diffTable()->item(0, 6)->toolTip(), QStringLiteral("0.004500000 USD"));
    QVERIFY2(reprice->statusText().startsWith(QStringLiteral("3 of 3 events would change")),
             qPrintable(reprice->statusText()));
    QCOMPARE(storedCost(), 3 * 2'100'000); // a preview writes nothing
    QVERIFY(!checkedScreenshot(reprice, QStringLiteral("settings-reprice.png")).isEmpty());

    QVERIFY(reprice->runButton()->isEnabled());
    QTest::mouseClick(reprice->runButton(), Qt::LeftButton);
    QVERIFY(completed.wait(20000));
    QCOMPARE(completed.last().first().toBool(), true);
    QCOMPARE(storedCost(), 3 * 3'600'000);
    QCOMPARE(reprice->progressBar()->value(), reprice->progressBar()->maximum());
    QVERIFY2(reprice->statusText().startsWith(QStringLiteral("Re-priced 3 events")), qPrintable(reprice->statusText()));
    // The app is told: the window reloads, the budgets are checked.
    QCOMPARE(changed.count(), 1);
    QCOMPARE(prices.count(), 1);
    reprice->reject();
    QTRY_VERIFY(!reprice);
}

void SettingsDialogTest::repriceCancelledLeavesCostsUnchanged()
{
    seedMiniRequests(30'000);
    const std::int64_t before = storedCost();
    QCOMPARE(before, std::int64_t{30'000} * 2'100'000);
    auto *pricing = section<PricingSection>(QStringLiteral("Pricing"));
    QSignalSpy changed(m_dialog.get(), &SettingsDialog::settingsChanged);
    pricing->openReprice();
    QPointer<RepriceDialog> reprice = pricing->repriceDialog();
    QVERIFY(QTest::qWaitForWindowExposed(reprice));
    QSignalSpy completed(reprice.data(), &RepriceDialog::completed);
    QSignalSpy cancelled(reprice.data(), &RepriceDialog::cancelled);
    QTest::mouseClick(reprice->previewButton(), Qt::LeftButton);
    QVERIFY(completed.wait(30000));
    QTest::mouseClick(reprice->runButton(), Qt::LeftButton);
    QVERIFY(reprice->isRunning());
    QVERIFY(reprice->stopButton()->isEnabled());
    QTest::mouseClick(reprice->stopButton(), Qt::LeftButton);
    QVERIFY(cancelled.wait(30000));
    QCOMPARE(completed.count(), 1); // the preview only
    QCOMPARE(reprice->statusText(), QStringLiteral("Cancelled: nothing was changed."));
    QCOMPARE(storedCost(), before);
    QCOMPARE(changed.count(), 0);
    QVERIFY(reprice->previewButton()->isEnabled());
    // Closing while a run goes: it is cancelled first, then the dialog closes.
    QTest::mouseClick(reprice->runButton(), Qt::LeftButton);
    QVERIFY(reprice->isRunning());
    reprice->reject();
    QVERIFY(reprice && reprice->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!reprice, 30000);
    QCOMPARE(storedCost(), before);
}

void SettingsDialogTest::exportTotalsEqualTheReport()
{
    EventWriter writer(m_ledger->db(), m_ledger->calendar());
    const struct
    {
        const char *key, *at, *provider;
        std::int64_t cost;
    } events[] = {{"a", "2026-11-18T10:00:00Z", "openai", 1'234'567'891},
                  {"b", "2026-11-19T11:00:00Z", "anthropic", 987'654'321},
                  {"c", "2026-11-19T12:00:00Z", "openai", 5}};
    for (const auto &e : events) {
        EventRecord r = makeEvent(QLatin1String(e.key), e.at, 100, 10, e.cost);
        r.provider = QLatin1String(e.provider);
        QVERIFY(writer.upsert(r).ok());
    }
    QVERIFY(writer.commit().ok());
    const auto report = ReportQuery(*m_ledger, *m_clock).run(ReportRequest{ReportBy::Provider, {}, {}, 0});
    QVERIFY(report.ok());
    QCOMPARE(report->total.costNano, std::int64_t{1'234'567'891} + 987'654'321 + 5);

    auto *exporter = section<ExportSection>(QStringLiteral("Export"));
    exporter->byField()->setCurrentIndex(exporter->byField()->findData(QStringLiteral("provider")));
    exporter->formatField()->setCurrentIndex(exporter->formatField()->findData(QStringLiteral("csv")));
    const QString csvPath = m_dir->filePath(QStringLiteral("export.csv"));
    QCOMPARE(exporter->exportTo(csvPath), QString());
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(csv.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QStringList header = lines.first().split(QLatin1Char(','));
    const qsizetype nanoColumn = header.indexOf(QStringLiteral("cost_nano"));
    const qsizetype usdColumn = header.indexOf(QStringLiteral("cost_usd"));
    QVERIFY(nanoColumn > 0 && usdColumn > 0);
    QCOMPARE(lines.size() - 1, report->rows.size());
    std::int64_t sum = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList cells = lines.at(i).split(QLatin1Char(','));
        sum += cells.at(nanoColumn).toLongLong();
        if (cells.first() == QLatin1String("openai")) {
            QCOMPARE(cells.at(usdColumn), QStringLiteral("1.234567896")); // exact decimal text
        }
    }
    QCOMPARE(sum, report->total.costNano);

    exporter->formatField()->setCurrentIndex(exporter->formatField()->findData(QStringLiteral("json")));
    const QString jsonPath = m_dir->filePath(QStringLiteral("export.json"));
    QCOMPARE(exporter->exportTo(jsonPath), QString());
    QFile json(jsonPath);
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonObject total = QJsonDocument::fromJson(json.readAll()).object().value(QLatin1String("total")).toObject();
    QCOMPARE(total.value(QLatin1String("cost_nano")).toInteger(), report->total.costNano);
    QVERIFY2(exporter->statusText().startsWith(QStringLiteral("Wrote ")), qPrintable(exporter->statusText()));
}

void SettingsDialogTest::dataLocationShowsTheFolderAndLedgerSize()
{
    auto *data = section<DataSection>(QStringLiteral("Data location"));
    const QString file = QDir(m_dir->path()).filePath(Ledger::fileName());
    const qint64 bytes = QFileInfo(file).size() + QFileInfo(file + QStringLiteral("-wal")).size();
    QVERIFY(bytes > 0);
    QCOMPARE(data->ledgerBytes(), bytes);
    QCOMPARE(data->sizeText(), QLocale().formattedDataSize(bytes));
    QCOMPARE(data->folderText(), QDir::toNativeSeparators(QDir(m_dir->path()).absolutePath()));
}

void SettingsDialogTest::screenshot()
{
    m_secrets->write(QStringLiteral("openai/admin"), FakeOpenAi::adminKey(), [](const SecretStore::Outcome &) {});
    auto *keys = section<KeysSection>(QStringLiteral("Providers and keys"));
    QTest::qWait(10);
    keys->load();
    QTRY_COMPARE(keys->shownKey(QStringLiteral("openai/admin")), QStringLiteral("sk-…abcd"));
    keys->startReplace(QStringLiteral("anthropic/admin"));
    const QString path = checkedScreenshot(m_dialog.get(), QStringLiteral("settings.png"));
    QVERIFY(!path.isEmpty());
    QCOMPARE(QImage(path).size(), QSize(820, 560) * m_dialog->devicePixelRatio());
    Budget b;
    b.name = QStringLiteral("Monthly API");
    b.amountNano = 200'000'000'000;
    QVERIFY(BudgetStore(m_ledger->db()).save(b, m_clock->nowMs()).ok());
    auto *budgets = section<BudgetsSection>(QStringLiteral("Budgets"));
    budgets->load();
    QCOMPARE(budgets->table()->rowCount(), 1);
    QVERIFY(!checkedScreenshot(m_dialog.get(), QStringLiteral("settings-budgets.png")).isEmpty());
}

} // namespace burnrate::test

using burnrate::test::SettingsDialogTest;
BURNRATE_GUI_TEST_MAIN(SettingsDialogTest)
#include "tst_settingsdialog.moc"

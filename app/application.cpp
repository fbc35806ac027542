#include "application.h"

#include "budget/budgetengine.h"
#include "budget/ledgerspendsource.h"
#include "demo/demodata.h"
#include "importers/logdiscovery.h"
#include "jobs/backupjob.h"
#include "jobs/importrunner.h"
#include "jobs/watchedimports.h"
#include "ledger/ledger.h"
#include "pricing/pricestore.h"
#include "pricing/repricer.h"
#include "providers/bucketpricer.h"
#include "providers/providerregistry.h"
#include "providers/syncscheduler.h"
#include "providers/syncservice.h"
#include "secrets/keychainstore.h"
#include "secrets/keyresolver.h"
#include "ui/budgetmonitor.h"
#include "ui/ledgerrecovery.h"
#include "ui/mainwindow.h"
#include "ui/notify/notifier.h"
#include "ui/onboarding/firstrun.h"
#include "ui/pages/overviewpage.h"
#include "ui/pages/standardpages.h"
#include "ui/settings/settingsdialog.h"
#include "ui/tray/trayicon.h"
#include "ui/widgets/syncprogress.h"
#include "util/appinfo.h"
#include "util/settingswatcher.h"

#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkInformation>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStatusBar>

namespace burnrate {

namespace {
Q_LOGGING_CATEGORY(lcApp, "burnrate.app", QtInfoMsg)
}

Application::Application(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_dataDir(m_options.dataDir)
{}

// Members go in the reverse order of their declaration: the onboarding and the imports first, the ledger last.
Application::~Application() = default;

Status Application::start()
{
    if (auto st = openLedger(); !st) {
        return st;
    }
    m_settings = std::make_unique<SettingsWatcher>(m_dataDir);
    connect(m_settings.get(), &SettingsWatcher::changed, this, &Application::applySetting);
    createWindow();
    createNotifications();
    createBudgets();
    createSync();
    createAgentLogImports();
    createOnboarding();
    createBackups();

    m_window->show();
    m_tray->show();
    // The first check reads the events of workflow and tag budgets: after the window is on screen, on the next turn
    // of the event loop, so that whatever else waits for the first paint goes first.
    connect(m_window.get(), &ui::MainWindow::firstPainted, m_budgets.get(), &ui::BudgetMonitor::start,
            Qt::ConnectionType(Qt::SingleShotConnection | Qt::QueuedConnection));
    if (!m_options.demo) {
        m_scheduler->start();
        m_firstRun->start();
    }
    return okStatus();
}

Status Application::openLedger()
{
    if (m_options.demo) {
        m_demoDir.emplace(QDir::temp().filePath(QStringLiteral("burnrate-demo-XXXXXX")));
        if (!m_demoDir->isValid()) {
            return Status::failure(
                QStringLiteral("cannot create a temporary folder for the demo: %1").arg(m_demoDir->errorString()));
        }
        m_dataDir = m_demoDir->path();
    }
    auto calendar = Settings(m_dataDir).calendar();
    if (!calendar) {
        return Status::failure(calendar.error());
    }
    // A damaged ledger is moved aside and the user chooses: the newest good backup, an empty ledger, or quit.
    auto damage = std::make_shared<QString>();
    Database::Options options;
    options.onDamaged = [damage](const QString &problem) {
        if (damage->isEmpty()) {
            *damage = problem;
        }
    };
    auto ledger = Ledger::open(m_dataDir, *calendar, options);
    if (!ledger && !damage->isEmpty()) {
        if (auto recovered = ui::LedgerRecovery::recover(m_dataDir, *damage, m_clock); !recovered) {
            return recovered;
        }
        ledger = Ledger::open(m_dataDir, *calendar);
    }
    if (!ledger) {
        return Status::failure(ledger.error());
    }
    if (auto st = Repricer::recoverInterrupted(**ledger); !st) {
        return Status::failure(QStringLiteral("cannot undo an interrupted re-pricing: %1").arg(st.error()));
    }
    m_ledger = std::move(ledger).value();
    if (m_options.demo) {
        if (auto generated = generateDemoMonth(*m_ledger, m_clock); !generated) {
            return Status::failure(generated.error());
        }
    }
    return okStatus();
}

// The daily backup, beside the ledger; none for the demo's throwaway folder.
void Application::createBackups()
{
    if (m_options.demo) {
        return;
    }
    m_backups = std::make_unique<BackupJob>(m_dataDir, m_clock);
    connect(m_backups.get(), &BackupJob::failed, this, [this](const QString &error) {
        m_window->statusBar()->showMessage(tr("The daily backup failed: %1").arg(error));
    });
    m_backups->start();
}

void Application::createWindow()
{
    m_window = std::make_unique<ui::MainWindow>(*m_ledger, m_clock);
    m_window->setDemo(m_options.demo);
    ui::addStandardPages(*m_window, *m_ledger, m_clock);
    // Geometry, toolbars and the last page, kept beside the user's settings.
    m_window->setStateFile(Settings(m_dataDir).filePath());
    connect(m_window.get(), &ui::MainWindow::settingsRequested, this, &Application::showSettings);
    m_tray = std::make_unique<ui::TrayIcon>(m_clock, m_window.get());
    m_tray->setTimeZone(m_ledger->calendar().zone());
}

// One funnel: the platform's notification service first and the tray's balloon as the fallback. "Open" on a
// budget notification brings the budgets up; on an unusual day, the overview as it is.
void Application::createNotifications()
{
    m_notifier = std::make_unique<ui::Notifier>(ui::createPlatformNotificationBackend());
    m_notifier->setTrayIcon(m_tray->systemTrayIcon());
    connect(m_notifier.get(), &ui::Notifier::openRequested, m_window.get(), [this](std::int64_t budgetId) {
        if (budgetId != 0) {
            m_window->showBudgets();
        } else {
            m_window->showAndRaise();
        }
    });
}

// Budgets are checked at the first paint, at every period start, when another process (a `burnrate import`)
// changed the ledger, and after every sync and import. The monitor also keeps the tray's ring and tooltip, and
// the overview's meters show its statuses: read once, shown in both places.
void Application::createBudgets()
{
    m_spend = std::make_unique<LedgerSpendSource>(*m_ledger);
    m_budgets =
        std::make_unique<ui::BudgetMonitor>(*m_ledger, *m_spend, m_clock, budgetOptionsFrom(Settings(m_dataDir)));
    m_budgets->setNotifier(m_notifier.get());
    m_budgets->setTray(m_tray.get());
    ui::OverviewPage *overview = m_window->overviewPage();
    overview->expectBudgetStatuses();
    connect(m_budgets.get(), &ui::BudgetMonitor::checked, overview,
            [overview](const BudgetCheck &c) { overview->setBudgetStatuses(c.statuses); });
}

// Provider sync: keys read from the keychain at use, the ledger written one window per transaction, usage buckets
// priced with the active book as they are stored. The status bar shows a running sync with a Cancel; the tray
// shows whether it fails and can sync now or pause.
void Application::createSync()
{
    m_secrets = std::make_unique<KeychainSecretStore>();
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_sync = std::make_unique<SyncService>(m_ledger->db(), *m_secrets, *m_nam, m_clock, SyncService::Options{});
    reloadPrices();
    SyncScheduler::Options schedule;
    schedule.intervalMinutes = std::max(1, m_settings->value(Settings::Key::SyncIntervalMinutes).toInt());
    SyncService *sync = m_sync.get();
    m_scheduler = std::make_unique<SyncScheduler>(
        m_clock, syncProviders(),
        [sync](const QStringList &providers, std::function<void(const QList<ProviderResult> &)> done) {
            auto connection = std::make_shared<QMetaObject::Connection>();
            *connection = QObject::connect(sync, &SyncService::finished,
                                           [connection, done = std::move(done)](const QList<ProviderResult> &r) {
                                               QObject::disconnect(*connection);
                                               done(r);
                                           });
            if (!sync->start(providers)) {
                QObject::disconnect(*connection);
                done({});
            }
        },
        [sync](const QString &provider) { return sync->store().lastSuccess(provider); }, schedule);
    connect(m_scheduler.get(), &SyncScheduler::syncFinished, this, &Application::onSyncFinished);
    m_window->statusBar()->addPermanentWidget(new ui::SyncProgress(*m_sync, m_window.get()));
    connect(m_tray.get(), &ui::TrayIcon::syncNowRequested, m_scheduler.get(), &SyncScheduler::syncNow);
    connect(m_tray.get(), &ui::TrayIcon::syncPausedChanged, m_scheduler.get(), &SyncScheduler::setPaused);
    connect(m_tray.get(), &ui::TrayIcon::syncPausedChanged, m_sync.get(), [sync](bool paused) {
        if (paused) {
            sync->cancel(); // pausing stops a sync that is running too
        }
    });
    if (QNetworkInformation::loadDefaultBackend() && QNetworkInformation::instance()) {
        connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, m_scheduler.get(),
                [scheduler = m_scheduler.get()](QNetworkInformation::Reachability r) {
                    if (r == QNetworkInformation::Reachability::Online) {
                        scheduler->networkAvailable();
                    }
                });
    }
}

// After every sync: the window reloads, the budgets are checked (each threshold notifies once), and the tray
// shows the sync state.
void Application::onSyncFinished(const QList<ProviderResult> &results)
{
    m_window->reload();
    m_budgets->check();
    if (m_sync->wasCancelled()) {
        return; // stopped by the user: neither a failure nor a sync
    }
    QStringList failures;
    for (const ProviderResult &r : results) {
        if (r.status == ProviderResult::Status::Failed) {
            failures << r.provider;
        }
    }
    m_tray->setSyncFailing(!failures.isEmpty(), failures.join(QStringLiteral(", ")));
    m_tray->setLastSync(m_clock.nowUtc());
}

// Agent logs: imported on a worker thread with its own ledger connection, priced with the active book; after
// each import that changed something the window reloads and the budgets are checked, as after a sync.
void Application::createAgentLogImports()
{
    m_imports = std::make_unique<AgentLogImportRunner>(m_dataDir, m_ledger->calendar());
    connect(m_imports.get(), &AgentLogImportRunner::finished, this,
            [this](AgentLogSource, const AgentLogImportSummary &s) {
                if (s.inserted + s.updated + s.removed > 0) {
                    m_window->reload();
                    m_budgets->check();
                }
            });
    connect(m_imports.get(), &AgentLogImportRunner::failed, this, [](AgentLogSource source, const QString &why) {
        qCWarning(lcApp).noquote() << "cannot import" << agentLogSourceName(source) << "logs:" << why;
    });
    m_watched = std::make_unique<WatchedImports>(*m_imports);
}

// Keys and agent logs on a first run; then only the sources the user agreed to are watched.
void Application::createOnboarding()
{
    ui::OnboardingDialog::Services services;
    services.ledger = m_ledger.get();
    services.dataDir = m_dataDir;
    services.secrets = m_secrets.get();
    services.nam = m_nam.get();
    services.clock = &m_clock;
    services.env = KeyResolver::defaultEnv();
    services.runner = m_imports.get();
    for (AgentLogSource source : {AgentLogSource::ClaudeCode, AgentLogSource::Codex}) {
        QStringList notes;
        if (auto roots = LogDiscovery::defaultRoots(source, QProcessEnvironment::systemEnvironment(), notes)) {
            services.roots.insert(source, *roots);
        }
    }
    m_firstRun = std::make_unique<ui::FirstRun>(services, *m_watched, m_window.get());
    connect(m_firstRun.get(), &ui::FirstRun::demoRequested, this, [] {
        QProcess::startDetached(launcherPath(QCoreApplication::applicationFilePath()), {QStringLiteral("--demo")});
    });
}

void Application::showSettings()
{
    auto *dialog = new ui::SettingsDialog(*m_ledger, *m_secrets, *m_nam, m_clock, m_dataDir, m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ui::SettingsDialog::settingsChanged, this, [this] {
        m_window->reload();
        m_settings->refresh();      // applies what changed in settings.ini
        m_firstRun->watchDecided(); // a billing decision lives in the ledger
    });
    connect(dialog, &ui::SettingsDialog::pricesChanged, this, [this] {
        reloadPrices();
        m_budgets->check(); // re-priced events change the spend
    });
    dialog->open();
}

// New prices price the next usage buckets.
void Application::reloadPrices()
{
    if (auto book = PriceStore(*m_ledger).load()) {
        m_sync->setPricer(makeBucketPricer(*book));
    } else {
        qCWarning(lcApp).noquote() << "cannot load the price book:" << book.error();
    }
}

void Application::applySetting(Settings::Key key)
{
    qCDebug(lcApp) << "setting changed:" << Settings::keyName(key);
    switch (key) {
    case Settings::Key::Timezone:
    case Settings::Key::WeekStart:
        applyCalendar();
        break;
    case Settings::Key::SyncIntervalMinutes:
        m_scheduler->setIntervalMinutes(m_settings->value(key).toInt());
        qCDebug(lcApp) << "sync every" << m_scheduler->intervalMinutes() << "minutes";
        break;
    case Settings::Key::AnomalyFloorUsd:
        m_budgets->setOptions(budgetOptionsFrom(Settings(m_dataDir)));
        m_budgets->check();
        break;
    case Settings::Key::AgentLogSources:
        m_firstRun->watchDecided();
        break;
    case Settings::Key::Onboarding:
        break;
    }
}

// The rollups are bucketed again in the new zone, and everything that shows a date reads the ledger again. An
// import buckets its rollups in the calendar it started with, so a running one is stopped first (what it wrote
// stays, consistent) and the watched sources are imported again afterwards.
void Application::applyCalendar()
{
    if (m_imports->isBusy()) {
        if (!m_calendarPending) {
            m_calendarPending = true;
            m_imports->cancel();
            connect(
                m_imports.get(), &AgentLogImportRunner::idle, this,
                [this] {
                    m_calendarPending = false;
                    applyCalendar();
                    m_firstRun->watchDecided(); // the stopped imports, again
                },
                Qt::SingleShotConnection);
        }
        return;
    }
    auto calendar = Settings(m_dataDir).calendar();
    if (!calendar) {
        m_window->showError(tr("Cannot use the new calendar: %1").arg(calendar.error()));
        return;
    }
    if (auto st = m_ledger->setCalendar(*calendar); !st) {
        m_window->showError(tr("Cannot switch to the new time zone: %1").arg(st.error()));
        return;
    }
    qCDebug(lcApp) << "calendar:" << calendar->zoneId() << "week starts on day"
                   << static_cast<int>(calendar->weekStart());
    m_imports->setCalendar(*calendar);
    m_tray->setTimeZone(calendar->zone());
    m_window->reload();
    m_budgets->check();
}

} // namespace burnrate

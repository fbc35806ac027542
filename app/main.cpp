#include "budget/ledgerspendsource.h"
#include "cli/cli.h"
#include "demo/demodata.h"
#include "importers/logdiscovery.h"
#include "jobs/importrunner.h"
#include "jobs/watchedimports.h"
#include "ledger/ledger.h"
#include "pricing/pricestore.h"
#include "providers/bucketpricer.h"
#include "providers/providerregistry.h"
#include "providers/syncscheduler.h"
#include "providers/syncservice.h"
#include "secrets/keychainstore.h"
#include "secrets/keyresolver.h"
#include "settingsflow.h"
#include "ui/budgetmonitor.h"
#include "ui/mainwindow.h"
#include "ui/notify/notifier.h"
#include "ui/onboarding/firstrun.h"
#include "ui/pages/overviewpage.h"
#include "ui/pages/standardpages.h"
#include "ui/singleinstance.h"
#include "ui/tray/trayicon.h"
#include "ui/widgets/syncprogress.h"
#include "util/clock.h"
#include "util/datadir.h"
#include "util/exitcode.h"
#include "util/logging.h"
#include "util/settings.h"

#ifdef BURNRATE_BENCH_PROBES
#include "benchprobe.h" // only in bench/'s burnrate-bench, never in the shipped binary
#endif

#include <QAction>
#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QMenu>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkInformation>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>
#include <optional>

namespace {

struct GuiOptions
{
    QString dataDir;
    bool demo = false;
};

// The options of the app itself (Qt has already taken its own, like -platform). Unknown ones are a
// usage error, as on the command line.
std::optional<GuiOptions> parseGuiOptions(const QStringList &args, QString &error)
{
    GuiOptions options;
    options.dataDir = burnrate::defaultDataDir();
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--demo")) {
            options.demo = true;
        } else if (a == QLatin1String("--verbose")) {
            // Handled in main(): the logs are on before anything starts.
        } else if (a == QLatin1String("--data-dir") && i + 1 < args.size() && !args.at(i + 1).isEmpty()) {
            options.dataDir = args.at(++i);
        } else if (a.startsWith(QLatin1String("--data-dir=")) && a.size() > 11) {
            options.dataDir = a.mid(11);
        } else if (a == QLatin1String("--data-dir") || a == QLatin1String("--data-dir=")) {
            error = QStringLiteral("--data-dir needs a folder");
            return std::nullopt;
        } else {
            error = QStringLiteral("unknown option %1 (see burnrate --help)").arg(a);
            return std::nullopt;
        }
    }
    return options;
}

// runGui() asks main() to start the app again.
constexpr int ExitRestart = 75;

int fail(const QString &message)
{
    QTextStream(stderr) << "burnrate: " << message << Qt::endl;
    QMessageBox::critical(nullptr, QCoreApplication::translate("main", "Burnrate"), message);
    return burnrate::ExitFailure;
}

// `sinceMain` is read only by the timing probe of bench/burnrate-bench.
int runGui(int argc, char *argv[], [[maybe_unused]] const QElapsedTimer &sinceMain)
{
    using namespace burnrate;
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("burnrate"));
    QApplication::setApplicationDisplayName(QStringLiteral("Burnrate"));
    QApplication::setApplicationVersion(QStringLiteral(BURNRATE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("burnrate"));

    QString error;
    const auto options = parseGuiOptions(QCoreApplication::arguments().mid(1), error);
    if (!options) {
        QTextStream(stderr) << "burnrate: " << error << Qt::endl;
        return ExitUsage;
    }

    // Before any window: a second launch hands over to the first and leaves. Demo instances have
    // their own key, so a demo never takes the place of the real app or the other way round.
    ui::SingleInstance instance(ui::SingleInstance::defaultKey() +
                                (options->demo ? QStringLiteral("-demo") : QString()));
    if (instance.state() == ui::SingleInstance::State::Secondary) {
        instance.sendRaise();
        return ExitOk;
    }
    if (instance.state() == ui::SingleInstance::State::Failed) {
        QTextStream(stderr) << "burnrate: running without single-instance protection: " << instance.errorString()
                            << Qt::endl;
    }

    // Declared before the ledger, so the ledger is closed before the folder goes.
    std::optional<QTemporaryDir> demoDir;
    QString dataDir = options->dataDir;
    if (options->demo) {
        demoDir.emplace(QDir::temp().filePath(QStringLiteral("burnrate-demo-XXXXXX")));
        if (!demoDir->isValid()) {
            return fail(
                QStringLiteral("cannot create a temporary folder for the demo: %1").arg(demoDir->errorString()));
        }
        dataDir = demoDir->path();
    }
    auto calendar = Settings(dataDir).calendar();
    if (!calendar) {
        return fail(calendar.error());
    }
    auto ledger = Ledger::open(dataDir, std::move(calendar).value());
    if (!ledger) {
        return fail(ledger.error());
    }
    const SystemClock clock;
    if (options->demo) {
        if (auto generated = generateDemoMonth(**ledger, clock); !generated) {
            return fail(generated.error());
        }
    }

    ui::MainWindow window(**ledger, clock);
    window.setDemo(options->demo);
    ui::addStandardPages(window, **ledger, clock);
    // Geometry, toolbars and the last page, kept beside the user's settings.
    window.setStateFile(Settings(dataDir).filePath());
#ifdef BURNRATE_BENCH_PROBES
    std::optional<BenchProbe> probe;
    if (BenchProbe::requested()) {
        probe.emplace(window, sinceMain);
    }
#endif
    ui::TrayIcon tray(&window);

    // Notifications: one funnel, the platform's service first and the tray's balloon as the fallback. "Open" on
    // a budget notification brings the dashboard up (a budget page, when there is one, can take the id).
    ui::Notifier notifier(ui::createPlatformNotificationBackend());
    notifier.setTrayIcon(tray.systemTrayIcon());
    QObject::connect(&notifier, &ui::Notifier::openRequested, &window, [&window](std::int64_t budgetId) {
        if (budgetId != 0) {
            window.showBudgets();
        } else {
            window.showAndRaise(); // an unusual day: the overview as it is
        }
    });

    // Budgets: checked now, at every period start, when another process (a `burnrate import`) changed the
    // ledger, and — once they exist here — after every sync and import (connect them to BudgetMonitor::check).
    // The monitor also keeps the tray's ring and tooltip. Sync (tray.syncNowRequested, syncPausedChanged,
    // setSyncFailing, setLastSync) is wired by the sync service.
    LedgerSpendSource spend(**ledger);
    ui::BudgetMonitor budgets(**ledger, spend, clock, budgetOptionsFrom(Settings(dataDir)));
    budgets.setNotifier(&notifier);
    budgets.setTray(&tray);
    // The overview's meters are the monitor's statuses: read once, shown in both places.
    window.overviewPage()->expectBudgetStatuses();
    QObject::connect(&budgets, &ui::BudgetMonitor::checked, window.overviewPage(),
                     [page = window.overviewPage()](const BudgetCheck &c) { page->setBudgetStatuses(c.statuses); });

    QObject::connect(&instance, &ui::SingleInstance::raiseRequested, &window, &ui::MainWindow::showAndRaise);

    // Provider sync: keys read from the keychain at use, the ledger written one window per transaction.
    KeychainSecretStore secrets;
    QNetworkAccessManager nam;
    SyncService sync((*ledger)->db(), secrets, nam, clock, SyncService::Options{});
    // Usage buckets are priced with the active book as they are stored.
    if (auto book = PriceStore(**ledger).load()) {
        sync.setPricer(makeBucketPricer(*book));
    } else {
        QTextStream(stderr) << "burnrate: cannot load the price book: " << book.error() << Qt::endl;
    }
    SyncScheduler::Options schedule;
    schedule.intervalMinutes = std::max(1, Settings(dataDir).value(Settings::Key::SyncIntervalMinutes).toInt());
    SyncScheduler scheduler(
        clock, syncProviders(),
        [&sync](const QStringList &providers, std::function<void(const QList<ProviderResult> &)> done) {
            auto connection = std::make_shared<QMetaObject::Connection>();
            *connection = QObject::connect(&sync, &SyncService::finished,
                                           [connection, done = std::move(done)](const QList<ProviderResult> &r) {
                                               QObject::disconnect(*connection);
                                               done(r);
                                           });
            if (!sync.start(providers)) {
                QObject::disconnect(*connection);
                done({});
            }
        },
        [&sync](const QString &provider) { return sync.store().lastSuccess(provider); }, schedule);
    QObject::connect(&scheduler, &SyncScheduler::syncFinished, &window, &ui::MainWindow::reload);
    // After every sync: budgets are checked (each threshold notifies once), and the tray shows the sync state.
    QObject::connect(&scheduler, &SyncScheduler::syncFinished, &budgets, &ui::BudgetMonitor::check);
    // The status bar shows a running sync (a backfill can take a while) with a Cancel.
    window.statusBar()->addPermanentWidget(new ui::SyncProgress(sync, &window));
    QObject::connect(&scheduler, &SyncScheduler::syncFinished, &tray,
                     [&tray, &clock, &sync](const QList<ProviderResult> &results) {
                         if (sync.wasCancelled()) {
                             return; // stopped by the user: neither a failure nor a sync
                         }
                         QStringList failures;
                         for (const ProviderResult &r : results) {
                             if (r.status == ProviderResult::Status::Failed) {
                                 failures << r.provider;
                             }
                         }
                         tray.setSyncFailing(!failures.isEmpty(), failures.join(QStringLiteral(", ")));
                         tray.setLastSync(clock.nowUtc());
                     });
    QObject::connect(&tray, &ui::TrayIcon::syncNowRequested, &scheduler, &SyncScheduler::syncNow);
    QObject::connect(&tray, &ui::TrayIcon::syncPausedChanged, &scheduler, &SyncScheduler::setPaused);
    QObject::connect(&tray, &ui::TrayIcon::syncPausedChanged, &sync, [&sync](bool paused) {
        if (paused) {
            sync.cancel(); // pausing stops a sync that is running too
        }
    });
    if (QNetworkInformation::loadDefaultBackend() && QNetworkInformation::instance()) {
        QObject::connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, &scheduler,
                         [&scheduler](QNetworkInformation::Reachability r) {
                             if (r == QNetworkInformation::Reachability::Online) {
                                 scheduler.networkAvailable();
                             }
                         });
    }
    // Agent logs: imported on a worker thread with its own ledger connection, priced with the active book;
    // after each import the window reloads and the budgets are checked, as after a sync.
    AgentLogImportRunner imports(dataDir, (*ledger)->calendar());
    QObject::connect(&imports, &AgentLogImportRunner::finished, &window,
                     [&window, &budgets](AgentLogSource, const AgentLogImportSummary &s) {
                         if (s.inserted + s.updated + s.removed > 0) {
                             window.reload();
                             budgets.check();
                         }
                     });
    QObject::connect(&imports, &AgentLogImportRunner::failed, &app, [](AgentLogSource source, const QString &why) {
        QTextStream(stderr) << "burnrate: cannot import " << agentLogSourceName(source) << " logs: " << why << Qt::endl;
    });
    WatchedImports watched(imports);
    ui::OnboardingDialog::Services onboarding;
    onboarding.ledger = ledger->get();
    onboarding.dataDir = dataDir;
    onboarding.secrets = &secrets;
    onboarding.nam = &nam;
    onboarding.clock = &clock;
    onboarding.env = KeyResolver::defaultEnv();
    onboarding.runner = &imports;
    for (AgentLogSource source : {AgentLogSource::ClaudeCode, AgentLogSource::Codex}) {
        QStringList notes;
        if (auto roots = LogDiscovery::defaultRoots(source, QProcessEnvironment::systemEnvironment(), notes)) {
            onboarding.roots.insert(source, *roots);
        }
    }
    // Keys and agent logs on a first run; then only the sources the user agreed to are watched.
    ui::FirstRun firstRun(onboarding, watched, &window);
    QObject::connect(&firstRun, &ui::FirstRun::demoRequested, &app, [] {
        QProcess::startDetached(QCoreApplication::applicationFilePath(), {QStringLiteral("--demo")});
    });

    bool restart = false;
    QObject::connect(&window, &ui::MainWindow::settingsRequested, &window, [&] {
        openSettings({&window, ledger->get(), &secrets, &nam, &clock, dataDir,
                      [&restart] {
                          restart = true;
                          QCoreApplication::quit();
                      },
                      [&firstRun] { firstRun.watchDecided(); },
                      [&ledger, &sync, &budgets] {
                          // New prices price the next usage buckets; re-priced events change the spend.
                          if (auto book = PriceStore(**ledger).load()) {
                              sync.setPricer(makeBucketPricer(*book));
                          }
                          budgets.check();
                      }});
    });

    window.show();
    tray.show();
    // The first check reads the events of workflow and tag budgets: after the window is on screen.
    QObject::connect(&window, &ui::MainWindow::firstPainted, &budgets, &ui::BudgetMonitor::start,
                     Qt::SingleShotConnection);
    if (!options->demo) {
        scheduler.start();
        firstRun.start();
    }
    const int code = app.exec();
    return restart && code == 0 ? ExitRestart : code;
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    QStringList args;
    for (int i = 1; i < argc; ++i) {
        args.append(QString::fromLocal8Bit(argv[i]));
    }
    // --verbose anywhere (before a command, after an import command, or for the app) turns the debug logs on.
    if (args.contains(QStringLiteral("--verbose"))) {
        burnrate::enableVerboseLogging();
    }
    if (burnrate::cli::Cli::wantsCli(args)) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("burnrate"));
        QCoreApplication::setApplicationVersion(QStringLiteral(BURNRATE_VERSION));
        QTextStream out(stdout);
        QTextStream err(stderr);
        burnrate::cli::Cli cli(out, err);
        return cli.run(args);
    }
    const int code = runGui(argc, argv, sinceMain);
    if (code == ExitRestart) {
        // Settings read at start changed: the same app again, once this one has let go of its single-instance
        // lock and its ledger.
        QCoreApplication app(argc, argv);
        return QProcess::startDetached(QCoreApplication::applicationFilePath(), args) ? 0 : 1;
    }
    return code;
}

#ifndef BURNRATE_APP_APPLICATION_H
#define BURNRATE_APP_APPLICATION_H

#include "util/clock.h"
#include "util/result.h"
#include "util/settings.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace burnrate {

class AgentLogImportRunner;
class BackupJob;
class KeychainSecretStore;
class Ledger;
class LedgerSpendSource;
class SettingsWatcher;
class SyncScheduler;
class SyncService;
class WatchedImports;
struct ProviderResult;

namespace ui {
class BudgetMonitor;
class FirstRun;
class MainWindow;
class Notifier;
class TrayIcon;
} // namespace ui

// The desktop app: it opens the ledger of a data folder and wires the window, the tray, notifications, budgets,
// provider sync, agent-log imports and the first-run onboarding to it. Settings apply while it runs: a changed
// time zone or week start re-buckets the rollups and reloads every page, a new sync interval re-plans the sync,
// agent-log choices start or stop watching, a new anomaly floor is used by the next budget check.
class Application final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString dataDir;
        bool demo = false; // a month of generated data in a temporary folder, removed on quit; no sync
    };

    explicit Application(Options options, QObject *parent = nullptr);
    ~Application() override;
    Application(const Application &) = delete;
    Application &operator=(const Application &) = delete;

    // Opens the ledger, builds everything and shows the window and the tray. The error is one line for the user.
    [[nodiscard]] Status start();

    ui::MainWindow &window() { return *m_window; }
    const QString &dataDir() const { return m_dataDir; }

private:
    Status openLedger();
    void createWindow();
    void createNotifications();
    void createBudgets();
    void createSync();
    void createAgentLogImports();
    void createOnboarding();
    void createBackups();
    void showSettings();
    void reloadPrices();

    // Live settings.
    void applySetting(Settings::Key key);
    void applyCalendar();

    void onSyncFinished(const QList<ProviderResult> &results);

    Options m_options;
    const SystemClock m_clock;
    // Declared before the ledger, so the ledger is closed before the folder goes.
    std::optional<QTemporaryDir> m_demoDir;
    QString m_dataDir;
    std::unique_ptr<Ledger> m_ledger;
    std::unique_ptr<SettingsWatcher> m_settings;
    std::unique_ptr<ui::MainWindow> m_window;
    std::unique_ptr<ui::TrayIcon> m_tray;
    std::unique_ptr<ui::Notifier> m_notifier;
    std::unique_ptr<LedgerSpendSource> m_spend;
    std::unique_ptr<ui::BudgetMonitor> m_budgets;
    std::unique_ptr<KeychainSecretStore> m_secrets;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<SyncService> m_sync;
    std::unique_ptr<SyncScheduler> m_scheduler;
    std::unique_ptr<AgentLogImportRunner> m_imports;
    std::unique_ptr<WatchedImports> m_watched;
    std::unique_ptr<ui::FirstRun> m_firstRun;
    std::unique_ptr<BackupJob> m_backups;
    bool m_calendarPending = false; // a calendar switch waits for the running import to stop
};

} // namespace burnrate

#endif // BURNRATE_APP_APPLICATION_H

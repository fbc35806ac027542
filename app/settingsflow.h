#ifndef BURNRATE_APP_SETTINGSFLOW_H
#define BURNRATE_APP_SETTINGSFLOW_H

#include <QString>

#include <functional>

class QNetworkAccessManager;

namespace burnrate {
class Clock;
class Ledger;
class SecretStore;
namespace ui {
class MainWindow;
}

// What the settings dialog needs from the running app.
struct SettingsFlow
{
    ui::MainWindow *window = nullptr;
    Ledger *ledger = nullptr;
    SecretStore *secrets = nullptr;
    QNetworkAccessManager *nam = nullptr;
    const Clock *clock = nullptr;
    QString dataDir;
    // Quits and starts Burnrate again (the time zone, week start and sync interval are read at start).
    std::function<void()> restart;
    // After any change (the agent-log sources to watch, say).
    std::function<void()> changed;
    // After the active prices changed or stored events were re-priced (the window is reloaded already).
    std::function<void()> pricesChanged;
};

// Opens the settings dialog over the window. After a change the window reads the ledger again; when the time
// zone, the week start or the sync interval changed, it offers to restart so that every figure uses them.
void openSettings(const SettingsFlow &flow);

} // namespace burnrate

#endif // BURNRATE_APP_SETTINGSFLOW_H

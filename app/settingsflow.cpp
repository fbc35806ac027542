#include "settingsflow.h"

#include "ledger/ledger.h"
#include "ui/mainwindow.h"
#include "ui/settings/settingsdialog.h"
#include "util/settings.h"

#include <QCoreApplication>
#include <QMessageBox>

namespace burnrate {

namespace {

// What Burnrate reads once at start.
QString startupSettings(const QString &dataDir)
{
    const Settings settings(dataDir);
    return settings.value(Settings::Key::Timezone).toString() + QLatin1Char('|') +
           settings.value(Settings::Key::WeekStart).toString() + QLatin1Char('|') +
           settings.value(Settings::Key::SyncIntervalMinutes).toString();
}

} // namespace

void openSettings(const SettingsFlow &flow)
{
    auto *dialog =
        new ui::SettingsDialog(*flow.ledger, *flow.secrets, *flow.nam, *flow.clock, flow.dataDir, flow.window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString before = startupSettings(flow.dataDir);
    QObject::connect(dialog, &ui::SettingsDialog::settingsChanged, flow.window, [flow, before] {
        flow.window->reload();
        if (flow.changed) {
            flow.changed();
        }
        if (startupSettings(flow.dataDir) == before) {
            return;
        }
        const auto answer = QMessageBox::question(
            flow.window, QCoreApplication::translate("SettingsFlow", "Restart Burnrate?"),
            QCoreApplication::translate("SettingsFlow",
                                        "The new time zone, week start or sync interval applies once Burnrate "
                                        "starts again. Restart now?"),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
        if (answer == QMessageBox::Yes && flow.restart) {
            flow.restart();
        }
    });
    if (flow.pricesChanged) {
        QObject::connect(dialog, &ui::SettingsDialog::pricesChanged, flow.window, flow.pricesChanged);
    }
    dialog->open();
}

} // namespace burnrate

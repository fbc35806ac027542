#ifndef BURNRATE_UI_SETTINGS_SETTINGSDIALOG_H
#define BURNRATE_UI_SETTINGS_SETTINGSDIALOG_H

#include <QDialog>
#include <QList>

class QDialogButtonBox;
class QLabel;
class QListWidget;
class QNetworkAccessManager;
class QStackedWidget;

namespace burnrate {
class Clock;
class Ledger;
class SecretStore;
} // namespace burnrate

namespace burnrate::ui {

class SettingsSection;

// The settings: providers and keys, budgets, sync, calendar, pricing, start at login, data location, export. A
// list of sections on the left, the chosen one on the right. Edits are written on OK or Apply; settingsChanged()
// then tells the app to reload (keys are checked and stored at once, and say so with settingsChanged() too).
class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(Ledger &ledger, SecretStore &secrets, QNetworkAccessManager &nam, const Clock &clock,
                   const QString &dataDir, QWidget *parent = nullptr);

    QList<SettingsSection *> sections() const { return m_sections; }
    // The section titled `title`, made current; nullptr if there is none.
    SettingsSection *showSection(const QString &title);
    // Writes every section's edits; false (and the error shown) when one failed.
    bool applyAll();

Q_SIGNALS:
    void settingsChanged();
    // The active prices changed, or stored events were re-priced (settingsChanged() follows or came first).
    void pricesChanged();

public Q_SLOTS:
    void accept() override;

private:
    void addSection(SettingsSection *section);

    QListWidget *m_list = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QList<SettingsSection *> m_sections;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_SETTINGS_SETTINGSDIALOG_H

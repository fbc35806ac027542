#ifndef BURNRATE_UI_SETTINGS_AUTOSTARTSECTION_H
#define BURNRATE_UI_SETTINGS_AUTOSTARTSECTION_H

#include "ui/settings/settingssection.h"
#include "util/autostart.h"

class QCheckBox;

namespace burnrate::ui {

// Start at login: writes or removes the system's entry (Autostart: the XDG autostart entry on Linux, a
// LaunchAgent on macOS, the current user's Run key on Windows).
class AutostartSection final : public SettingsSection
{
    Q_OBJECT

public:
    explicit AutostartSection(QString executable, QWidget *parent = nullptr);

    QString title() const override;
    void load() override;
    QString apply(bool &changed) override;

    QCheckBox *enabledField() const { return m_enabled; }

private:
    Autostart m_autostart;
    QCheckBox *m_enabled = nullptr;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_SETTINGS_AUTOSTARTSECTION_H

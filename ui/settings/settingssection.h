#ifndef BURNRATE_UI_SETTINGS_SETTINGSSECTION_H
#define BURNRATE_UI_SETTINGS_SETTINGSSECTION_H

#include <QWidget>

namespace burnrate::ui {

// One section of the settings dialog. It shows the stored settings after load(), keeps the user's edits to
// itself, and writes them in apply() (OK or Apply). A section whose actions take effect at once (keys, export)
// has nothing to apply.
class SettingsSection : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;

    // The name in the dialog's list (translated).
    virtual QString title() const = 0;
    // Reads the stored settings into the widgets, dropping edits.
    virtual void load() = 0;
    // Writes the edits. Returns an empty string, or what went wrong (translated); `changed` is set when something
    // stored was changed.
    [[nodiscard]] virtual QString apply(bool &changed) = 0;

Q_SIGNALS:
    // Something was changed right away (a key stored or removed): the app may want to reload.
    void changedNow();
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_SETTINGS_SETTINGSSECTION_H

#ifndef BURNRATE_UI_SETTINGS_SYNCSECTION_H
#define BURNRATE_UI_SETTINGS_SYNCSECTION_H

#include "ui/settings/settingssection.h"

class QSpinBox;

namespace burnrate::ui {

// Sync: how often provider data is fetched (sync/interval_minutes).
class SyncSection final : public SettingsSection
{
    Q_OBJECT

public:
    static constexpr int MinMinutes = 5;
    static constexpr int MaxMinutes = 24 * 60;

    explicit SyncSection(QString dataDir, QWidget *parent = nullptr);

    QString title() const override;
    void load() override;
    QString apply(bool &changed) override;

    QSpinBox *intervalField() const { return m_interval; }

private:
    QString m_dataDir;
    QSpinBox *m_interval = nullptr;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_SETTINGS_SYNCSECTION_H

#ifndef BURNRATE_UI_SETTINGS_CALENDARSECTION_H
#define BURNRATE_UI_SETTINGS_CALENDARSECTION_H

#include "ui/settings/settingssection.h"

class QComboBox;
class QLabel;

namespace burnrate::ui {

// Calendar: the time zone days and weeks are counted in (an IANA zone, or the system's) and the first day of the
// week (calendar/timezone, calendar/week_start).
class CalendarSection final : public SettingsSection
{
    Q_OBJECT

public:
    explicit CalendarSection(QString dataDir, QWidget *parent = nullptr);

    QString title() const override;
    void load() override;
    QString apply(bool &changed) override;

    QComboBox *zoneField() const { return m_zone; }
    QComboBox *weekStartField() const { return m_weekStart; }

private:
    QString m_dataDir;
    QComboBox *m_zone = nullptr;
    QComboBox *m_weekStart = nullptr;
    QLabel *m_override = nullptr;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_SETTINGS_CALENDARSECTION_H

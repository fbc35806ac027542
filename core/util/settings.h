#ifndef BURNRATE_CORE_UTIL_SETTINGS_H
#define BURNRATE_CORE_UTIL_SETTINGS_H

#include "util/localcalendar.h"
#include "util/result.h"

#include <QList>
#include <QString>
#include <QVariant>

namespace burnrate {

// The user's settings, one INI file in the data folder. Keys are declared once, with their
// defaults, in settings.cpp. Secrets never go here.
class Settings final
{
public:
    enum class Key
    {
        Timezone,
        WeekStart,
        SyncIntervalMinutes,
        AnomalyFloorUsd, // a day is only "unusual" above this spend (a decimal string, default "1")
        Onboarding,      // "completed" or "skipped" once the first-run onboarding was seen; empty before
        AgentLogSources  // the agent-log sources the user agreed to import ("claude-code", "codex")
    };

    explicit Settings(const QString &dataDir);

    // Every key, in declaration order.
    static QList<Key> allKeys();

    QVariant value(Key key) const;
    void setValue(Key key, const QVariant &value);
    static QString keyName(Key key);

    // The calendar of the configured zone and week start. BURNRATE_TIMEZONE in the environment
    // overrides the setting; an empty zone means the system's.
    Result<LocalCalendar> calendar() const;

    QString filePath() const { return m_path; }

private:
    QString m_path;
};

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_SETTINGS_H

#include "util/settings.h"

#include <QDir>
#include <QSettings>

namespace burnrate {

namespace {

struct KeyInfo
{
    Settings::Key key;
    const char *name;
    QVariant defaultValue;
};

const QList<KeyInfo> &keys()
{
    static const QList<KeyInfo> Keys = {
        {Settings::Key::Timezone, "calendar/timezone", QString()},
        {Settings::Key::WeekStart, "calendar/week_start", 1},
        {Settings::Key::SyncIntervalMinutes, "sync/interval_minutes", 15},
        {Settings::Key::AnomalyFloorUsd, "budget/anomaly_floor_usd", QStringLiteral("1")},
        {Settings::Key::Onboarding, "onboarding/state", QString()},
        {Settings::Key::AgentLogSources, "import/agent_log_sources", QStringList()},
    };
    return Keys;
}

const KeyInfo &info(Settings::Key key)
{
    for (const auto &k : keys()) {
        if (k.key == key) {
            return k;
        }
    }
    return keys().first();
}

} // namespace

Settings::Settings(const QString &dataDir)
    : m_path(QDir(dataDir).filePath(QStringLiteral("settings.ini")))
{}

QList<Settings::Key> Settings::allKeys()
{
    QList<Key> out;
    for (const auto &k : keys()) {
        out << k.key;
    }
    return out;
}

QString Settings::keyName(Key key)
{
    return QLatin1String(info(key).name);
}

QVariant Settings::value(Key key) const
{
    const QSettings s(m_path, QSettings::IniFormat);
    return s.value(keyName(key), info(key).defaultValue);
}

void Settings::setValue(Key key, const QVariant &value)
{
    QSettings s(m_path, QSettings::IniFormat);
    s.setValue(keyName(key), value);
}

Result<LocalCalendar> Settings::calendar() const
{
    QByteArray zone = qgetenv("BURNRATE_TIMEZONE");
    if (zone.isEmpty()) {
        zone = value(Key::Timezone).toString().toUtf8();
    }
    const int weekStart = value(Key::WeekStart).toInt();
    const auto day = weekStart >= 1 && weekStart <= 7 ? static_cast<Qt::DayOfWeek>(weekStart) : Qt::Monday;
    auto cal = LocalCalendar::forZoneId(zone, day);
    if (!cal) {
        return Result<LocalCalendar>::failure(
            QStringLiteral("unknown time zone \"%1\" (use an IANA name such as Europe/Berlin)")
                .arg(QString::fromUtf8(zone)));
    }
    return *cal;
}

} // namespace burnrate

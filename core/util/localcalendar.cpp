#include "util/localcalendar.h"

#include <QDateTime>

namespace burnrate {

LocalCalendar::LocalCalendar(QTimeZone zone, Qt::DayOfWeek weekStart)
    : m_zone(std::move(zone))
    , m_weekStart(weekStart)
{}

std::optional<LocalCalendar> LocalCalendar::forZoneId(const QByteArray &ianaId, Qt::DayOfWeek weekStart)
{
    if (ianaId.isEmpty()) {
        return LocalCalendar(QTimeZone::systemTimeZone(), weekStart);
    }
    QTimeZone zone(ianaId);
    if (!zone.isValid()) {
        return std::nullopt;
    }
    return LocalCalendar(zone, weekStart);
}

std::int64_t LocalCalendar::dayOf(std::int64_t utcMs)
{
    if (utcMs >= m_cachedFrom && utcMs < m_cachedUntil) {
        return m_cachedDay;
    }
    const QDate date = QDateTime::fromMSecsSinceEpoch(utcMs, m_zone).date();
    m_cachedDay = date.toJulianDay();
    m_cachedFrom = startOfDayUtcMs(date);
    m_cachedUntil = startOfDayUtcMs(date.addDays(1));
    return m_cachedDay;
}

std::int64_t LocalCalendar::startOfDayUtcMs(QDate date) const
{
    return date.startOfDay(m_zone).toMSecsSinceEpoch();
}

QDate LocalCalendar::weekStartOf(QDate date) const
{
    const int back = (date.dayOfWeek() - static_cast<int>(m_weekStart) + 7) % 7;
    return date.addDays(-back);
}

} // namespace burnrate

#ifndef BURNRATE_CORE_UTIL_LOCALCALENDAR_H
#define BURNRATE_CORE_UTIL_LOCALCALENDAR_H

#include <QDate>
#include <QTimeZone>

#include <cstdint>

namespace burnrate {

// Maps UTC instants to local calendar days in one time zone, DST and half-hour offsets included.
// Days are Julian day numbers (QDate::toJulianDay). Caches the last day so that runs of nearby
// instants cost a comparison each. Not thread-safe; copy it per thread.
class LocalCalendar final
{
public:
    explicit LocalCalendar(QTimeZone zone, Qt::DayOfWeek weekStart = Qt::Monday);

    // The zone named by `ianaId`, or the system zone when empty. Invalid names give std::nullopt.
    static std::optional<LocalCalendar> forZoneId(const QByteArray &ianaId, Qt::DayOfWeek weekStart = Qt::Monday);

    const QTimeZone &zone() const { return m_zone; }
    QByteArray zoneId() const { return m_zone.id(); }
    Qt::DayOfWeek weekStart() const { return m_weekStart; }

    std::int64_t dayOf(std::int64_t utcMs);
    QDate dateOf(std::int64_t utcMs) { return QDate::fromJulianDay(dayOf(utcMs)); }

    // UTC ms of local midnight starting `date` (the first valid instant of that day, if a DST gap
    // swallows midnight).
    std::int64_t startOfDayUtcMs(QDate date) const;

    // The first day of the week / month that contains `date`.
    QDate weekStartOf(QDate date) const;
    static QDate monthStartOf(QDate date) { return QDate(date.year(), date.month(), 1); }

private:
    QTimeZone m_zone;
    Qt::DayOfWeek m_weekStart;
    std::int64_t m_cachedFrom = 1;
    std::int64_t m_cachedUntil = 0; // [from, until) maps to m_cachedDay
    std::int64_t m_cachedDay = 0;
};

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_LOCALCALENDAR_H

#ifndef BURNRATE_CORE_UTIL_LOCALCALENDAR_H
#define BURNRATE_CORE_UTIL_LOCALCALENDAR_H

#include <QDate>
#include <QTimeZone>

#include <cstdint>
#include <optional>
#include <vector>

namespace burnrate {

// Maps UTC instants to local calendar days in one time zone, DST and half-hour offsets included.
// Days are Julian day numbers (QDate::toJulianDay). Keeps the zone's UTC offsets for the years
// around the instants asked about, so a lookup is a binary search. Not thread-safe; copy it per thread.
class LocalCalendar final
{
public:
    explicit LocalCalendar(QTimeZone zone, Qt::DayOfWeek weekStart = Qt::Monday);

    // The zone named by `ianaId`, or the system zone when empty (UTC when the system has no valid zone). Invalid
    // names give std::nullopt.
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
    std::int64_t dayFromOffsets(std::int64_t utcMs);
    void loadOffsets(std::int64_t utcMs);

    // UTC offsets over [m_offsetsFrom, m_offsetsUntil): m_baseOffset, then each transition's.
    struct Transition
    {
        std::int64_t atMs;
        int offsetSecs;
    };
    std::vector<Transition> m_transitions;
    int m_baseOffsetSecs = 0;
    std::int64_t m_offsetsFrom = 1;
    std::int64_t m_offsetsUntil = 0;

    QTimeZone m_zone;
    Qt::DayOfWeek m_weekStart;
};

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_LOCALCALENDAR_H

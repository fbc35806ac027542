#include "util/localcalendar.h"

#include <QDateTime>

#include <algorithm>

namespace burnrate {

LocalCalendar::LocalCalendar(QTimeZone zone, Qt::DayOfWeek weekStart)
    : m_zone(std::move(zone))
    , m_weekStart(weekStart)
{}

std::optional<LocalCalendar> LocalCalendar::forZoneId(const QByteArray &ianaId, Qt::DayOfWeek weekStart)
{
    if (ianaId.isEmpty()) {
        // A system without a time-zone database (a minimal container, no tzdata) has no valid system zone: its
        // clock is UTC then, and so is the calendar, rather than one that places every request nowhere.
        const QTimeZone system = QTimeZone::systemTimeZone();
        return LocalCalendar(system.isValid() ? system : QTimeZone::utc(), weekStart);
    }
    QTimeZone zone(ianaId);
    if (!zone.isValid()) {
        return std::nullopt;
    }
    return LocalCalendar(zone, weekStart);
}

namespace {

constexpr std::int64_t MsPerDay = 86'400'000;
constexpr std::int64_t JulianDayOfEpoch = 2'440'588;
constexpr std::int64_t MsPerYear = 366 * MsPerDay;

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

} // namespace

std::int64_t LocalCalendar::dayOf(std::int64_t utcMs)
{
    return dayFromOffsets(utcMs);
}

// The local day from the zone's offset table: exact, and no QDateTime per call.
std::int64_t LocalCalendar::dayFromOffsets(std::int64_t utcMs)
{
    if (utcMs < m_offsetsFrom || utcMs >= m_offsetsUntil) {
        loadOffsets(utcMs);
    }
    if (m_transitions.empty()) {
        return floorDiv(utcMs + std::int64_t{m_baseOffsetSecs} * 1000, MsPerDay) + JulianDayOfEpoch;
    }
    int offset = m_baseOffsetSecs;
    auto it = std::upper_bound(m_transitions.begin(), m_transitions.end(), utcMs,
                               [](std::int64_t ms, const Transition &t) { return ms < t.atMs; });
    if (it != m_transitions.begin()) {
        offset = std::prev(it)->offsetSecs;
    }
    return floorDiv(utcMs + std::int64_t{offset} * 1000, MsPerDay) + JulianDayOfEpoch;
}

void LocalCalendar::loadOffsets(std::int64_t utcMs)
{
    // Two years either side of the instant; most imports then never reload.
    m_offsetsFrom = utcMs - 2 * MsPerYear;
    m_offsetsUntil = utcMs + 2 * MsPerYear;
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(m_offsetsFrom, QTimeZone::utc());
    m_baseOffsetSecs = m_zone.offsetFromUtc(from);
    m_transitions.clear();
    const auto list = m_zone.transitions(from, QDateTime::fromMSecsSinceEpoch(m_offsetsUntil, QTimeZone::utc()));
    for (const auto &t : list) {
        m_transitions.push_back({t.atUtc.toMSecsSinceEpoch(), t.offsetFromUtc});
    }
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

#include "ledger/reportfilter.h"

#include "ledger/database.h"
#include "util/localcalendar.h"

#include <limits>

namespace burnrate {

namespace {

QString inList(const QString &column, qsizetype count, int &param)
{
    QStringList params;
    for (qsizetype i = 0; i < count; ++i) {
        params << QStringLiteral("?%1").arg(param++);
    }
    return QStringLiteral(" AND %1 IN (%2)").arg(column, params.join(QStringLiteral(", ")));
}

} // namespace

UtcRange utcRangeOf(const LocalCalendar &calendar, std::optional<QDate> since, std::optional<QDate> until)
{
    return {since ? calendar.startOfDayUtcMs(*since) : std::numeric_limits<std::int64_t>::min(),
            until ? calendar.startOfDayUtcMs(until->addDays(1)) : std::numeric_limits<std::int64_t>::max()};
}

QString ReportFilter::sqlCondition(int firstParam) const
{
    QString sql;
    int param = firstParam;
    if (!sources.isEmpty()) {
        sql += inList(QStringLiteral("source"), sources.size(), param);
    }
    if (!models.isEmpty()) {
        sql += inList(QStringLiteral("model"), models.size(), param);
    }
    if (project) {
        sql += QStringLiteral(" AND COALESCE(project, '') = ?%1").arg(param);
    }
    return sql;
}

void ReportFilter::bind(Statement &statement, int firstParam) const
{
    int param = firstParam;
    for (const QStringList *values : {&sources, &models}) {
        for (const QString &v : *values) {
            statement.bind(param++, v);
        }
    }
    if (project) {
        // A null QString would bind NULL, which equals nothing.
        statement.bind(param, project->isNull() ? QStringLiteral("") : *project);
    }
}

} // namespace burnrate

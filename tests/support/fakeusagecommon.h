#ifndef BURNRATE_TESTS_SUPPORT_FAKEUSAGECOMMON_H
#define BURNRATE_TESTS_SUPPORT_FAKEUSAGECOMMON_H

// What the OpenAI and Anthropic fakes share: bucket spans, grouping of the org's cells, JSON bits.
#include "fakeproviders.h"

#include <QDateTime>
#include <QMap>

namespace burnrate::test::fake {

constexpr std::int64_t MsPerMinute = 60'000;

struct Span
{
    std::int64_t start;
    std::int64_t end;
};

// The buckets of one page: from `first` (the request's start, or the cursor's), `width` apart and aligned
// after the first, while they start before `until`; at most `limit`.
inline QList<Span> pageSpans(std::int64_t first, std::int64_t until, std::int64_t width, int limit, bool &more,
                             std::int64_t &next)
{
    QList<Span> out;
    std::int64_t s = first;
    while (s < until && out.size() < limit) {
        const std::int64_t aligned = s - ((s % width) + width) % width + width;
        out.append({s, aligned});
        s = aligned;
    }
    more = s < until;
    next = s;
    return out;
}

using Groups = QMap<QPair<int, int>, FakeOrg::Cell>;

// Sums the org's cells of [from, until) by (model, project), or over a dimension not grouped by (-1).
inline Groups groups(const FakeOrg &org, std::int64_t from, std::int64_t until, bool byModel, bool byProject)
{
    Groups out;
    for (int m = 0; m < org.models(); ++m) {
        for (int p = 0; p < org.projects(); ++p) {
            const FakeOrg::Cell c = org.sum(from, until, m, p);
            if (!c.active()) {
                continue;
            }
            FakeOrg::Cell &g = out[{byModel ? m : -1, byProject ? p : -1}];
            g.input += c.input;
            g.cached += c.cached;
            g.cacheWrite += c.cacheWrite;
            g.output += c.output;
            g.requests += c.requests;
            g.inputCostNano += c.inputCostNano;
            g.outputCostNano += c.outputCostNano;
        }
    }
    return out;
}

inline QByteArray str(const QString &s)
{
    return '"' + s.toUtf8() + '"';
}

inline QByteArray num(std::int64_t v)
{
    return QByteArray::number(static_cast<qlonglong>(v));
}

inline QByteArray usd(std::int64_t nano)
{
    QByteArray s = num(std::abs(nano) / 1'000'000'000) + '.' +
                   QByteArray::number(static_cast<qlonglong>(std::abs(nano) % 1'000'000'000)).rightJustified(9, '0');
    return nano < 0 ? '-' + s : s;
}

inline QByteArray cents(std::int64_t nano)
{
    return num(nano / 10'000'000) + '.' +
           QByteArray::number(static_cast<qlonglong>(nano % 10'000'000)).rightJustified(7, '0');
}

inline QByteArray rfc3339(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ")).toUtf8();
}

inline bool groupedBy(const HttpRequest &req, const QString &dim)
{
    return req.query.allQueryItemValues(QStringLiteral("group_by")).contains(dim) ||
           req.query.allQueryItemValues(QStringLiteral("group_by[]")).contains(dim);
}

inline std::int64_t widthMs(const QString &w)
{
    return w == QLatin1String("1h") ? FakeOrg::MsPerHour : w == QLatin1String("1m") ? MsPerMinute : FakeOrg::MsPerDay;
}

inline int maxLimit(const QString &w)
{
    return w == QLatin1String("1h") ? 168 : w == QLatin1String("1m") ? 1440 : 31;
}

inline int defaultLimit(const QString &w)
{
    return w == QLatin1String("1h") ? 24 : w == QLatin1String("1m") ? 60 : 7;
}

inline HttpResponse openAiBadRequest(const QString &message)
{
    return HttpResponse::json("{\"error\":{\"message\":" + str(message) +
                                  ",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}",
                              400);
}

inline HttpResponse anthropicBadRequest(const QString &message)
{
    return HttpResponse::json("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":" +
                                  str(message) + "},\"request_id\":\"req_fake\"}",
                              400);
}

inline QByteArray page(const QByteArray &data, bool more, const QString &cursor, bool openAi)
{
    return QByteArray(openAi ? "{\"object\":\"page\"," : "{") + "\"data\":[" + data +
           "],\"has_more\":" + (more ? "true" : "false") +
           ",\"next_page\":" + (more ? str(cursor) : QByteArray("null")) + "}";
}

} // namespace burnrate::test::fake

#endif // BURNRATE_TESTS_SUPPORT_FAKEUSAGECOMMON_H

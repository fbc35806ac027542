#include "providers/reportclient.h"

#include "providers/pager.h"
#include "util/clock.h"

#include <QDateTime>

#include <algorithm>

namespace burnrate {

namespace {

constexpr int MaxDailyBuckets = 31;
constexpr int MaxHourlyBuckets = 168;
constexpr int UsageRefreshDays = 2;
constexpr int CostRefreshDays = 3; // a day is closed 24 h after it ends; fetch again until then, and one more

// The boundary between daily and hourly usage buckets: the UTC midnight at or before now − 48 h.
std::int64_t hourlyFrom(std::int64_t nowMs)
{
    return ProviderClient::floorDay(nowMs - 48 * ProviderClient::MsPerHour);
}

// How many buckets of `width` ms cover [from, until), between 1 and `max` (a page's limit).
int bucketsBetween(std::int64_t from, std::int64_t until, std::int64_t width, int max)
{
    const std::int64_t n = (until - from + width - 1) / width;
    return static_cast<int>(std::clamp<std::int64_t>(n, 1, max));
}

using UsageParser = Result<UsagePage> (*)(const QByteArray &body, const QString &width);
using CostParser = Result<CostPage> (*)(const QByteArray &body);

// A page consumer that adds the page's buckets inside [from, until) to the window (the daily and hourly parts must
// never both hold an hour).
Pager::Consume usageConsumer(std::shared_ptr<EndpointWindow> window, UsageParser parse, QString width,
                             std::int64_t from, std::int64_t until)
{
    return [window = std::move(window), parse, width = std::move(width), from,
            until](const QByteArray &body) -> Result<QString> {
        auto page = parse(body, width);
        if (!page) {
            return Result<QString>::failure(page.error());
        }
        window->usage.reserve(window->usage.size() + page->buckets.size());
        for (UsageBucket &b : page.value().buckets) {
            if (b.startMs >= from && b.startMs < until) {
                window->usage.append(std::move(b));
            }
        }
        ++window->pages;
        return page->page.nextPage;
    };
}

Pager::Consume costConsumer(std::shared_ptr<EndpointWindow> window, CostParser parse)
{
    return [window = std::move(window), parse](const QByteArray &body) -> Result<QString> {
        auto page = parse(body);
        if (!page) {
            return Result<QString>::failure(page.error());
        }
        window->billed.append(std::move(page.value().costs));
        ++window->pages;
        return page->page.nextPage;
    };
}

} // namespace

ReportClient::ReportClient(ReportApi api, QNetworkAccessManager &nam, const Clock &clock, const HttpPolicy &policy,
                           QUrl origin, QObject *parent)
    : ProviderClient(api.provider, nam, clock, policy, std::move(origin), api.keyHeader, parent)
    , m_api(std::move(api))
{}

QString ReportClient::timeText(std::int64_t ms) const
{
    if (m_api.timeFormat == ReportApi::TimeFormat::Rfc3339) {
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
    }
    return QString::number(ms / 1000);
}

HttpError ReportClient::explain(KeyKind, const HttpError &error) const
{
    if (error.kind != HttpError::Kind::Unauthorized && error.kind != HttpError::Kind::Forbidden) {
        return error;
    }
    const ReportApi::Refusal refusal = m_api.refusal(error, key(KeyKind::Admin));
    HttpError e = error;
    switch (refusal.kind) {
    case ReportApi::Refusal::Kind::WrongKeyKind:
        e.wrongKeyKind = true;
        e.message = QStringLiteral("this is an inference key; usage needs an Admin key — create one at %1")
                        .arg(keySpec(provider(), KeyKind::Admin)->createUrl);
        break;
    case ReportApi::Refusal::Kind::NotAllowed:
        e.message = refusal.message;
        break;
    case ReportApi::Refusal::Kind::Rejected:
        e = rejected(m_api.displayName, error);
        break;
    }
    return e;
}

void ReportClient::validateKey(KeyKind kind, const QString &secret, std::function<void(const KeyCheck &)> done)
{
    setKey(kind, secret);
    const std::int64_t now = clock().nowMs();
    const std::int64_t from = (m_api.checkFromMidnight ? floorDay(now) : now) - MsPerDay;
    checkKey(request(m_api.apiRoot + m_api.costsEndpoint,
                     {{m_api.startParam, timeText(from)}, {QStringLiteral("limit"), QStringLiteral("1")}},
                     KeyKind::Admin),
             kind, QStringLiteral("%1 accepted the Admin key").arg(m_api.displayName), std::move(done));
}

QList<ProviderClient::Step> ReportClient::steps(const SyncRequest &request, const CoveredUntil &coveredUntil)
{
    const std::int64_t usageFrom = planFrom(request, coveredUntil(m_api.usageEndpoint), UsageRefreshDays);
    const std::int64_t costFrom = planFrom(request, coveredUntil(m_api.costsEndpoint), CostRefreshDays);
    return {
        [this, request, usageFrom](const StepDone &next) { fetchUsage(request, usageFrom, next); },
        [this, request, costFrom](const StepDone &next) { fetchCosts(request, costFrom, next); },
    };
}

void ReportClient::fetchUsage(const SyncRequest &request, std::int64_t from, const StepDone &next)
{
    const std::int64_t now = request.nowMs;
    auto window =
        std::make_shared<EndpointWindow>(windowOf(m_api.usageEndpoint, EndpointWindow::Kind::Usage, from, now));
    const std::int64_t split = std::max(from, hourlyFrom(now));
    auto finish = [this, window, next](const HttpError &error) {
        finishWindow(*window, error, label(QStringLiteral("usage")), KeyKind::Admin, next);
    };
    auto hourly = [this, window, split, now, finish](const HttpError &error) {
        if (error.isError()) {
            finish(error);
            return;
        }
        fetchUsagePart(window, split, now, true, QStringLiteral("1h"), finish);
    };
    if (from < split) {
        fetchUsagePart(window, from, split, false, QStringLiteral("1d"), hourly);
    } else {
        hourly(HttpError{});
    }
}

void ReportClient::fetchUsagePart(const std::shared_ptr<EndpointWindow> &window, std::int64_t from, std::int64_t until,
                                  bool last, const QString &width, PartDone done)
{
    const bool hourly = width == QLatin1String("1h");
    const int limit =
        bucketsBetween(from, until, hourly ? MsPerHour : MsPerDay, hourly ? MaxHourlyBuckets : MaxDailyBuckets);
    fetchPages(m_api.usageEndpoint, m_api.usageGroups, from, until, last, width, limit,
               usageConsumer(window, m_api.parseUsage, width, from, until), std::move(done));
}

void ReportClient::fetchCosts(const SyncRequest &request, std::int64_t from, const StepDone &next)
{
    const std::int64_t now = request.nowMs;
    auto window =
        std::make_shared<EndpointWindow>(windowOf(m_api.costsEndpoint, EndpointWindow::Kind::Billed, from, now));
    fetchPages(m_api.costsEndpoint, m_api.costGroups, from, now, true, QStringLiteral("1d"),
               bucketsBetween(from, now, MsPerDay, m_api.maxCostBuckets), costConsumer(window, m_api.parseCosts),
               [this, window, next](const HttpError &error) {
                   finishWindow(*window, error, label(QStringLiteral("costs")), KeyKind::Admin, next);
               });
}

void ReportClient::fetchPages(const QString &endpoint, const QStringList &groups, std::int64_t from, std::int64_t until,
                              bool last, const QString &width, int limit, Pager::Consume consume, PartDone done)
{
    auto requestFor = [this, endpoint, groups, from, until, last, width, limit](const QString &cursor) {
        QList<QPair<QString, QString>> q = {{m_api.startParam, timeText(from)}};
        if (!last || !m_api.openEnded) {
            q.append({m_api.endParam, timeText(until)});
        }
        q.append({QStringLiteral("bucket_width"), width});
        q.append({QStringLiteral("limit"), QString::number(limit)});
        for (const QString &group : groups) {
            q.append({m_api.groupByParam, group});
        }
        if (!cursor.isEmpty()) {
            q.append({QStringLiteral("page"), cursor});
        }
        return request(m_api.apiRoot + endpoint, q, KeyKind::Admin);
    };
    Pager::fetchAll(http(), requestFor, std::move(consume),
                    [done = std::move(done)](const HttpError &error, int) { done(error); });
}

} // namespace burnrate

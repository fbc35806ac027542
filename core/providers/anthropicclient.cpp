#include "providers/anthropicclient.h"

#include "providers/anthropicparser.h"
#include "providers/openaiclient.h"
#include "providers/pager.h"
#include "util/clock.h"

#include <QDateTime>
#include <QTimeZone>

namespace burnrate {

namespace {

constexpr int MaxDailyBuckets = 31;
constexpr int MaxHourlyBuckets = 168;
constexpr int UsageRefreshDays = 2;
constexpr int CostRefreshDays = 3;

QString rfc3339(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

} // namespace

AnthropicClient::AnthropicClient(QNetworkAccessManager &nam, const Clock &clock, const HttpPolicy &policy, QUrl origin,
                                 QObject *parent)
    : ProviderClient(QStringLiteral("anthropic"), nam, clock, policy, std::move(origin), parent)
{}

QNetworkRequest AnthropicClient::authorized(QNetworkRequest request) const
{
    request.setRawHeader("x-api-key", key(KeyKind::Admin).toUtf8());
    request.setRawHeader("anthropic-version", "2023-06-01");
    return request;
}

HttpError AnthropicClient::explain(KeyKind, const HttpError &error) const
{
    if (error.kind != HttpError::Kind::Unauthorized && error.kind != HttpError::Kind::Forbidden) {
        return error;
    }
    const QString k = key(KeyKind::Admin);
    HttpError e = error;
    const auto spec = keySpec(provider(), KeyKind::Admin);
    const QString detail = error.providerMessage.isEmpty() ? QString() : QStringLiteral(": ") + error.providerMessage;
    if (!k.startsWith(QLatin1String("sk-ant-admin"))) {
        e.wrongKeyKind = true;
        e.message = QStringLiteral("this is an inference key; usage needs an Admin key — create one at %1")
                        .arg(spec->createUrl);
    } else if (error.kind == HttpError::Kind::Forbidden) {
        e.message = QStringLiteral("the Admin key may not read usage and costs (HTTP 403%1)").arg(detail);
    } else {
        e.message = QStringLiteral("Anthropic rejected the key: it is invalid or was revoked (HTTP 401%1)").arg(detail);
    }
    return e;
}

void AnthropicClient::validateKey(KeyKind kind, const QString &secret, std::function<void(const KeyCheck &)> done)
{
    setKey(kind, secret);
    const std::int64_t today = floorDay(clock().nowMs());
    const QNetworkRequest req = authorized(this->request(
        QStringLiteral("/v1/organizations/cost_report"),
        {{QStringLiteral("starting_at"), rfc3339(today - MsPerDay)}, {QStringLiteral("limit"), QStringLiteral("1")}}));
    http().get(req, [this, kind, done = std::move(done)](const HttpResult &r) {
        KeyCheck check;
        check.ok = r.ok();
        check.error = explain(kind, r.error);
        check.wrongKind = check.error.wrongKeyKind;
        check.message = check.ok ? QStringLiteral("Anthropic accepted the Admin key") : check.error.message;
        done(check);
    });
}

QList<ProviderClient::Step> AnthropicClient::steps(const SyncRequest &request, const CoveredUntil &coveredUntil)
{
    const std::int64_t usageFrom = planFrom(request, coveredUntil(usageEndpoint()), UsageRefreshDays);
    const std::int64_t costFrom = planFrom(request, coveredUntil(costsEndpoint()), CostRefreshDays);
    return {
        [this, request, usageFrom](const StepDone &next) {
            fetchUsageWindow(
                request, usageFrom, usageEndpoint(), QStringLiteral("Anthropic usage"), KeyKind::Admin,
                [this](const std::shared_ptr<EndpointWindow> &window, std::int64_t from, std::int64_t until, bool last,
                       const QString &width,
                       PartDone done) { fetchUsagePart(window, from, until, last, width, std::move(done)); },
                next);
        },
        [this, request, costFrom](const StepDone &next) { fetchCosts(request, costFrom, next); },
    };
}

void AnthropicClient::fetchUsagePart(const std::shared_ptr<EndpointWindow> &window, std::int64_t from,
                                     std::int64_t until, bool last, const QString &width, PartDone done)
{
    const bool hourly = width == QLatin1String("1h");
    const int limit =
        bucketsBetween(from, until, hourly ? MsPerHour : MsPerDay, hourly ? MaxHourlyBuckets : MaxDailyBuckets);
    auto requestFor = [this, from, until, last, width, limit](const QString &cursor) {
        QList<QPair<QString, QString>> q = {{QStringLiteral("starting_at"), rfc3339(from)}};
        if (!last) {
            q.append({QStringLiteral("ending_at"), rfc3339(until)}); // the last part runs on to now
        }
        q.append({QStringLiteral("bucket_width"), width});
        q.append({QStringLiteral("limit"), QString::number(limit)});
        for (const char *g : {"model", "api_key_id", "workspace_id", "service_tier", "context_window"}) {
            q.append({QStringLiteral("group_by[]"), QLatin1String(g)});
        }
        if (!cursor.isEmpty()) {
            q.append({QStringLiteral("page"), cursor});
        }
        return authorized(this->request(QStringLiteral("/v1/organizations/usage_report/messages"), q));
    };
    Pager::fetchAll(http(), requestFor, usageConsumer(window, parseAnthropicUsagePage, width, from, until),
                    [done = std::move(done)](const HttpError &e, int) { done(e); });
}

void AnthropicClient::fetchCosts(const SyncRequest &request, std::int64_t from, const StepDone &next)
{
    auto window = std::make_shared<EndpointWindow>();
    window->endpoint = costsEndpoint();
    window->kind = EndpointWindow::Kind::Billed;
    window->fromMs = from;
    window->untilMs = request.nowMs;
    const int limit = bucketsBetween(from, request.nowMs, MsPerDay, MaxDailyBuckets);
    auto requestFor = [this, from, limit](const QString &cursor) {
        QList<QPair<QString, QString>> q = {{QStringLiteral("starting_at"), rfc3339(from)},
                                            {QStringLiteral("bucket_width"), QStringLiteral("1d")},
                                            {QStringLiteral("limit"), QString::number(limit)},
                                            {QStringLiteral("group_by[]"), QStringLiteral("workspace_id")},
                                            {QStringLiteral("group_by[]"), QStringLiteral("description")}};
        if (!cursor.isEmpty()) {
            q.append({QStringLiteral("page"), cursor});
        }
        return authorized(this->request(QStringLiteral("/v1/organizations/cost_report"), q));
    };
    Pager::fetchAll(http(), requestFor, costConsumer(window, parseAnthropicCostPage),
                    [this, window, next](const HttpError &e, int) {
                        finishWindow(*window, e, QStringLiteral("Anthropic costs"), KeyKind::Admin, next);
                    });
}

} // namespace burnrate

#include "providers/openaiclient.h"

#include "providers/openaiparser.h"
#include "providers/pager.h"
#include "util/clock.h"

namespace burnrate {

namespace {

constexpr int MaxDailyBuckets = 31;
constexpr int MaxHourlyBuckets = 168;
constexpr int MaxCostBuckets = 180;
constexpr int UsageRefreshDays = 2;
constexpr int CostRefreshDays = 3; // a day is closed 24 h after it ends; fetch again until then, and one more

QString secs(std::int64_t ms)
{
    return QString::number(ms / 1000);
}

} // namespace

OpenAiClient::OpenAiClient(QNetworkAccessManager &nam, const Clock &clock, const HttpPolicy &policy, QUrl origin,
                           QObject *parent)
    : ProviderClient(QStringLiteral("openai"), nam, clock, policy, std::move(origin), parent)
{}

QNetworkRequest OpenAiClient::authorized(QNetworkRequest request) const
{
    request.setRawHeader("Authorization", "Bearer " + key(KeyKind::Admin).toUtf8());
    return request;
}

HttpError OpenAiClient::explain(KeyKind, const HttpError &error) const
{
    if (error.kind != HttpError::Kind::Unauthorized && error.kind != HttpError::Kind::Forbidden) {
        return error;
    }
    const QString k = key(KeyKind::Admin);
    const QString msg = error.providerMessage;
    const bool scope = error.kind == HttpError::Kind::Forbidden || msg.contains(QLatin1String("scope")) ||
                       msg.contains(QLatin1String("permission"), Qt::CaseInsensitive);
    HttpError e = error;
    const auto spec = keySpec(provider(), KeyKind::Admin);
    if (scope && !k.startsWith(QLatin1String("sk-admin-"))) {
        e.wrongKeyKind = true;
        e.message = QStringLiteral("this is an inference key; usage needs an Admin key — create one at %1")
                        .arg(spec->createUrl);
    } else if (scope) {
        e.message =
            QStringLiteral("the Admin key lacks permission to read usage (HTTP %1: %2)").arg(error.status).arg(msg);
    } else {
        e.message = QStringLiteral("OpenAI rejected the key: it is invalid or was revoked (HTTP %1%2)")
                        .arg(error.status)
                        .arg(msg.isEmpty() ? QString() : QStringLiteral(": ") + msg);
    }
    return e;
}

void OpenAiClient::validateKey(KeyKind kind, const QString &secret, std::function<void(const KeyCheck &)> done)
{
    setKey(kind, secret);
    const std::int64_t now = clock().nowMs();
    const QNetworkRequest req = authorized(
        this->request(QStringLiteral("/v1/organization/costs"), {{QStringLiteral("start_time"), secs(now - MsPerDay)},
                                                                 {QStringLiteral("limit"), QStringLiteral("1")}}));
    http().get(req, [this, kind, done = std::move(done)](const HttpResult &r) {
        KeyCheck check;
        check.ok = r.ok();
        check.error = explain(kind, r.error);
        check.wrongKind = check.error.wrongKeyKind;
        check.message = check.ok ? QStringLiteral("OpenAI accepted the Admin key") : check.error.message;
        done(check);
    });
}

QList<ProviderClient::Step> OpenAiClient::steps(const SyncRequest &request, const CoveredUntil &coveredUntil)
{
    const std::int64_t usageFrom = planFrom(request, coveredUntil(usageEndpoint()), UsageRefreshDays);
    const std::int64_t costFrom = planFrom(request, coveredUntil(costsEndpoint()), CostRefreshDays);
    return {
        [this, request, usageFrom](const StepDone &next) {
            fetchUsageWindow(
                request, usageFrom, usageEndpoint(), QStringLiteral("OpenAI usage"), KeyKind::Admin,
                [this](const std::shared_ptr<EndpointWindow> &window, std::int64_t from, std::int64_t until, bool,
                       const QString &width,
                       PartDone done) { fetchUsagePart(window, from, until, width, std::move(done)); },
                next);
        },
        [this, request, costFrom](const StepDone &next) { fetchCosts(request, costFrom, next); },
    };
}

void OpenAiClient::fetchUsagePart(const std::shared_ptr<EndpointWindow> &window, std::int64_t from, std::int64_t until,
                                  const QString &width, PartDone done)
{
    const bool hourly = width == QLatin1String("1h");
    const int limit =
        bucketsBetween(from, until, hourly ? MsPerHour : MsPerDay, hourly ? MaxHourlyBuckets : MaxDailyBuckets);
    auto requestFor = [this, from, until, width, limit](const QString &cursor) {
        QList<QPair<QString, QString>> q = {{QStringLiteral("start_time"), secs(from)},
                                            {QStringLiteral("end_time"), secs(until)},
                                            {QStringLiteral("bucket_width"), width},
                                            {QStringLiteral("limit"), QString::number(limit)}};
        for (const char *g : {"model", "project_id", "api_key_id", "batch", "service_tier"}) {
            q.append({QStringLiteral("group_by"), QLatin1String(g)});
        }
        if (!cursor.isEmpty()) {
            q.append({QStringLiteral("page"), cursor});
        }
        return authorized(this->request(QStringLiteral("/v1/organization/usage/completions"), q));
    };
    Pager::fetchAll(http(), requestFor, usageConsumer(window, parseOpenAiUsagePage, width, from, until),
                    [done = std::move(done)](const HttpError &e, int) { done(e); });
}

void OpenAiClient::fetchCosts(const SyncRequest &request, std::int64_t from, const StepDone &next)
{
    auto window = std::make_shared<EndpointWindow>();
    window->endpoint = costsEndpoint();
    window->kind = EndpointWindow::Kind::Billed;
    window->fromMs = from;
    window->untilMs = request.nowMs;
    const std::int64_t until = request.nowMs;
    const int limit = bucketsBetween(from, until, MsPerDay, MaxCostBuckets);
    auto requestFor = [this, from, until, limit](const QString &cursor) {
        QList<QPair<QString, QString>> q = {{QStringLiteral("start_time"), secs(from)},
                                            {QStringLiteral("end_time"), secs(until)},
                                            {QStringLiteral("bucket_width"), QStringLiteral("1d")},
                                            {QStringLiteral("limit"), QString::number(limit)},
                                            {QStringLiteral("group_by"), QStringLiteral("project_id")},
                                            {QStringLiteral("group_by"), QStringLiteral("line_item")}};
        if (!cursor.isEmpty()) {
            q.append({QStringLiteral("page"), cursor});
        }
        return authorized(this->request(QStringLiteral("/v1/organization/costs"), q));
    };
    Pager::fetchAll(http(), requestFor, costConsumer(window, parseOpenAiCostsPage),
                    [this, window, next](const HttpError &e, int) {
                        finishWindow(*window, e, QStringLiteral("OpenAI costs"), KeyKind::Admin, next);
                    });
}

} // namespace burnrate

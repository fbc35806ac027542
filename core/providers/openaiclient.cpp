#include "providers/openaiclient.h"

#include "providers/openaiparser.h"

namespace burnrate {

namespace {

// A 403, or a 401 that speaks of scopes or permissions, is about what the key may read: an inference key where
// an Admin key is needed, or an Admin key without the usage permission. Any other 401 is a key OpenAI does not
// know.
ReportApi::Refusal refusal(const HttpError &error, const QString &adminKey)
{
    const QString msg = error.providerMessage;
    const bool scope = error.kind == HttpError::Kind::Forbidden || msg.contains(QLatin1String("scope")) ||
                       msg.contains(QLatin1String("permission"), Qt::CaseInsensitive);
    if (!scope) {
        return {ReportApi::Refusal::Kind::Rejected, {}};
    }
    if (!adminKey.startsWith(QLatin1String("sk-admin-"))) {
        return {ReportApi::Refusal::Kind::WrongKeyKind, {}};
    }
    return {ReportApi::Refusal::Kind::NotAllowed,
            QStringLiteral("the Admin key lacks permission to read usage (HTTP %1: %2)").arg(error.status).arg(msg)};
}

} // namespace

ReportApi OpenAiClient::reportApi()
{
    return {.provider = QStringLiteral("openai"),
            .displayName = QStringLiteral("OpenAI"),
            .apiRoot = QStringLiteral("/v1/organization/"),
            .usageEndpoint = QStringLiteral("usage/completions"),
            .costsEndpoint = QStringLiteral("costs"),
            .keyHeader = KeyHeader{},
            .timeFormat = ReportApi::TimeFormat::UnixSeconds,
            .startParam = QStringLiteral("start_time"),
            .endParam = QStringLiteral("end_time"),
            .openEnded = false,
            .groupByParam = QStringLiteral("group_by"),
            .usageGroups = {QStringLiteral("model"), QStringLiteral("project_id"), QStringLiteral("api_key_id"),
                            QStringLiteral("batch"), QStringLiteral("service_tier")},
            .costGroups = {QStringLiteral("project_id"), QStringLiteral("line_item")},
            .maxCostBuckets = 180,
            .checkFromMidnight = false,
            .parseUsage = parseOpenAiUsagePage,
            .parseCosts = parseOpenAiCostsPage,
            .refusal = refusal};
}

OpenAiClient::OpenAiClient(QNetworkAccessManager &nam, const Clock &clock, const HttpPolicy &policy, QUrl origin,
                           QObject *parent)
    : ReportClient(reportApi(), nam, clock, policy, std::move(origin), parent)
{}

} // namespace burnrate

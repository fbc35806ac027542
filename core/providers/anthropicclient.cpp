#include "providers/anthropicclient.h"

#include "providers/anthropicparser.h"

namespace burnrate {

namespace {

// Only an Admin key (sk-ant-admin…) reads the reports: any other key is of the wrong kind. An Admin key gets a
// 403 when it may not read them, a 401 when Anthropic does not know it.
ReportApi::Refusal refusal(const HttpError &error, const QString &adminKey)
{
    if (!adminKey.startsWith(QLatin1String("sk-ant-admin"))) {
        return {ReportApi::Refusal::Kind::WrongKeyKind, {}};
    }
    if (error.kind == HttpError::Kind::Forbidden) {
        const QString detail =
            error.providerMessage.isEmpty() ? QString() : QStringLiteral(": ") + error.providerMessage;
        return {ReportApi::Refusal::Kind::NotAllowed,
                QStringLiteral("the Admin key may not read usage and costs (HTTP 403%1)").arg(detail)};
    }
    return {ReportApi::Refusal::Kind::Rejected, {}};
}

} // namespace

ReportApi AnthropicClient::reportApi()
{
    return {.provider = QStringLiteral("anthropic"),
            .displayName = QStringLiteral("Anthropic"),
            .apiRoot = QStringLiteral("/v1/organizations/"),
            .usageEndpoint = QStringLiteral("usage_report/messages"),
            .costsEndpoint = QStringLiteral("cost_report"),
            .keyHeader = KeyHeader{"x-api-key", "", {{"anthropic-version", "2023-06-01"}}},
            .timeFormat = ReportApi::TimeFormat::Rfc3339,
            .startParam = QStringLiteral("starting_at"),
            .endParam = QStringLiteral("ending_at"),
            .openEnded = true,
            .groupByParam = QStringLiteral("group_by[]"),
            .usageGroups = {QStringLiteral("model"), QStringLiteral("api_key_id"), QStringLiteral("workspace_id"),
                            QStringLiteral("service_tier"), QStringLiteral("context_window")},
            .costGroups = {QStringLiteral("workspace_id"), QStringLiteral("description")},
            .maxCostBuckets = 31,
            .checkFromMidnight = true,
            .parseUsage = parseAnthropicUsagePage,
            .parseCosts = parseAnthropicCostPage,
            .refusal = refusal};
}

AnthropicClient::AnthropicClient(QNetworkAccessManager &nam, const Clock &clock, const HttpPolicy &policy, QUrl origin,
                                 QObject *parent)
    : ReportClient(reportApi(), nam, clock, policy, std::move(origin), parent)
{}

} // namespace burnrate

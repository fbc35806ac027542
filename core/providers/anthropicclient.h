#ifndef BURNRATE_CORE_PROVIDERS_ANTHROPICCLIENT_H
#define BURNRATE_CORE_PROVIDERS_ANTHROPICCLIENT_H

#include "providers/reportclient.h"

namespace burnrate {

// Anthropic's Admin API reports, with an Admin key (x-api-key, anthropic-version 2023-06-01):
//  - /v1/organizations/usage_report/messages: grouped by model, api key, workspace, service tier and context
//    window (estimate);
//  - /v1/organizations/cost_report: grouped by workspace and description (billed, in cents), up to 31 buckets a
//    page.
// Times are RFC 3339; a range that runs on to now is sent without its end.
class AnthropicClient final : public ReportClient
{
    Q_OBJECT

public:
    static QString defaultOrigin() { return QStringLiteral("https://api.anthropic.com"); }
    static ReportApi reportApi();

    AnthropicClient(QNetworkAccessManager &nam, const Clock &clock, const HttpPolicy &policy, QUrl origin,
                    QObject *parent = nullptr);
};

} // namespace burnrate

#endif // BURNRATE_CORE_PROVIDERS_ANTHROPICCLIENT_H

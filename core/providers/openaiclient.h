#ifndef BURNRATE_CORE_PROVIDERS_OPENAICLIENT_H
#define BURNRATE_CORE_PROVIDERS_OPENAICLIENT_H

#include "providers/reportclient.h"

namespace burnrate {

// OpenAI's organisation Usage and Costs APIs, with an Admin key (Authorization: Bearer):
//  - /v1/organization/usage/completions: grouped by model, project, api key, batch and service tier (estimate);
//  - /v1/organization/costs: grouped by project and line item (billed), up to 180 buckets a page.
// Times are Unix seconds; every range is sent with its end.
class OpenAiClient final : public ReportClient
{
    Q_OBJECT

public:
    static QString defaultOrigin() { return QStringLiteral("https://api.openai.com"); }
    static ReportApi reportApi();

    OpenAiClient(QNetworkAccessManager &nam, const Clock &clock, const HttpPolicy &policy, QUrl origin,
                 QObject *parent = nullptr);
};

} // namespace burnrate

#endif // BURNRATE_CORE_PROVIDERS_OPENAICLIENT_H

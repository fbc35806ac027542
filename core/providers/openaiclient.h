#ifndef BURNRATE_CORE_PROVIDERS_OPENAICLIENT_H
#define BURNRATE_CORE_PROVIDERS_OPENAICLIENT_H

#include "providers/providerclient.h"

namespace burnrate {

// OpenAI's organisation Usage and Costs APIs, with an Admin key:
//  - /v1/organization/usage/completions: 1h buckets for the UTC days that hold the last 48 hours, 1d buckets
//    before, grouped by model, project, api key, batch and service tier (estimate);
//  - /v1/organization/costs: 1d buckets grouped by project and line item (billed).
class OpenAiClient final : public ProviderClient
{
    Q_OBJECT

public:
    static QString defaultOrigin() { return QStringLiteral("https://api.openai.com"); }
    static QString usageEndpoint() { return QStringLiteral("usage/completions"); }
    static QString costsEndpoint() { return QStringLiteral("costs"); }

    OpenAiClient(QNetworkAccessManager &nam, const Clock &clock, const HttpPolicy &policy, QUrl origin,
                 QObject *parent = nullptr);

    bool canSync() const override { return hasKey(KeyKind::Admin); }
    void validateKey(KeyKind kind, const QString &key, std::function<void(const KeyCheck &)> done) override;

protected:
    QList<Step> steps(const SyncRequest &request, const CoveredUntil &coveredUntil) override;
    HttpError explain(KeyKind kind, const HttpError &error) const override;

private:
    void fetchUsagePart(const std::shared_ptr<EndpointWindow> &window, std::int64_t from, std::int64_t until,
                        const QString &width, PartDone done);
    void fetchCosts(const SyncRequest &request, std::int64_t from, const StepDone &next);
    QNetworkRequest authorized(QNetworkRequest request) const;
};

} // namespace burnrate

#endif // BURNRATE_CORE_PROVIDERS_OPENAICLIENT_H

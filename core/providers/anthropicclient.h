#ifndef BURNRATE_CORE_PROVIDERS_ANTHROPICCLIENT_H
#define BURNRATE_CORE_PROVIDERS_ANTHROPICCLIENT_H

#include "providers/providerclient.h"

namespace burnrate {

// Anthropic's Admin API reports, with an Admin key (x-api-key, anthropic-version 2023-06-01):
//  - /v1/organizations/usage_report/messages: 1h buckets for the UTC days that hold the last 48 hours, 1d
//    before, grouped by model, api key, workspace, service tier and context window (estimate);
//  - /v1/organizations/cost_report: 1d buckets grouped by workspace and description (billed, in cents).
class AnthropicClient final : public ProviderClient
{
    Q_OBJECT

public:
    static QString defaultOrigin() { return QStringLiteral("https://api.anthropic.com"); }
    static QString usageEndpoint() { return QStringLiteral("usage_report/messages"); }
    static QString costsEndpoint() { return QStringLiteral("cost_report"); }

    AnthropicClient(QNetworkAccessManager &nam, const Clock &clock, const HttpPolicy &policy, QUrl origin,
                    QObject *parent = nullptr);

    bool canSync() const override { return hasKey(KeyKind::Admin); }
    void validateKey(KeyKind kind, const QString &key, std::function<void(const KeyCheck &)> done) override;

protected:
    QList<Step> steps(const SyncRequest &request, const CoveredUntil &coveredUntil) override;
    HttpError explain(KeyKind kind, const HttpError &error) const override;

private:
    void fetchUsagePart(const std::shared_ptr<EndpointWindow> &window, std::int64_t from, std::int64_t until, bool last,
                        const QString &width, PartDone done);
    void fetchCosts(const SyncRequest &request, std::int64_t from, const StepDone &next);
    QNetworkRequest authorized(QNetworkRequest request) const;
};

} // namespace burnrate

#endif // BURNRATE_CORE_PROVIDERS_ANTHROPICCLIENT_H

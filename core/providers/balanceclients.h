#ifndef BURNRATE_CORE_PROVIDERS_BALANCECLIENTS_H
#define BURNRATE_CORE_PROVIDERS_BALANCECLIENTS_H

#include "providers/providerclient.h"

namespace burnrate {

// OpenRouter (Authorization: Bearer):
//  - /api/v1/key with the inference key: a snapshot of its running totals (spend by difference, today's spend);
//  - /api/v1/credits with a management key: a snapshot of the account's credits;
//  - /api/v1/activity with a management key: billed spend per day and model for the last 30 completed UTC days.
class OpenRouterClient final : public ProviderClient
{
    Q_OBJECT

public:
    static QString defaultOrigin() { return QStringLiteral("https://openrouter.ai"); }
    static constexpr int ActivityDays = 30;

    OpenRouterClient(QNetworkAccessManager &nam, const Clock &clock, const HttpPolicy &policy, QUrl origin,
                     QObject *parent = nullptr);

    bool canSync() const override { return hasKey(KeyKind::Inference) || hasKey(KeyKind::Management); }
    void validateKey(KeyKind kind, const QString &key, std::function<void(const KeyCheck &)> done) override;

protected:
    QList<Step> steps(const SyncRequest &request, const CoveredUntil &coveredUntil) override;
    HttpError explain(KeyKind kind, const HttpError &error) const override;

private:
    void fetchKey(const SyncRequest &request, const StepDone &next);
    void fetchCredits(const SyncRequest &request, const StepDone &next);
    void fetchActivity(const SyncRequest &request, std::int64_t from, const StepDone &next);
};

// DeepSeek: /user/balance snapshots, one per currency; spend is the fall of the balance between them.
class DeepSeekClient final : public ProviderClient
{
    Q_OBJECT

public:
    static QString defaultOrigin() { return QStringLiteral("https://api.deepseek.com"); }

    DeepSeekClient(QNetworkAccessManager &nam, const Clock &clock, const HttpPolicy &policy, QUrl origin,
                   QObject *parent = nullptr);

    bool canSync() const override { return hasKey(KeyKind::Inference); }
    void validateKey(KeyKind kind, const QString &key, std::function<void(const KeyCheck &)> done) override;

protected:
    QList<Step> steps(const SyncRequest &request, const CoveredUntil &coveredUntil) override;
    HttpError explain(KeyKind kind, const HttpError &error) const override;
};

} // namespace burnrate

#endif // BURNRATE_CORE_PROVIDERS_BALANCECLIENTS_H

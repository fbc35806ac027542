#ifndef BURNRATE_CORE_PROVIDERS_SYNCSERVICE_H
#define BURNRATE_CORE_PROVIDERS_SYNCSERVICE_H

#include "providers/providerclient.h"
#include "providers/syncstore.h"
#include "secrets/keyresolver.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QStringList>

#include <map>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace burnrate {

class Clock;
class Database;
class SecretStore;

// What one provider's part of a sync run came to.
struct ProviderResult
{
    enum class Status
    {
        Synced,
        Failed,
        NoKey,     // no key stored and none in the environment: nothing to do
        NoKeychain // no key in the environment, and the keychain could not be asked
    };
    QString provider;
    Status status = Status::NoKey;
    QString message;        // for NoKey, NoKeychain and Failed: in words
    QStringList keySources; // "openai admin key from the keychain", ...
    SyncOutcome outcome;    // for Synced and Failed
};

// Runs a sync of some or all providers: reads their keys at use (environment first, then the keychain),
// fetches every endpoint the keys allow, all providers at once (one request in flight per provider), and
// writes each endpoint's window into the ledger in one transaction. Failures are kept per endpoint in
// words in sync_state; nothing of a failed window is written.
class SyncService final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        HttpPolicy policy;
        int backfillDays = 90;
        KeyResolver::EnvLookup env = KeyResolver::defaultEnv();
    };

    SyncService(Database &db, SecretStore &secrets, QNetworkAccessManager &nam, const Clock &clock, Options options,
                QObject *parent = nullptr);
    ~SyncService() override;

    // Where the pricing engine plugs in: usage buckets are priced as they are written.
    void setPricer(UsagePricer pricer) { m_store.setPricer(std::move(pricer)); }
    SyncStore &store() { return m_store; }

    // Syncs `providers` (empty: all of them; those without a key are skipped). `sinceMs` re-fetches from then.
    // Returns false, doing nothing, when a run is already going.
    [[nodiscard]] bool start(const QStringList &providers, std::optional<std::int64_t> sinceMs = std::nullopt);
    bool isRunning() const { return m_pending > 0; }
    // Stops the running sync: requests in flight are dropped, so their providers finish as failed and
    // nothing of their unfinished windows is written. wasCancelled() tells such a run from a real failure.
    void cancel();
    bool wasCancelled() const { return m_cancelled; }

Q_SIGNALS:
    // A run began for these providers; providerFinished() follows once for each, then finished().
    void started(const QStringList &providers);
    void providerFinished(const burnrate::ProviderResult &result);
    void finished(const QList<burnrate::ProviderResult> &results);

private:
    void resolveKeys(const QString &provider, QList<KeySpec> specs, std::shared_ptr<ProviderResult> result,
                     std::shared_ptr<QList<ResolvedKey>> keys);
    void runProvider(const QString &provider, std::shared_ptr<ProviderResult> result, const QList<ResolvedKey> &keys);
    void finishProvider(const ProviderResult &result);

    Database &m_db;
    KeyResolver m_keys;
    QNetworkAccessManager &m_nam;
    const Clock &m_clock;
    Options m_options;
    SyncStore m_store;
    SyncRequest m_request;
    int m_pending = 0;
    bool m_cancelled = false;
    QList<ProviderResult> m_results;
    std::map<QString, std::unique_ptr<ProviderClient>> m_clients;
    int m_generation = 0;
};

} // namespace burnrate

Q_DECLARE_METATYPE(burnrate::ProviderResult)

#endif // BURNRATE_CORE_PROVIDERS_SYNCSERVICE_H

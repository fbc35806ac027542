#include "providers/syncservice.h"

#include "ledger/database.h"
#include "providers/providerregistry.h"
#include "providers/providerslog.h"
#include "util/clock.h"

#include <QPointer>
#include <QTimer>

namespace burnrate {

SyncService::SyncService(Database &db, SecretStore &secrets, QNetworkAccessManager &nam, const Clock &clock,
                         Options options, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_keys(secrets, options.env)
    , m_nam(nam)
    , m_clock(clock)
    , m_options(std::move(options))
    , m_store(db)
{}

SyncService::~SyncService() = default;

bool SyncService::start(const QStringList &providers, std::optional<std::int64_t> sinceMs)
{
    if (m_pending > 0) {
        return false;
    }
    ++m_generation;
    m_cancelled = false;
    m_results.clear();
    m_request = SyncRequest{m_clock.nowMs(), sinceMs, m_options.backfillDays};
    const QStringList names = providers.isEmpty() ? syncProviders() : providers;
    m_pending = static_cast<int>(names.size());
    if (m_pending == 0) {
        QTimer::singleShot(0, this, [this] { Q_EMIT finished(m_results); });
        return true;
    }
    qCDebug(lcProviders).noquote() << "sync run started for" << names.join(QStringLiteral(", "));
    Q_EMIT started(names);
    for (const QString &provider : names) {
        auto result = std::make_shared<ProviderResult>();
        result->provider = provider;
        if (!syncProviders().contains(provider)) {
            result->status = ProviderResult::Status::Failed;
            result->message = QStringLiteral("unknown provider \"%1\" (known: %2)")
                                  .arg(provider, syncProviders().join(QStringLiteral(", ")));
            const ProviderResult copy = *result;
            QTimer::singleShot(0, this, [this, copy] { finishProvider(copy); });
            continue;
        }
        resolveKeys(provider, keySpecsOf(provider), result, std::make_shared<QList<ResolvedKey>>());
    }
    return true;
}

void SyncService::cancel()
{
    m_cancelled = m_pending > 0;
    for (auto &[name, client] : m_clients) {
        client->http().cancelAll();
    }
}

void SyncService::resolveKeys(const QString &provider, QList<KeySpec> specs, std::shared_ptr<ProviderResult> result,
                              std::shared_ptr<QList<ResolvedKey>> keys)
{
    if (specs.isEmpty()) {
        runProvider(provider, result, *keys);
        return;
    }
    const KeySpec spec = specs.takeFirst();
    QPointer<SyncService> self(this);
    const int generation = m_generation;
    m_keys.resolve(spec, [self, generation, provider, specs, result, keys](const ResolvedKey &key) {
        if (!self || self->m_generation != generation) {
            return;
        }
        keys->append(key);
        self->resolveKeys(provider, specs, result, keys);
    });
}

void SyncService::runProvider(const QString &provider, std::shared_ptr<ProviderResult> result,
                              const QList<ResolvedKey> &keys)
{
    QStringList problems;
    bool keychainTrouble = false;
    for (const ResolvedKey &k : keys) {
        if (k.found()) {
            result->keySources << QStringLiteral("%1 key from %2")
                                      .arg(keyKindName(k.spec.kind), k.source == ResolvedKey::Source::Environment
                                                                         ? k.spec.envVar
                                                                         : QStringLiteral("the keychain"));
        } else if (k.error != SecretStore::Error::NotFound) {
            keychainTrouble = true;
            problems << k.message;
        }
    }
    if (result->keySources.isEmpty()) {
        result->status = keychainTrouble ? ProviderResult::Status::NoKeychain : ProviderResult::Status::NoKey;
        if (keychainTrouble) {
            result->message = problems.first();
        } else {
            QStringList vars;
            for (const ResolvedKey &k : keys) {
                vars << k.spec.envVar;
            }
            result->message = QStringLiteral("no key (burnrate keys set %1, or set %2)")
                                  .arg(provider, vars.join(QStringLiteral(" or ")));
        }
        finishProvider(*result);
        return;
    }
    auto client = createProviderClient(provider, m_nam, m_clock, m_options.policy, m_options.env);
    if (!client) {
        result->status = ProviderResult::Status::Failed;
        result->message = client.error();
        finishProvider(*result);
        return;
    }
    ProviderClient *c = client->get();
    for (const ResolvedKey &k : keys) {
        if (k.found()) {
            c->setKey(k.spec.kind, k.secret);
        }
    }
    m_clients[provider] = std::move(client).value();
    const std::int64_t now = m_request.nowMs;
    c->sync(
        m_request,
        [this, provider](const QString &endpoint) -> std::optional<std::int64_t> {
            const auto st = m_store.state(provider, endpoint);
            return st ? st->coveredUntil : std::nullopt;
        },
        [this, now](const EndpointWindow &window) -> Status {
            auto written = m_store.commit(window, now);
            return written ? okStatus() : Status::failure(written.error());
        },
        [this, result, now](const SyncOutcome &outcome) {
            result->outcome = outcome;
            result->status = outcome.ok ? ProviderResult::Status::Synced : ProviderResult::Status::Failed;
            if (!outcome.ok) {
                result->message = outcome.error.message;
                if (auto noted = m_store.recordFailure(result->provider, outcome.failedEndpoint, now,
                                                       outcome.error.message, outcome.error.retryAfterMs);
                    !noted) {
                    result->message += QStringLiteral(" (not noted in the ledger: %1)").arg(noted.error());
                }
            }
            const ProviderResult copy = *result;
            // The client is inside its own callback: let it unwind before it goes.
            QTimer::singleShot(0, this, [this, copy] { finishProvider(copy); });
        });
}

void SyncService::finishProvider(const ProviderResult &result)
{
    if (auto it = m_clients.find(result.provider); it != m_clients.end()) {
        it->second.release()->deleteLater();
        m_clients.erase(it);
    }
    if (result.status == ProviderResult::Status::NoKey) {
        qCDebug(lcProviders).noquote() << result.provider << "not synced: no key";
    } else if (result.status == ProviderResult::Status::NoKeychain) {
        qCDebug(lcProviders).noquote() << result.provider << "not synced: the keychain could not be asked";
    } else if (result.status == ProviderResult::Status::Synced) {
        qCDebug(lcProviders).noquote() << result.provider << "synced";
    } else {
        qCDebug(lcProviders).noquote() << result.provider << "sync failed:" << result.message;
    }
    m_results.append(result);
    Q_EMIT providerFinished(result);
    if (--m_pending == 0) {
        Q_EMIT finished(m_results);
    }
}

} // namespace burnrate

#include "secrets/keyvalidator.h"

#include "providers/providerregistry.h"
#include "secrets/keyresolver.h"
#include "secrets/secretstore.h"

#include <QTimer>

namespace burnrate {

struct KeyValidator::Run
{
    KeySpec spec;
    QString key;
    Done done;
    QString checked; // what the provider said of the key
    std::unique_ptr<ProviderClient> client;
    QTimer timer;
    int stage = 0; // a callback or timeout of an earlier stage finds a later one and does nothing
    bool finished = false;
};

KeyValidator::KeyValidator(SecretStore &store, QNetworkAccessManager &nam, HttpPolicy policy, EnvLookup env,
                           QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_nam(nam)
    , m_policy(policy)
    , m_env(std::move(env))
{}

KeyValidator::~KeyValidator() = default;

bool KeyValidator::isBusy() const
{
    return m_run && !m_run->finished;
}

void KeyValidator::validateAndStore(const KeySpec &spec, const QString &key, Done done)
{
    auto run = std::make_shared<Run>();
    run->spec = spec;
    run->key = key;
    run->done = std::move(done);
    m_run = run; // an earlier run is abandoned: its callbacks find it is no longer current
    probe(run);
}

void KeyValidator::arm(const std::shared_ptr<Run> &run, int ms, Timeout onTimeout)
{
    const int stage = ++run->stage;
    run->timer.disconnect();
    run->timer.setSingleShot(true);
    connect(&run->timer, &QTimer::timeout, this, [this, weak = std::weak_ptr<Run>(run), stage, onTimeout] {
        if (auto r = weak.lock(); r && r == m_run && r->stage == stage && !r->finished) {
            (this->*onTimeout)(r);
        }
    });
    run->timer.start(ms);
}

void KeyValidator::validationTimedOut(const std::shared_ptr<Run> &run)
{
    finish(
        run, false,
        QStringLiteral("%1 did not answer in time; nothing was stored").arg(providerDisplayName(run->spec.provider)));
}

void KeyValidator::storeTimedOut(const std::shared_ptr<Run> &run)
{
    finish(run, false,
           QStringLiteral("the keychain did not answer within %1 s; nothing was stored").arg(KeychainTimeoutMs / 1000));
}

void KeyValidator::probe(const std::shared_ptr<Run> &run)
{
    // Is there a keychain to store it in? Without an answer in time, carry on: the write will tell.
    arm(run, KeychainTimeoutMs, &KeyValidator::check);
    const int stage = run->stage;
    std::weak_ptr<Run> weak = run;
    m_store.read(run->spec.entry(), [this, weak, stage](const SecretStore::Outcome &probe) {
        auto r = weak.lock();
        if (!r || r != m_run || r->stage != stage || r->finished) {
            return;
        }
        if (probe.error == SecretStore::Error::NoKeychain) {
            finish(r, false, KeyResolver::noKeychainMessage(r->spec, probe.message));
            return;
        }
        check(r);
    });
}

void KeyValidator::check(const std::shared_ptr<Run> &run)
{
    auto client = createProviderClient(run->spec.provider, m_nam, m_policy, m_env);
    if (!client) {
        finish(run, false, client.error());
        return;
    }
    run->client = std::move(client).value();
    arm(run, ValidationTimeoutMs, &KeyValidator::validationTimedOut);
    const int stage = run->stage;
    std::weak_ptr<Run> weak = run;
    run->client->validateKey(run->spec.kind, run->key, [this, weak, stage](const KeyCheck &c) {
        auto r = weak.lock();
        if (!r || r != m_run || r->stage != stage || r->finished) {
            return;
        }
        if (!c.ok) {
            const QString why = c.wrongKind || c.error.kind == HttpError::Kind::Unauthorized
                                    ? c.message
                                    : QStringLiteral("could not check the key: %1").arg(c.message);
            finish(r, false, why + QStringLiteral("; nothing was stored"));
            return;
        }
        r->checked = c.message;
        store(r);
    });
}

void KeyValidator::store(const std::shared_ptr<Run> &run)
{
    arm(run, KeychainTimeoutMs, &KeyValidator::storeTimedOut);
    const int stage = run->stage;
    std::weak_ptr<Run> weak = run;
    m_store.write(run->spec.entry(), run->key, [this, weak, stage](const SecretStore::Outcome &stored) {
        auto r = weak.lock();
        if (!r || r != m_run || r->stage != stage || r->finished) {
            return;
        }
        if (!stored.ok()) {
            finish(r, false,
                   stored.error == SecretStore::Error::NoKeychain
                       ? KeyResolver::noKeychainMessage(r->spec, stored.message)
                       : stored.message + QStringLiteral("; nothing was stored"));
            return;
        }
        finish(r, true, r->checked);
    });
}

void KeyValidator::finish(const std::shared_ptr<Run> &run, bool ok, const QString &message)
{
    run->finished = true;
    run->key.clear();
    run->timer.stop();
    // From the event loop, so that `done` may start another run (and drop this one's client) safely.
    QMetaObject::invokeMethod(
        this,
        [weak = std::weak_ptr<Run>(run), outcome = KeyStoreOutcome{ok, message}] {
            if (auto r = weak.lock(); r && r->done) {
                auto done = std::move(r->done);
                done(outcome);
            }
        },
        Qt::QueuedConnection);
}

} // namespace burnrate

#include "providers/keyreplacer.h"

#include "providers/providerregistry.h"
#include "secrets/keyresolver.h"

#include <QPointer>
#include <QTimer>

namespace burnrate {

KeyReplacer::KeyReplacer(SecretStore &store, QNetworkAccessManager &nam, const Clock &clock, EnvLookup env,
                         HttpPolicy policy, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_nam(nam)
    , m_clock(clock)
    , m_env(std::move(env))
    , m_policy(policy)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
}

KeyReplacer::~KeyReplacer() = default;

QString KeyReplacer::formatProblem(const QString &secret)
{
    if (secret.isEmpty()) {
        return QStringLiteral("no key was given");
    }
    if (secret.contains(QLatin1Char('\n')) || secret.contains(QLatin1Char(' '))) {
        return QStringLiteral("the key must be one line without spaces");
    }
    return QString();
}

void KeyReplacer::replace(const KeySpec &spec, const QString &secret, Done done)
{
    ++m_generation;
    m_spec = spec;
    m_secret = secret;
    m_checkMessage.clear();
    m_done = std::move(done);
    if (const QString problem = formatProblem(secret); !problem.isEmpty()) {
        QTimer::singleShot(0, this, [this, problem, gen = m_generation] {
            if (gen == m_generation) {
                finish(Outcome::Error::BadFormat, problem);
            }
        });
        return;
    }
    // Is there a keychain to store it in? Asked first, so that a key is not checked for nothing.
    startTimer(m_timeouts.keychainMs,
               QStringLiteral("the keychain did not answer within %1 s").arg(m_timeouts.keychainMs / 1000));
    QPointer<KeyReplacer> self(this);
    m_store.read(spec.entry(), [self, gen = m_generation](const SecretStore::Outcome &probe) {
        if (!self || gen != self->m_generation || !self->m_done) {
            return;
        }
        if (probe.error == SecretStore::Error::NoKeychain) {
            self->finish(Outcome::Error::NoKeychain, KeyResolver::noKeychainMessage(self->m_spec, probe.message));
            return;
        }
        self->validate();
    });
}

void KeyReplacer::validate()
{
    auto client = createProviderClient(m_spec.provider, m_nam, m_clock, m_policy, m_env);
    if (!client) {
        finish(Outcome::Error::CheckFailed, client.error());
        return;
    }
    m_client = std::move(client).value();
    startTimer(
        m_timeouts.validationMs,
        QStringLiteral("%1 did not answer in time; nothing was stored").arg(providerDisplayName(m_spec.provider)));
    QPointer<KeyReplacer> self(this);
    m_client->validateKey(m_spec.kind, m_secret, [self, gen = m_generation](const KeyCheck &check) {
        if (!self || gen != self->m_generation || !self->m_done) {
            return;
        }
        if (!check.ok) {
            const bool rejected = check.wrongKind || check.error.kind == HttpError::Kind::Unauthorized;
            self->finish(rejected ? Outcome::Error::Rejected : Outcome::Error::CheckFailed,
                         (rejected ? check.message : QStringLiteral("could not check the key: %1").arg(check.message)) +
                             QStringLiteral("; nothing was stored"));
            return;
        }
        self->m_checkMessage = check.message;
        self->store();
    });
}

void KeyReplacer::store()
{
    startTimer(m_timeouts.keychainMs,
               QStringLiteral("the keychain did not answer within %1 s").arg(m_timeouts.keychainMs / 1000));
    QPointer<KeyReplacer> self(this);
    m_store.write(m_spec.entry(), m_secret, [self, gen = m_generation](const SecretStore::Outcome &stored) {
        if (!self || gen != self->m_generation || !self->m_done) {
            return;
        }
        if (!stored.ok()) {
            self->finish(Outcome::Error::StoreFailed, stored.error == SecretStore::Error::NoKeychain
                                                          ? KeyResolver::noKeychainMessage(self->m_spec, stored.message)
                                                          : stored.message + QStringLiteral("; nothing was stored"));
            return;
        }
        self->finish(Outcome::Error::None, self->m_checkMessage);
    });
}

void KeyReplacer::startTimer(int ms, const QString &message)
{
    m_timer->disconnect();
    connect(m_timer, &QTimer::timeout, this, [this, message, gen = m_generation] {
        if (gen == m_generation && m_done) {
            finish(Outcome::Error::CheckFailed, message);
        }
    });
    m_timer->start(ms);
}

void KeyReplacer::finish(Outcome::Error error, const QString &message)
{
    m_timer->stop();
    Outcome out;
    out.error = error;
    out.message = message;
    out.maskedKey = maskKey(m_secret);
    out.envOverrides = m_env && !m_env(m_spec.envVar).isEmpty();
    m_secret.clear();
    ++m_generation;
    const Done done = std::exchange(m_done, nullptr);
    // The client may be the caller of this function: let it unwind before it goes.
    if (m_client) {
        m_client.release()->deleteLater();
    }
    done(out);
}

} // namespace burnrate

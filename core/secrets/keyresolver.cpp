#include "secrets/keyresolver.h"

#include <QTimer>

namespace burnrate {

QString ResolvedKey::sourceName() const
{
    switch (source) {
    case Source::Environment:
        return spec.envVar;
    case Source::Keychain:
        return QStringLiteral("keychain");
    case Source::None:
        break;
    }
    return QString();
}

KeyResolver::KeyResolver(SecretStore &store, EnvLookup env)
    : m_store(store)
    , m_env(std::move(env))
{}

KeyResolver::EnvLookup KeyResolver::defaultEnv()
{
    return [](const QString &name) {
        return qEnvironmentVariable(name.toUtf8().constData()).trimmed();
    };
}

QString KeyResolver::noKeychainMessage(const KeySpec &spec, const QString &detail)
{
    return QStringLiteral("%1; Burnrate never writes keys to disk, so set %2 in the environment instead")
        .arg(detail.isEmpty() ? QStringLiteral("no keychain is available") : detail, spec.envVar);
}

void KeyResolver::resolve(const KeySpec &spec, std::function<void(const ResolvedKey &)> done)
{
    const QString fromEnv = m_env(spec.envVar);
    if (!fromEnv.isEmpty()) {
        ResolvedKey key{spec,     ResolvedKey::Source::Environment, fromEnv, SecretStore::Error::None, QString(),
                        QString()};
        // Asynchronous like the keychain path, so callers see one behaviour.
        QTimer::singleShot(0, [key, done = std::move(done)] { done(key); });
        return;
    }
    m_store.read(spec.entry(), [spec, done = std::move(done)](const SecretStore::Outcome &out) {
        ResolvedKey key;
        key.spec = spec;
        if (out.ok() && !out.secret.trimmed().isEmpty()) {
            key.source = ResolvedKey::Source::Keychain;
            key.secret = out.secret.trimmed();
            key.error = SecretStore::Error::None;
        } else {
            key.error = out.ok() ? SecretStore::Error::NotFound : out.error;
            key.detail = out.message;
            key.message =
                key.error == SecretStore::Error::NoKeychain ? noKeychainMessage(spec, out.message) : out.message;
            if (key.error == SecretStore::Error::NotFound) {
                key.message = QStringLiteral("no %1 %2 key (burnrate keys set %1%3, or set %4)")
                                  .arg(spec.provider, keyKindName(spec.kind),
                                       spec.kind == defaultKeyKind(spec.provider)
                                           ? QString()
                                           : QStringLiteral(" --kind %1").arg(keyKindName(spec.kind)),
                                       spec.envVar);
            }
        }
        done(key);
    });
}

} // namespace burnrate

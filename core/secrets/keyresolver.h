#ifndef BURNRATE_CORE_SECRETS_KEYRESOLVER_H
#define BURNRATE_CORE_SECRETS_KEYRESOLVER_H

#include "secrets/keyspec.h"
#include "secrets/secretstore.h"

#include <QString>

#include <functional>

namespace burnrate {

// A key ready for use, and where it came from. Read at use and kept only in memory.
struct ResolvedKey
{
    enum class Source
    {
        None,
        Environment,
        Keychain
    };
    KeySpec spec;
    Source source = Source::None;
    QString secret;
    SecretStore::Error error = SecretStore::Error::NotFound; // when source is None
    QString message;                                         // in words, when source is None
    QString detail;                                          // the keychain's own words, when it failed

    bool found() const { return source != Source::None; }
    QString sourceName() const;
};

// The environment variable of a key wins over the keychain (headless use); otherwise the keychain is
// asked. A missing keychain gets a message that names the environment variable.
class KeyResolver final
{
public:
    using EnvLookup = std::function<QString(const QString &name)>;

    explicit KeyResolver(SecretStore &store, EnvLookup env = defaultEnv());

    void resolve(const KeySpec &spec, std::function<void(const ResolvedKey &)> done);
    static EnvLookup defaultEnv();
    static QString noKeychainMessage(const KeySpec &spec, const QString &detail);

private:
    SecretStore &m_store;
    EnvLookup m_env;
};

} // namespace burnrate

#endif // BURNRATE_CORE_SECRETS_KEYRESOLVER_H

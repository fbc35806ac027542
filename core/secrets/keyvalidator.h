#ifndef BURNRATE_CORE_SECRETS_KEYVALIDATOR_H
#define BURNRATE_CORE_SECRETS_KEYVALIDATOR_H

#include "providers/httpclient.h"
#include "secrets/keyspec.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace burnrate {

class SecretStore;

struct KeyStoreOutcome
{
    bool ok = false;
    // Stored: what the provider said of the key ("admin key of org ..."). Not stored: why, in one line
    // for the user. Never contains the key.
    QString message;
};

// Stores a pasted key only once its provider has accepted it: asks first whether there is a keychain
// at all (so a key is not checked for nothing), then checks the key live (right provider, right kind),
// then writes it to the keychain. What `burnrate keys set` and the desktop's key forms share.
class KeyValidator final : public QObject
{
    Q_OBJECT

public:
    using EnvLookup = std::function<QString(const QString &name)>;
    using Done = std::function<void(const KeyStoreOutcome &)>;

    static constexpr int KeychainTimeoutMs = 30'000;
    static constexpr int ValidationTimeoutMs = 120'000;

    // `env` gives BURNRATE_<PROVIDER>_BASE_URL overrides.
    KeyValidator(SecretStore &store, QNetworkAccessManager &nam, HttpPolicy policy, EnvLookup env,
                 QObject *parent = nullptr);
    ~KeyValidator() override;

    // `done` runs later from the event loop, exactly once, never after the validator is gone. A new
    // call abandons the one before (its `done` never runs).
    void validateAndStore(const KeySpec &spec, const QString &key, Done done);
    bool isBusy() const;

private:
    struct Run;
    void probe(const std::shared_ptr<Run> &run);
    void check(const std::shared_ptr<Run> &run);
    void store(const std::shared_ptr<Run> &run);
    void validationTimedOut(const std::shared_ptr<Run> &run);
    void storeTimedOut(const std::shared_ptr<Run> &run);
    void finish(const std::shared_ptr<Run> &run, bool ok, const QString &message);
    using Timeout = void (KeyValidator::*)(const std::shared_ptr<Run> &);
    void arm(const std::shared_ptr<Run> &run, int ms, Timeout onTimeout);

    SecretStore &m_store;
    QNetworkAccessManager &m_nam;
    HttpPolicy m_policy;
    EnvLookup m_env;
    std::shared_ptr<Run> m_run;
};

} // namespace burnrate

#endif // BURNRATE_CORE_SECRETS_KEYVALIDATOR_H

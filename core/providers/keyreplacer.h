#ifndef BURNRATE_CORE_PROVIDERS_KEYREPLACER_H
#define BURNRATE_CORE_PROVIDERS_KEYREPLACER_H

#include "providers/httpclient.h"
#include "secrets/keyspec.h"
#include "secrets/secretstore.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QTimer;

namespace burnrate {

class Clock;
class ProviderClient;

// Stores a key the way `burnrate keys set` and the settings dialog both do: the key must be one line without
// spaces; the keychain is asked first (so a key is not checked for nothing); the provider checks the key live
// (right kind, accepted); only then is it written to the keychain. Nothing is stored on any failure, and no
// message holds the key. One replace() at a time; `done` runs later from the event loop, never after the
// replacer is destroyed.
class KeyReplacer final : public QObject
{
    Q_OBJECT

public:
    struct Outcome
    {
        enum class Error
        {
            None,
            BadFormat,   // not one line without spaces, or empty
            NoKeychain,  // nowhere to store it: `message` names the environment variable instead
            Rejected,    // the provider refused the key, or it is the wrong kind
            CheckFailed, // could not check it (network, timeout, server)
            StoreFailed  // the keychain refused the write
        };
        Error error = Error::None;
        QString message;           // in words, for the user; on success the provider's own words about the key
        QString maskedKey;         // "sk-…abcd"
        bool envOverrides = false; // the key's environment variable is set and wins over the keychain
        bool ok() const { return error == Error::None; }
    };
    using Done = std::function<void(const Outcome &)>;
    using EnvLookup = std::function<QString(const QString &)>;

    struct Timeouts
    {
        int keychainMs = 30'000;
        int validationMs = 120'000;
    };

    KeyReplacer(SecretStore &store, QNetworkAccessManager &nam, const Clock &clock, EnvLookup env,
                HttpPolicy policy = {}, QObject *parent = nullptr);
    ~KeyReplacer() override;

    void setTimeouts(Timeouts timeouts) { m_timeouts = timeouts; }
    void replace(const KeySpec &spec, const QString &secret, Done done);
    bool busy() const { return static_cast<bool>(m_done); }

    // Empty when `secret` has the form of a key, else why not.
    static QString formatProblem(const QString &secret);

private:
    void validate();
    void store();
    void finish(Outcome::Error error, const QString &message);
    void startTimer(int ms, const QString &message);

    SecretStore &m_store;
    QNetworkAccessManager &m_nam;
    const Clock &m_clock;
    EnvLookup m_env;
    HttpPolicy m_policy;
    Timeouts m_timeouts;
    KeySpec m_spec;
    QString m_secret;
    QString m_checkMessage;
    Done m_done;
    std::unique_ptr<ProviderClient> m_client;
    QTimer *m_timer = nullptr;
    int m_generation = 0; // answers of an earlier, abandoned attempt are ignored
};

} // namespace burnrate

#endif // BURNRATE_CORE_PROVIDERS_KEYREPLACER_H

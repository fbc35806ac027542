#ifndef BURNRATE_CORE_SECRETS_SECRETSTORE_H
#define BURNRATE_CORE_SECRETS_SECRETSTORE_H

#include <QString>

#include <functional>

namespace burnrate {

// Where API keys live. Every operation is asynchronous: `done` runs later from the event loop, never
// before the call returns, and never after the store is destroyed. Implementations never write a
// secret anywhere but their backend, and never put one in a message.
class SecretStore
{
public:
    enum class Error
    {
        None,
        NotFound,     // the backend works and holds no such entry
        NoKeychain,   // no backend is available at all (no Secret Service, no D-Bus session, ...)
        AccessDenied, // the backend refused (locked, or the user said no)
        Other
    };

    struct Outcome
    {
        Error error = Error::None;
        QString secret;  // read only
        QString message; // in words, for the user; empty on success
        bool ok() const { return error == Error::None; }
    };
    using Callback = std::function<void(const Outcome &)>;

    virtual ~SecretStore() = default;

    virtual void read(const QString &entry, Callback done) = 0;
    virtual void write(const QString &entry, const QString &secret, Callback done) = 0;
    virtual void remove(const QString &entry, Callback done) = 0;

    // "the system keychain (Secret Service)", for messages and `burnrate doctor`.
    virtual QString describe() const = 0;
};

} // namespace burnrate

#endif // BURNRATE_CORE_SECRETS_SECRETSTORE_H

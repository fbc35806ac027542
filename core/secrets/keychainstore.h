#ifndef BURNRATE_CORE_SECRETS_KEYCHAINSTORE_H
#define BURNRATE_CORE_SECRETS_KEYCHAINSTORE_H

#include "secrets/secretstore.h"

#include <QObject>

namespace QKeychain {
class Job;
}

namespace burnrate {

// The OS keychain through QtKeychain: one asynchronous job per operation, insecure fallback off (a key
// is never written to a file), every entry under one service name.
class KeychainSecretStore final
    : public QObject
    , public SecretStore
{
    Q_OBJECT

public:
    static QString defaultService() { return QStringLiteral("Burnrate"); }

    explicit KeychainSecretStore(QString service = defaultService(), QObject *parent = nullptr);

    void read(const QString &entry, Callback done) override;
    void write(const QString &entry, const QString &secret, Callback done) override;
    void remove(const QString &entry, Callback done) override;
    QString describe() const override;

    const QString &service() const { return m_service; }

private:
    void start(QKeychain::Job *job, const QString &entry, bool returnsSecret, Callback done);

    QString m_service;
};

} // namespace burnrate

#endif // BURNRATE_CORE_SECRETS_KEYCHAINSTORE_H

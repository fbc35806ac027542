#include "secrets/keychainstore.h"

#include "secrets/secretslog.h"

#include <qt6keychain/keychain.h>

namespace burnrate {

namespace {

SecretStore::Outcome outcomeOf(const QKeychain::Job &job, const QString &entry)
{
    SecretStore::Outcome out;
    switch (job.error()) {
    case QKeychain::NoError:
        return out;
    case QKeychain::EntryNotFound:
        out.error = SecretStore::Error::NotFound;
        out.message = QStringLiteral("no %1 key is stored in the keychain").arg(entry);
        return out;
    case QKeychain::NoBackendAvailable:
        out.error = SecretStore::Error::NoKeychain;
        out.message = QStringLiteral("no keychain is available (%1)").arg(job.errorString());
        return out;
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        out.error = SecretStore::Error::AccessDenied;
        out.message = QStringLiteral("the keychain refused access (%1)").arg(job.errorString());
        return out;
    default:
        break;
    }
    // libsecret reports a missing D-Bus session or Secret Service as a generic error, in GDBus's words.
    const QString text = job.errorString();
    static const QLatin1String NoServiceHints[] = {QLatin1String("org.freedesktop.secrets"),
                                                   QLatin1String("D-Bus"),
                                                   QLatin1String("DBus"),
                                                   QLatin1String("ServiceUnknown"),
                                                   QLatin1String("Could not connect"),
                                                   QLatin1String("autolaunch"),
                                                   QLatin1String("Secret Service"),
                                                   QLatin1String("secret service")};
    bool noService = false;
    for (const QLatin1String hint : NoServiceHints) {
        noService |= text.contains(hint, Qt::CaseInsensitive);
    }
    out.error = noService ? SecretStore::Error::NoKeychain : SecretStore::Error::Other;
    out.message = noService ? QStringLiteral("no keychain is available (%1)").arg(text)
                            : QStringLiteral("the keychain failed: %1").arg(text);
    return out;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
{}

QString KeychainSecretStore::describe() const
{
#if defined(Q_OS_MACOS)
    return QStringLiteral("the macOS Keychain");
#elif defined(Q_OS_WIN)
    return QStringLiteral("the Windows Credential Manager");
#else
    return QStringLiteral("the system keychain (Secret Service)");
#endif
}

void KeychainSecretStore::start(QKeychain::Job *job, const QString &entry, bool returnsSecret, Callback done)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(entry);
    connect(job, &QKeychain::Job::finished, this, [entry, returnsSecret, done = std::move(done)](QKeychain::Job *j) {
        SecretStore::Outcome out = outcomeOf(*j, entry);
        // The entry's name and the keychain's own words only: the secret is never logged.
        if (!out.ok() && out.error != SecretStore::Error::NotFound) {
            qCDebug(lcSecrets) << "keychain entry" << entry << ":" << out.message;
        }
        if (out.ok() && returnsSecret) {
            out.secret = static_cast<QKeychain::ReadPasswordJob *>(j)->textData();
        }
        done(out);
    });
    job->start();
}

void KeychainSecretStore::read(const QString &entry, Callback done)
{
    start(new QKeychain::ReadPasswordJob(m_service, this), entry, true, std::move(done));
}

void KeychainSecretStore::write(const QString &entry, const QString &secret, Callback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setTextData(secret);
    start(job, entry, false, std::move(done));
}

void KeychainSecretStore::remove(const QString &entry, Callback done)
{
    start(new QKeychain::DeletePasswordJob(m_service, this), entry, false, std::move(done));
}

} // namespace burnrate

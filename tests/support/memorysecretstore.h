#ifndef BURNRATE_TESTS_SUPPORT_MEMORYSECRETSTORE_H
#define BURNRATE_TESTS_SUPPORT_MEMORYSECRETSTORE_H

#include "secrets/secretstore.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace burnrate::test {

// A SecretStore in memory, asynchronous like the real one, that can also play a machine without a keychain.
class MemorySecretStore final
    : public QObject
    , public SecretStore
{
public:
    void setUnavailable(bool on) { m_unavailable = on; }
    QHash<QString, QString> entries() const { return m_entries; }

    void read(const QString &entry, Callback done) override
    {
        Outcome out = unavailable();
        if (out.ok()) {
            if (m_entries.contains(entry)) {
                out.secret = m_entries.value(entry);
            } else {
                out.error = Error::NotFound;
                out.message = QStringLiteral("no %1 key is stored in the keychain").arg(entry);
            }
        }
        later(std::move(done), out);
    }
    void write(const QString &entry, const QString &secret, Callback done) override
    {
        const Outcome out = unavailable();
        if (out.ok()) {
            m_entries.insert(entry, secret);
        }
        later(std::move(done), out);
    }
    void remove(const QString &entry, Callback done) override
    {
        Outcome out = unavailable();
        if (out.ok() && m_entries.remove(entry) == 0) {
            out.error = Error::NotFound;
            out.message = QStringLiteral("no %1 key is stored in the keychain").arg(entry);
        }
        later(std::move(done), out);
    }
    QString describe() const override { return QStringLiteral("the test's memory"); }

private:
    Outcome unavailable() const
    {
        Outcome out;
        if (m_unavailable) {
            out.error = Error::NoKeychain;
            out.message = QStringLiteral("no keychain is available (the test switched it off)");
        }
        return out;
    }
    void later(Callback done, const Outcome &out)
    {
        QTimer::singleShot(0, this, [done = std::move(done), out] { done(out); });
    }

    QHash<QString, QString> m_entries;
    bool m_unavailable = false;
};

} // namespace burnrate::test

#endif // BURNRATE_TESTS_SUPPORT_MEMORYSECRETSTORE_H

#ifndef BURNRATE_UI_SINGLEINSTANCE_H
#define BURNRATE_UI_SINGLEINSTANCE_H

#include <QObject>
#include <QString>

#include <memory>

class QLocalServer;
class QLockFile;

namespace burnrate::ui {

// Keeps one app instance per user (and key). The first instance takes a lock file and listens on
// a local socket that only the same user may connect to; a later one finds the lock held, reaches
// the socket and becomes Secondary: it asks the primary to raise its window and exits. A lock or a
// socket left behind by a crashed instance is recovered.
class SingleInstance final : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Primary,
        Secondary,
        Failed
    };

    // The lock file is `dir`/`key`.lock; the socket is `dir`/`key` on Unix and the plain `key`
    // elsewhere. An empty `dir` means the user's runtime folder ($XDG_RUNTIME_DIR on Linux).
    explicit SingleInstance(const QString &key, const QString &dir = {}, QObject *parent = nullptr);
    ~SingleInstance() override;

    State state() const { return m_state; }
    // Why the state is Failed (the app may still run, just without single-instance protection).
    QString errorString() const { return m_error; }
    QString serverName() const { return m_serverName; }
    QString lockFilePath() const { return m_lockPath; }

    // Secondary only: asks the primary to raise its window. Returns whether the message was sent.
    bool sendRaise(int timeoutMs = 2000);

    // "burnrate-<user>", with a "-debug" suffix in debug builds, so they do not meet release ones.
    static QString defaultKey();

    static QByteArray raiseMessage() { return QByteArrayLiteral("raise\n"); }

Q_SIGNALS:
    // The primary received a raise request from a second launch.
    void raiseRequested();

private:
    void start();
    bool becomePrimary();
    bool primaryAnswers() const;
    void onNewConnection();

    State m_state = State::Failed;
    QString m_error;
    QString m_serverName;
    QString m_lockPath;
    std::unique_ptr<QLockFile> m_lock;
    QLocalServer *m_server = nullptr;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_SINGLEINSTANCE_H

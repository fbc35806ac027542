#include "ui/singleinstance.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QThread>

namespace burnrate::ui {

namespace {

constexpr int ConnectAttempts = 10;
constexpr int ConnectTimeoutMs = 100;
constexpr qint64 MaxMessageBytes = 64;

QString userName()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty()) {
        user = qEnvironmentVariable("USERNAME");
    }
    user.remove(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]")));
    return user.isEmpty() ? QStringLiteral("user") : user;
}

} // namespace

SingleInstance::SingleInstance(const QString &key, const QString &dir, QObject *parent)
    : QObject(parent)
{
    const QString folder =
        dir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation) : QDir::cleanPath(dir);
    m_lockPath = QDir(folder).filePath(key + QStringLiteral(".lock"));
#ifdef Q_OS_UNIX
    m_serverName = QDir(folder).filePath(key);
#else
    m_serverName = key;
#endif
    if (folder.isEmpty() || !QDir().mkpath(folder)) {
        m_error = tr("cannot create the folder for the single-instance lock (%1)").arg(folder);
        return;
    }
    start();
}

SingleInstance::~SingleInstance()
{
    if (m_server) {
        m_server->close();
    }
}

QString SingleInstance::defaultKey()
{
    QString key = QStringLiteral("burnrate-") + userName();
#ifndef QT_NO_DEBUG
    key += QStringLiteral("-debug");
#endif
    return key;
}

void SingleInstance::start()
{
    m_lock = std::make_unique<QLockFile>(m_lockPath);
    // A lock is stale only when its process is gone, however long it has been held.
    m_lock->setStaleLockTime(0);
    if (m_lock->tryLock(0)) {
        becomePrimary();
        return;
    }
    if (m_lock->error() != QLockFile::LockFailedError) {
        m_error = tr("cannot create the lock file %1").arg(m_lockPath);
        return;
    }
    if (primaryAnswers()) {
        m_state = State::Secondary;
        return;
    }
    // The lock names a live process that does not answer: a recycled process id, or an instance
    // that is shutting down. Take over, as its socket is gone anyway.
    if (m_lock->removeStaleLockFile() && m_lock->tryLock(0)) {
        becomePrimary();
        return;
    }
    m_error = tr("another instance holds %1 but does not answer").arg(m_lockPath);
}

bool SingleInstance::becomePrimary()
{
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    // We hold the lock, so a socket file here was left by an instance that died.
    QLocalServer::removeServer(m_serverName);
    if (!m_server->listen(m_serverName)) {
        m_error = tr("cannot listen on %1: %2").arg(m_serverName, m_server->errorString());
        m_lock->unlock();
        return false;
    }
    m_state = State::Primary;
    return true;
}

bool SingleInstance::primaryAnswers() const
{
    // The primary takes the lock a moment before it listens: give it that moment.
    for (int i = 0; i < ConnectAttempts; ++i) {
        QLocalSocket socket;
        socket.connectToServer(m_serverName);
        if (socket.waitForConnected(ConnectTimeoutMs)) {
            socket.abort();
            return true;
        }
        QThread::msleep(ConnectTimeoutMs);
    }
    return false;
}

bool SingleInstance::sendRaise(int timeoutMs)
{
    if (m_state != State::Secondary) {
        return false;
    }
    const QDeadlineTimer deadline(timeoutMs);
    QLocalSocket socket;
    socket.connectToServer(m_serverName);
    if (!socket.waitForConnected(static_cast<int>(deadline.remainingTime()))) {
        return false;
    }
    socket.write(raiseMessage());
    if (!socket.waitForBytesWritten(static_cast<int>(deadline.remainingTime()))) {
        return false;
    }
    socket.disconnectFromServer();
    if (socket.state() != QLocalSocket::UnconnectedState) {
        socket.waitForDisconnected(static_cast<int>(deadline.remainingTime()));
    }
    return true;
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        const auto read = [this, socket] {
            while (socket->canReadLine()) {
                if (socket->readLine(MaxMessageBytes) == raiseMessage()) {
                    Q_EMIT raiseRequested();
                }
            }
            if (socket->bytesAvailable() > MaxMessageBytes) {
                socket->abort(); // not one of ours
            }
        };
        connect(socket, &QLocalSocket::readyRead, this, read);
        if (socket->bytesAvailable() > 0) {
            read();
        }
    }
}

} // namespace burnrate::ui

#include "ui/notify/notifier.h"

#include <QLoggingCategory>

namespace burnrate::ui {

Q_LOGGING_CATEGORY(lcNotify, "burnrate.ui.notify", QtInfoMsg)

namespace {

constexpr int BalloonMs = 15'000;

} // namespace

Notifier::Notifier(std::unique_ptr<NotificationBackend> backend, QObject *parent)
    : QObject(parent)
    , m_backend(std::move(backend))
{
    if (m_backend) {
        connect(m_backend.get(), &NotificationBackend::delivered, this,
                [this](const DesktopNotification &n) { Q_EMIT routed(n, Route::Platform); });
        connect(m_backend.get(), &NotificationBackend::failed, this, &Notifier::onBackendFailed);
        connect(m_backend.get(), &NotificationBackend::openRequested, this, &Notifier::openRequested);
    }
}

Notifier::~Notifier() = default;

void Notifier::setTrayIcon(QSystemTrayIcon *tray)
{
    if (m_tray) {
        disconnect(m_tray, nullptr, this, nullptr);
    }
    m_tray = tray;
    if (m_tray) {
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] { Q_EMIT openRequested(m_trayBudgetId); });
    }
}

void Notifier::notify(const DesktopNotification &notification)
{
    if (m_backend) {
        m_backend->send(notification);
    } else {
        showInTray(notification);
    }
}

void Notifier::onBackendFailed(const DesktopNotification &notification, const QString &reason)
{
    qCInfo(lcNotify) << m_backend->name() << "could not show a notification:" << reason << "- using the tray";
    showInTray(notification);
}

void Notifier::showInTray(const DesktopNotification &notification)
{
    if (!m_tray || !m_tray->isVisible() || !QSystemTrayIcon::supportsMessages()) {
        qCWarning(lcNotify) << "no way to show a notification:" << notification.body;
        Q_EMIT routed(notification, Route::Dropped);
        return;
    }
    m_trayBudgetId = notification.budgetId;
    m_tray->showMessage(notification.summary, notification.body,
                        notification.urgent ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, BalloonMs);
    Q_EMIT routed(notification, Route::Tray);
}

} // namespace burnrate::ui

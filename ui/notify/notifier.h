#ifndef BURNRATE_UI_NOTIFY_NOTIFIER_H
#define BURNRATE_UI_NOTIFY_NOTIFIER_H

#include "ui/notify/notificationbackend.h"

#include <QObject>
#include <QPointer>
#include <QSystemTrayIcon>

#include <memory>

namespace burnrate::ui {

// The one funnel every desktop notification goes through: the platform backend (freedesktop Notify over D-Bus
// on Linux, the user notification centre on macOS, both with an "Open" action), else — and whenever that fails — the
// tray icon's balloon (QSystemTrayIcon::showMessage, when the tray supports messages).
class Notifier final : public QObject
{
    Q_OBJECT

public:
    enum class Route
    {
        Platform,
        Tray,
        Dropped // nothing could show it
    };
    Q_ENUM(Route)

    // `backend` may be null: the tray only.
    explicit Notifier(std::unique_ptr<NotificationBackend> backend, QObject *parent = nullptr);
    ~Notifier() override;

    // The tray icon used as the fallback (and, where it is the native way, the main route).
    void setTrayIcon(QSystemTrayIcon *tray);
    NotificationBackend *backend() const { return m_backend.get(); }

    void notify(const DesktopNotification &notification);

Q_SIGNALS:
    // The route a notification took, once known (the platform route answers asynchronously).
    void routed(const burnrate::ui::DesktopNotification &notification, burnrate::ui::Notifier::Route route);
    // "Open" was chosen on a notification of budget `budgetId` (0: no budget in particular).
    void openRequested(std::int64_t budgetId);

private:
    void showInTray(const DesktopNotification &notification);
    void onBackendFailed(const DesktopNotification &notification, const QString &reason);

    std::unique_ptr<NotificationBackend> m_backend;
    QPointer<QSystemTrayIcon> m_tray;
    std::int64_t m_trayBudgetId = 0; // the budget of the balloon on screen
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_NOTIFY_NOTIFIER_H

#ifndef BURNRATE_UI_NOTIFY_NOTIFICATIONBACKEND_H
#define BURNRATE_UI_NOTIFY_NOTIFICATIONBACKEND_H

#include <QImage>
#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>

namespace burnrate::ui {

// One desktop notification, whatever shows it.
struct DesktopNotification
{
    QString summary; // "Burnrate"
    QString body;    // what happened and the number
    bool urgent = false;
    std::int64_t budgetId = 0; // what "Open" opens; 0 = the dashboard
    QImage image;              // optional: shown beside the text where the platform can
};

// A platform's native notification service (freedesktop D-Bus on Linux, UNUserNotificationCenter on macOS). The funnel
// (Notifier) falls back to the tray icon's balloon when there is no backend or when a send fails.
class NotificationBackend : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~NotificationBackend() override = default;

    virtual QString name() const = 0;
    // Sends asynchronously. Exactly one of delivered() and failed() follows for each call.
    virtual void send(const DesktopNotification &notification) = 0;

Q_SIGNALS:
    void delivered(const burnrate::ui::DesktopNotification &notification, quint32 id);
    void failed(const burnrate::ui::DesktopNotification &notification, const QString &reason);
    // The user chose "Open" (or clicked the notification).
    void openRequested(std::int64_t budgetId);
};

// The backend of this platform, chosen in CMake by the file that defines it (notificationbackend_linux.cpp,
// _mac.mm, _other.cpp); nullptr where the tray balloon is the native way, or (macOS) outside an app bundle.
std::unique_ptr<NotificationBackend> createPlatformNotificationBackend();

} // namespace burnrate::ui

#endif // BURNRATE_UI_NOTIFY_NOTIFICATIONBACKEND_H

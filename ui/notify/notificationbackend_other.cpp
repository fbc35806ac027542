// Windows and anything else: the tray icon's message (QSystemTrayIcon::showMessage) is the native way, so
// there is no separate backend.
#include "ui/notify/notificationbackend.h"

namespace burnrate::ui {

std::unique_ptr<NotificationBackend> createPlatformNotificationBackend()
{
    return nullptr;
}

} // namespace burnrate::ui

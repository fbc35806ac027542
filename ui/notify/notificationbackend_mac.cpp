// macOS: the native notification centre (UNUserNotificationCenter, in an .mm file with -framework
// UserNotifications) is not written yet. Until it is, this stub has no backend and the funnel shows every
// notification through the tray icon (QSystemTrayIcon::showMessage), which Qt maps to the system's own.
#include "notify/notificationbackend.h"

namespace burnrate::ui {

std::unique_ptr<NotificationBackend> createPlatformNotificationBackend()
{
    return nullptr;
}

} // namespace burnrate::ui

// macOS and Windows: the menu bar or the notification area is always there, and so is the system's notification
// route (Notification Center on macOS, the tray icon's balloon on Windows); nothing needs asking.
#include "cli/doctor_p.h"

namespace burnrate::cli::detail {

QList<DoctorCheck> desktopChecks()
{
#if defined(Q_OS_MACOS)
    const QString tray = QStringLiteral("the menu bar");
    const QString notifications = QStringLiteral("Notification Center");
#else
    const QString tray = QStringLiteral("the notification area");
    const QString notifications = QStringLiteral("tray balloon");
#endif
    return {DoctorCheck{QStringLiteral("tray"), DoctorCheck::Status::Ok, tray, {}},
            DoctorCheck{QStringLiteral("notifications"), DoctorCheck::Status::Ok, notifications, {}}};
}

} // namespace burnrate::cli::detail

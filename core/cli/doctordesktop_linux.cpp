// Linux: the tray and the notification service as the session D-Bus shows them. The desktop app shows its icon
// as a StatusNotifierItem when a host watches for one (else in an X11 system tray, which a command without a display
// cannot see) and sends alerts to org.freedesktop.Notifications (else as tray messages).
#include "cli/doctor_p.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusReply>

namespace burnrate::cli::detail {

namespace {

const QString WatcherService = QStringLiteral("org.kde.StatusNotifierWatcher");
const QString NotificationsService = QStringLiteral("org.freedesktop.Notifications");
const QString NotificationsPath = QStringLiteral("/org/freedesktop/Notifications");
const QString NotificationsInterface = QStringLiteral("org.freedesktop.Notifications");
constexpr int CallTimeoutMs = 5000;

const QString NoX11Tray = QStringLiteral("an X11 system tray is not visible from the command line");
const QString TrayMessages = QStringLiteral("alerts show as tray messages");

bool isRegistered(QDBusConnectionInterface &bus, const QString &name)
{
    const QDBusReply<bool> reply = bus.isServiceRegistered(name);
    return reply.isValid() && reply.value();
}

// Running now, or started by the bus on the first call (as the app's first notification would start it).
bool isAvailable(QDBusConnectionInterface &bus, const QString &name)
{
    if (isRegistered(bus, name)) {
        return true;
    }
    const QDBusReply<QStringList> activatable = bus.activatableServiceNames();
    return activatable.isValid() && activatable.value().contains(name);
}

DoctorCheck trayCheck(QDBusConnectionInterface &bus)
{
    DoctorCheck c{QStringLiteral("tray"), DoctorCheck::Status::Ok, {}, {}};
    const bool watcher = isRegistered(bus, WatcherService);
    c.field("session_bus", true).field("status_notifier_watcher", watcher);
    if (watcher) {
        c.detail = QStringLiteral("StatusNotifierItem host (%1 on the session bus)").arg(WatcherService);
    } else {
        c.status = DoctorCheck::Status::Warn;
        c.detail = QStringLiteral("no StatusNotifier host on the session bus (%1)").arg(NoX11Tray);
    }
    return c;
}

DoctorCheck notificationsCheck(QDBusConnection &bus, QDBusConnectionInterface &busInterface)
{
    DoctorCheck c{QStringLiteral("notifications"), DoctorCheck::Status::Warn, {}, {}};
    c.field("session_bus", true);
    if (!isAvailable(busInterface, NotificationsService)) {
        c.detail = QStringLiteral("no notification service: %1").arg(TrayMessages);
        return c.field("server", std::monostate{});
    }
    const QDBusMessage call = QDBusMessage::createMethodCall(
        NotificationsService, NotificationsPath, NotificationsInterface, QStringLiteral("GetServerInformation"));
    const QDBusMessage reply = bus.call(call, QDBus::Block, CallTimeoutMs);
    const QList<QVariant> args = reply.arguments();
    if (reply.type() != QDBusMessage::ReplyMessage || args.size() < 3) {
        c.detail = QStringLiteral("the notification service does not answer (%1): %2")
                       .arg(reply.type() == QDBusMessage::ErrorMessage ? reply.errorMessage()
                                                                       : QStringLiteral("an unexpected reply"),
                            TrayMessages);
        return c.field("server", std::monostate{});
    }
    // GetServerInformation: name, vendor, version, specification version.
    const QString name = args.at(0).toString();
    const QString vendor = args.at(1).toString();
    const QString version = args.at(2).toString();
    const QString spec = args.size() > 3 ? args.at(3).toString() : QString();
    c.status = DoctorCheck::Status::Ok;
    c.detail = QStringLiteral("%1 %2 (%3), freedesktop notifications%4")
                   .arg(name, version, vendor, spec.isEmpty() ? QString() : QStringLiteral(" %1").arg(spec));
    c.field("server", name).field("vendor", vendor).field("version", version).field("spec_version", spec);
    return c;
}

} // namespace

QList<DoctorCheck> desktopChecks()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    QDBusConnectionInterface *busInterface = bus.isConnected() ? bus.interface() : nullptr;
    if (!busInterface) {
        const QString why =
            bus.lastError().isValid() ? QStringLiteral(" (%1)").arg(bus.lastError().message()) : QString();
        DoctorCheck tray{
            QStringLiteral("tray"),
            DoctorCheck::Status::Warn,
            QStringLiteral("no D-Bus session bus%1: no StatusNotifier host to ask (%2)").arg(why, NoX11Tray),
            {}};
        tray.field("session_bus", false).field("status_notifier_watcher", false);
        DoctorCheck notifications{QStringLiteral("notifications"),
                                  DoctorCheck::Status::Warn,
                                  QStringLiteral("no D-Bus session bus%1: %2").arg(why, TrayMessages),
                                  {}};
        notifications.field("session_bus", false).field("server", std::monostate{});
        return {tray, notifications};
    }
    return {trayCheck(*busInterface), notificationsCheck(bus, *busInterface)};
}

} // namespace burnrate::cli::detail

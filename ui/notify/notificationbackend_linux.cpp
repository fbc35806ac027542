// Linux: freedesktop notifications (org.freedesktop.Notifications.Notify) over the session D-Bus, with the
// app name, the ring as the image, a desktop-entry hint and an "Open" action.
#include "ui/notify/notificationbackend.h"
#include "util/appinfo.h"

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QHash>

namespace burnrate::ui {

namespace {

const QString Service = QStringLiteral("org.freedesktop.Notifications");
const QString Path = QStringLiteral("/org/freedesktop/Notifications");
const QString Interface = QStringLiteral("org.freedesktop.Notifications");
const QString OpenAction = QStringLiteral("open");
const QString DefaultAction = QStringLiteral("default");

// The "image-data" hint: (iiibiiay) width, height, rowstride, has alpha, bits per sample, channels, RGBA bytes.
struct ImageData
{
    QImage image;
};

QDBusArgument &operator<<(QDBusArgument &arg, const ImageData &data)
{
    const QImage rgba = data.image.convertToFormat(QImage::Format_RGBA8888);
    arg.beginStructure();
    arg << rgba.width() << rgba.height() << static_cast<int>(rgba.bytesPerLine()) << true << 8 << 4
        << QByteArray(reinterpret_cast<const char *>(rgba.constBits()), rgba.sizeInBytes());
    arg.endStructure();
    return arg;
}

const QDBusArgument &operator>>(const QDBusArgument &arg, ImageData &)
{
    return arg; // never read back
}

} // namespace
} // namespace burnrate::ui

Q_DECLARE_METATYPE(burnrate::ui::ImageData)

namespace burnrate::ui {

namespace {

class FreedesktopNotifications final : public NotificationBackend
{
    Q_OBJECT

public:
    FreedesktopNotifications()
        : m_bus(QDBusConnection::sessionBus())
    {
        qDBusRegisterMetaType<ImageData>();
        // QDBusConnection::connect has no pointer-to-member form: these two are the only string-based connects.
        m_bus.connect(Service, Path, Interface, QStringLiteral("ActionInvoked"), this,
                      SLOT(onActionInvoked(uint, QString)));
        m_bus.connect(Service, Path, Interface, QStringLiteral("NotificationClosed"), this,
                      SLOT(onNotificationClosed(uint, uint)));
    }

    QString name() const override { return QStringLiteral("freedesktop notifications"); }

    void send(const DesktopNotification &n) override
    {
        if (!m_bus.isConnected()) {
            Q_EMIT failed(n, QStringLiteral("no D-Bus session bus"));
            return;
        }
        QVariantMap hints;
        hints.insert(QStringLiteral("desktop-entry"), appId());
        hints.insert(QStringLiteral("urgency"), QVariant::fromValue(static_cast<uchar>(n.urgent ? 2 : 1)));
        if (!n.image.isNull()) {
            hints.insert(QStringLiteral("image-data"), QVariant::fromValue(ImageData{n.image}));
        }
        const QStringList actions = {DefaultAction, tr("Open"), OpenAction, tr("Open")};
        QDBusMessage call = QDBusMessage::createMethodCall(Service, Path, Interface, QStringLiteral("Notify"));
        call << QStringLiteral("Burnrate") << 0U << appId() << n.summary << n.body << actions << hints << -1;
        auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call), this);
        connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, n](QDBusPendingCallWatcher *w) {
            const QDBusPendingReply<uint> reply = *w;
            w->deleteLater();
            if (reply.isError()) {
                Q_EMIT failed(n, reply.error().message());
                return;
            }
            m_budgetOf.insert(reply.value(), n.budgetId);
            Q_EMIT delivered(n, reply.value());
        });
    }

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &key)
    {
        const auto it = m_budgetOf.constFind(id);
        if (it == m_budgetOf.constEnd() || (key != OpenAction && key != DefaultAction)) {
            return; // another app's notification, or an action we did not offer
        }
        Q_EMIT openRequested(*it);
    }

    void onNotificationClosed(uint id, uint /*reason*/) { m_budgetOf.remove(id); }

private:
    QDBusConnection m_bus;
    QHash<uint, std::int64_t> m_budgetOf; // our notifications on screen, by server id
};

} // namespace

std::unique_ptr<NotificationBackend> createPlatformNotificationBackend()
{
    return std::make_unique<FreedesktopNotifications>();
}

} // namespace burnrate::ui

#include "notificationbackend_linux.moc"

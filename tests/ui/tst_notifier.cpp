// The notification funnel on the harness's real parts: a freedesktop Notify over D-Bus reaches dunst with the app
// name and text, its "Open" action comes back as openRequested(budget), and when the platform route
// fails the tray icon's balloon shows it instead.
#include "dunst.h"
#include "guitest.h"
#include "ui/notify/notifier.h"
#include "ui/tray/ringicon.h"
#include "ui/tray/trayicon.h"
#include "util/clock.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QSignalSpy>
#include <QUuid>
#include <QWidget>

namespace burnrate::test {

using ui::DesktopNotification;
using ui::Notifier;

namespace {

class FailingBackend final : public ui::NotificationBackend
{
public:
    QString name() const override { return QStringLiteral("failing"); }
    void send(const DesktopNotification &n) override { Q_EMIT failed(n, QStringLiteral("refused for the test")); }
};

DesktopNotification make(const QString &body, std::int64_t budgetId = 0, bool urgent = false)
{
    DesktopNotification n;
    n.summary = QStringLiteral("Burnrate");
    n.body = body;
    n.budgetId = budgetId;
    n.urgent = urgent;
    n.image = ui::renderRing(64, 0.85);
    return n;
}

QString unique(const char *text)
{
    return QStringLiteral("%1 (%2)").arg(QLatin1String(text), QUuid::createUuid().toString(QUuid::WithoutBraces));
}

} // namespace

class NotifierTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void reachesDunstWithNameTextAndAction();
    void openActionOpensTheBudget();
    void fallsBackToTheTrayBalloon();
    void dropsWhenNothingCanShowIt();
};

void NotifierTest::initTestCase()
{
    BURNRATE_REQUIRE_HARNESS();
    QVERIFY2(QDBusConnection::sessionBus().isConnected(), "no D-Bus session bus");
    const QDBusReply<bool> owned =
        QDBusConnection::sessionBus().interface()->isServiceRegistered(QStringLiteral("org.freedesktop.Notifications"));
    QVERIFY2(owned.isValid() && owned.value(), "nobody owns org.freedesktop.Notifications");
}

void NotifierTest::reachesDunstWithNameTextAndAction()
{
    Notifier notifier(ui::createPlatformNotificationBackend());
    QVERIFY(notifier.backend());
    QSignalSpy routed(&notifier, &Notifier::routed);
    const qint64 before = dunstLastId();
    const QString body = unique("80 % of your $100 November budget used ($80.41)");
    const QString urgentBody = unique("100 % of your $100 November budget used ($101.00)");
    notifier.notify(make(body, 3));
    notifier.notify(make(urgentBody, 3, true));
    QTRY_COMPARE_WITH_TIMEOUT(routed.count(), 2, 10000);
    QCOMPARE(routed.at(0).at(1).value<Notifier::Route>(), Notifier::Route::Platform);
    QList<DunstNotification> shown;
    QTRY_COMPARE_WITH_TIMEOUT((shown = dunstSince(before)).size(), 2, 10000);
    QCOMPARE(shown[0].appName, QStringLiteral("Burnrate"));
    QCOMPARE(shown[0].summary, QStringLiteral("Burnrate"));
    QCOMPARE(shown[0].body, body);
    QCOMPARE(shown[0].defaultAction, QStringLiteral("default"));
    QCOMPARE(shown[1].body, urgentBody);
}

void NotifierTest::openActionOpensTheBudget()
{
    dunstctl({QStringLiteral("close-all")});
    Notifier notifier(ui::createPlatformNotificationBackend());
    QSignalSpy routed(&notifier, &Notifier::routed);
    QSignalSpy open(&notifier, &Notifier::openRequested);
    notifier.notify(make(unique("50 % of your $10 daily budget used ($5.00)"), 42));
    QTRY_COMPARE_WITH_TIMEOUT(routed.count(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(dunstctl({QStringLiteral("count"), QStringLiteral("displayed")}).trimmed(),
                              QByteArray("1"), 10000);
    // What a click on the notification does: dunst invokes its default action, which is "Open".
    bool ok = false;
    dunstctl({QStringLiteral("action"), QStringLiteral("0")}, &ok);
    QVERIFY(ok);
    QTRY_COMPARE_WITH_TIMEOUT(open.count(), 1, 10000);
    QCOMPARE(open.at(0).at(0).value<std::int64_t>(), std::int64_t{42});
}

void NotifierTest::fallsBackToTheTrayBalloon()
{
    QWidget window;
    const burnrate::SystemClock clock;
    ui::TrayIcon tray(clock, &window);
    QVERIFY(tray.show());
    QTRY_VERIFY_WITH_TIMEOUT(!tray.systemTrayIcon()->geometry().isEmpty(), 5000);
    QVERIFY(QSystemTrayIcon::supportsMessages());
    Notifier notifier(std::make_unique<FailingBackend>());
    notifier.setTrayIcon(tray.systemTrayIcon());
    QSignalSpy routed(&notifier, &Notifier::routed);
    QSignalSpy open(&notifier, &Notifier::openRequested);
    const qint64 before = dunstLastId();
    notifier.notify(make(QStringLiteral("unusual spend today: $14.20 so far"), 5));
    QCOMPARE(routed.count(), 1);
    QCOMPARE(routed.at(0).at(1).value<Notifier::Route>(), Notifier::Route::Tray);
    // On X11 without a notification watcher Qt draws its own balloon by the icon.
    const auto balloon = [] {
        for (QWidget *w : QApplication::topLevelWidgets()) {
            if (w->isVisible() && QLatin1String(w->metaObject()->className()) == QLatin1String("QBalloonTip")) {
                return true;
            }
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(balloon(), 5000);
    Q_EMIT tray.systemTrayIcon()->messageClicked();
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.at(0).at(0).value<std::int64_t>(), std::int64_t{5});
    QVERIFY(dunstSince(before).isEmpty());
    QApplication::setQuitOnLastWindowClosed(true);
}

void NotifierTest::dropsWhenNothingCanShowIt()
{
    Notifier notifier(std::make_unique<FailingBackend>());
    QSignalSpy routed(&notifier, &Notifier::routed);
    notifier.notify(make(QStringLiteral("nowhere to go")));
    QCOMPARE(routed.count(), 1);
    QCOMPARE(routed.at(0).at(1).value<Notifier::Route>(), Notifier::Route::Dropped);
}

} // namespace burnrate::test

BURNRATE_GUI_TEST_MAIN(burnrate::test::NotifierTest)
#include "tst_notifier.moc"

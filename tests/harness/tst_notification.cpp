// The harness's notification daemon is really there: a freedesktop Notify over D-Bus reaches dunst, and the
// notification is read back from dunst's history. Fails inside the harness when the daemon is missing; skips only
// when not run through the harness at all.
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusReply>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>
#include <QUuid>

namespace burnrate::test {

namespace {

const QString NotificationsService = QStringLiteral("org.freedesktop.Notifications");
const QString NotificationsPath = QStringLiteral("/org/freedesktop/Notifications");
const QString NotificationsInterface = QStringLiteral("org.freedesktop.Notifications");

struct DunstctlResult
{
    bool ok = false;
    QByteArray output;
    QString failure;
};

DunstctlResult dunstctl(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral("dunstctl"), arguments);
    DunstctlResult result;
    if (!process.waitForFinished(10000)) {
        result.failure = QStringLiteral("dunstctl %1 did not finish: %2")
                             .arg(arguments.join(QLatin1Char(' ')), process.errorString());
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.output = process.readAllStandardOutput();
    result.ok = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    if (!result.ok) {
        result.failure = QStringLiteral("dunstctl %1 failed: %2")
                             .arg(arguments.join(QLatin1Char(' ')), QString::fromUtf8(process.readAllStandardError()));
    }
    return result;
}

// One field of a notification in `dunstctl history`, which prints busctl's JSON: {"type": "s", "data": "..."}.
QJsonValue field(const QJsonObject &notification, const QString &name)
{
    return notification.value(name).toObject().value(QStringLiteral("data"));
}

// The notifications of `dunstctl history`: {"type": "aa{sv}", "data": [[{...}, {...}]]}.
QJsonArray historyEntries(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object().value(QStringLiteral("data")).toArray().at(0).toArray();
}

} // namespace

class NotificationTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void serverIsDunst();
    void notificationReachesDunstHistory();
};

void NotificationTest::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("BURNRATE_HARNESS")) {
        QSKIP("needs the real-parts harness (dunst): run through ./dev test or "
              "tests/support/harness/with-harness.sh ctest");
    }
    // Inside the harness, a missing bus or daemon is a failure, not a skip.
    QVERIFY2(QDBusConnection::sessionBus().isConnected(), "no D-Bus session bus");
    const QDBusReply<bool> owned = QDBusConnection::sessionBus().interface()->isServiceRegistered(NotificationsService);
    QVERIFY2(owned.isValid() && owned.value(), "nobody owns org.freedesktop.Notifications");
}

void NotificationTest::serverIsDunst()
{
    const QDBusMessage call = QDBusMessage::createMethodCall(
        NotificationsService, NotificationsPath, NotificationsInterface, QStringLiteral("GetServerInformation"));
    const QDBusMessage reply = QDBusConnection::sessionBus().call(call, QDBus::Block, 10000);
    QVERIFY2(reply.type() == QDBusMessage::ReplyMessage, qPrintable(reply.errorMessage()));
    QCOMPARE(reply.arguments().value(0).toString(), QStringLiteral("dunst"));
}

void NotificationTest::notificationReachesDunstHistory()
{
    const QString unique = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString summary = QStringLiteral("Burnrate harness %1").arg(unique);
    const QString body =
        QStringLiteral("Spent $%1 today (%2)").arg(QRandomGenerator::system()->bounded(1000)).arg(unique);

    QDBusMessage notify = QDBusMessage::createMethodCall(NotificationsService, NotificationsPath,
                                                         NotificationsInterface, QStringLiteral("Notify"));
    notify << QStringLiteral("Burnrate")                                              // app_name
           << 0U                                                                      // replaces_id
           << QString()                                                               // app_icon
           << summary << body << QStringList()                                        // actions
           << QVariantMap{{QStringLiteral("urgency"), QVariant::fromValue(uchar(1))}} // hints
           << -1; // expire_timeout: the server's default
    const QDBusReply<uint> sent = QDBusConnection::sessionBus().call(notify, QDBus::Block, 10000);
    QVERIFY2(sent.isValid(), qPrintable(sent.error().message()));
    const uint id = sent.value();
    QVERIFY(id > 0);

    // close-all moves what is displayed to the history; poll, since dunst may not have shown it yet.
    QJsonObject found;
    QString lastFailure;
    QElapsedTimer timer;
    timer.start();
    while (found.isEmpty() && timer.elapsed() < 10000) {
        const DunstctlResult closed = dunstctl({QStringLiteral("close-all")});
        const DunstctlResult history = closed.ok ? dunstctl({QStringLiteral("history")}) : closed;
        if (!history.ok) {
            lastFailure = history.failure;
        } else {
            const QJsonArray entries = historyEntries(history.output);
            for (const QJsonValue &entry : entries) {
                if (field(entry.toObject(), QStringLiteral("id")).toInteger() == id) {
                    found = entry.toObject();
                }
            }
            lastFailure = QStringLiteral("notification %1 not in the history: %2")
                              .arg(id)
                              .arg(QString::fromUtf8(history.output.left(2000)));
        }
        if (found.isEmpty()) {
            QTest::qWait(100);
        }
    }
    QVERIFY2(!found.isEmpty(), qPrintable(lastFailure));
    QCOMPARE(field(found, QStringLiteral("appname")).toString(), QStringLiteral("Burnrate"));
    QCOMPARE(field(found, QStringLiteral("summary")).toString(), summary);
    QCOMPARE(field(found, QStringLiteral("body")).toString(), body);
}

} // namespace burnrate::test

QTEST_GUILESS_MAIN(burnrate::test::NotificationTest)

#include "tst_notification.moc"

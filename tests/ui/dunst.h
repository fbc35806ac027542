#ifndef BURNRATE_TESTS_UI_DUNST_H
#define BURNRATE_TESTS_UI_DUNST_H

// Reads the harness's notification daemon back: `dunstctl close-all` moves what is on screen into the history,
// `dunstctl history` prints it as busctl JSON. Tests that use it take the RESOURCE_LOCK
// burnrate_harness_notifications, since close-all closes every notification on the harness's dunst.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <algorithm>

namespace burnrate::test {

struct DunstNotification
{
    qint64 id = 0;
    QString appName;
    QString summary;
    QString body;
    QString defaultAction; // the action a click invokes ("default" when the sender offered one)
};

// Runs dunstctl and returns its output; `ok` says whether it ran and exited 0.
inline QByteArray dunstctl(const QStringList &arguments, bool *ok = nullptr)
{
    QProcess process;
    process.start(QStringLiteral("dunstctl"), arguments);
    const bool finished = process.waitForFinished(10000);
    if (!finished) {
        process.kill();
        process.waitForFinished();
    }
    if (ok) {
        *ok = finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    }
    return process.readAllStandardOutput();
}

// Everything dunst has shown so far, oldest first, after closing what is on screen.
inline QList<DunstNotification> dunstHistory()
{
    dunstctl({QStringLiteral("close-all")});
    const QByteArray json = dunstctl({QStringLiteral("history")});
    const QJsonArray entries =
        QJsonDocument::fromJson(json).object().value(QStringLiteral("data")).toArray().at(0).toArray();
    const auto field = [](const QJsonObject &o, const char *name) {
        return o.value(QLatin1String(name)).toObject().value(QStringLiteral("data"));
    };
    QList<DunstNotification> out;
    for (const QJsonValue &entry : entries) {
        const QJsonObject o = entry.toObject();
        out.append({field(o, "id").toInteger(), field(o, "appname").toString(), field(o, "summary").toString(),
                    field(o, "body").toString(), field(o, "default_action_name").toString()});
    }
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.id < b.id; });
    return out;
}

// The highest notification id dunst has handed out so far (0 if none): notifications after it are new.
inline qint64 dunstLastId()
{
    qint64 last = 0;
    for (const DunstNotification &n : dunstHistory()) {
        last = std::max(last, n.id);
    }
    return last;
}

// The notifications after `afterId` from app `appName`.
inline QList<DunstNotification> dunstSince(qint64 afterId, const QString &appName = QStringLiteral("Burnrate"))
{
    QList<DunstNotification> out;
    for (const DunstNotification &n : dunstHistory()) {
        if (n.id > afterId && n.appName == appName) {
            out.append(n);
        }
    }
    return out;
}

} // namespace burnrate::test

#endif // BURNRATE_TESTS_UI_DUNST_H

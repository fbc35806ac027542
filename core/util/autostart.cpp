#include "util/autostart.h"

#include "util/appinfo.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace burnrate {

Autostart::Autostart(QString executable)
    : m_executable(std::move(executable))
{}

bool Autostart::supported()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    return true;
#else
    return false;
#endif
}

QString Autostart::entryPath()
{
    QString config = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (config.isEmpty() || !QDir::isAbsolutePath(config)) { // the spec says a relative value is to be ignored
        config = QDir::home().filePath(QStringLiteral(".config"));
    }
    return QDir(config).filePath(QStringLiteral("autostart/") + appId() + QStringLiteral(".desktop"));
}

bool Autostart::isEnabled() const
{
    return supported() && QFile::exists(entryPath());
}

Status Autostart::setEnabled(bool enabled)
{
    if (!supported()) {
        return Status::failure(QStringLiteral("starting at login is not supported on this system yet"));
    }
    const QString path = entryPath();
    if (!enabled) {
        if (QFile::exists(path) && !QFile::remove(path)) {
            return Status::failure(QStringLiteral("cannot remove %1").arg(path));
        }
        return okStatus();
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        return Status::failure(QStringLiteral("cannot create %1").arg(QFileInfo(path).absolutePath()));
    }
    // Exec per the Desktop Entry spec: the path in double quotes with \, ", ` and $ backslash-escaped and % doubled;
    // then the string escape of every value, which doubles each backslash again.
    QString exec = m_executable;
    exec.replace(QLatin1Char('%'), QStringLiteral("%%"));
    for (const QChar c : {QLatin1Char('\\'), QLatin1Char('"'), QLatin1Char('`'), QLatin1Char('$')}) {
        exec.replace(c, QStringLiteral("\\") + c);
    }
    exec.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    const QString entry = QStringLiteral("[Desktop Entry]\n"
                                         "Type=Application\n"
                                         "Name=Burnrate\n"
                                         "Comment=What your AI API keys cost\n"
                                         "Exec=\"%1\"\n"
                                         "Icon=%2\n"
                                         "Terminal=false\n"
                                         "X-GNOME-Autostart-enabled=true\n")
                              .arg(exec, appId());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(entry.toUtf8()) < 0 || !file.commit()) {
        return Status::failure(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    }
    return okStatus();
}

} // namespace burnrate

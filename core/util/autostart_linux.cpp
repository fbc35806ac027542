// The autostart entry on Linux and other XDG desktops: a desktop file in the autostart folder of the XDG Base
// Directory specification.
#include "util/appinfo.h"
#include "util/autostart.h"
#include "util/autostart_p.h"

#include <QDir>
#include <QFile>

namespace burnrate {

bool Autostart::supported()
{
    return true;
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
    return QFile::exists(entryPath());
}

Status Autostart::setEnabled(bool enabled)
{
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
    return detail::setEntryFile(entryPath(), enabled, entry.toUtf8());
}

} // namespace burnrate

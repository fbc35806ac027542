// The autostart entry on Windows: a value under the current user's Run key of the registry, which Explorer
// reads at every login. The value is the executable's path in double quotes, so a path with spaces
// ("C:\Program Files\...") is one program and not a program and its arguments.
#include "util/autostart.h"

#include <QDir>
#include <QSettings>

namespace burnrate {

namespace {

const QString RunKey = QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");
const QString ValueName = QStringLiteral("Burnrate");

} // namespace

bool Autostart::supported()
{
    return true;
}

QString Autostart::entryPath()
{
    return RunKey + QLatin1Char('\\') + ValueName;
}

bool Autostart::isEnabled() const
{
    const QSettings run(RunKey, QSettings::NativeFormat);
    return run.contains(ValueName);
}

Status Autostart::setEnabled(bool enabled)
{
    QSettings run(RunKey, QSettings::NativeFormat);
    if (enabled) {
        run.setValue(ValueName, QLatin1Char('"') + QDir::toNativeSeparators(m_executable) + QLatin1Char('"'));
    } else {
        run.remove(ValueName);
    }
    run.sync();
    if (run.status() != QSettings::NoError) {
        return Status::failure(QStringLiteral("cannot %1 %2")
                                   .arg(enabled ? QStringLiteral("write") : QStringLiteral("remove"), entryPath()));
    }
    return okStatus();
}

} // namespace burnrate

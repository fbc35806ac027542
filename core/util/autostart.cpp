// What the autostart entry of every system shares; the entries themselves are in autostart_<system>.cpp.
#include "util/autostart.h"

#include "util/autostart_p.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace burnrate {

Autostart::Autostart(QString executable)
    : m_executable(std::move(executable))
{}

Status detail::setEntryFile(const QString &path, bool enabled, const QByteArray &contents)
{
    if (!enabled) {
        if (QFile::exists(path) && !QFile::remove(path)) {
            return Status::failure(QStringLiteral("cannot remove %1").arg(path));
        }
        return okStatus();
    }
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder)) {
        return Status::failure(QStringLiteral("cannot create %1").arg(folder));
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) < 0 || !file.commit()) {
        return Status::failure(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    }
    return okStatus();
}

} // namespace burnrate

#include "util/datadir.h"

#include <QDir>
#include <QStandardPaths>

namespace burnrate {

QString defaultDataDir()
{
    const QString env = qEnvironmentVariable("BURNRATE_DATA_DIR");
    if (!env.isEmpty()) {
        return env;
    }
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("burnrate"));
}

} // namespace burnrate

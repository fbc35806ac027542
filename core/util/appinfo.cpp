#include "util/appinfo.h"

namespace burnrate {

// BURNRATE_APP_ID and BURNRATE_COMMIT are defined for this file alone (core/util/CMakeLists.txt), so that they reach
// the code through these functions only.
QString appId()
{
    return QStringLiteral(BURNRATE_APP_ID);
}

QString appVersion()
{
    return QStringLiteral(BURNRATE_VERSION);
}

QString appCommit()
{
    return QStringLiteral(BURNRATE_COMMIT);
}

QString launcherPath(const QString &executable)
{
    const QString appImage = qEnvironmentVariable("APPIMAGE");
    return appImage.isEmpty() ? executable : appImage;
}

} // namespace burnrate

#include "ui/appicon.h"

namespace burnrate::ui {

QIcon appIcon()
{
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256, 512}) {
        icon.addFile(QStringLiteral(":/icons/burnrate-%1.png").arg(size), QSize(size, size));
    }
    return icon;
}

} // namespace burnrate::ui

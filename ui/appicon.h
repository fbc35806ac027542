#ifndef BURNRATE_UI_APPICON_H
#define BURNRATE_UI_APPICON_H

#include <QIcon>

namespace burnrate::ui {

// Burnrate's application icon (resources/icons, embedded): every rendered size from 16 to 512 px, so no size is
// scaled at run time and no SVG plugin is needed. The window, the About box and the task bar show it.
QIcon appIcon();

} // namespace burnrate::ui

#endif // BURNRATE_UI_APPICON_H

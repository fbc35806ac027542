#ifndef BURNRATE_CORE_UTIL_APPINFO_H
#define BURNRATE_CORE_UTIL_APPINFO_H

#include <QString>

namespace burnrate {

// Burnrate's one application id (reverse DNS), set once in the top-level CMakeLists.txt: the desktop file's name,
// the desktop file name Qt reports to the session, the notification's desktop-entry hint and icon, the autostart
// entry, the AppStream id, the icon's name and the macOS bundle id all use it.
QString appId();

// The version, from the project() of the top-level CMakeLists.txt.
QString appVersion();
// The commit the build comes from (12 hex digits), or "unknown" outside a git checkout.
QString appCommit();

// The program a user starts to run Burnrate again (an autostart entry, a demo instance): the AppImage file when
// running from one ($APPIMAGE, set by its runtime; the mounted path changes at every start), else `executable`.
QString launcherPath(const QString &executable);

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_APPINFO_H

#ifndef BURNRATE_CORE_UTIL_AUTOSTART_H
#define BURNRATE_CORE_UTIL_AUTOSTART_H

#include "util/result.h"

#include <QString>

namespace burnrate {

// Starting Burnrate at login, the way each system does it:
//   - Linux and other XDG desktops: an entry in $XDG_CONFIG_HOME/autostart (~/.config/autostart when unset),
//     autostart_linux.cpp;
//   - macOS: a LaunchAgent, ~/Library/LaunchAgents/<appId()>.plist, autostart_mac.cpp;
//   - Windows: the value "Burnrate" under HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run,
//     autostart_win.cpp.
// core/util/CMakeLists.txt builds the one file of the system; what they share is in autostart.cpp.
class Autostart final
{
public:
    // `executable`: the program the entry starts (in the app, launcherPath() of the running binary: the AppImage
    // file when running from one, the executable inside the bundle on macOS).
    explicit Autostart(QString executable);

    static bool supported();
    // Where the entry is, for the user to read: the file's path, or on Windows the registry value's.
    static QString entryPath();

    bool isEnabled() const;
    // Writes or removes the entry.
    Status setEnabled(bool enabled);

private:
    QString m_executable;
};

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_AUTOSTART_H

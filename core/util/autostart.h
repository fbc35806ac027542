#ifndef BURNRATE_CORE_UTIL_AUTOSTART_H
#define BURNRATE_CORE_UTIL_AUTOSTART_H

#include "util/result.h"

#include <QString>

namespace burnrate {

// Starting Burnrate at login. On Linux (and other XDG desktops) an entry in $XDG_CONFIG_HOME/autostart
// (~/.config/autostart when unset); elsewhere not supported yet.
class Autostart final
{
public:
    // `executable`: the program the entry starts (the running binary's path in the app).
    explicit Autostart(QString executable);

    static bool supported();
    // ~/.config/autostart/<appId()>.desktop, or $XDG_CONFIG_HOME/autostart/<appId()>.desktop.
    static QString entryPath();

    bool isEnabled() const;
    // Writes or removes the entry.
    Status setEnabled(bool enabled);

private:
    QString m_executable;
};

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_AUTOSTART_H

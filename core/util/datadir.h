#ifndef BURNRATE_CORE_UTIL_DATADIR_H
#define BURNRATE_CORE_UTIL_DATADIR_H

#include <QString>

namespace burnrate {

// The folder of the ledger and settings when none is named on the command line: $BURNRATE_DATA_DIR, else
// "burnrate" in the platform's data location (~/.local/share/burnrate on Linux). The same for the command line
// and the desktop app.
QString defaultDataDir();

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_DATADIR_H

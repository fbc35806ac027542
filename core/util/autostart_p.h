#ifndef BURNRATE_CORE_UTIL_AUTOSTART_P_H
#define BURNRATE_CORE_UTIL_AUTOSTART_P_H

#include "util/result.h"

#include <QByteArray>
#include <QString>

namespace burnrate::detail {

// An autostart entry that is a file (Linux, macOS): removed when `enabled` is false; else written whole with
// `contents` (a new file renamed into place), its folder made when missing.
Status setEntryFile(const QString &path, bool enabled, const QByteArray &contents);

} // namespace burnrate::detail

#endif // BURNRATE_CORE_UTIL_AUTOSTART_P_H

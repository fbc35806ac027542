#ifndef BURNRATE_CORE_IMPORTERS_IMPORTERSLOG_H
#define BURNRATE_CORE_IMPORTERS_IMPORTERSLOG_H

#include <QLoggingCategory>

namespace burnrate {

// The log category of this module, "burnrate.importers" (see util/logging.h).
Q_DECLARE_LOGGING_CATEGORY(lcImporters)

} // namespace burnrate

#endif // BURNRATE_CORE_IMPORTERS_IMPORTERSLOG_H

#include "importers/importerslog.h"

namespace burnrate {

Q_LOGGING_CATEGORY(lcImporters, "burnrate.importers", QtInfoMsg)

} // namespace burnrate

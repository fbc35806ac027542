#ifndef BURNRATE_CORE_PROVIDERS_PROVIDERSLOG_H
#define BURNRATE_CORE_PROVIDERS_PROVIDERSLOG_H

#include <QLoggingCategory>

namespace burnrate {

// The log category of this module, "burnrate.providers" (see util/logging.h). Its messages name providers,
// endpoints and outcomes, never a key, a header or a URL.
Q_DECLARE_LOGGING_CATEGORY(lcProviders)

} // namespace burnrate

#endif // BURNRATE_CORE_PROVIDERS_PROVIDERSLOG_H

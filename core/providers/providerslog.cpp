#include "providers/providerslog.h"

namespace burnrate {

Q_LOGGING_CATEGORY(lcProviders, "burnrate.providers", QtInfoMsg)

} // namespace burnrate

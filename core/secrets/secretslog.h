#ifndef BURNRATE_CORE_SECRETS_SECRETSLOG_H
#define BURNRATE_CORE_SECRETS_SECRETSLOG_H

#include <QLoggingCategory>

namespace burnrate {

// The log category of this module, "burnrate.secrets" (see util/logging.h).
Q_DECLARE_LOGGING_CATEGORY(lcSecrets)

} // namespace burnrate

#endif // BURNRATE_CORE_SECRETS_SECRETSLOG_H

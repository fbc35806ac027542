#include "secrets/secretslog.h"

namespace burnrate {

Q_LOGGING_CATEGORY(lcSecrets, "burnrate.secrets", QtInfoMsg)

} // namespace burnrate

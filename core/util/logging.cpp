#include "util/logging.h"

#include <QLoggingCategory>

namespace burnrate {

void enableVerboseLogging()
{
    QLoggingCategory::setFilterRules(QStringLiteral("burnrate.*.debug=true"));
}

} // namespace burnrate

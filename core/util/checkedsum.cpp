#include "util/checkedsum.h"

#include <limits>

namespace burnrate {

QString beyondInt64Message(QStringView what)
{
    return QStringLiteral("%1 exceeds the largest number Burnrate can count (%2)")
        .arg(what)
        .arg(std::numeric_limits<std::int64_t>::max());
}

QString sumOverflowMessage(QStringView what)
{
    return beyondInt64Message(QStringLiteral("the total of %1").arg(what));
}

} // namespace burnrate

#ifndef BURNRATE_CORE_LEDGER_EVENTBINDING_H
#define BURNRATE_CORE_LEDGER_EVENTBINDING_H

#include "ledger/eventrecord.h"

#include <cstdint>
#include <vector>

namespace burnrate {

class Statement;

// What a statement parameter holds, so that a parameter that already holds its value is not bound
// again (bindings survive sqlite3_reset).
struct BoundParam
{
    enum class Kind : std::uint8_t
    {
        Unknown,
        Null,
        Int,
        Other
    };
    Kind kind = Kind::Unknown;
    std::int64_t value = 0;
};
using ParamShadow = std::vector<BoundParam>; // indexed by parameter number (1-based)

// Binds the 35 columns of the events table (in the order of EventWriter's INSERT) at parameters
// base + 1 ... base + 35. With a shadow, NULLs and numbers the parameters already hold are skipped;
// text is always bound (it points into `e`).
void bindEvent(Statement &st, const EventRecord &e, int base = 0, ParamShadow *shadow = nullptr);

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_EVENTBINDING_H

#ifndef BURNRATE_CORE_LEDGER_MIGRATIONS_H
#define BURNRATE_CORE_LEDGER_MIGRATIONS_H

#include "util/result.h"

namespace burnrate {

class Database;

// Forward-only schema migrations keyed by PRAGMA user_version. Version N is reached by applying
// steps 1..N in order, each in its own transaction together with the version bump.
class Migrations final
{
public:
    static int latestVersion();

    // Brings the schema to `target` (default: latest). Refuses a ledger written by a newer Burnrate.
    static Status migrate(Database &db, int target = -1);
};

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_MIGRATIONS_H

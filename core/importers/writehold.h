#ifndef BURNRATE_CORE_IMPORTERS_WRITEHOLD_H
#define BURNRATE_CORE_IMPORTERS_WRITEHOLD_H

#include <QtGlobal>

namespace burnrate {

// An importer commits its write transaction once it has been open this long, whatever its size: with the commit
// (the rollup changes, the WAL write) the ledger's write lock is then held about 200 ms at most, so that another
// writer (the app, a sync, a re-pricing, another import) never waits long for it.
inline constexpr qint64 MaxImportWriteHoldMs = 150;

} // namespace burnrate

#endif // BURNRATE_CORE_IMPORTERS_WRITEHOLD_H

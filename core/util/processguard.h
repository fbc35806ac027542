#ifndef BURNRATE_CORE_UTIL_PROCESSGUARD_H
#define BURNRATE_CORE_UTIL_PROCESSGUARD_H

namespace burnrate {

// Process-wide protections that main() applies before anything else runs:
// - no core dump: the process holds API keys in memory, and a dump would write them to disk (Linux also marks the
//   process not dumpable, which keeps other processes of the user from reading its memory through /proc);
// - a write beyond the file-size limit fails with an error that SQLite reports ("disk full"), instead of killing
//   the process mid-transaction.
void guardProcess();

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_PROCESSGUARD_H

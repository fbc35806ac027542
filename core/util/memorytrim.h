#ifndef BURNRATE_CORE_UTIL_MEMORYTRIM_H
#define BURNRATE_CORE_UTIL_MEMORYTRIM_H

namespace burnrate {

// Hands memory the allocator keeps free back to the system (glibc keeps a worker thread's arena after the thread
// freed it: a finished query's page cache would stay resident). Does nothing where there is no such call.
void releaseFreeMemory();

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_MEMORYTRIM_H

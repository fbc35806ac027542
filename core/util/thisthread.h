#ifndef BURNRATE_CORE_UTIL_THISTHREAD_H
#define BURNRATE_CORE_UTIL_THISTHREAD_H

#include <cstdint>

namespace burnrate::thisthread {

// The processor time the calling thread has used, in nanoseconds (user and system).
std::int64_t cpuNs();

// Lowers the calling thread's scheduling priority a little, so that the threads it feeds get the cores
// when they are short. Needs no privilege; where the system cannot do it per thread, it does nothing.
void yieldPriority();

} // namespace burnrate::thisthread

#endif // BURNRATE_CORE_UTIL_THISTHREAD_H

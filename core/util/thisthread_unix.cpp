// Thread CPU time and priority on POSIX systems.
#include "util/thisthread.h"

#include <time.h>

#if defined(__linux__)
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace burnrate::thisthread {

std::int64_t cpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

void yieldPriority()
{
#if defined(__linux__)
    // Linux keeps a niceness per thread, addressed by the thread id; raising one's own needs no privilege.
    constexpr int Nice = 5;
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), Nice);
#endif
}

} // namespace burnrate::thisthread

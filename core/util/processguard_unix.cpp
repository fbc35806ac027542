// The process protections on POSIX systems: core dumps off (and, on Linux, not dumpable at all), SIGXFSZ ignored.
#include "util/processguard.h"

#include <sys/resource.h>

#include <csignal>
#if defined(__linux__)
#include <sys/prctl.h>
#endif

namespace burnrate {

void guardProcess()
{
    const rlimit noCore{0, 0};
    (void)setrlimit(RLIMIT_CORE, &noCore);
#if defined(__linux__)
    (void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
    (void)std::signal(SIGXFSZ, SIG_IGN);
}

} // namespace burnrate

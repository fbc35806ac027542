// The process protections on Windows: no crash dialog that offers to send a memory dump (Windows Error Reporting
// would otherwise collect the process's memory, keys included); file-size limits do not exist there.
#include "util/processguard.h"

#include <windows.h>

namespace burnrate {

void guardProcess()
{
    SetErrorMode(GetErrorMode() | SEM_NOGPFAULTERRORBOX | SEM_FAILCRITICALERRORS);
}

} // namespace burnrate

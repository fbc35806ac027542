// Handing freed heap memory back to the system: glibc keeps it until asked; other C libraries return it themselves.
#include "util/memorytrim.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace burnrate {

void releaseFreeMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

} // namespace burnrate

// Handing freed heap memory back to the system on Windows: the CRT heap releases what it can on _heapmin().
#include "util/memorytrim.h"

#include <malloc.h>

namespace burnrate {

void releaseFreeMemory()
{
    _heapmin();
}

} // namespace burnrate

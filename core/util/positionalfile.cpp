#include "util/positionalfile.h"

namespace burnrate {

bool PositionalFile::readFully(char *buffer, std::int64_t size, std::int64_t offset)
{
    std::int64_t done = 0;
    while (done < size) {
        const std::int64_t n = readAt(buffer + done, size - done, offset + done);
        if (n <= 0) {
            return false;
        }
        done += n;
    }
    return true;
}

} // namespace burnrate

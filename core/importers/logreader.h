#ifndef BURNRATE_CORE_IMPORTERS_LOGREADER_H
#define BURNRATE_CORE_IMPORTERS_LOGREADER_H

#include "util/positionalfile.h"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace burnrate {

// Reads the lines of an open file between two byte offsets through a fixed buffer (memory does not
// grow with the file, only with its longest line). Every line handed out is followed in memory by
// at least `padding` readable bytes, as simdjson On-Demand needs. Knows the absolute offset after
// each line and whether the line was terminated: a writer may be half-way through the last one.
class LogReader final
{
public:
    struct Line
    {
        std::string_view text; // without "\n" or "\r\n"
        std::int64_t end = 0;  // absolute offset just after the line and its terminator
        bool terminated = false;
    };

    LogReader(PositionalFile &file, std::int64_t from, std::int64_t until, size_t padding, size_t chunk = 2 << 20);
    // Reads through `buffer`, which it grows as needed, so that one buffer serves many files (a fresh
    // 2 MiB buffer per file is zero-filled and faulted in each time).
    LogReader(PositionalFile &file, std::int64_t from, std::int64_t until, size_t padding, std::vector<char> &buffer,
              size_t chunk = 2 << 20);
    LogReader(const LogReader &) = delete;
    LogReader &operator=(const LogReader &) = delete;

    [[nodiscard]] bool next(Line &line);
    bool hasError() const { return m_error; }
    std::int64_t bytesRead() const { return m_readPos - m_from; }

private:
    bool fill();

    PositionalFile &m_file;
    std::int64_t m_from;
    std::int64_t m_until;
    std::int64_t m_readPos;   // next file offset to read
    std::int64_t m_bufferPos; // file offset of m_buffer[0]
    size_t m_padding;
    std::vector<char> m_own;
    std::vector<char> &m_buffer;
    size_t m_begin = 0;
    size_t m_end = 0;
    bool m_eof = false;
    bool m_error = false;
};

} // namespace burnrate

#endif // BURNRATE_CORE_IMPORTERS_LOGREADER_H

#include "importers/logreader.h"

#include <cstring>

namespace burnrate {

LogReader::LogReader(PositionalFile &file, std::int64_t from, std::int64_t until, size_t padding, size_t chunk)
    : LogReader(file, from, until, padding, m_own, chunk)
{}

LogReader::LogReader(PositionalFile &file, std::int64_t from, std::int64_t until, size_t padding,
                     std::vector<char> &buffer, size_t chunk)
    : m_file(file)
    , m_from(from)
    , m_until(until)
    , m_readPos(from)
    , m_bufferPos(from)
    , m_padding(padding)
    , m_buffer(buffer)
{
    if (m_buffer.size() < chunk + padding) {
        m_buffer.resize(chunk + padding);
    }
}

bool LogReader::fill()
{
    if (m_eof) {
        return false;
    }
    if (m_begin > 0) { // keep the partial line, at the front
        std::memmove(m_buffer.data(), m_buffer.data() + m_begin, m_end - m_begin);
        m_bufferPos += static_cast<std::int64_t>(m_begin);
        m_end -= m_begin;
        m_begin = 0;
    }
    const size_t capacity = m_buffer.size() - m_padding;
    if (m_end == capacity) {
        m_buffer.resize(m_buffer.size() * 2); // one line longer than the buffer
    }
    const auto want = static_cast<std::int64_t>(m_buffer.size() - m_padding - m_end);
    const std::int64_t left = m_until - m_readPos;
    if (left <= 0) {
        m_eof = true;
        return false;
    }
    const std::int64_t n = m_file.readAt(m_buffer.data() + m_end, left < want ? left : want, m_readPos);
    if (n < 0) {
        m_error = true;
        m_eof = true;
        return false;
    }
    if (n == 0) { // the file shrank under us: stop where it ends
        m_eof = true;
        return false;
    }
    m_readPos += n;
    m_end += static_cast<size_t>(n);
    std::memset(m_buffer.data() + m_end, 0, m_padding);
    return true;
}

bool LogReader::next(Line &line)
{
    size_t scanFrom = m_begin;
    for (;;) {
        const auto *nl = static_cast<const char *>(std::memchr(m_buffer.data() + scanFrom, '\n', m_end - scanFrom));
        if (nl) {
            const auto pos = static_cast<size_t>(nl - m_buffer.data());
            size_t len = pos - m_begin;
            if (len > 0 && m_buffer[m_begin + len - 1] == '\r') {
                --len;
            }
            line.text = std::string_view(m_buffer.data() + m_begin, len);
            line.end = m_bufferPos + static_cast<std::int64_t>(pos) + 1;
            line.terminated = true;
            m_begin = pos + 1;
            return true;
        }
        const size_t scanned = m_end - m_begin;
        if (!fill()) {
            if (m_begin < m_end) {
                size_t len = m_end - m_begin;
                if (m_buffer[m_begin + len - 1] == '\r') {
                    --len;
                }
                line.text = std::string_view(m_buffer.data() + m_begin, len);
                line.end = m_bufferPos + static_cast<std::int64_t>(m_end);
                line.terminated = false;
                m_begin = m_end;
                return true;
            }
            return false;
        }
        scanFrom = m_begin + scanned;
    }
}

} // namespace burnrate

#include "importers/linereader.h"

#include <QIODevice>

#include <cstring>

namespace burnrate {

LineReader::LineReader(QIODevice &device, size_t padding, size_t chunk)
    : m_device(device)
    , m_padding(padding)
    , m_buffer(chunk + padding, '\0')
{}

QString LineReader::errorString() const
{
    return m_device.errorString();
}

bool LineReader::fill()
{
    if (m_eof) {
        return false;
    }
    // Move the partial line to the front; grow when a single line fills the whole buffer.
    if (m_begin > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_begin, m_end - m_begin);
        m_end -= m_begin;
        m_begin = 0;
    }
    if (m_end == capacity()) {
        m_buffer.resize(m_buffer.size() * 2);
    }
    const qint64 n = m_device.read(m_buffer.data() + m_end, static_cast<qint64>(capacity() - m_end));
    if (n < 0) {
        m_error = true;
        m_eof = true;
        return false;
    }
    if (n == 0) {
        m_eof = true;
        return false;
    }
    m_end += static_cast<size_t>(n);
    std::memset(m_buffer.data() + m_end, 0, m_padding);
    return true;
}

bool LineReader::next(std::string_view &line)
{
    size_t scanFrom = m_begin;
    for (;;) {
        const char *start = m_buffer.data() + scanFrom;
        const auto *nl = static_cast<const char *>(std::memchr(start, '\n', m_end - scanFrom));
        if (nl) {
            const auto pos = static_cast<size_t>(nl - m_buffer.data());
            size_t len = pos - m_begin;
            const size_t consumed = len + 1;
            if (len > 0 && m_buffer[m_begin + len - 1] == '\r') {
                --len;
            }
            line = std::string_view(m_buffer.data() + m_begin, len);
            m_begin = pos + 1;
            ++m_lineNumber;
            m_offset += static_cast<std::int64_t>(consumed);
            return true;
        }
        const size_t scanned = m_end - m_begin;
        if (!fill()) {
            if (m_begin < m_end) { // a last line without a terminator
                size_t len = m_end - m_begin;
                if (m_buffer[m_begin + len - 1] == '\r') {
                    --len;
                }
                line = std::string_view(m_buffer.data() + m_begin, len);
                m_offset += static_cast<std::int64_t>(m_end - m_begin);
                m_begin = m_end;
                ++m_lineNumber;
                return true;
            }
            return false;
        }
        scanFrom = m_begin + scanned;
    }
}

} // namespace burnrate

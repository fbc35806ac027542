#ifndef BURNRATE_CORE_IMPORTERS_LINEREADER_H
#define BURNRATE_CORE_IMPORTERS_LINEREADER_H

#include <QString>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

class QIODevice;

namespace burnrate {

// Reads a device line by line through a fixed-size buffer (memory does not grow with the file).
// Each line handed out is followed in memory by at least `padding` readable bytes, as simdjson's
// On-Demand parser needs. Lines longer than the buffer grow it.
class LineReader final
{
public:
    static constexpr size_t DefaultChunk = 4 << 20;

    explicit LineReader(QIODevice &device, size_t padding = 64, size_t chunk = DefaultChunk);

    // The next line without its terminator ("\n" or "\r\n"); false at the end or on a read error.
    [[nodiscard]] bool next(std::string_view &line);
    std::int64_t lineNumber() const { return m_lineNumber; }
    // Bytes consumed up to the end of the last line returned.
    std::int64_t offset() const { return m_offset; }
    bool hasError() const { return m_error; }
    QString errorString() const;
    size_t capacity() const { return m_buffer.size() - m_padding; }

private:
    bool fill();

    QIODevice &m_device;
    size_t m_padding;
    std::vector<char> m_buffer;
    size_t m_begin = 0; // first unconsumed byte
    size_t m_end = 0;   // end of valid data
    bool m_eof = false;
    bool m_error = false;
    std::int64_t m_lineNumber = 0;
    std::int64_t m_offset = 0;
};

} // namespace burnrate

#endif // BURNRATE_CORE_IMPORTERS_LINEREADER_H

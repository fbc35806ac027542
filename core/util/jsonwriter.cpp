#include "util/jsonwriter.h"

namespace burnrate {

void appendJsonString(std::string &out, std::string_view s)
{
    static constexpr char Hex[] = "0123456789abcdef";
    out.push_back('"');
    for (char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out += "\\u00";
                out.push_back(Hex[(c >> 4) & 0xf]);
                out.push_back(Hex[c & 0xf]);
            } else {
                out.push_back(c);
            }
        }
    }
    out.push_back('"');
}

void JsonWriter::newline()
{
    if (m_indent > 0) {
        m_out.push_back('\n');
        m_out.append(m_first.size() * static_cast<size_t>(m_indent), ' ');
    }
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first.empty()) {
        if (!m_first.back()) {
            m_out.push_back(',');
        }
        m_first.back() = false;
        newline();
    }
}

JsonWriter &JsonWriter::beginObject()
{
    beforeValue();
    m_out.push_back('{');
    m_first.push_back(true);
    return *this;
}

JsonWriter &JsonWriter::endObject()
{
    const bool empty = m_first.back();
    m_first.pop_back();
    if (!empty) {
        newline();
    }
    m_out.push_back('}');
    return *this;
}

JsonWriter &JsonWriter::beginArray()
{
    beforeValue();
    m_out.push_back('[');
    m_first.push_back(true);
    return *this;
}

JsonWriter &JsonWriter::endArray()
{
    return endObject(), m_out.back() = ']', *this;
}

JsonWriter &JsonWriter::key(std::string_view k)
{
    beforeValue();
    appendJsonString(m_out, k);
    m_out += m_indent > 0 ? ": " : ":";
    m_afterKey = true;
    return *this;
}

JsonWriter &JsonWriter::value(std::string_view v)
{
    beforeValue();
    appendJsonString(m_out, v);
    return *this;
}

JsonWriter &JsonWriter::value(const QString &v)
{
    const QByteArray utf8 = v.toUtf8();
    return value(std::string_view(utf8.constData(), static_cast<size_t>(utf8.size())));
}

JsonWriter &JsonWriter::value(std::int64_t v)
{
    beforeValue();
    m_out += std::to_string(v);
    return *this;
}

JsonWriter &JsonWriter::value(bool v)
{
    beforeValue();
    m_out += v ? "true" : "false";
    return *this;
}

JsonWriter &JsonWriter::rawNumber(std::string_view v)
{
    beforeValue();
    m_out += v;
    return *this;
}

JsonWriter &JsonWriter::null()
{
    beforeValue();
    m_out += "null";
    return *this;
}

} // namespace burnrate

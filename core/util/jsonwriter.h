#ifndef BURNRATE_CORE_UTIL_JSONWRITER_H
#define BURNRATE_CORE_UTIL_JSONWRITER_H

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace burnrate {

// Appends `s` to `out` as a JSON string literal (UTF-8 passed through, controls escaped).
void appendJsonString(std::string &out, std::string_view s);

// A small streaming JSON writer that keeps keys in the order they are written (scripts and
// golden files depend on a stable layout) and writes int64 exactly.
class JsonWriter final
{
public:
    explicit JsonWriter(int indent = 2)
        : m_indent(indent)
    {}

    JsonWriter &beginObject();
    JsonWriter &endObject();
    JsonWriter &beginArray();
    JsonWriter &endArray();
    JsonWriter &key(std::string_view k);
    JsonWriter &value(std::string_view v);
    JsonWriter &value(const QString &v);
    JsonWriter &value(const char *v) { return value(std::string_view(v)); }
    JsonWriter &value(std::int64_t v);
    JsonWriter &value(int v) { return value(static_cast<std::int64_t>(v)); }
    JsonWriter &value(bool v);
    // A decimal written verbatim as a JSON number (the caller guarantees its syntax).
    JsonWriter &rawNumber(std::string_view v);
    JsonWriter &null();

    template <typename T>
    JsonWriter &field(std::string_view k, const T &v)
    {
        key(k);
        return value(v);
    }

    const std::string &str() const { return m_out; }
    QByteArray toByteArray() const { return QByteArray(m_out.data(), static_cast<qsizetype>(m_out.size())); }

private:
    void beforeValue();
    void newline();

    int m_indent;
    std::string m_out;
    std::vector<bool> m_first; // per open container: nothing written yet
    bool m_afterKey = false;
};

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_JSONWRITER_H

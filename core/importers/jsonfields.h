#ifndef BURNRATE_CORE_IMPORTERS_JSONFIELDS_H
#define BURNRATE_CORE_IMPORTERS_JSONFIELDS_H

// Small helpers over simdjson On-Demand values shared by the agent-log parsers. Not an interface.

#include <QString>

#include <simdjson.h>

#include <cstdint>
#include <string_view>

namespace burnrate::json {

using simdjson::ondemand::json_type;
using simdjson::ondemand::value;

inline std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

// A line that can be a JSON object at all: "{ ... }". Checked without parsing, on every line.
inline bool looksLikeObject(std::string_view line)
{
    line = trimmed(line);
    return line.size() >= 2 && line.front() == '{' && line.back() == '}';
}

// A string value, or empty for null and other types (`isString` says which).
[[nodiscard]] inline bool readString(value v, std::string_view &out)
{
    json_type t;
    if (v.type().get(t)) {
        return false;
    }
    if (t == json_type::null) {
        out = {};
        return true;
    }
    if (t != json_type::string) {
        out = {};
        return true; // another type where a string is expected: treated as absent
    }
    return !v.get_string().get(out);
}

// A token count: a whole number from 0 to limits::MaxTokens (1e3 and 12.0 accepted); null counts as 0.
// False when the value is anything else.
[[nodiscard]] bool readCount(value v, std::int64_t &out);

// A number's exact text, for money.
[[nodiscard]] bool readNumberText(value v, std::string_view &out, bool &isNull);

// Cached conversion of repeated strings (model, cwd, session id) to QString.
class StringCache
{
public:
    const QString &get(std::string_view s)
    {
        if (!m_valid || s != m_last) {
            m_last.assign(s);
            m_string = QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
            m_valid = true;
        }
        return m_string;
    }

private:
    std::string m_last;
    QString m_string;
    bool m_valid = false;
};

QString errorText(simdjson::error_code error);

} // namespace burnrate::json

#endif // BURNRATE_CORE_IMPORTERS_JSONFIELDS_H

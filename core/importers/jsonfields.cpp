#include "importers/jsonfields.h"

#include <charconv>
#include <cmath>

namespace burnrate::json {

bool readNumberText(value v, std::string_view &out, bool &isNull)
{
    json_type t;
    if (v.type().get(t)) {
        return false;
    }
    isNull = t == json_type::null;
    if (isNull) {
        out = {};
        return true;
    }
    if (t != json_type::number) {
        return false;
    }
    out = trimmed(v.raw_json_token());
    return true;
}

bool readCount(value v, std::int64_t &out)
{
    std::string_view text;
    bool isNull = false;
    if (!readNumberText(v, text, isNull)) {
        return false;
    }
    if (isNull) {
        out = 0;
        return true;
    }
    std::int64_t i = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), i);
    if (ec == std::errc() && end == text.data() + text.size()) {
        out = i;
        return i >= 0;
    }
    double d = 0;
    const auto [dend, dec] = std::from_chars(text.data(), text.data() + text.size(), d);
    if (dec != std::errc() || dend != text.data() + text.size() || d < 0 || d > 9.0e15 || d != std::floor(d)) {
        return false;
    }
    out = static_cast<std::int64_t>(d);
    return true;
}

QString errorText(simdjson::error_code error)
{
    return QString::fromUtf8(simdjson::error_message(error));
}

} // namespace burnrate::json

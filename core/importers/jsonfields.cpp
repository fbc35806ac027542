#include "importers/jsonfields.h"

#include "ledger/eventlimits.h"
#include "money/decimaltext.h"

#include <charconv>

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
        return i >= 0 && i <= limits::MaxTokens;
    }
    // A whole number written with a fraction or an exponent ("1000.0", "1e3"), read exactly: no floating point.
    const auto scanned = decimaltext::scan(text);
    if (!scanned || (scanned->negative && !scanned->significant.empty())) {
        return false;
    }
    const auto whole = decimaltext::toInteger(scanned->significant, scanned->power);
    if (!whole || !whole->exact || whole->magnitude > limits::MaxTokens) {
        return false;
    }
    out = whole->magnitude;
    return true;
}

QString errorText(simdjson::error_code error)
{
    return QString::fromUtf8(simdjson::error_message(error));
}

} // namespace burnrate::json

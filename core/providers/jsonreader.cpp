#include "providers/jsonreader.h"

#include "money/money.h"

#include <QtNumeric>

#include <charconv>
#include <cmath>

namespace burnrate {

JsonReader::JsonReader(const QByteArray &body)
    : m_json(body.constData(), static_cast<size_t>(body.size()))
{}

bool JsonReader::fail(const QString &message)
{
    if (m_error.isEmpty()) {
        m_error = message;
    }
    return false;
}

bool JsonReader::failSimdjson(simdjson::error_code code)
{
    if (code == simdjson::INCORRECT_TYPE) {
        return fail(QStringLiteral("a value has an unexpected type"));
    }
    return fail(QStringLiteral("not valid JSON (%1)").arg(QString::fromUtf8(simdjson::error_message(code))));
}

bool JsonReader::startDocument()
{
    if (m_started) {
        return fail(QStringLiteral("internal: the document was read twice"));
    }
    m_started = true;
    if (auto e = m_parser.iterate(m_json).get(m_doc)) {
        return failSimdjson(e);
    }
    return true;
}

bool JsonReader::walkFields(simdjson::ondemand::object &object, const FieldFn &fn)
{
    for (auto field : object) {
        std::string_view key;
        if (auto e = field.unescaped_key().get(key)) {
            return failSimdjson(e);
        }
        Value v;
        if (auto e = field.value().get(v)) {
            return failSimdjson(e);
        }
        if (!fn(key, v)) {
            return false;
        }
    }
    return m_error.isEmpty();
}

bool JsonReader::walkElements(simdjson::ondemand::array &array, const ElementFn &fn)
{
    for (auto element : array) {
        Value v;
        if (auto e = element.get(v)) {
            return failSimdjson(e);
        }
        if (!fn(v)) {
            return false;
        }
    }
    return m_error.isEmpty();
}

bool JsonReader::forEachRootField(const FieldFn &fn)
{
    if (!startDocument()) {
        return false;
    }
    simdjson::ondemand::object root;
    if (auto e = m_doc.get_object().get(root)) {
        return e == simdjson::INCORRECT_TYPE ? fail(QStringLiteral("the answer is not a JSON object"))
                                             : failSimdjson(e);
    }
    return walkFields(root, fn);
}

bool JsonReader::forEachRootElement(const ElementFn &fn)
{
    if (!startDocument()) {
        return false;
    }
    simdjson::ondemand::array root;
    if (auto e = m_doc.get_array().get(root)) {
        return e == simdjson::INCORRECT_TYPE ? fail(QStringLiteral("the answer is not a JSON array")) : failSimdjson(e);
    }
    return walkElements(root, fn);
}

bool JsonReader::forEachField(Value &value, const FieldFn &fn)
{
    simdjson::ondemand::object object;
    if (auto e = value.get_object().get(object)) {
        return failSimdjson(e);
    }
    return walkFields(object, fn);
}

bool JsonReader::forEachElement(Value &value, const ElementFn &fn)
{
    simdjson::ondemand::array array;
    if (auto e = value.get_array().get(array)) {
        return failSimdjson(e);
    }
    return walkElements(array, fn);
}

bool JsonReader::readInt(Value &value, std::string_view field, std::optional<std::int64_t> &out)
{
    simdjson::ondemand::json_type type;
    if (auto e = value.type().get(type)) {
        return failSimdjson(e);
    }
    const auto bad = [&] {
        return fail(QStringLiteral("%1 is not a whole number").arg(fieldName(field)));
    };
    switch (type) {
    case simdjson::ondemand::json_type::null:
        out.reset();
        return true;
    case simdjson::ondemand::json_type::number: {
        std::int64_t i = 0;
        if (value.get_int64().get(i) == simdjson::SUCCESS) {
            out = i;
            return true;
        }
        double d = 0;
        if (value.get_double().get(d) != simdjson::SUCCESS || !std::isfinite(d) || d != std::floor(d) ||
            std::fabs(d) > 9.0e18) {
            return bad();
        }
        out = static_cast<std::int64_t>(d);
        return true;
    }
    case simdjson::ondemand::json_type::string: {
        std::string_view s;
        if (auto e = value.get_string().get(s)) {
            return failSimdjson(e);
        }
        std::int64_t i = 0;
        const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
        if (ec != std::errc() || ptr != s.data() + s.size() || s.empty()) {
            return bad();
        }
        out = i;
        return true;
    }
    default:
        return bad();
    }
}

bool JsonReader::readCount(Value &value, std::string_view field, std::int64_t &out)
{
    std::optional<std::int64_t> v;
    if (!readInt(value, field, v)) {
        return false;
    }
    if (v && *v < 0) {
        return fail(QStringLiteral("%1 is negative (%2)").arg(fieldName(field)).arg(*v));
    }
    out = v.value_or(0);
    return true;
}

bool JsonReader::readBool(Value &value, std::optional<bool> &out)
{
    bool isNull = false;
    if (value.is_null().get(isNull) == simdjson::SUCCESS && isNull) {
        out.reset();
        return true;
    }
    bool b = false;
    if (auto e = value.get_bool().get(b)) {
        return failSimdjson(e);
    }
    out = b;
    return true;
}

bool JsonReader::readString(Value &value, QString &out)
{
    simdjson::ondemand::json_type type;
    if (auto e = value.type().get(type)) {
        return failSimdjson(e);
    }
    if (type == simdjson::ondemand::json_type::null) {
        out.clear();
        return true;
    }
    if (type == simdjson::ondemand::json_type::string) {
        std::string_view s;
        if (auto e = value.get_string().get(s)) {
            return failSimdjson(e);
        }
        out = QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
        return true;
    }
    if (type == simdjson::ondemand::json_type::number || type == simdjson::ondemand::json_type::boolean) {
        const std::string_view raw = value.raw_json_token();
        out = QString::fromUtf8(raw.data(), static_cast<qsizetype>(raw.size())).trimmed();
        return true;
    }
    return fail(QStringLiteral("a text field holds an object or an array"));
}

std::string JsonReader::shiftDecimal(std::string_view text, int shift)
{
    std::string s(text);
    if (shift == 0) {
        return s;
    }
    const auto e = s.find_first_of("eE");
    if (e == std::string::npos) {
        return s + "e" + std::to_string(shift);
    }
    long long exponent = 0;
    const char *begin = s.data() + e + 1;
    const char *end = s.data() + s.size();
    if (begin < end && *begin == '+') {
        ++begin;
    }
    const auto [ptr, ec] = std::from_chars(begin, end, exponent);
    long long shifted = 0;
    if (ec != std::errc() || ptr != end || qAddOverflow(exponent, static_cast<long long>(shift), &shifted)) {
        return s; // left for Money::parseUsd to reject
    }
    return s.substr(0, e) + "e" + std::to_string(shifted);
}

bool JsonReader::readMoney(Value &value, std::string_view field, int decimalShift, std::optional<std::int64_t> &outNano)
{
    simdjson::ondemand::json_type type;
    if (auto e = value.type().get(type)) {
        return failSimdjson(e);
    }
    std::string_view text;
    if (type == simdjson::ondemand::json_type::null) {
        outNano.reset();
        return true;
    }
    if (type == simdjson::ondemand::json_type::number) {
        text = value.raw_json_token();
    } else if (type == simdjson::ondemand::json_type::string) {
        if (auto e = value.get_string().get(text)) {
            return failSimdjson(e);
        }
    } else {
        return fail(QStringLiteral("%1 is not an amount").arg(fieldName(field)));
    }
    // raw_json_token() may carry the whitespace that follows the number.
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    const auto money = Money::parseUsd(shiftDecimal(text, decimalShift));
    if (!money) {
        return fail(QStringLiteral("%1 is not an amount (\"%2\")")
                        .arg(fieldName(field), QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()))));
    }
    outNano = money->nano();
    return true;
}

} // namespace burnrate

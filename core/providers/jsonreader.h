#ifndef BURNRATE_CORE_PROVIDERS_JSONREADER_H
#define BURNRATE_CORE_PROVIDERS_JSONREADER_H

#include <QByteArray>
#include <QString>

#include <simdjson.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace burnrate {

// Lenient, exact reading of provider JSON with simdjson On-Demand: numbers arrive as numbers or as
// numeric strings, null means absent, money is taken from the number's own text (never through a
// double), unknown fields are skipped. The first problem is kept as one line in words.
class JsonReader final
{
public:
    using Value = simdjson::ondemand::value;
    using FieldFn = std::function<bool(std::string_view key, Value &value)>;
    using ElementFn = std::function<bool(Value &value)>;

    explicit JsonReader(const QByteArray &body);

    // Calls `fn` for each field of the top-level object.
    [[nodiscard]] bool forEachRootField(const FieldFn &fn);
    // The top-level value is an array: calls `fn` for each element.
    [[nodiscard]] bool forEachRootElement(const ElementFn &fn);
    [[nodiscard]] bool forEachField(Value &value, const FieldFn &fn);
    [[nodiscard]] bool forEachElement(Value &value, const ElementFn &fn);

    // An integer: a number (a float only when it is whole), a numeric string, or null (std::nullopt).
    [[nodiscard]] bool readInt(Value &value, std::string_view field, std::optional<std::int64_t> &out);
    // An integer that must be present and not negative.
    [[nodiscard]] bool readCount(Value &value, std::string_view field, std::int64_t &out);
    [[nodiscard]] bool readBool(Value &value, std::optional<bool> &out);
    // A string; null gives an empty string; a number gives its text.
    [[nodiscard]] bool readString(Value &value, QString &out);
    // An amount in nano-units of its currency from a number or a decimal string; `decimalShift` moves the
    // decimal point (-2: the text is in cents). Null gives std::nullopt.
    [[nodiscard]] bool readMoney(Value &value, std::string_view field, int decimalShift,
                                 std::optional<std::int64_t> &outNano);

    bool fail(const QString &message);
    bool failSimdjson(simdjson::error_code code);
    const QString &error() const { return m_error; }

    // "123.45" shifted by -2 gives "123.45e-2"; an existing exponent is adjusted instead.
    static std::string shiftDecimal(std::string_view text, int shift);

private:
    [[nodiscard]] bool startDocument();
    [[nodiscard]] bool walkFields(simdjson::ondemand::object &object, const FieldFn &fn);
    [[nodiscard]] bool walkElements(simdjson::ondemand::array &array, const ElementFn &fn);

    simdjson::padded_string m_json;
    simdjson::ondemand::parser m_parser;
    simdjson::ondemand::document m_doc;
    bool m_started = false;
    QString m_error;
};

// A field name as a QString, for messages.
inline QString fieldName(std::string_view key)
{
    return QString::fromUtf8(key.data(), static_cast<qsizetype>(key.size()));
}

} // namespace burnrate

#endif // BURNRATE_CORE_PROVIDERS_JSONREADER_H

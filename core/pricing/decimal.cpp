#include "pricing/decimal.h"

#include "money/decimaltext.h"

#include <QByteArray>

#include <numeric>
#include <string>

namespace burnrate {

namespace {

QString shown(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())).left(40);
}

} // namespace

Result<ScaledDecimal> parseScaledDecimal(std::string_view text, int scale)
{
    using R = Result<ScaledDecimal>;
    const auto scanned = decimaltext::scan(text);
    if (!scanned) {
        return R::failure(QStringLiteral("\"%1\" is not a decimal number").arg(shown(text)));
    }
    if (scanned->significant.empty()) {
        return ScaledDecimal{0, true};
    }
    if (scanned->negative) {
        return R::failure(QStringLiteral("%1 is negative").arg(shown(text)));
    }
    const auto value = decimaltext::toInteger(scanned->significant, scanned->power + scale);
    if (!value) {
        return R::failure(QStringLiteral("%1 is too large").arg(shown(text)));
    }
    return ScaledDecimal{value->magnitude, value->exact};
}

Result<ScaledDecimal> parseScaledDecimal(QStringView text, int scale)
{
    const QByteArray utf8 = text.toUtf8();
    return parseScaledDecimal(std::string_view(utf8.constData(), static_cast<size_t>(utf8.size())), scale);
}

QString formatScaled(std::int64_t value, int scale)
{
    const bool negative = value < 0;
    auto magnitude = negative ? static_cast<std::uint64_t>(-(value + 1)) + 1U : static_cast<std::uint64_t>(value);
    std::string digits = std::to_string(magnitude);
    if (scale > 0) {
        if (static_cast<int>(digits.size()) <= scale) {
            digits.insert(0, static_cast<size_t>(scale) + 1 - digits.size(), '0');
        }
        digits.insert(digits.size() - static_cast<size_t>(scale), 1, '.');
        while (digits.back() == '0') {
            digits.pop_back();
        }
        if (digits.back() == '.') {
            digits.pop_back();
        }
    }
    return (negative ? QStringLiteral("-") : QString()) + QString::fromLatin1(digits);
}

QString Multiplier::toString() const
{
    // A finite decimal exists when den divides a power of ten we can hold.
    std::int64_t scaleUnit = 1;
    for (int scale = 0; scale <= 12; ++scale, scaleUnit *= 10) {
        if (scaleUnit % den == 0) {
            return formatScaled(num * (scaleUnit / den), scale);
        }
    }
    return QStringLiteral("%1/%2").arg(num).arg(den);
}

Result<Multiplier> parseMultiplier(QStringView text)
{
    constexpr int Scale = 6;
    auto d = parseScaledDecimal(text, Scale);
    if (!d) {
        return Result<Multiplier>::failure(d.error());
    }
    if (!d->exact) {
        return Result<Multiplier>::failure(
            QStringLiteral("multiplier %1 has more than %2 decimals").arg(text.toString()).arg(Scale));
    }
    if (d->value == 0) {
        return Result<Multiplier>::failure(QStringLiteral("multiplier must be greater than 0"));
    }
    const std::int64_t den = 1'000'000;
    const std::int64_t g = std::gcd(d->value, den);
    return Multiplier{d->value / g, den / g};
}

} // namespace burnrate

#include "pricing/decimal.h"

#include <QByteArray>

#include <numeric>
#include <string>

namespace burnrate {

namespace {

constexpr int MaxExponent = 400;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

QString shown(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())).left(40);
}

} // namespace

Result<ScaledDecimal> parseScaledDecimal(std::string_view text, int scale)
{
    using R = Result<ScaledDecimal>;
    size_t i = 0;
    size_t end = text.size();
    while (i < end && text[i] == ' ') {
        ++i;
    }
    while (end > i && text[end - 1] == ' ') {
        --end;
    }
    const auto bad = [&] {
        return R::failure(QStringLiteral("\"%1\" is not a decimal number").arg(shown(text)));
    };
    if (i == end) {
        return bad();
    }
    bool negative = false;
    if (text[i] == '+' || text[i] == '-') {
        negative = text[i] == '-';
        ++i;
    }
    std::string digits;
    int fractionDigits = 0;
    bool sawDigit = false;
    bool sawPoint = false;
    for (; i < end; ++i) {
        const char c = text[i];
        if (isDigit(c)) {
            sawDigit = true;
            if (!(digits.empty() && c == '0')) {
                digits.push_back(c);
            }
            fractionDigits += sawPoint ? 1 : 0;
        } else if (c == '.' && !sawPoint) {
            sawPoint = true;
        } else {
            break;
        }
    }
    if (!sawDigit) {
        return bad();
    }
    int exponent = 0;
    if (i < end && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool expNegative = false;
        if (i < end && (text[i] == '+' || text[i] == '-')) {
            expNegative = text[i] == '-';
            ++i;
        }
        if (i == end || !isDigit(text[i])) {
            return bad();
        }
        for (; i < end && isDigit(text[i]); ++i) {
            exponent = exponent * 10 + (text[i] - '0');
            if (exponent > MaxExponent) {
                return bad();
            }
        }
        exponent = expNegative ? -exponent : exponent;
    }
    if (i != end || fractionDigits > MaxExponent) {
        return bad();
    }
    if (digits.empty()) {
        return ScaledDecimal{0, true};
    }
    if (negative) {
        return R::failure(QStringLiteral("%1 is negative").arg(shown(text)));
    }
    // value = digits × 10^shift units
    int shift = exponent - fractionDigits + scale;
    ScaledDecimal out;
    bool roundUp = false;
    if (shift < 0) {
        const long long keep = static_cast<long long>(digits.size()) + shift;
        if (keep <= 0) {
            roundUp = keep == 0 && digits.front() >= '5';
            out.exact = false;
            digits.clear();
        } else {
            const auto k = static_cast<size_t>(keep);
            roundUp = digits[k] >= '5';
            out.exact = digits.find_first_not_of('0', k) == std::string::npos;
            digits.resize(k);
        }
        shift = 0;
    }
    std::int64_t v = 0;
    const auto tooBig = [&] {
        return R::failure(QStringLiteral("%1 is too large").arg(shown(text)));
    };
    for (char c : digits) {
        if (__builtin_mul_overflow(v, std::int64_t{10}, &v) || __builtin_add_overflow(v, std::int64_t{c - '0'}, &v)) {
            return tooBig();
        }
    }
    for (int s = 0; s < shift && v != 0; ++s) {
        if (__builtin_mul_overflow(v, std::int64_t{10}, &v)) {
            return tooBig();
        }
    }
    if (roundUp && __builtin_add_overflow(v, std::int64_t{1}, &v)) {
        return tooBig();
    }
    out.value = v;
    return out;
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

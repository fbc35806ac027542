#include "money/money.h"

#include <QByteArray>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <string>

namespace burnrate {

namespace {

constexpr int NanoDigits = 9;
constexpr int MaxExponent = 1000;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Builds |value| in nano from a digit string and a power of ten shift (value = digits × 10^shift nano).
std::optional<std::int64_t> nanoFromDigits(const std::string &digits, int shift)
{
    std::string kept = digits;
    bool roundUp = false;
    if (shift < 0) {
        const auto keep = static_cast<long long>(digits.size()) + shift;
        if (keep <= 0) {
            roundUp = keep == 0 && digits.front() >= '5';
            kept.clear();
        } else {
            roundUp = digits[static_cast<size_t>(keep)] >= '5';
            kept = digits.substr(0, static_cast<size_t>(keep));
        }
        shift = 0;
    }
    std::int64_t v = 0;
    for (char c : kept) {
        if (__builtin_mul_overflow(v, std::int64_t{10}, &v) || __builtin_add_overflow(v, std::int64_t{c - '0'}, &v)) {
            return std::nullopt;
        }
    }
    for (int i = 0; i < shift && v != 0; ++i) {
        if (__builtin_mul_overflow(v, std::int64_t{10}, &v)) {
            return std::nullopt;
        }
    }
    if (roundUp && __builtin_add_overflow(v, std::int64_t{1}, &v)) {
        return std::nullopt;
    }
    return v;
}

} // namespace

Result<Money> Money::parseUsd(std::string_view text)
{
    size_t i = 0;
    size_t end = text.size();
    while (i < end && (text[i] == ' ' || text[i] == '\t')) {
        ++i;
    }
    while (end > i && (text[end - 1] == ' ' || text[end - 1] == '\t')) {
        --end;
    }
    const auto bad = [&] {
        return Result<Money>::failure(
            QStringLiteral("not a decimal amount: \"%1\"")
                .arg(QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())).left(40)));
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
            if (sawPoint) {
                ++fractionDigits;
            }
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
        if (expNegative) {
            exponent = -exponent;
        }
    }
    if (i != end) {
        return bad();
    }
    if (digits.empty()) {
        return Money(0);
    }
    // Significant digits beyond what int64 can hold are rounded away or overflow below.
    if (fractionDigits > MaxExponent) {
        return bad();
    }
    const auto magnitude = nanoFromDigits(digits, exponent - fractionDigits + NanoDigits);
    if (!magnitude) {
        return Result<Money>::failure(
            QStringLiteral("amount out of range: \"%1\"")
                .arg(QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())).left(40)));
    }
    return Money(negative ? -*magnitude : *magnitude);
}

Result<Money> Money::parseUsd(QStringView text)
{
    const QByteArray utf8 = text.toUtf8();
    return parseUsd(std::string_view(utf8.constData(), static_cast<size_t>(utf8.size())));
}

std::optional<Money> Money::checkedAdd(Money other) const
{
    std::int64_t r = 0;
    if (__builtin_add_overflow(m_nano, other.m_nano, &r)) {
        return std::nullopt;
    }
    return Money(r);
}

std::optional<Money> Money::checkedSub(Money other) const
{
    std::int64_t r = 0;
    if (__builtin_sub_overflow(m_nano, other.m_nano, &r)) {
        return std::nullopt;
    }
    return Money(r);
}

QString Money::toDecimalString() const
{
    // Work on the unsigned magnitude so that INT64_MIN formats too.
    const bool negative = m_nano < 0;
    const auto magnitude =
        negative ? static_cast<std::uint64_t>(-(m_nano + 1)) + 1U : static_cast<std::uint64_t>(m_nano);
    const std::uint64_t whole = magnitude / static_cast<std::uint64_t>(NanoPerUsd);
    const std::uint64_t frac = magnitude % static_cast<std::uint64_t>(NanoPerUsd);
    return QStringLiteral("%1%2.%3")
        .arg(negative ? QStringLiteral("-") : QString())
        .arg(whole)
        .arg(frac, NanoDigits, 10, QLatin1Char('0'));
}

QString Money::toDisplayString(int decimals, bool grouping) const
{
    decimals = std::clamp(decimals, 0, NanoDigits);
    const bool negative = m_nano < 0;
    const auto magnitude =
        negative ? static_cast<std::uint64_t>(-(m_nano + 1)) + 1U : static_cast<std::uint64_t>(m_nano);
    std::uint64_t unit = 1;
    for (int i = 0; i < NanoDigits - decimals; ++i) {
        unit *= 10;
    }
    // Half away from zero on the magnitude; the sum cannot overflow uint64 for int64 input.
    const std::uint64_t rounded = (magnitude + unit / 2) / unit;
    std::uint64_t scale = 1;
    for (int i = 0; i < decimals; ++i) {
        scale *= 10;
    }
    const std::uint64_t whole = rounded / scale;
    const std::uint64_t frac = rounded % scale;
    QString wholeText = QString::number(whole);
    if (grouping) {
        for (auto pos = wholeText.size() - 3; pos > 0; pos -= 3) {
            wholeText.insert(pos, QLatin1Char(','));
        }
    }
    QString out;
    if (negative && rounded != 0) {
        out += QLatin1Char('-');
    }
    out += QLatin1Char('$') + wholeText;
    if (decimals > 0) {
        out += QLatin1Char('.') + QStringLiteral("%1").arg(frac, decimals, 10, QLatin1Char('0'));
    }
    return out;
}

void MoneyAccumulator::add(Money m)
{
    if (m_overflow) {
        return;
    }
    if (const auto sum = m_total.checkedAdd(m)) {
        m_total = *sum;
    } else {
        m_overflow = true;
    }
}

} // namespace burnrate

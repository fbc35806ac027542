#include "money/money.h"

#include "money/decimaltext.h"

#include <QByteArray>
#include <QtNumeric>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <string>

namespace burnrate {

namespace {

constexpr int NanoDigits = 9;

} // namespace

Result<Money> Money::parseUsd(std::string_view text)
{
    const auto shownText = [&] {
        return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())).left(40);
    };
    const auto scanned = decimaltext::scan(text);
    if (!scanned) {
        return Result<Money>::failure(QStringLiteral("not a decimal amount: \"%1\"").arg(shownText()));
    }
    if (scanned->significant.empty()) {
        return Money(0);
    }
    // Significant digits beyond what int64 can hold are rounded away or overflow here.
    const auto magnitude = decimaltext::toInteger(scanned->significant, scanned->power + NanoDigits);
    if (!magnitude) {
        return Result<Money>::failure(QStringLiteral("amount out of range: \"%1\"").arg(shownText()));
    }
    return Money(scanned->negative ? -magnitude->magnitude : magnitude->magnitude);
}

Result<Money> Money::parseUsd(QStringView text)
{
    const QByteArray utf8 = text.toUtf8();
    return parseUsd(std::string_view(utf8.constData(), static_cast<size_t>(utf8.size())));
}

std::optional<Money> Money::checkedAdd(Money other) const
{
    std::int64_t r = 0;
    if (qAddOverflow(m_nano, other.m_nano, &r)) {
        return std::nullopt;
    }
    return Money(r);
}

std::optional<Money> Money::checkedSub(Money other) const
{
    std::int64_t r = 0;
    if (qSubOverflow(m_nano, other.m_nano, &r)) {
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

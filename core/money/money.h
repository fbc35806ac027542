#ifndef BURNRATE_CORE_MONEY_MONEY_H
#define BURNRATE_CORE_MONEY_MONEY_H

#include "util/result.h"

#include <QString>
#include <QStringView>

#include <compare>
#include <cstdint>
#include <optional>
#include <string_view>

namespace burnrate {

// An amount of US dollars held as an exact integer count of nano-USD (1e-9 USD).
// Range: about ±9.2 billion USD. Arithmetic that would overflow is reported, never wrapped.
class Money
{
public:
    static constexpr std::int64_t NanoPerUsd = 1'000'000'000;

    constexpr Money() = default;
    static constexpr Money fromNano(std::int64_t nano) { return Money(nano); }

    // Parses a decimal amount of USD exactly: "12", "-0.0342", "1e-6", "3.5E+2", "  7.25 ".
    // Digits past the ninth decimal are rounded half away from zero, on the decimal text itself.
    // Fails on anything else, and on amounts outside the int64 nano range.
    static Result<Money> parseUsd(std::string_view text);
    static Result<Money> parseUsd(QStringView text);

    constexpr std::int64_t nano() const { return m_nano; }
    constexpr bool isZero() const { return m_nano == 0; }
    constexpr bool isNegative() const { return m_nano < 0; }

    // Checked arithmetic: std::nullopt on overflow.
    std::optional<Money> checkedAdd(Money other) const;
    std::optional<Money> checkedSub(Money other) const;

    // Exact decimal with all nine fractional digits: "12.345678901", "-0.034200000".
    QString toDecimalString() const;
    // For display: "$12.35", "-$0.03"; rounded half away from zero to `decimals` places (0..9),
    // with thousands separators when `grouping` is set.
    QString toDisplayString(int decimals = 2, bool grouping = true) const;

    friend constexpr auto operator<=>(Money, Money) = default;

private:
    constexpr explicit Money(std::int64_t nano)
        : m_nano(nano)
    {}

    std::int64_t m_nano = 0;
};

// Sums in nano-USD with overflow detection; `overflowed()` stays true once set.
class MoneyAccumulator
{
public:
    void add(Money m);
    void add(std::int64_t nano) { add(Money::fromNano(nano)); }
    Money total() const { return m_total; }
    bool overflowed() const { return m_overflow; }

private:
    Money m_total;
    bool m_overflow = false;
};

} // namespace burnrate

#endif // BURNRATE_CORE_MONEY_MONEY_H

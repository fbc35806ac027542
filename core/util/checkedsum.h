#ifndef BURNRATE_CORE_UTIL_CHECKEDSUM_H
#define BURNRATE_CORE_UTIL_CHECKEDSUM_H

#include <QString>
#include <QStringView>
#include <QtNumeric>

#include <cstdint>

namespace burnrate {

// Sums of money (int64 nano-USD) and of counts (tokens, requests) that are checked: a total that does not fit 64 bits
// is an error with a name, never a wrapped or clamped number. Reports, budgets and forecasts add with these; the
// rollups' upserts use the SQL function checked_add() and report queries checked_sum() (ledger/database.h), which
// fail with the same message.

// "<what> exceeds the largest number Burnrate can count (9223372036854775807)".
QString beyondInt64Message(QStringView what);

// "the total of <what> exceeds the largest number Burnrate can count (9223372036854775807)": the one line an
// overflowing sum fails with. `what` names the quantity with its unit where it has one: "input tokens",
// "cost in nano-USD".
QString sumOverflowMessage(QStringView what);

// total + value into `total`; false, with `total` unchanged, when the sum does not fit 64 bits.
[[nodiscard]] inline bool checkedAdd(std::int64_t &total, std::int64_t value)
{
    std::int64_t sum = 0;
    if (qAddOverflow(total, value, &sum)) {
        return false;
    }
    total = sum;
    return true;
}

// Named sums checked as they are made. The first one that does not fit is kept (sticky), so a whole computation runs
// its loop and then fails once, with one line that names the total. `what` is a string literal.
class SumCheck
{
public:
    // total += value; when that overflows, `total` stays as it was and `what` is noted.
    void add(std::int64_t &total, std::int64_t value, const char *what)
    {
        if (!checkedAdd(total, value)) {
            fail(what);
        }
    }
    // Notes an overflow found by other arithmetic (a difference, a product).
    void fail(const char *what)
    {
        if (!m_failed) {
            m_failed = what;
        }
    }

    bool ok() const { return m_failed == nullptr; }
    // sumOverflowMessage() of the first total that overflowed; empty when none did.
    QString error() const { return m_failed ? sumOverflowMessage(QString::fromUtf8(m_failed)) : QString(); }

private:
    const char *m_failed = nullptr;
};

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_CHECKEDSUM_H

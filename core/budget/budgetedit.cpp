#include "budget/budgetedit.h"

#include "money/money.h"

namespace burnrate {

std::optional<std::int64_t> BudgetEdit::parseAmount(const QString &text)
{
    QString t = text.trimmed();
    if (t.startsWith(QLatin1Char('$'))) {
        t.remove(0, 1);
    }
    const auto amount = Money::parseUsd(QStringView(t));
    if (!amount || amount->nano() <= 0) {
        return std::nullopt;
    }
    return amount->nano();
}

std::optional<BudgetEdit::Problem> BudgetEdit::applyTo(Budget &b, bool isNew) const
{
    if (amount) {
        const auto nano = parseAmount(*amount);
        if (!nano) {
            return Problem{Field::Amount, false,
                           QStringLiteral("must be an amount of US dollars above 0, like 100 or 49.50")};
        }
        b.amountNano = *nano;
    } else if (isNew) {
        return Problem{Field::Amount, true, QStringLiteral("is needed for a new budget")};
    }
    if (period) {
        const auto p = budgetPeriodFromName(*period);
        if (!p) {
            return Problem{Field::Period, false, p.error()};
        }
        if (*p != b.period && !startDay) {
            b.startDay = 1;
        }
        b.period = *p;
    }
    if (startDay) {
        bool ok = false;
        const int day = startDay->trimmed().toInt(&ok);
        if (!ok || day < 1 || day > Budget::MaxStartDay) {
            return Problem{Field::StartDay, false, QStringLiteral("must be a day of the month, 1 to 31")};
        }
        if (b.period != BudgetPeriod::Monthly) {
            return Problem{Field::StartDay, false, QStringLiteral("only applies to monthly budgets")};
        }
        b.startDay = day;
    }
    if (scope) {
        const auto s = BudgetScope::parse(*scope);
        if (!s) {
            return Problem{Field::Scope, false, s.error()};
        }
        b.scope = *s;
    }
    if (thresholds) {
        const auto t = Budget::parseThresholds(*thresholds);
        if (!t) {
            return Problem{Field::Thresholds, false, t.error()};
        }
        b.thresholds = *t;
    }
    return std::nullopt;
}

} // namespace burnrate

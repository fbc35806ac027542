#ifndef BURNRATE_CORE_BUDGET_BUDGETEDIT_H
#define BURNRATE_CORE_BUDGET_BUDGETEDIT_H

#include "budget/budget.h"

#include <QString>

#include <optional>

namespace burnrate {

// A change to a budget as typed by the user, each field as text and only when given: what `burnrate budget set`
// takes as options and what the settings dialog's budget editor submits. Both apply it with applyTo() and then
// check Budget::validate(), so the two accept and refuse exactly the same input.
struct BudgetEdit
{
    enum class Field
    {
        Amount,
        Period,
        StartDay,
        Scope,
        Thresholds
    };
    struct Problem
    {
        Field field = Field::Amount;
        bool missing = false; // a new budget without an amount
        QString message;      // what is wrong, without the field's name: "must be ...", or a parser's own words
    };

    std::optional<QString> amount; // US dollars, "100", "49.50" or "$49.50"
    std::optional<QString> period; // monthly | weekly | daily
    std::optional<QString> startDay;
    std::optional<QString> scope;      // global | provider:NAME | workflow:NAME | tag:KEY=VALUE
    std::optional<QString> thresholds; // "50,80,100"

    // Applies the given fields to `budget` (a changed period without a start day starts on day 1). Returns the
    // first problem; `budget` may then be partly changed.
    std::optional<Problem> applyTo(Budget &budget, bool isNew) const;

    // "100", "$49.50" as nano-USD above 0.
    static std::optional<std::int64_t> parseAmount(const QString &text);
};

} // namespace burnrate

#endif // BURNRATE_CORE_BUDGET_BUDGETEDIT_H

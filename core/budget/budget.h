#ifndef BURNRATE_CORE_BUDGET_BUDGET_H
#define BURNRATE_CORE_BUDGET_BUDGET_H

#include "util/result.h"

#include <QList>
#include <QString>

#include <cstdint>

namespace burnrate {

// What a budget counts: all API-billed spend, or the part of one provider, workflow or tag.
struct BudgetScope
{
    enum class Kind
    {
        Global,
        Provider,
        Workflow,
        Tag
    };
    Kind kind = Kind::Global;
    QString value;    // provider name, workflow (type, else id), or tag key
    QString tagValue; // for Kind::Tag only

    // "global", "provider:openai", "workflow:invoice_extraction", "tag:team=search".
    static Result<BudgetScope> parse(const QString &text);
    QString toString() const;
    // The scope in words, for messages: "", "openai", "workflow invoice_extraction", "tag team=search".
    QString describe() const;
    friend bool operator==(const BudgetScope &, const BudgetScope &) = default;
};

enum class BudgetPeriod
{
    Monthly,
    Weekly,
    Daily
};

Result<BudgetPeriod> budgetPeriodFromName(const QString &name);
QString budgetPeriodName(BudgetPeriod period);

// One budget as stored in the ledger's budgets table.
struct Budget
{
    static constexpr int MaxStartDay = 31;
    static constexpr int MaxThreshold = 1000;

    std::int64_t id = 0; // 0 until stored
    QString name;
    BudgetScope scope;
    BudgetPeriod period = BudgetPeriod::Monthly;
    int startDay = 1; // monthly only: the day of the month each period starts (clamped to short months)
    std::int64_t amountNano = 0;
    QList<int> thresholds = defaultThresholds(); // percent, ascending, unique
    std::int64_t createdAtMs = 0;

    static QList<int> defaultThresholds() { return {50, 80, 100}; }

    // "50,80,100" (any order, spaces allowed) to a sorted, unique list of 1..MaxThreshold.
    static Result<QList<int>> parseThresholds(const QString &text);
    static QString thresholdsText(const QList<int> &thresholds, const QString &separator = QStringLiteral(","));

    // The same definition: a change in any of these starts the budget's alerts afresh.
    bool sameDefinition(const Budget &other) const
    {
        return scope == other.scope && period == other.period && startDay == other.startDay &&
               amountNano == other.amountNano && thresholds == other.thresholds;
    }

    // Empty when valid, else what is wrong, in one line.
    QString validate() const;
};

} // namespace burnrate

#endif // BURNRATE_CORE_BUDGET_BUDGET_H

#include "budget/budget.h"

#include "money/money.h"

#include <algorithm>

namespace burnrate {

namespace {

struct PeriodName
{
    BudgetPeriod period;
    const char *name;
};

constexpr PeriodName PeriodNames[] = {
    {BudgetPeriod::Monthly, "monthly"},
    {BudgetPeriod::Weekly, "weekly"},
    {BudgetPeriod::Daily, "daily"},
};

// The largest budget: a billion dollars keeps every product of an amount and a percentage inside int64.
constexpr std::int64_t MaxAmountNano = 1'000'000'000 * Money::NanoPerUsd;

} // namespace

Result<BudgetScope> BudgetScope::parse(const QString &text)
{
    using R = Result<BudgetScope>;
    const QString t = text.trimmed();
    BudgetScope scope;
    if (t.isEmpty() || t == QLatin1String("global")) {
        return scope;
    }
    const auto colon = t.indexOf(QLatin1Char(':'));
    const QString kind = colon < 0 ? t : t.left(colon);
    const QString value = colon < 0 ? QString() : t.mid(colon + 1).trimmed();
    const QString usage =
        QStringLiteral("a scope is global, provider:NAME, workflow:NAME or tag:KEY=VALUE (not \"%1\")");
    if (kind == QLatin1String("provider")) {
        scope.kind = Kind::Provider;
    } else if (kind == QLatin1String("workflow")) {
        scope.kind = Kind::Workflow;
    } else if (kind == QLatin1String("tag")) {
        scope.kind = Kind::Tag;
    } else {
        return R::failure(usage.arg(t));
    }
    if (value.isEmpty()) {
        return R::failure(usage.arg(t));
    }
    if (scope.kind == Kind::Tag) {
        const auto eq = value.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            return R::failure(usage.arg(t));
        }
        scope.value = value.left(eq).trimmed();
        scope.tagValue = value.mid(eq + 1).trimmed();
        if (scope.value.isEmpty()) {
            return R::failure(usage.arg(t));
        }
    } else {
        scope.value = value;
    }
    return scope;
}

QString BudgetScope::toString() const
{
    switch (kind) {
    case Kind::Global:
        break;
    case Kind::Provider:
        return QStringLiteral("provider:") + value;
    case Kind::Workflow:
        return QStringLiteral("workflow:") + value;
    case Kind::Tag:
        return QStringLiteral("tag:%1=%2").arg(value, tagValue);
    }
    return QStringLiteral("global");
}

QString BudgetScope::describe() const
{
    switch (kind) {
    case Kind::Global:
        break;
    case Kind::Provider:
        return value;
    case Kind::Workflow:
        return QStringLiteral("workflow ") + value;
    case Kind::Tag:
        return QStringLiteral("tag %1=%2").arg(value, tagValue);
    }
    return QString();
}

Result<BudgetPeriod> budgetPeriodFromName(const QString &name)
{
    for (const auto &p : PeriodNames) {
        if (name == QLatin1String(p.name)) {
            return p.period;
        }
    }
    return Result<BudgetPeriod>::failure(QStringLiteral("a period is monthly, weekly or daily (not \"%1\")").arg(name));
}

QString budgetPeriodName(BudgetPeriod period)
{
    for (const auto &p : PeriodNames) {
        if (p.period == period) {
            return QLatin1String(p.name);
        }
    }
    return QString();
}

Result<QList<int>> Budget::parseThresholds(const QString &text)
{
    using R = Result<QList<int>>;
    QList<int> out;
    const QStringList parts = text.split(QLatin1Char(','), Qt::KeepEmptyParts);
    for (const QString &part : parts) {
        QString p = part.trimmed();
        if (p.endsWith(QLatin1Char('%'))) {
            p.chop(1);
        }
        bool ok = false;
        const int v = p.trimmed().toInt(&ok);
        if (!ok || v < 1 || v > MaxThreshold) {
            return R::failure(QStringLiteral("thresholds are whole percentages from 1 to %1, separated by commas "
                                             "(not \"%2\")")
                                  .arg(MaxThreshold)
                                  .arg(text));
        }
        out.append(v);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

QString Budget::thresholdsText(const QList<int> &thresholds, const QString &separator)
{
    QStringList parts;
    for (int t : thresholds) {
        parts << QString::number(t);
    }
    return parts.join(separator);
}

QString Budget::validate() const
{
    if (name.trimmed().isEmpty()) {
        return QStringLiteral("a budget needs a name");
    }
    if (amountNano <= 0) {
        return QStringLiteral("a budget's amount must be more than $0");
    }
    if (amountNano > MaxAmountNano) {
        return QStringLiteral("a budget's amount must be at most %1")
            .arg(Money::fromNano(MaxAmountNano).toDisplayString(0));
    }
    if (startDay < 1 || startDay > MaxStartDay) {
        return QStringLiteral("the start day is a day of the month, 1 to 31");
    }
    if (period != BudgetPeriod::Monthly && startDay != 1) {
        return QStringLiteral("a start day only applies to monthly budgets");
    }
    if (thresholds.isEmpty()) {
        return QStringLiteral("a budget needs at least one threshold");
    }
    for (qsizetype i = 0; i < thresholds.size(); ++i) {
        if (thresholds[i] < 1 || thresholds[i] > MaxThreshold || (i > 0 && thresholds[i] <= thresholds[i - 1])) {
            return QStringLiteral("thresholds are ascending whole percentages from 1 to %1").arg(MaxThreshold);
        }
    }
    return QString();
}

} // namespace burnrate

#include "cli/budgetformat.h"

#include "cli/texttable.h"
#include "util/jsonwriter.h"
#include "util/localcalendar.h"

#include <QDateTime>
#include <QTimeZone>

namespace burnrate::cli {

using detail::TextTable;

namespace {

void writeMoney(JsonWriter &w, const std::string &prefix, std::int64_t nano)
{
    w.field(prefix + "_usd", Money::fromNano(nano).toDecimalString());
    w.field(prefix + "_nano", nano);
}

void writeInts(JsonWriter &w, const char *key, const QList<int> &values)
{
    w.key(key).beginArray();
    for (int v : values) {
        w.value(v);
    }
    w.endArray();
}

// Hundredths of a percent as a decimal number: 8041 -> "80.41".
QString percentText(std::int64_t basisPoints)
{
    return QStringLiteral("%1.%2").arg(basisPoints / 100).arg(basisPoints % 100, 2, 10, QLatin1Char('0'));
}

QString periodText(const Budget &b)
{
    switch (b.period) {
    case BudgetPeriod::Monthly:
        return QStringLiteral("monthly from day %1").arg(b.startDay);
    case BudgetPeriod::Weekly:
        return QStringLiteral("weekly");
    case BudgetPeriod::Daily:
        return QStringLiteral("daily");
    }
    return QString();
}

QString usd(std::int64_t nano)
{
    return Money::fromNano(nano).toDisplayString(2);
}

std::optional<QDate> crossingDate(const BudgetStatus &s, LocalCalendar &calendar)
{
    if (!s.forecast.crossingMs) {
        return std::nullopt;
    }
    return calendar.dateOf(*s.forecast.crossingMs);
}

} // namespace

QString describeBudget(const Budget &b)
{
    QString period;
    switch (b.period) {
    case BudgetPeriod::Monthly:
        period = QStringLiteral("a month from day %1").arg(b.startDay);
        break;
    case BudgetPeriod::Weekly:
        period = QStringLiteral("a week");
        break;
    case BudgetPeriod::Daily:
        period = QStringLiteral("a day");
        break;
    }
    return QStringLiteral("%1 %2, %3, alerts at %4 %")
        .arg(usd(b.amountNano), period, b.scope.toString(), Budget::thresholdsText(b.thresholds, QStringLiteral("/")));
}

QByteArray budgetListJson(const QList<Budget> &budgets)
{
    JsonWriter w;
    w.beginObject().field("currency", "USD").key("budgets").beginArray();
    for (const Budget &b : budgets) {
        w.beginObject().field("name", b.name).field("scope", b.scope.toString());
        w.field("period", budgetPeriodName(b.period)).field("start_day", b.startDay);
        writeMoney(w, "amount", b.amountNano);
        writeInts(w, "thresholds", b.thresholds);
        w.endObject();
    }
    w.endArray().endObject();
    return w.toByteArray() + '\n';
}

QString budgetListTable(const QList<Budget> &budgets)
{
    if (budgets.isEmpty()) {
        return QStringLiteral("No budgets. Add one with: burnrate budget set NAME --amount USD\n");
    }
    TextTable t({QStringLiteral("Budget"), QStringLiteral("Scope"), QStringLiteral("Period"),
                 QStringLiteral("Thresholds"), QStringLiteral("Amount")},
                4);
    for (const Budget &b : budgets) {
        t.add({b.name, b.scope.toString(), periodText(b),
               Budget::thresholdsText(b.thresholds, QStringLiteral("/")) + QStringLiteral(" %"), usd(b.amountNano)});
    }
    return t.render();
}

QByteArray budgetStatusJson(const BudgetStatusReport &report, LocalCalendar &calendar)
{
    JsonWriter w;
    w.beginObject().field("currency", "USD").field("timezone", report.timezone);
    w.field("as_of", QDateTime::fromMSecsSinceEpoch(report.asOfMs, calendar.zone()).toString(Qt::ISODate));
    w.key("budgets").beginArray();
    for (const BudgetStatus &s : report.statuses) {
        const Budget &b = s.budget;
        w.beginObject().field("name", b.name).field("scope", b.scope.toString());
        w.field("period", budgetPeriodName(b.period)).field("start_day", b.startDay);
        w.field("period_start", s.period.first.toString(Qt::ISODate));
        w.field("period_end", s.period.last().toString(Qt::ISODate));
        writeMoney(w, "amount", b.amountNano);
        writeMoney(w, "spend", s.spendNano());
        w.key("percent").rawNumber(percentText(s.basisPoints()).toStdString());
        writeMoney(w, "run_rate_per_day", s.forecast.runRatePerDayNano);
        writeMoney(w, "forecast", s.forecast.forecastNano);
        w.field("forecast_over_budget", s.forecast.forecastNano > b.amountNano);
        w.key("crosses_100_on");
        if (const auto d = crossingDate(s, calendar)) {
            w.value(d->toString(Qt::ISODate));
        } else {
            w.null();
        }
        w.field("over_budget", s.forecast.overBudget);
        writeInts(w, "thresholds", b.thresholds);
        writeInts(w, "thresholds_reached", s.reachedThresholds());
        writeInts(w, "thresholds_fired", s.firedThresholds);
        w.field("forecast_alert_sent", s.forecastAlerted);
        w.endObject();
    }
    w.endArray();
    const AnomalyStatus &a = report.today;
    w.key("today").beginObject().field("date", a.day.toString(Qt::ISODate));
    writeMoney(w, "spend", a.todayNano);
    writeMoney(w, "median_day", a.medianNano());
    w.field("median_days", a.windowDays).field("unusual", a.anomalous).field("anomaly_alert_sent", a.alerted);
    w.endObject();
    w.endObject();
    return w.toByteArray() + '\n';
}

QString budgetStatusTable(const BudgetStatusReport &report, LocalCalendar &calendar)
{
    QString out;
    if (report.statuses.isEmpty()) {
        out = QStringLiteral("No budgets. Add one with: burnrate budget set NAME --amount USD\n");
    } else {
        TextTable t({QStringLiteral("Budget"), QStringLiteral("Period"), QStringLiteral("Spend"),
                     QStringLiteral("Amount"), QStringLiteral("Used"), QStringLiteral("Forecast"),
                     QStringLiteral("100 % on"), QStringLiteral("Alerts sent")},
                    2);
        for (const BudgetStatus &s : report.statuses) {
            const auto d = crossingDate(s, calendar);
            QString when = d ? d->toString(Qt::ISODate) : QStringLiteral("-");
            if (s.forecast.overBudget) {
                when = QStringLiteral("reached");
            }
            QString alerts = Budget::thresholdsText(s.firedThresholds, QStringLiteral(", "));
            if (!alerts.isEmpty()) {
                alerts += QStringLiteral(" %");
            }
            if (s.forecastAlerted) {
                alerts += alerts.isEmpty() ? QStringLiteral("forecast") : QStringLiteral(", forecast");
            }
            t.add({s.budget.name,
                   s.period.first.toString(Qt::ISODate) + QStringLiteral(" – ") + s.period.last().toString(Qt::ISODate),
                   usd(s.spendNano()), usd(s.budget.amountNano), percentText(s.basisPoints()) + QStringLiteral(" %"),
                   usd(s.forecast.forecastNano), when, alerts.isEmpty() ? QStringLiteral("-") : alerts});
        }
        out = t.render();
    }
    const AnomalyStatus &a = report.today;
    out += QStringLiteral("\nToday (%1): %2 spent; the %3-day median is %4 a day%5\n")
               .arg(a.day.toString(Qt::ISODate), usd(a.todayNano))
               .arg(a.windowDays)
               .arg(usd(a.medianNano()), a.anomalous ? QStringLiteral(" (unusual)") : QString());
    return out;
}

} // namespace burnrate::cli

#include "cli/reconcileformat.h"

#include "cli/texttable.h"
#include "money/money.h"
#include "util/jsonwriter.h"

#include <QStringList>

namespace burnrate::cli {

namespace {

QString drift(const ReconcileRow &r)
{
    const auto d = r.driftPercent();
    return d ? QString::number(*d, 'f', 1) : QString();
}

QString money(const std::optional<std::int64_t> &nano, int decimals)
{
    return nano ? Money::fromNano(*nano).toDisplayString(decimals) : QStringLiteral("-");
}

} // namespace

QString reconcileAsTable(const Reconcile &r)
{
    QString out = QStringLiteral("Billed against estimated per provider and UTC day, %1 .. %2\n\n")
                      .arg(r.since ? r.since->toString(Qt::ISODate) : QStringLiteral("start"),
                           r.until ? r.until->toString(Qt::ISODate) : QStringLiteral("now"));
    if (r.rows.isEmpty()) {
        return out + QStringLiteral("No billed or estimated provider data in this range (burnrate sync).\n");
    }
    detail::TextTable t({QStringLiteral("DAY"), QStringLiteral("PROVIDER"), QStringLiteral("BILLED"),
                         QStringLiteral("ESTIMATED"), QStringLiteral("DRIFT"), QStringLiteral("COUNTED")},
                        2);
    t.setLeftAligned(5);
    t.setHeaderRule(false);
    bool unpriced = false;
    for (const ReconcileRow &row : r.rows) {
        QString estimated = money(row.estimatedNano, 4);
        if (row.unpricedTokens > 0) {
            estimated =
                row.estimatedNano && *row.estimatedNano > 0 ? estimated + QLatin1Char('*') : QStringLiteral("unpriced");
            unpriced = true;
        }
        const QString d = drift(row);
        t.add({row.day.toString(Qt::ISODate), row.provider,
               money(row.billedNano, 4) + (row.billedNano && !row.closed ? QStringLiteral(" (open)") : QString()),
               estimated, d.isEmpty() ? QStringLiteral("-") : d + QLatin1Char('%'), row.counted});
    }
    out += t.render();
    out += QStringLiteral(
        "\n(open): the day is not closed yet (24 hours after it ends); the estimate counts until then.\n");
    if (unpriced) {
        out += QStringLiteral("* part of the estimate is unpriced: no drift is given for it.\n");
    }
    return out;
}

QByteArray reconcileAsJson(const Reconcile &r)
{
    JsonWriter w;
    w.beginObject();
    w.field("currency", "USD").field("days", "UTC");
    w.key("since");
    r.since ? w.value(r.since->toString(Qt::ISODate)) : w.null();
    w.key("until");
    r.until ? w.value(r.until->toString(Qt::ISODate)) : w.null();
    w.field("by", "reconcile");
    w.key("rows").beginArray();
    for (const ReconcileRow &row : r.rows) {
        w.beginObject();
        w.field("day", row.day.toString(Qt::ISODate)).field("provider", row.provider);
        const auto amount = [&](const char *usd, const char *nano, const std::optional<std::int64_t> &v) {
            w.key(usd);
            v ? w.value(Money::fromNano(*v).toDecimalString()) : w.null();
            w.key(nano);
            v ? w.value(*v) : w.null();
        };
        amount("billed_usd", "billed_nano", row.billedNano);
        amount("estimated_usd", "estimated_nano", row.estimatedNano);
        w.field("unpriced_tokens", row.unpricedTokens);
        w.key("drift_pct");
        const QString d = drift(row);
        d.isEmpty() ? w.null() : w.rawNumber(d.toStdString());
        w.field("closed", row.closed).field("counted", row.counted);
        w.endObject();
    }
    w.endArray();
    w.endObject();
    std::string out = w.str();
    out.push_back('\n');
    return QByteArray(out.data(), static_cast<qsizetype>(out.size()));
}

QString reconcileAsCsv(const Reconcile &r)
{
    QString out = QStringLiteral("day,provider,billed_usd,billed_nano,estimated_usd,estimated_nano,unpriced_tokens,"
                                 "drift_pct,closed,counted\n");
    for (const ReconcileRow &row : r.rows) {
        const auto usd = [](const std::optional<std::int64_t> &v) {
            return v ? Money::fromNano(*v).toDecimalString() : QString();
        };
        const auto nano = [](const std::optional<std::int64_t> &v) {
            return v ? QString::number(*v) : QString();
        };
        out += QStringList{row.day.toString(Qt::ISODate),
                           row.provider,
                           usd(row.billedNano),
                           nano(row.billedNano),
                           usd(row.estimatedNano),
                           nano(row.estimatedNano),
                           QString::number(row.unpricedTokens),
                           drift(row),
                           row.closed ? QStringLiteral("true") : QStringLiteral("false"),
                           row.counted}
                   .join(QLatin1Char(',')) +
               QLatin1Char('\n');
    }
    return out;
}

} // namespace burnrate::cli

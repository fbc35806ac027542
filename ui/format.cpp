#include "ui/format.h"

#include "money/money.h"

#include <QDateTime>

namespace burnrate::ui {

QLocale Format::locale()
{
    QLocale l;
    l.setNumberOptions(l.numberOptions() & ~QLocale::OmitGroupSeparator);
    return l;
}

QString Format::count(std::int64_t n)
{
    return locale().toString(static_cast<qlonglong>(n));
}

QString Format::compactCount(std::int64_t n)
{
    struct Unit
    {
        std::int64_t size;
        const char *suffix;
    };
    static constexpr Unit Units[] = {{1'000'000'000, "B"}, {1'000'000, "M"}, {1'000, "K"}};
    const std::int64_t magnitude = n < 0 ? -n : n;
    for (const Unit &u : Units) {
        if (magnitude >= u.size) {
            const double scaled = static_cast<double>(n) / static_cast<double>(u.size);
            const int decimals = magnitude >= u.size * 100 ? 0 : magnitude >= u.size * 10 ? 1 : 2;
            return locale().toString(scaled, 'f', decimals) + QLatin1String(u.suffix);
        }
    }
    return count(n);
}

QString Format::requests(std::int64_t n)
{
    return n == 1 ? tr("1 request") : tr("%1 requests").arg(count(n));
}

QString Format::dateTime(std::int64_t utcMs, const QTimeZone &zone)
{
    return QDateTime::fromMSecsSinceEpoch(utcMs, zone).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString Format::cost(std::int64_t nano)
{
    const std::int64_t magnitude = nano < 0 ? -nano : nano;
    return Money::fromNano(nano).toDisplayString(magnitude != 0 && magnitude < 1'000'000'000 ? 4 : 2);
}

QString Format::costIf(bool applies, std::int64_t nano)
{
    return applies ? cost(nano) : tr("—");
}

QString Format::tokenBreakdown(const TokenCounts &t)
{
    return tr("%1 input · %2 cache read · %3 cache write · %4 output (%5 reasoning)")
        .arg(count(t.inputUncached), count(t.cacheRead), count(t.cacheWrite5m + t.cacheWrite1h), count(t.output),
             count(t.reasoning));
}

QString Format::unpricedNote(std::int64_t requests)
{
    return tr("%1 without a price: counted, but not in the amount").arg(Format::requests(requests));
}

QString Format::subscriptionValueNote()
{
    return tr("What this usage would cost at API prices. The subscription covers it: it is not spend.");
}

QVariant Format::alignment(bool numeric)
{
    return QVariant::fromValue(
        Qt::Alignment(numeric ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter));
}

QString Format::percent(std::int64_t part, std::int64_t whole)
{
    if (whole == 0) {
        return tr("—");
    }
    // A display ratio, not money: a double is fine here.
    return tr("%1 %").arg(locale().toString(100.0 * static_cast<double>(part) / static_cast<double>(whole), 'f', 1));
}

QString Format::provenance(const QString &id)
{
    if (id == QLatin1String("billed")) {
        return tr("billed");
    }
    if (id == QLatin1String("estimated")) {
        return tr("estimated");
    }
    if (id == QLatin1String("balance")) {
        return tr("from balance");
    }
    if (id == QLatin1String("subscription")) {
        return tr("subscription-equivalent");
    }
    if (id == QLatin1String("local")) {
        return tr("local estimate");
    }
    return id;
}

QString Format::provenances(const QStringList &ids)
{
    QStringList words;
    for (const QString &id : ids) {
        const QString word = provenance(id);
        if (!words.contains(word)) {
            words.append(word);
        }
    }
    return words.join(tr(" + "));
}

QString Format::amount(std::int64_t nano, const QString &currency)
{
    const QString text = Money::fromNano(nano).toDisplayString();
    if (currency == QLatin1String("USD")) {
        return text;
    }
    // toDisplayString() writes dollars; another currency keeps the digits and names itself.
    QString digits = text;
    digits.remove(QLatin1Char('$'));
    return tr("%1 %2").arg(digits, currency);
}

} // namespace burnrate::ui

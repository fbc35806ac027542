#include "pricing/userprices.h"

#include "pricing/decimal.h"
#include "pricing/pricebook.h"
#include "pricing/pricemerge.h"
#include "util/timestamp.h"

#include <QDate>
#include <QJsonArray>
#include <QRegularExpression>

#include <cstdint>
#include <optional>

namespace burnrate {

namespace {

const QString Providers = QStringLiteral("providers");
const QString Models = QStringLiteral("models");
const QString Versions = QStringLiteral("versions");
const QString Id = QStringLiteral("id");
const QString From = QStringLiteral("effective_from");
const QString Rates = QStringLiteral("rates");
const QString Input = QStringLiteral("input");
const QString CacheRead = QStringLiteral("cache_read");
const QString CacheWrite = QStringLiteral("cache_write");
const QString CacheWrite5m = QStringLiteral("cache_write_5m");
const QString Output = QStringLiteral("output");

QString rateText(const QJsonValue &v)
{
    return v.isString() ? v.toString() : v.isDouble() ? QString::number(v.toDouble(), 'g', 17) : QString();
}

qsizetype indexById(const QJsonArray &a, const QString &id)
{
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a.at(i).toObject().value(Id).toString().trimmed().compare(id, Qt::CaseInsensitive) == 0) {
            return i;
        }
    }
    return -1;
}

std::optional<std::int64_t> instantMs(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return parseRfc3339Ms(std::string_view(utf8.constData(), static_cast<size_t>(utf8.size())));
}

// The key the table's "cache write" column stands for in these rates.
QString cacheWriteKey(const QJsonObject &rates)
{
    return rates.contains(CacheWrite5m) && !rates.contains(CacheWrite) ? CacheWrite5m : CacheWrite;
}

// The version object of provider/model/from in `overlay`, or an empty object.
QJsonObject versionOf(const QJsonObject &overlay, const UserPrice &price)
{
    const QJsonArray providers = overlay.value(Providers).toArray();
    const qsizetype pi = indexById(providers, price.provider);
    if (pi < 0) {
        return {};
    }
    const QJsonArray models = providers.at(pi).toObject().value(Models).toArray();
    const qsizetype mi = indexById(models, price.model);
    if (mi < 0) {
        return {};
    }
    const QJsonArray versions = models.at(mi).toObject().value(Versions).toArray();
    const qsizetype vi = pricedoc::indexOfVersionFrom(versions, userprices::normalisedFrom(price.effectiveFrom));
    return vi < 0 ? QJsonObject() : versions.at(vi).toObject();
}

UserPrice entryOf(const QString &provider, const QString &model, const QJsonObject &v)
{
    const QJsonObject rates = v.value(Rates).toObject();
    UserPrice e;
    e.provider = provider.trimmed().toLower();
    e.model = model.trimmed().toLower();
    e.effectiveFrom = pricedoc::versionFrom(v);
    const QString writeKey = cacheWriteKey(rates);
    e.input = rateText(rates.value(Input));
    e.cacheRead = rateText(rates.value(CacheRead));
    e.cacheWrite = rateText(rates.value(writeKey));
    e.output = rateText(rates.value(Output));
    for (auto it = rates.begin(); it != rates.end() && !e.hasMore; ++it) {
        e.hasMore = it.key() != Input && it.key() != CacheRead && it.key() != writeKey && it.key() != Output;
    }
    for (auto it = v.begin(); it != v.end() && !e.hasMore; ++it) {
        e.hasMore = it.key() != From && it.key() != Rates && it.key() != QLatin1String("sources");
    }
    return e;
}

} // namespace

bool UserPrice::sameVersion(const UserPrice &other) const
{
    return provider.compare(other.provider, Qt::CaseInsensitive) == 0 &&
           model.compare(other.model, Qt::CaseInsensitive) == 0 &&
           userprices::normalisedFrom(effectiveFrom) == userprices::normalisedFrom(other.effectiveFrom);
}

QString UserPrice::fromLabel() const
{
    const auto ms = instantMs(effectiveFrom);
    if (ms && *ms % 86'400'000 == 0) {
        return formatUtcMs(*ms).left(10);
    }
    return effectiveFrom;
}

namespace userprices {

QJsonObject emptyOverlay()
{
    return QJsonObject{{QStringLiteral("format"), QStringLiteral("llm-spend-pricing-overlay")},
                       {QStringLiteral("format_version"), 1},
                       {Id, QStringLiteral("user")},
                       {Providers, QJsonArray()}};
}

QList<UserPrice> entries(const QJsonObject &overlay)
{
    QList<UserPrice> out;
    for (const QJsonValue &pv : overlay.value(Providers).toArray()) {
        const QJsonObject p = pv.toObject();
        for (const QJsonValue &mv : p.value(Models).toArray()) {
            const QJsonObject m = mv.toObject();
            for (const QJsonValue &vv : m.value(Versions).toArray()) {
                out.append(entryOf(p.value(Id).toString(), m.value(Id).toString(), vv.toObject()));
            }
        }
    }
    return out;
}

UserPrice fromRates(const QString &provider, const QString &model, const QJsonObject &rates)
{
    return entryOf(provider, model, QJsonObject{{Rates, rates}});
}

QString normalisedFrom(const QString &text)
{
    const QString t = text.trimmed();
    if (t.size() == 10) {
        const QDate d = QDate::fromString(t, Qt::ISODate);
        if (d.isValid()) {
            return t + QStringLiteral("T00:00:00Z");
        }
    }
    return t;
}

QString check(const UserPrice &price)
{
    static const QRegularExpression Blank(QStringLiteral("\\s"));
    if (price.provider.trimmed().isEmpty()) {
        return QStringLiteral("name the provider");
    }
    if (price.model.trimmed().isEmpty()) {
        return QStringLiteral("name the model");
    }
    if (price.provider.trimmed().contains(Blank) || price.model.trimmed().contains(Blank)) {
        return QStringLiteral("provider and model ids have no spaces");
    }
    if (!price.effectiveFrom.trimmed().isEmpty() && !instantMs(normalisedFrom(price.effectiveFrom))) {
        return QStringLiteral("the start \"%1\" is not a date (YYYY-MM-DD) or an RFC 3339 instant")
            .arg(price.effectiveFrom.trimmed());
    }
    const int scale = rateKeyScale(RateKey::Input);
    bool any = false;
    for (const auto &[name, text] :
         {std::pair{QStringLiteral("input"), price.input}, std::pair{QStringLiteral("cached input"), price.cacheRead},
          std::pair{QStringLiteral("cache write"), price.cacheWrite},
          std::pair{QStringLiteral("output"), price.output}}) {
        if (text.trimmed().isEmpty()) {
            continue;
        }
        any = true;
        const auto d = parseScaledDecimal(QStringView(text.trimmed()), scale);
        if (!d) {
            return QStringLiteral("%1: %2").arg(name, d.error());
        }
        if (!d->exact) {
            return QStringLiteral("%1 \"%2\" has more than %3 decimals").arg(name, text.trimmed()).arg(scale);
        }
    }
    return any ? QString() : QStringLiteral("give at least one price");
}

QJsonObject seedRates(const QJsonObject &doc, const UserPrice &price)
{
    const QJsonArray providers = doc.value(Providers).toArray();
    const qsizetype pi = indexById(providers, price.provider.trimmed());
    if (pi < 0) {
        return {};
    }
    const QJsonArray models = providers.at(pi).toObject().value(Models).toArray();
    const qsizetype mi = indexById(models, price.model.trimmed());
    if (mi < 0) {
        return {};
    }
    const QJsonArray versions = models.at(mi).toObject().value(Versions).toArray();
    const QString from = normalisedFrom(price.effectiveFrom);
    if (const qsizetype same = pricedoc::indexOfVersionFrom(versions, from); same >= 0) {
        return versions.at(same).toObject().value(Rates).toObject();
    }
    const std::int64_t at = from.isEmpty() ? INT64_MIN : instantMs(from).value_or(INT64_MAX);
    // The version in force at `at`; before every version, the first one.
    qsizetype best = -1;
    std::int64_t bestFrom = INT64_MIN;
    qsizetype first = -1;
    std::int64_t firstFrom = INT64_MAX;
    for (qsizetype i = 0; i < versions.size(); ++i) {
        const QString f = pricedoc::versionFrom(versions.at(i).toObject());
        const std::int64_t start = f.isEmpty() ? INT64_MIN : instantMs(f).value_or(INT64_MAX);
        if (start <= at && (best < 0 || start >= bestFrom)) {
            best = i;
            bestFrom = start;
        }
        if (first < 0 || start < firstFrom) {
            first = i;
            firstFrom = start;
        }
    }
    const qsizetype chosen = best >= 0 ? best : first;
    return chosen < 0 ? QJsonObject() : versions.at(chosen).toObject().value(Rates).toObject();
}

QJsonObject withPrice(const QJsonObject &overlay, const UserPrice &price, const UserPrice *replacing,
                      const QJsonObject &seed)
{
    QJsonObject doc = overlay;
    QJsonObject version;
    if (replacing && !replacing->sameVersion(price)) {
        // Moved to another provider, model or start: the version goes with its other fields, and replaces
        // whatever the file had there.
        version = versionOf(doc, *replacing);
        doc = withoutPrice(withoutPrice(doc, *replacing), price);
    }
    if (version.isEmpty()) {
        version = versionOf(doc, price); // edited in place
    }
    if (version.isEmpty()) {
        version.insert(Rates, seed);
    }
    const QString from = normalisedFrom(price.effectiveFrom);
    version.insert(From, from.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(from));
    QJsonObject rates = version.value(Rates).toObject();
    for (const auto &[key, text] :
         {std::pair{Input, price.input}, std::pair{CacheRead, price.cacheRead},
          std::pair{cacheWriteKey(rates), price.cacheWrite}, std::pair{Output, price.output}}) {
        if (text.trimmed().isEmpty()) {
            rates.remove(key);
        } else {
            rates.insert(key, text.trimmed());
        }
    }
    version.insert(Rates, rates);

    const QString providerId = price.provider.trimmed().toLower();
    const QString modelId = price.model.trimmed().toLower();
    QJsonArray providers = doc.value(Providers).toArray();
    qsizetype pi = indexById(providers, providerId);
    if (pi < 0) {
        providers.append(QJsonObject{{Id, providerId}, {Models, QJsonArray()}});
        pi = providers.size() - 1;
    }
    QJsonObject provider = providers.at(pi).toObject();
    QJsonArray models = provider.value(Models).toArray();
    qsizetype mi = indexById(models, modelId);
    if (mi < 0) {
        models.append(QJsonObject{{Id, modelId}, {Versions, QJsonArray()}});
        mi = models.size() - 1;
    }
    QJsonObject model = models.at(mi).toObject();
    QJsonArray versions = model.value(Versions).toArray();
    const qsizetype vi = pricedoc::indexOfVersionFrom(versions, from);
    if (vi < 0) {
        versions.append(version);
    } else {
        versions.replace(vi, version);
    }
    model.insert(Versions, versions);
    models.replace(mi, model);
    provider.insert(Models, models);
    providers.replace(pi, provider);
    doc.insert(Providers, providers);
    return doc;
}

QJsonObject withoutPrice(const QJsonObject &overlay, const UserPrice &price)
{
    QJsonArray providers = overlay.value(Providers).toArray();
    const qsizetype pi = indexById(providers, price.provider.trimmed());
    if (pi < 0) {
        return overlay;
    }
    QJsonObject provider = providers.at(pi).toObject();
    QJsonArray models = provider.value(Models).toArray();
    const qsizetype mi = indexById(models, price.model.trimmed());
    if (mi < 0) {
        return overlay;
    }
    QJsonObject model = models.at(mi).toObject();
    QJsonArray versions = model.value(Versions).toArray();
    const qsizetype vi = pricedoc::indexOfVersionFrom(versions, normalisedFrom(price.effectiveFrom));
    if (vi < 0) {
        return overlay;
    }
    versions.removeAt(vi);
    // A model entry that only carried these versions goes too; one with its own fields (match, name) stays.
    if (versions.isEmpty() && model.keys() == QStringList{Id, Versions}) {
        models.removeAt(mi);
    } else {
        model.insert(Versions, versions);
        models.replace(mi, model);
    }
    // A provider entry that only carried these models goes too; one with its own fields (service tiers) stays.
    if (models.isEmpty() && provider.keys() == QStringList{Id, Models}) {
        providers.removeAt(pi);
    } else {
        provider.insert(Models, models);
        providers.replace(pi, provider);
    }
    QJsonObject out = overlay;
    out.insert(Providers, providers);
    return out;
}

} // namespace userprices

} // namespace burnrate

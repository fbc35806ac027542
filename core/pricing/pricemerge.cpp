#include "pricing/pricemerge.h"

#include "pricing/decimal.h"
#include "pricing/pricebook.h"

#include <QJsonArray>

namespace burnrate {

namespace {

const QString Providers = QStringLiteral("providers");
const QString Models = QStringLiteral("models");
const QString Versions = QStringLiteral("versions");
const QString From = QStringLiteral("effective_from");

qsizetype indexById(const QJsonArray &a, const QString &id)
{
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a.at(i).toObject().value(QLatin1String("id")).toString().toLower() == id.toLower()) {
            return i;
        }
    }
    return -1;
}

QJsonObject mergeFields(QJsonObject into, const QJsonObject &from, const QStringList &skip)
{
    for (auto it = from.begin(); it != from.end(); ++it) {
        if (!skip.contains(it.key())) {
            into.insert(it.key(), it.value());
        }
    }
    return into;
}

QJsonObject mergeServiceTiers(QJsonObject into, const QJsonObject &from)
{
    const QJsonObject add = from.value(QLatin1String("service_tiers")).toObject();
    if (add.isEmpty()) {
        return into;
    }
    QJsonObject tiers = into.value(QLatin1String("service_tiers")).toObject();
    for (auto it = add.begin(); it != add.end(); ++it) {
        tiers.insert(it.key(), it.value());
    }
    into.insert(QStringLiteral("service_tiers"), tiers);
    return into;
}

QJsonArray sortedVersions(QJsonArray versions)
{
    QList<QJsonObject> list;
    for (const QJsonValue &v : versions) {
        list.append(v.toObject());
    }
    std::stable_sort(list.begin(), list.end(), [](const QJsonObject &a, const QJsonObject &b) {
        const QString fa = pricedoc::versionFrom(a), fb = pricedoc::versionFrom(b);
        return fa.isEmpty() != fb.isEmpty() ? fa.isEmpty() : fa < fb;
    });
    QJsonArray out;
    for (const QJsonObject &o : list) {
        out.append(o);
    }
    return out;
}

// Exact rate value for comparison: pico per unit, or -1 when not a decimal.
std::int64_t pico(const QString &key, const QJsonValue &v)
{
    const auto k = rateKeyFromName(key);
    const QString text = v.isString() ? v.toString() : QString::number(v.toDouble(), 'g', 17);
    auto d = parseScaledDecimal(QStringView(text), k ? rateKeyScale(*k) : 6);
    return d ? d->value : -1;
}

// Compares two versions' prices; appends one change per differing rate (and tiers, service tiers,
// windows as a whole). Returns whether anything differs.
bool compareVersions(const QString &model, const QString &label, const QJsonObject &a, const QJsonObject &b,
                     QList<PriceDiff::Change> &out)
{
    bool differs = false;
    const QJsonObject ra = a.value(QLatin1String("rates")).toObject();
    const QJsonObject rb = b.value(QLatin1String("rates")).toObject();
    QStringList keys = ra.keys() + rb.keys();
    keys.removeDuplicates();
    keys.sort();
    for (const QString &k : keys) {
        const std::int64_t pa = ra.contains(k) ? pico(k, ra.value(k)) : -2;
        const std::int64_t pb = rb.contains(k) ? pico(k, rb.value(k)) : -2;
        if (pa == pb) {
            continue;
        }
        differs = true;
        const auto shown = [&](const QJsonObject &r) {
            return r.contains(k)
                       ? (r.value(k).isString() ? r.value(k).toString() : QString::number(r.value(k).toDouble()))
                       : QStringLiteral("none");
        };
        const bool jump = pa > 0 && pb >= 0 && (pb > 2 * pa || 2 * pb < pa);
        out.append({model, label, QStringLiteral("%1 %2 -> %3").arg(k, shown(ra), shown(rb)), jump});
    }
    for (const char *field : {"tiers", "service_tiers", "windows"}) {
        if (a.value(QLatin1String(field)) != b.value(QLatin1String(field))) {
            differs = true;
            out.append({model, label, QStringLiteral("%1 changed").arg(QLatin1String(field)), false});
        }
    }
    return differs;
}

} // namespace

QString pricedoc::versionFrom(const QJsonObject &version)
{
    const QJsonValue v = version.value(From);
    return v.isString() ? v.toString() : QString();
}

qsizetype pricedoc::indexOfVersionFrom(const QJsonArray &versions, const QString &from)
{
    for (qsizetype i = 0; i < versions.size(); ++i) {
        if (versionFrom(versions.at(i).toObject()) == from) {
            return i;
        }
    }
    return -1;
}

Result<QJsonObject> applyOverlay(const QJsonObject &base, const QJsonObject &overlay)
{
    const QString format = overlay.value(QLatin1String("format")).toString();
    if (format != QLatin1String("llm-spend-pricing-overlay") && format != QLatin1String("llm-spend-pricing")) {
        return Result<QJsonObject>::failure(
            QStringLiteral("not a price overlay (format must be \"llm-spend-pricing-overlay\")"));
    }
    QJsonArray providers = base.value(Providers).toArray();
    for (const QJsonValue &pv : overlay.value(Providers).toArray()) {
        const QJsonObject po = pv.toObject();
        const QString pid = po.value(QLatin1String("id")).toString();
        if (pid.isEmpty()) {
            return Result<QJsonObject>::failure(QStringLiteral("an overlay provider without an id"));
        }
        const qsizetype pi = indexById(providers, pid);
        if (pi < 0) {
            providers.append(po);
            continue;
        }
        QJsonObject p = mergeServiceTiers(
            mergeFields(providers.at(pi).toObject(), po, {Models, QStringLiteral("service_tiers")}), po);
        QJsonArray models = p.value(Models).toArray();
        for (const QJsonValue &mv : po.value(Models).toArray()) {
            const QJsonObject mo = mv.toObject();
            const qsizetype mi = indexById(models, mo.value(QLatin1String("id")).toString());
            if (mi < 0) {
                models.append(mo);
                continue;
            }
            QJsonObject m = mergeFields(models.at(mi).toObject(), mo, {Versions});
            QJsonArray versions = m.value(Versions).toArray();
            for (const QJsonValue &vv : mo.value(Versions).toArray()) {
                const QJsonObject vo = vv.toObject();
                const qsizetype vi = pricedoc::indexOfVersionFrom(versions, pricedoc::versionFrom(vo));
                if (vi < 0) {
                    versions.append(vo);
                } else {
                    versions.replace(vi, mergeFields(versions.at(vi).toObject(), vo, {}));
                }
            }
            m.insert(Versions, sortedVersions(versions));
            models.replace(mi, m);
        }
        p.insert(Models, models);
        providers.replace(pi, p);
    }
    QJsonObject out = base;
    out.insert(Providers, providers);
    QJsonObject snapshot = out.value(QLatin1String("snapshot")).toObject();
    const QString overlayId = overlay.value(QLatin1String("id")).toString(QStringLiteral("overlay"));
    snapshot.insert(QStringLiteral("id"),
                    snapshot.value(QLatin1String("id")).toString() + QLatin1Char('+') + overlayId);
    out.insert(QStringLiteral("snapshot"), snapshot);
    return out;
}

Result<MergeOutcome> mergePriceHistory(const QJsonObject &active, const QJsonObject &feed,
                                       const QString &changesFromUtc)
{
    MergeOutcome result;
    PriceDiff &diff = result.diff;
    QJsonArray providers = active.value(Providers).toArray();
    QStringList seen;
    for (const QJsonValue &pv : feed.value(Providers).toArray()) {
        const QJsonObject fp = pv.toObject();
        const QString pid = fp.value(QLatin1String("id")).toString().toLower();
        qsizetype pi = indexById(providers, pid);
        if (pi < 0) {
            providers.append(
                QJsonObject{{QStringLiteral("id"), pid}, {QStringLiteral("name"), fp.value(QLatin1String("name"))}});
            pi = providers.size() - 1;
        }
        QJsonObject p = mergeServiceTiers(providers.at(pi).toObject(), fp);
        QJsonArray models = p.value(Models).toArray();
        for (const QJsonValue &mv : fp.value(Models).toArray()) {
            const QJsonObject fm = mv.toObject();
            const QString ref = pid + QLatin1Char('/') + fm.value(QLatin1String("id")).toString().toLower();
            seen.append(ref);
            const qsizetype mi = indexById(models, fm.value(QLatin1String("id")).toString());
            if (mi < 0) {
                models.append(fm);
                diff.addedModels.append(ref);
                continue;
            }
            QJsonObject m = models.at(mi).toObject();
            // Keep every matcher the active entry had: an id never stops being priced.
            QJsonObject match = m.value(QLatin1String("match")).toObject();
            const QJsonObject fmatch = fm.value(QLatin1String("match")).toObject();
            for (const char *kind : {"exact", "prefix"}) {
                QJsonArray list = match.value(QLatin1String(kind)).toArray();
                for (const QJsonValue &v : fmatch.value(QLatin1String(kind)).toArray()) {
                    if (!list.contains(v)) {
                        list.append(v);
                    }
                }
                if (!list.isEmpty()) {
                    match.insert(QLatin1String(kind), list);
                }
            }
            m.insert(QStringLiteral("match"), match);
            QJsonArray versions = sortedVersions(m.value(Versions).toArray());
            const QString currentFrom = pricedoc::versionFrom(versions.last().toObject());
            const int changesBefore = static_cast<int>(diff.changes.size());
            const QJsonArray feedVersions = fm.value(Versions).toArray();
            for (const QJsonValue &vv : feedVersions) {
                const QJsonObject fv = vv.toObject();
                const QString from = pricedoc::versionFrom(fv);
                const QString label = from.isEmpty() ? QStringLiteral("base") : from.left(10);
                // A feed without history (one undated version) states the current price: compare it
                // with the active current version, not with the oldest one.
                const bool currentOnly = feedVersions.size() == 1 && from.isEmpty();
                const qsizetype vi = currentOnly ? versions.size() - 1 : pricedoc::indexOfVersionFrom(versions, from);
                if (vi < 0) {
                    versions.append(fv);
                    diff.changes.append({ref, label, QStringLiteral("new version"), false});
                    continue;
                }
                QList<PriceDiff::Change> changes;
                if (!compareVersions(ref, label, versions.at(vi).toObject(), fv, changes)) {
                    continue;
                }
                const bool current = currentOnly || from == currentFrom;
                if (current && !changesFromUtc.isEmpty() && (currentFrom.isEmpty() || currentFrom < changesFromUtc) &&
                    pricedoc::indexOfVersionFrom(versions, changesFromUtc) < 0) {
                    QJsonObject dated = fv;
                    dated.insert(From, changesFromUtc);
                    versions.append(dated);
                    for (auto &c : changes) {
                        c.version = changesFromUtc.left(10);
                    }
                } else {
                    QJsonObject replacement = fv;
                    replacement.insert(From, versions.at(vi).toObject().value(From));
                    versions.replace(vi, replacement);
                }
                diff.changes += changes;
            }
            for (const QJsonValue &v : versions) {
                const QString vFrom = pricedoc::versionFrom(v.toObject());
                const bool covered = feedVersions.size() == 1
                                         ? vFrom == pricedoc::versionFrom(versions.last().toObject())
                                         : pricedoc::indexOfVersionFrom(feedVersions, vFrom) >= 0;
                if (!covered && vFrom != changesFromUtc) {
                    ++diff.keptVersions;
                }
            }
            if (diff.changes.size() == changesBefore) {
                ++diff.unchangedModels;
            }
            m.insert(Versions, sortedVersions(versions));
            models.replace(mi, m);
        }
        p.insert(Models, models);
        providers.replace(pi, p);
    }
    for (const QJsonValue &pv : std::as_const(providers)) {
        const QJsonObject p = pv.toObject();
        for (const QJsonValue &mv : p.value(Models).toArray()) {
            const QString ref = p.value(QLatin1String("id")).toString() + QLatin1Char('/') +
                                mv.toObject().value(QLatin1String("id")).toString().toLower();
            if (!seen.contains(ref) && !diff.addedModels.contains(ref)) {
                diff.keptModels.append(ref);
            }
        }
    }
    result.doc = active;
    result.doc.insert(Providers, providers);
    return result;
}

} // namespace burnrate

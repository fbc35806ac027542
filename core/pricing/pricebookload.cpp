// PriceBook::fromDocument: validates a normalised price document and builds the searchable book.
#include "ledger/eventlimits.h"
#include "pricing/pricebook.h"
#include "util/timestamp.h"

#include <QJsonArray>
#include <QLocale>

#include <algorithm>

namespace burnrate {

namespace {

// Reads one document and reports the first defect with the path of the entry.
class Reader
{
public:
    explicit Reader(QStringList *warnings)
        : m_warnings(warnings)
    {}

    QString error;

    bool fail(const QString &where, const QString &what)
    {
        if (error.isEmpty()) {
            error = QStringLiteral("%1: %2").arg(where, what);
        }
        return false;
    }

    // False, with the error, when `value` is longer than `max`.
    bool length(const QString &where, const char *name, const QString &value, qsizetype max)
    {
        if (auto why = tooLong(name, value, max)) {
            return fail(where, *why);
        }
        return true;
    }

    // False, with the error, when there are more than `max` of `what`.
    bool count(const QString &where, const char *what, qsizetype n, qsizetype max)
    {
        if (n <= max) {
            return true;
        }
        return fail(where, QStringLiteral("%1 %2 (at most %3)").arg(n).arg(QLatin1String(what)).arg(max));
    }

    bool rate(const QString &where, RateKey key, const QJsonValue &v, std::int64_t &out)
    {
        QString text;
        if (v.isString()) {
            text = v.toString();
        } else if (v.isDouble()) {
            text = QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest);
        } else {
            return fail(where, QStringLiteral("rate %1 must be a decimal string").arg(QLatin1String(rateKeyName(key))));
        }
        auto d = parseScaledDecimal(QStringView(text), rateKeyScale(key));
        if (!d) {
            return fail(where, QStringLiteral("rate %1: %2").arg(QLatin1String(rateKeyName(key)), d.error()));
        }
        if (!d->exact && m_warnings) {
            m_warnings->append(QStringLiteral("%1: rate %2 %3 rounded to the pico-USD")
                                   .arg(where, QLatin1String(rateKeyName(key)), text));
        }
        std::int64_t maxPico = pricelimits::MaxRateUsd;
        for (int i = 0; i < rateKeyScale(key); ++i) {
            maxPico *= 10;
        }
        if (d->value > maxPico) {
            return fail(where, QStringLiteral("rate %1 is %2 USD, above the limit of %3 USD")
                                   .arg(QLatin1String(rateKeyName(key)), text)
                                   .arg(pricelimits::MaxRateUsd));
        }
        out = d->value;
        return true;
    }

    bool rates(const QString &where, const QJsonValue &v, RateSet &out)
    {
        if (v.isUndefined() || v.isNull()) {
            return true;
        }
        if (!v.isObject()) {
            return fail(where, QStringLiteral("rates must be an object"));
        }
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            const auto key = rateKeyFromName(it.key());
            if (!key) {
                return fail(where, QStringLiteral("unknown rate key \"%1\"").arg(it.key()));
            }
            std::int64_t pico = 0;
            if (!rate(where, *key, it.value(), pico)) {
                return false;
            }
            out.set(*key, pico);
        }
        return true;
    }

    bool tiers(const QString &where, const QJsonValue &v, std::vector<LongContextTier> &out)
    {
        if (v.isUndefined() || v.isNull()) {
            return true;
        }
        if (!v.isArray()) {
            return fail(where, QStringLiteral("tiers must be an array"));
        }
        if (!count(where, "tiers", v.toArray().size(), pricelimits::MaxTiers)) {
            return false;
        }
        for (const QJsonValue &t : v.toArray()) {
            const QJsonObject o = t.toObject();
            LongContextTier tier;
            const QJsonValue gt = o.value(QLatin1String("gt_input_tokens"));
            const double g = gt.isString() ? gt.toString().toDouble() : gt.toDouble(-1);
            if (g < 0 || g > 1e15 || g != static_cast<double>(static_cast<std::int64_t>(g))) {
                return fail(where, QStringLiteral("a tier needs gt_input_tokens, a whole number >= 0"));
            }
            tier.gtInputTokens = static_cast<std::int64_t>(g);
            if (!rates(QStringLiteral("%1 tier >%2").arg(where).arg(tier.gtInputTokens),
                       o.value(QLatin1String("rates")), tier.rates)) {
                return false;
            }
            out.push_back(tier);
        }
        std::sort(out.begin(), out.end(),
                  [](const auto &a, const auto &b) { return a.gtInputTokens < b.gtInputTokens; });
        for (size_t i = 1; i < out.size(); ++i) {
            if (out[i].gtInputTokens == out[i - 1].gtInputTokens) {
                return fail(where, QStringLiteral("two tiers start at %1").arg(out[i].gtInputTokens));
            }
        }
        return true;
    }

    bool serviceTiers(const QString &where, const QJsonValue &v, QHash<QString, ServiceTierRule> &out)
    {
        if (v.isUndefined() || v.isNull()) {
            return true;
        }
        if (!v.isObject()) {
            return fail(where, QStringLiteral("service_tiers must be an object"));
        }
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString name = it.key().toLower();
            if (name != QLatin1String("batch") && name != QLatin1String("flex") && name != QLatin1String("priority")) {
                return fail(where, QStringLiteral("unknown service tier \"%1\" (batch, flex, priority)").arg(it.key()));
            }
            const QJsonObject t = it.value().toObject();
            const QString at = QStringLiteral("%1 %2").arg(where, name);
            ServiceTierRule rule;
            if (t.contains(QLatin1String("multiplier"))) {
                auto m = parseMultiplier(t.value(QLatin1String("multiplier")).toString());
                if (!m) {
                    return fail(at, m.error());
                }
                rule.multiplier = *m;
            }
            if (t.contains(QLatin1String("rates"))) {
                rule.hasRates = true;
                if (!rates(at, t.value(QLatin1String("rates")), rule.rates) ||
                    !tiers(at, t.value(QLatin1String("tiers")), rule.tiers)) {
                    return false;
                }
            }
            if (!rule.multiplier && !rule.hasRates) {
                return fail(at, QStringLiteral("a service tier needs a multiplier or rates"));
            }
            out.insert(name, rule);
        }
        return true;
    }

    static std::optional<int> secondOfDay(const QString &t)
    {
        // "HH:MM[:SS][Z]" in UTC.
        QString s = t;
        if (s.endsWith(QLatin1Char('Z'))) {
            s.chop(1);
        }
        const QStringList parts = s.split(QLatin1Char(':'));
        if (parts.size() < 2 || parts.size() > 3) {
            return std::nullopt;
        }
        bool ok1 = false, ok2 = false, ok3 = true;
        const int h = parts[0].toInt(&ok1);
        const int m = parts[1].toInt(&ok2);
        const int sec = parts.size() == 3 ? parts[2].toInt(&ok3) : 0;
        if (!ok1 || !ok2 || !ok3 || h < 0 || h > 24 || m < 0 || m > 59 || sec < 0 || sec > 59) {
            return std::nullopt;
        }
        return h * 3600 + m * 60 + sec;
    }

    bool version(const QString &where, const QJsonObject &o, PriceVersion &out)
    {
        const QJsonValue from = o.value(QLatin1String("effective_from"));
        if (from.isString()) {
            const QByteArray utf8 = from.toString().toUtf8();
            out.effectiveFromMs = parseRfc3339Ms(std::string_view(utf8.constData(), static_cast<size_t>(utf8.size())));
            if (!out.effectiveFromMs) {
                return fail(where,
                            QStringLiteral("effective_from \"%1\" is not an RFC 3339 instant").arg(from.toString()));
            }
            const QString text = from.toString();
            out.label = *out.effectiveFromMs % 86'400'000 == 0 ? formatUtcMs(*out.effectiveFromMs).left(10) : text;
        } else if (from.isNull() || from.isUndefined()) {
            out.label = QStringLiteral("base");
        } else {
            return fail(where, QStringLiteral("effective_from must be null or a string"));
        }
        const QString at = QStringLiteral("%1@%2").arg(where, out.label);
        if (!rates(at, o.value(QLatin1String("rates")), out.rates) ||
            !tiers(at, o.value(QLatin1String("tiers")), out.tiers) ||
            !serviceTiers(at, o.value(QLatin1String("service_tiers")), out.serviceTiers)) {
            return false;
        }
        const QJsonArray windows = o.value(QLatin1String("windows")).toArray();
        if (!count(at, "windows", windows.size(), pricelimits::MaxWindows)) {
            return false;
        }
        for (const QJsonValue &w : windows) {
            const QJsonObject wo = w.toObject();
            DailyWindow win;
            const auto f = secondOfDay(wo.value(QLatin1String("from")).toString());
            const auto t = secondOfDay(wo.value(QLatin1String("to")).toString());
            if (!f || !t || *f == *t) {
                return fail(at, QStringLiteral("a window needs from and to, as HH:MM:SSZ in UTC"));
            }
            win.fromSec = *f;
            win.toSec = *t;
            win.label = QStringLiteral("%1-%2").arg(wo.value(QLatin1String("from")).toString().left(5),
                                                    wo.value(QLatin1String("to")).toString().left(5));
            if (!rates(at + QStringLiteral(" window ") + win.label, wo.value(QLatin1String("rates")), win.rates) ||
                !tiers(at, wo.value(QLatin1String("tiers")), win.tiers)) {
                return false;
            }
            out.windows.push_back(win);
        }
        return true;
    }

    bool model(const QString &providerId, const QJsonObject &o, ModelEntry &out)
    {
        out.id = o.value(QLatin1String("id")).toString().trimmed().toLower();
        if (out.id.isEmpty()) {
            return fail(providerId, QStringLiteral("a model without an id"));
        }
        if (!length(providerId, "a model id", out.id, limits::MaxModelLength)) {
            return false;
        }
        out.providerId = providerId;
        out.ref = providerId + QLatin1Char('/') + out.id;
        out.name = o.value(QLatin1String("name")).toString();
        const QJsonObject match = o.value(QLatin1String("match")).toObject();
        const QJsonArray exact = match.value(QLatin1String("exact")).toArray();
        const QJsonArray prefix = match.value(QLatin1String("prefix")).toArray();
        if (!length(out.ref, "the name", out.name, pricelimits::MaxLabelLength) ||
            !count(out.ref, "match strings", exact.size() + prefix.size(), pricelimits::MaxMatches)) {
            return false;
        }
        for (const QJsonValue &v : exact) {
            out.exact.append(v.toString().trimmed().toLower());
        }
        for (const QJsonValue &v : prefix) {
            out.prefixes.append(v.toString().trimmed().toLower());
        }
        for (const QString &m : std::as_const(out.exact) + std::as_const(out.prefixes)) {
            if (!length(out.ref, "a match string", m, limits::MaxModelLength)) {
                return false;
            }
        }
        out.exact.removeAll(QString());
        out.prefixes.removeAll(QString());
        if (!out.exact.contains(out.id)) {
            out.exact.prepend(out.id);
        }
        const QJsonArray versions = o.value(QLatin1String("versions")).toArray();
        if (versions.isEmpty()) {
            return fail(out.ref, QStringLiteral("a model needs at least one price version"));
        }
        if (!count(out.ref, "price versions", versions.size(), pricelimits::MaxVersions)) {
            return false;
        }
        for (const QJsonValue &v : versions) {
            PriceVersion pv;
            if (!version(out.ref, v.toObject(), pv)) {
                return false;
            }
            out.versions.push_back(std::move(pv));
        }
        std::stable_sort(out.versions.begin(), out.versions.end(), [](const auto &a, const auto &b) {
            return a.effectiveFromMs.value_or(INT64_MIN) < b.effectiveFromMs.value_or(INT64_MIN);
        });
        for (size_t i = 1; i < out.versions.size(); ++i) {
            if (out.versions[i].effectiveFromMs == out.versions[i - 1].effectiveFromMs) {
                return fail(out.ref, QStringLiteral("two versions start at %1").arg(out.versions[i].label));
            }
        }
        return true;
    }

private:
    QStringList *m_warnings;
};

} // namespace

Result<std::shared_ptr<const PriceBook>> PriceBook::fromDocument(const QJsonObject &doc, QStringList *warnings)
{
    using R = Result<std::shared_ptr<const PriceBook>>;
    if (doc.value(QLatin1String("format")).toString() != QLatin1String("llm-spend-pricing")) {
        return R::failure(QStringLiteral("not a price snapshot (format must be \"llm-spend-pricing\")"));
    }
    if (doc.value(QLatin1String("format_version")).toVariant().toInt() != 1) {
        return R::failure(QStringLiteral("unsupported format_version (this Burnrate reads version 1)"));
    }
    std::shared_ptr<PriceBook> book(new PriceBook);
    book->m_id = doc.value(QLatin1String("snapshot")).toObject().value(QLatin1String("id")).toString();
    if (book->m_id.isEmpty()) {
        return R::failure(QStringLiteral("the snapshot has no id"));
    }
    if (auto why = tooLong("the snapshot id", book->m_id, pricelimits::MaxLabelLength)) {
        return R::failure(*why);
    }
    const QString currency = doc.value(QLatin1String("currency")).toString(QStringLiteral("USD"));
    if (currency != QLatin1String("USD")) {
        return R::failure(QStringLiteral("prices must be in USD, not %1").arg(currency));
    }
    Reader reader(warnings);
    const QJsonArray providers = doc.value(QLatin1String("providers")).toArray();
    if (providers.size() > pricelimits::MaxProviders) {
        return R::failure(
            QStringLiteral("%1 providers (at most %2)").arg(providers.size()).arg(pricelimits::MaxProviders));
    }
    for (const QJsonValue &pv : providers) {
        const QJsonObject po = pv.toObject();
        ProviderEntry p;
        p.id = po.value(QLatin1String("id")).toString().trimmed().toLower();
        if (p.id.isEmpty()) {
            return R::failure(QStringLiteral("a provider without an id"));
        }
        const QJsonArray aliases = po.value(QLatin1String("aliases")).toArray();
        const QJsonArray fallbacks = po.value(QLatin1String("fallback_providers")).toArray();
        const QJsonArray models = po.value(QLatin1String("models")).toArray();
        if (auto why = tooLong("a provider id", p.id, limits::MaxNameLength)) {
            return R::failure(*why);
        }
        if (!reader.length(p.id, "the name", po.value(QLatin1String("name")).toString(), pricelimits::MaxLabelLength) ||
            !reader.count(p.id, "aliases and fallback providers", aliases.size() + fallbacks.size(),
                          pricelimits::MaxAliases) ||
            !reader.count(p.id, "models", models.size(), pricelimits::MaxModelsPerProvider)) {
            return R::failure(reader.error);
        }
        if (book->m_providerIndex.contains(p.id)) {
            return R::failure(QStringLiteral("provider %1 appears twice").arg(p.id));
        }
        p.name = po.value(QLatin1String("name")).toString(p.id);
        for (const QJsonValue &a : aliases) {
            p.aliases.append(a.toString().toLower());
        }
        for (const QJsonValue &f : fallbacks) {
            p.fallbackProviders.append(f.toString().toLower());
        }
        for (const QString &name : std::as_const(p.aliases) + std::as_const(p.fallbackProviders)) {
            if (!reader.length(p.id, "an alias", name, limits::MaxNameLength)) {
                return R::failure(reader.error);
            }
        }
        if (!reader.serviceTiers(p.id, po.value(QLatin1String("service_tiers")), p.serviceTiers)) {
            return R::failure(reader.error);
        }
        for (const QJsonValue &mv : models) {
            ModelEntry m;
            if (!reader.model(p.id, mv.toObject(), m)) {
                return R::failure(reader.error);
            }
            const int index = static_cast<int>(p.models.size());
            for (const QString &e : std::as_const(m.exact)) {
                p.exactIndex.insert(e, index); // a later entry wins a duplicated id, as a later overlay would
            }
            for (const QString &pre : std::as_const(m.prefixes)) {
                p.prefixList.emplace_back(pre, index);
            }
            p.models.push_back(std::move(m));
        }
        std::stable_sort(p.prefixList.begin(), p.prefixList.end(),
                         [](const auto &a, const auto &b) { return a.first.size() > b.first.size(); });
        const int pIndex = static_cast<int>(book->m_providers.size());
        book->m_providerIndex.insert(p.id, pIndex);
        for (const QString &a : std::as_const(p.aliases)) {
            if (!book->m_providerIndex.contains(a)) {
                book->m_providerIndex.insert(a, pIndex);
            }
        }
        book->m_providers.push_back(std::move(p));
    }
    if (book->m_providers.empty()) {
        return R::failure(QStringLiteral("the snapshot has no providers"));
    }
    book->m_doc = doc;
    return std::shared_ptr<const PriceBook>(std::move(book));
}

} // namespace burnrate

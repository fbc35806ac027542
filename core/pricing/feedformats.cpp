#include "pricing/feedformats.h"

#include "pricing/decimal.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>

namespace burnrate {

namespace {

bool isNumberStart(char c)
{
    return c == '-' || (c >= '0' && c <= '9');
}

bool isNumberChar(char c)
{
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// A rate given as decimal text (after quoteJsonNumbers) in USD per `unit`, re-expressed as a decimal
// string at `outScale` from pico-USD. Refuses negatives and non-numbers.
class RateReader
{
public:
    explicit RateReader(QStringList &notes)
        : m_notes(notes)
    {}

    QString error;

    // `inScale`: pico per unit of the input = value × 10^inScale.
    QString convert(const QString &where, const QJsonValue &v, int inScale, int outScale)
    {
        if (!v.isString()) {
            fail(QStringLiteral("%1 is not a number").arg(where));
            return QString();
        }
        auto d = parseScaledDecimal(QStringView(v.toString()), inScale);
        if (!d) {
            fail(QStringLiteral("%1: %2").arg(where, d.error()));
            return QString();
        }
        if (!d->exact) {
            m_notes.append(QStringLiteral("%1: %2 rounded to the pico-USD").arg(where, v.toString()));
        }
        // pico per unit -> the output unit's decimal: value_out = pico × 10^-outScale
        return formatScaled(d->value, outScale);
    }

    void fail(const QString &message)
    {
        if (error.isEmpty()) {
            error = message;
        }
    }

private:
    QStringList &m_notes;
};

// --- genai-prices v2 -------------------------------------------------------------------------------

const QMap<QString, QString> &gpKeys()
{
    static const QMap<QString, QString> keys = {
        {QStringLiteral("input_mtok"), QStringLiteral("input")},
        {QStringLiteral("cache_read_mtok"), QStringLiteral("cache_read")},
        {QStringLiteral("cache_write_1h_mtok"), QStringLiteral("cache_write_1h")},
        {QStringLiteral("output_mtok"), QStringLiteral("output")},
        {QStringLiteral("output_reasoning_mtok"), QStringLiteral("reasoning")},
        {QStringLiteral("input_audio_mtok"), QStringLiteral("input_audio")},
        {QStringLiteral("cache_audio_read_mtok"), QStringLiteral("cache_audio_read")},
        {QStringLiteral("output_audio_mtok"), QStringLiteral("output_audio")},
        {QStringLiteral("input_image_mtok"), QStringLiteral("input_image")},
        {QStringLiteral("output_image_mtok"), QStringLiteral("output_image")},
        {QStringLiteral("web_searches_kcount"), QStringLiteral("web_search_per_1k")},
        {QStringLiteral("requests_kcount"), QStringLiteral("per_request")},
    };
    return keys;
}

void gpPrices(const QString &providerId, const QString &where, const QJsonObject &prices, RateReader &rr,
              QJsonObject &ratesOut, QJsonArray &tiersOut)
{
    QMap<qint64, QJsonObject> tiers;
    for (auto it = prices.begin(); it != prices.end(); ++it) {
        QString ours = gpKeys().value(it.key());
        if (it.key() == QLatin1String("cache_write_mtok")) {
            ours = providerId == QLatin1String("anthropic") ? QStringLiteral("cache_write_5m")
                                                            : QStringLiteral("cache_write");
        }
        if (ours.isEmpty()) {
            continue; // units Burnrate does not meter (documents, storage searches, video ...)
        }
        // mtok: USD per 1M tokens = pico per token × 10^-6; kcount: USD per 1000 = pico × 10^-9;
        // requests_kcount becomes per_request: USD per request = pico × 10^-12.
        const int inScale = it.key().endsWith(QLatin1String("_kcount")) ? 9 : 6;
        const int outScale = ours == QLatin1String("per_request") ? 12 : inScale;
        const QString at = QStringLiteral("%1 %2").arg(where, it.key());
        QJsonValue base = it.value();
        if (base.isObject()) {
            const QJsonObject tiered = base.toObject();
            base = tiered.value(QLatin1String("base"));
            for (const QJsonValue &t : tiered.value(QLatin1String("tiers")).toArray()) {
                const QJsonObject to = t.toObject();
                bool ok = false;
                const qint64 start = to.value(QLatin1String("start")).toString().toLongLong(&ok);
                if (!ok || start < 0) {
                    rr.fail(QStringLiteral("%1: a tier start is not a whole number").arg(at));
                    return;
                }
                tiers[start].insert(ours, rr.convert(at, to.value(QLatin1String("price")), inScale, outScale));
            }
        }
        ratesOut.insert(ours, rr.convert(at, base, inScale, outScale));
    }
    for (auto it = tiers.begin(); it != tiers.end(); ++it) {
        tiersOut.append(
            QJsonObject{{QStringLiteral("gt_input_tokens"), it.key()}, {QStringLiteral("rates"), it.value()}});
    }
}

void gpMatch(const QJsonObject &m, QJsonArray &exact, QJsonArray &prefix)
{
    const auto lower = [&](const char *k) {
        return QJsonValue(m.value(QLatin1String(k)).toString().toLower());
    };
    if (m.contains(QLatin1String("or")) || m.contains(QLatin1String("and"))) {
        for (const QJsonValue &v : m.value(QLatin1String(m.contains(QLatin1String("or")) ? "or" : "and")).toArray()) {
            gpMatch(v.toObject(), exact, prefix);
        }
    } else if (m.contains(QLatin1String("equals")) || m.contains(QLatin1String("ends_with"))) {
        exact.append(lower(m.contains(QLatin1String("equals")) ? "equals" : "ends_with"));
    } else if (m.contains(QLatin1String("starts_with")) || m.contains(QLatin1String("contains"))) {
        prefix.append(lower(m.contains(QLatin1String("starts_with")) ? "starts_with" : "contains"));
    } else if (m.contains(QLatin1String("regex"))) {
        // "^literal-\d{8}$" style date suffixes become the literal prefix; filters are dropped.
        const QString re = m.value(QLatin1String("regex")).toString();
        QString literal;
        for (qsizetype i = re.startsWith(QLatin1Char('^')) ? 1 : re.size(); i < re.size(); ++i) {
            const QChar c = re.at(i);
            if (c == QLatin1Char('\\') && i + 1 < re.size() && re.at(i + 1) == QLatin1Char('.')) {
                literal += QLatin1Char('.');
                ++i;
            } else if (c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_') ||
                       c == QLatin1Char('/') || c == QLatin1Char(':') || c == QLatin1Char('@')) {
                literal += c;
            } else {
                break;
            }
        }
        if (!literal.isEmpty()) {
            prefix.append(literal.toLower());
        }
    }
}

Result<QJsonObject> fromGenaiPrices(const QJsonArray &providers, QStringList &notes)
{
    RateReader rr(notes);
    QJsonArray out;
    for (const QString &pid : feedProviders()) {
        QJsonObject p;
        for (const QJsonValue &v : providers) {
            if (v.toObject().value(QLatin1String("id")).toString() == pid) {
                p = v.toObject();
            }
        }
        if (p.isEmpty()) {
            continue;
        }
        QJsonArray models;
        for (const QJsonValue &mv : p.value(QLatin1String("models")).toArray()) {
            const QJsonObject m = mv.toObject();
            const QString id = m.value(QLatin1String("id")).toString().toLower();
            const QString where = pid + QLatin1Char('/') + id;
            QJsonArray exact, prefix, versions;
            gpMatch(m.value(QLatin1String("match")).toObject(), exact, prefix);
            QJsonArray entries;
            if (m.value(QLatin1String("prices")).isArray()) {
                entries = m.value(QLatin1String("prices")).toArray();
            } else {
                entries.append(QJsonObject{{QStringLiteral("prices"), m.value(QLatin1String("prices"))}});
            }
            for (const QJsonValue &ev : entries) {
                const QJsonObject e = ev.toObject();
                const QJsonObject c = e.value(QLatin1String("constraint")).toObject();
                QJsonObject rates;
                QJsonArray tiers;
                gpPrices(pid, where, e.value(QLatin1String("prices")).toObject(), rr, rates, tiers);
                const QString type = c.value(QLatin1String("type")).toString();
                if (type == QLatin1String("time_of_date")) {
                    if (versions.isEmpty()) {
                        return Result<QJsonObject>::failure(
                            QStringLiteral("%1: a daily window before any price").arg(where));
                    }
                    QJsonObject last = versions.last().toObject();
                    QJsonArray windows = last.value(QLatin1String("windows")).toArray();
                    QJsonObject w{{QStringLiteral("from"), c.value(QLatin1String("start_time"))},
                                  {QStringLiteral("to"), c.value(QLatin1String("end_time"))},
                                  {QStringLiteral("rates"), rates}};
                    if (!tiers.isEmpty()) {
                        w.insert(QStringLiteral("tiers"), tiers);
                    }
                    windows.append(w);
                    last.insert(QStringLiteral("windows"), windows);
                    versions.replace(versions.size() - 1, last);
                    continue;
                }
                QJsonObject v{{QStringLiteral("effective_from"), QJsonValue::Null}, {QStringLiteral("rates"), rates}};
                if (type == QLatin1String("start_date")) {
                    v.insert(QStringLiteral("effective_from"),
                             c.value(QLatin1String("start_date")).toString() + QStringLiteral("T00:00:00Z"));
                } else if (!type.isEmpty()) {
                    return Result<QJsonObject>::failure(
                        QStringLiteral("%1: unknown price constraint %2").arg(where, type));
                }
                if (!tiers.isEmpty()) {
                    v.insert(QStringLiteral("tiers"), tiers);
                }
                versions.append(v);
            }
            if (!rr.error.isEmpty()) {
                return Result<QJsonObject>::failure(rr.error);
            }
            QJsonObject match;
            if (!exact.isEmpty()) {
                match.insert(QStringLiteral("exact"), exact);
            }
            if (!prefix.isEmpty()) {
                match.insert(QStringLiteral("prefix"), prefix);
            }
            QJsonObject model{
                {QStringLiteral("id"), id}, {QStringLiteral("match"), match}, {QStringLiteral("versions"), versions}};
            if (m.contains(QLatin1String("name"))) {
                model.insert(QStringLiteral("name"), m.value(QLatin1String("name")));
            }
            models.append(model);
        }
        out.append(QJsonObject{{QStringLiteral("id"), pid},
                               {QStringLiteral("name"), p.value(QLatin1String("name")).toString(pid)},
                               {QStringLiteral("models"), models}});
    }
    if (out.isEmpty()) {
        return Result<QJsonObject>::failure(
            QStringLiteral("the genai-prices feed has none of the providers Burnrate prices"));
    }
    return QJsonObject{{QStringLiteral("providers"), out}};
}

} // namespace

Result<QJsonObject> liteLlmToNormalized(const QJsonObject &root, QStringList &notes); // litellmfeed.cpp

const QStringList &feedProviders()
{
    static const QStringList ids = {QStringLiteral("openai"),    QStringLiteral("anthropic"), QStringLiteral("google"),
                                    QStringLiteral("deepseek"),  QStringLiteral("mistral"),   QStringLiteral("x-ai"),
                                    QStringLiteral("openrouter")};
    return ids;
}

QString feedKindName(PriceFeed::Kind kind)
{
    switch (kind) {
    case PriceFeed::Kind::GenaiPrices:
        return QStringLiteral("genai-prices");
    case PriceFeed::Kind::LiteLlm:
        return QStringLiteral("litellm");
    case PriceFeed::Kind::Normalized:
        break;
    }
    return QStringLiteral("burnrate");
}

QByteArray quoteJsonNumbers(const QByteArray &json)
{
    QByteArray out;
    out.reserve(json.size() + json.size() / 8);
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        if (inString) {
            out.append(c);
            if (c == '\\' && i + 1 < json.size()) {
                out.append(json.at(++i));
            } else if (c == '"') {
                inString = false;
            }
        } else if (c == '"') {
            inString = true;
            out.append(c);
        } else if (isNumberStart(c)) {
            out.append('"');
            while (i < json.size() && isNumberChar(json.at(i))) {
                out.append(json.at(i++));
            }
            --i;
            out.append('"');
        } else {
            out.append(c);
        }
    }
    return out;
}

Result<PriceFeed> readPriceFeed(const QByteArray &bytes)
{
    using R = Result<PriceFeed>;
    QJsonParseError err;
    const QJsonDocument json = QJsonDocument::fromJson(quoteJsonNumbers(bytes), &err);
    if (json.isNull()) {
        return R::failure(QStringLiteral("not valid JSON (%1 at byte %2)").arg(err.errorString()).arg(err.offset));
    }
    PriceFeed feed;
    Result<QJsonObject> doc = QJsonObject();
    if (json.isObject() &&
        json.object().value(QLatin1String("format")).toString() == QLatin1String("llm-spend-pricing")) {
        feed.kind = PriceFeed::Kind::Normalized;
        doc = json.object();
    } else if (json.isArray() && !json.array().isEmpty() &&
               json.array().first().toObject().contains(QLatin1String("api_pattern")) &&
               json.array().first().toObject().contains(QLatin1String("models"))) {
        feed.kind = PriceFeed::Kind::GenaiPrices;
        doc = fromGenaiPrices(json.array(), feed.notes);
    } else if (json.isObject() && json.object().contains(QLatin1String("sample_spec"))) {
        feed.kind = PriceFeed::Kind::LiteLlm;
        doc = liteLlmToNormalized(json.object(), feed.notes);
    } else {
        return R::failure(QStringLiteral("not a price feed Burnrate knows: expected its own format, a genai-prices "
                                         "data.json or LiteLLM's model_prices_and_context_window.json"));
    }
    if (!doc) {
        return R::failure(doc.error());
    }
    feed.doc = std::move(doc).value();
    if (feed.kind != PriceFeed::Kind::Normalized) {
        feed.doc.insert(QStringLiteral("format"), QStringLiteral("llm-spend-pricing"));
        feed.doc.insert(QStringLiteral("format_version"), 1);
        feed.doc.insert(QStringLiteral("currency"), QStringLiteral("USD"));
    }
    return feed;
}

} // namespace burnrate

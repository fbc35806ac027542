// LiteLLM's model_prices_and_context_window.json -> the normalised format. USD per token, no dates;
// batch, flex and priority come as *_batches / *_flex / *_priority keys, long context as *_above_Nk_tokens.
#include "pricing/decimal.h"
#include "pricing/feedformats.h"

#include <QJsonArray>
#include <QMap>
#include <QRegularExpression>

namespace burnrate {

namespace {

struct KeyRule
{
    const char *stem; // LiteLLM key without suffixes
    const char *ours;
};

constexpr KeyRule Keys[] = {
    {"input_cost_per_token", "input"},
    {"output_cost_per_token", "output"},
    {"cache_read_input_token_cost", "cache_read"},
    {"cache_creation_input_token_cost", "cache_write"},
    {"cache_creation_input_token_cost_above_1hr", "cache_write_1h"},
    {"output_cost_per_reasoning_token", "reasoning"},
    {"input_cost_per_audio_token", "input_audio"},
    {"cache_read_input_audio_token_cost", "cache_audio_read"},
    {"output_cost_per_audio_token", "output_audio"},
    {"input_cost_per_image_token", "input_image"},
    {"output_cost_per_image_token", "output_image"},
};

// LiteLLM provider names -> ours.
QString providerOf(const QString &litellm)
{
    static const QMap<QString, QString> map = {
        {QStringLiteral("openai"), QStringLiteral("openai")},
        {QStringLiteral("text-completion-openai"), QStringLiteral("openai")},
        {QStringLiteral("anthropic"), QStringLiteral("anthropic")},
        {QStringLiteral("gemini"), QStringLiteral("google")},
        {QStringLiteral("vertex_ai-language-models"), QStringLiteral("google")},
        {QStringLiteral("deepseek"), QStringLiteral("deepseek")},
        {QStringLiteral("mistral"), QStringLiteral("mistral")},
        {QStringLiteral("xai"), QStringLiteral("x-ai")},
        {QStringLiteral("openrouter"), QStringLiteral("openrouter")},
    };
    return map.value(litellm);
}

} // namespace

Result<QJsonObject> liteLlmToNormalized(const QJsonObject &root, QStringList &notes)
{
    static const QRegularExpression above(QStringLiteral("^(.*)_above_(\\d+)k_tokens$"));
    QMap<QString, QMap<QString, QJsonObject>> byProvider; // provider -> id -> model
    QString error;
    int skipped = 0;
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (it.key() == QLatin1String("sample_spec")) {
            continue;
        }
        const QJsonObject spec = it.value().toObject();
        const QString provider = providerOf(spec.value(QLatin1String("litellm_provider")).toString());
        if (provider.isEmpty()) {
            ++skipped;
            continue;
        }
        QString id = it.key().toLower();
        for (const char *route :
             {"gemini/", "vertex_ai/", "deepseek/", "mistral/", "xai/", "openrouter/", "openai/", "anthropic/"}) {
            if (id.startsWith(QLatin1String(route)) && provider != QLatin1String("openrouter")) {
                id = id.mid(static_cast<qsizetype>(qstrlen(route)));
            }
        }
        if (provider == QLatin1String("openrouter") && id.startsWith(QLatin1String("openrouter/"))) {
            id = id.mid(11);
        }
        const QString where = provider + QLatin1Char('/') + id;
        QJsonObject rates;
        QMap<qint64, QJsonObject> tiers;
        QMap<QString, QJsonObject> serviceRates;
        for (auto k = spec.begin(); k != spec.end(); ++k) {
            QString key = k.key();
            QString service;
            for (const char *suffix : {"_batches", "_flex", "_priority"}) {
                if (key.endsWith(QLatin1String(suffix))) {
                    service = QLatin1String(suffix + 1);
                    key.chop(static_cast<qsizetype>(qstrlen(suffix)));
                }
            }
            qint64 gt = -1;
            if (const auto m = above.match(key); m.hasMatch()) {
                key = m.captured(1);
                gt = m.captured(2).toLongLong() * 1000;
            }
            const KeyRule *rule = nullptr;
            for (const KeyRule &r : Keys) {
                if (key == QLatin1String(r.stem)) {
                    rule = &r;
                }
            }
            if (!rule) {
                continue;
            }
            QString ours = QLatin1String(rule->ours);
            if (ours == QLatin1String("cache_write") && provider == QLatin1String("anthropic")) {
                ours = QStringLiteral("cache_write_5m");
            }
            if (!k.value().isString()) {
                error = QStringLiteral("%1 %2 is not a number").arg(where, k.key());
                break;
            }
            auto pico = parseScaledDecimal(QStringView(k.value().toString()), 12);
            if (!pico) {
                error = QStringLiteral("%1 %2: %3").arg(where, k.key(), pico.error());
                break;
            }
            if (!pico->exact) {
                notes.append(
                    QStringLiteral("%1 %2 %3 rounded to the pico-USD").arg(where, k.key(), k.value().toString()));
            }
            const QString text = formatScaled(pico->value, 6); // USD per 1M tokens
            if (!service.isEmpty()) {
                if (gt < 0) {
                    serviceRates[service == QLatin1String("batches") ? QStringLiteral("batch") : service].insert(ours,
                                                                                                                 text);
                }
            } else if (gt >= 0) {
                tiers[gt].insert(ours, text);
            } else {
                rates.insert(ours, text);
            }
        }
        if (!error.isEmpty()) {
            return Result<QJsonObject>::failure(error);
        }
        if (!rates.contains(QLatin1String("input")) && !rates.contains(QLatin1String("output"))) {
            ++skipped;
            continue;
        }
        QJsonObject version{{QStringLiteral("effective_from"), QJsonValue::Null}, {QStringLiteral("rates"), rates}};
        QJsonArray tierList;
        for (auto t = tiers.begin(); t != tiers.end(); ++t) {
            tierList.append(
                QJsonObject{{QStringLiteral("gt_input_tokens"), t.key()}, {QStringLiteral("rates"), t.value()}});
        }
        if (!tierList.isEmpty()) {
            version.insert(QStringLiteral("tiers"), tierList);
        }
        QJsonObject services;
        for (auto s = serviceRates.begin(); s != serviceRates.end(); ++s) {
            services.insert(s.key(), QJsonObject{{QStringLiteral("rates"), s.value()}});
        }
        if (!services.isEmpty()) {
            version.insert(QStringLiteral("service_tiers"), services);
        }
        QJsonArray exact{id};
        if (it.key().toLower() != id) {
            exact.append(it.key().toLower());
        }
        byProvider[provider].insert(
            id, QJsonObject{{QStringLiteral("id"), id},
                            {QStringLiteral("match"), QJsonObject{{QStringLiteral("exact"), exact}}},
                            {QStringLiteral("versions"), QJsonArray{version}}});
    }
    QJsonArray providers;
    for (const QString &pid : feedProviders()) {
        if (!byProvider.contains(pid)) {
            continue;
        }
        QJsonArray models;
        for (const QJsonObject &m : byProvider.value(pid)) {
            models.append(m);
        }
        providers.append(QJsonObject{{QStringLiteral("id"), pid}, {QStringLiteral("models"), models}});
    }
    if (providers.isEmpty()) {
        return Result<QJsonObject>::failure(
            QStringLiteral("the LiteLLM feed has none of the providers Burnrate prices"));
    }
    if (skipped > 0) {
        notes.append(
            QStringLiteral("%1 LiteLLM entries of other providers or without token rates were left out").arg(skipped));
    }
    notes.append(QStringLiteral("LiteLLM has no effective dates: its rates are read as current prices"));
    return QJsonObject{{QStringLiteral("providers"), providers}};
}

} // namespace burnrate

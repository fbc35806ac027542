#include "providers/providerregistry.h"

#include "providers/anthropicclient.h"
#include "providers/balanceclients.h"
#include "providers/baseurl.h"
#include "providers/openaiclient.h"

namespace burnrate {

QStringList syncProviders()
{
    return {QStringLiteral("openai"), QStringLiteral("anthropic"), QStringLiteral("openrouter"),
            QStringLiteral("deepseek")};
}

QString providerDisplayName(const QString &provider)
{
    if (provider == QLatin1String("openai")) {
        return QStringLiteral("OpenAI");
    }
    if (provider == QLatin1String("anthropic")) {
        return QStringLiteral("Anthropic");
    }
    if (provider == QLatin1String("openrouter")) {
        return QStringLiteral("OpenRouter");
    }
    if (provider == QLatin1String("deepseek")) {
        return QStringLiteral("DeepSeek");
    }
    return provider;
}

Result<std::unique_ptr<ProviderClient>> createProviderClient(const QString &provider, QNetworkAccessManager &nam,
                                                             const Clock &clock, const HttpPolicy &policy,
                                                             const std::function<QString(const QString &)> &env)
{
    using R = Result<std::unique_ptr<ProviderClient>>;
    QString origin;
    if (provider == QLatin1String("openai")) {
        origin = OpenAiClient::defaultOrigin();
    } else if (provider == QLatin1String("anthropic")) {
        origin = AnthropicClient::defaultOrigin();
    } else if (provider == QLatin1String("openrouter")) {
        origin = OpenRouterClient::defaultOrigin();
    } else if (provider == QLatin1String("deepseek")) {
        origin = DeepSeekClient::defaultOrigin();
    } else {
        return R::failure(QStringLiteral("unknown provider \"%1\" (known: %2)")
                              .arg(provider, syncProviders().join(QStringLiteral(", "))));
    }
    auto url = BaseUrl::resolve(provider, origin, env);
    if (!url) {
        return R::failure(url.error());
    }
    std::unique_ptr<ProviderClient> client;
    if (provider == QLatin1String("openai")) {
        client = std::make_unique<OpenAiClient>(nam, clock, policy, *url);
    } else if (provider == QLatin1String("anthropic")) {
        client = std::make_unique<AnthropicClient>(nam, clock, policy, *url);
    } else if (provider == QLatin1String("openrouter")) {
        client = std::make_unique<OpenRouterClient>(nam, clock, policy, *url);
    } else {
        client = std::make_unique<DeepSeekClient>(nam, clock, policy, *url);
    }
    return client;
}

} // namespace burnrate

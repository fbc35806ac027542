#ifndef BURNRATE_CORE_PROVIDERS_PROVIDERREGISTRY_H
#define BURNRATE_CORE_PROVIDERS_PROVIDERREGISTRY_H

#include "providers/providerclient.h"
#include "util/result.h"

#include <QStringList>

#include <functional>
#include <memory>

namespace burnrate {

// The providers Burnrate syncs, by name: openai, anthropic, openrouter, deepseek.
QStringList syncProviders();
QString providerDisplayName(const QString &provider);

// A client for `provider`, talking to its default origin or to BURNRATE_<PROVIDER>_BASE_URL as `env` gives it.
Result<std::unique_ptr<ProviderClient>> createProviderClient(const QString &provider, QNetworkAccessManager &nam,
                                                             const Clock &clock, const HttpPolicy &policy,
                                                             const std::function<QString(const QString &)> &env);

} // namespace burnrate

#endif // BURNRATE_CORE_PROVIDERS_PROVIDERREGISTRY_H

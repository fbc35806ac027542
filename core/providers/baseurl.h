#ifndef BURNRATE_CORE_PROVIDERS_BASEURL_H
#define BURNRATE_CORE_PROVIDERS_BASEURL_H

#include "util/result.h"

#include <QString>
#include <QUrl>

#include <functional>

namespace burnrate {

// The origin a provider client talks to: the built-in default, or BURNRATE_<PROVIDER>_BASE_URL. The
// override is an origin with an optional path prefix ("https://proxy.example/openai"); a trailing
// "/v1" or "/api/v1" is dropped, since the clients add it themselves. https only; plain http is
// accepted for loopback addresses (tests, local proxies).
class BaseUrl final
{
public:
    // `provider` is the lower-case name ("openai"); `defaultOrigin` e.g. "https://api.openai.com".
    static Result<QUrl> resolve(const QString &provider, const QString &defaultOrigin,
                                const std::function<QString(const QString &)> &env);
    static Result<QUrl> parse(const QString &text, const QString &variable);
    static QString envVarFor(const QString &provider);

    // `origin` plus an absolute API path ("/v1/organization/costs").
    static QUrl join(const QUrl &origin, const QString &apiPath);
    static bool isLoopback(const QUrl &url);
    // https, or http to a loopback address.
    static bool isAllowed(const QUrl &url);
};

} // namespace burnrate

#endif // BURNRATE_CORE_PROVIDERS_BASEURL_H

#include "providers/baseurl.h"

#include <QHostAddress>

namespace burnrate {

QString BaseUrl::envVarFor(const QString &provider)
{
    return QStringLiteral("BURNRATE_%1_BASE_URL").arg(provider.toUpper());
}

bool BaseUrl::isLoopback(const QUrl &url)
{
    const QString host = url.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        return true;
    }
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool BaseUrl::isAllowed(const QUrl &url)
{
    if (url.scheme() == QLatin1String("https")) {
        return !url.host().isEmpty();
    }
    return url.scheme() == QLatin1String("http") && isLoopback(url);
}

Result<QUrl> BaseUrl::parse(const QString &text, const QString &variable)
{
    QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || url.scheme().isEmpty()) {
        return Result<QUrl>::failure(
            QStringLiteral("%1 is not a URL like https://api.example.com (got \"%2\")").arg(variable, text));
    }
    if (!isAllowed(url)) {
        return Result<QUrl>::failure(
            QStringLiteral("%1 must use https (plain http is only allowed to this computer, e.g. 127.0.0.1)")
                .arg(variable));
    }
    if (url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty()) {
        return Result<QUrl>::failure(
            QStringLiteral("%1 must be an origin with an optional path, without query, fragment or user")
                .arg(variable));
    }
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/'))) {
        path.chop(1);
    }
    for (const QLatin1String suffix : {QLatin1String("/api/v1"), QLatin1String("/v1")}) {
        if (path.endsWith(suffix)) {
            path.chop(suffix.size());
            break;
        }
    }
    url.setPath(path);
    return url;
}

Result<QUrl> BaseUrl::resolve(const QString &provider, const QString &defaultOrigin,
                              const std::function<QString(const QString &)> &env)
{
    const QString variable = envVarFor(provider);
    const QString value = env ? env(variable) : QString();
    return parse(value.isEmpty() ? defaultOrigin : value, variable);
}

QUrl BaseUrl::join(const QUrl &origin, const QString &apiPath)
{
    QUrl url = origin;
    url.setPath(origin.path() + apiPath);
    return url;
}

} // namespace burnrate
